package parser

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"newsgraph/nlp/conllu"
	"newsgraph/nlp/perceptron"
)

// GUMGenres are the GUM genres whose licence lets shipped weights learn
// from them (see ../shared/DATA.md); a document's id names its genre.
var GUMGenres = []string{"news", "interview", "bio", "voyage", "textbook", "vlog", "speech", "conversation"}

// config holds the training settings; Train uses defaultConfig.
type config struct {
	epochs  int
	explore float64 // chance of following a wrong prediction, from epoch 2
	prune   float32 // averaged weights of this magnitude or less are dropped
	gum     bool    // add the allowed GUM genres to EWT train
	folds   int     // jackknife folds for predicted training tags; 0 keeps gold tags
	seed    uint64
}

// defaultConfig is what the shipped model was trained with. Pruning at 1
// keeps half the features (about 20 MB on disk) for 0.2 UAS on EWT dev;
// jackknifed tags and the GUM genres each gained on dev with predicted tags.
var defaultConfig = config{epochs: 15, explore: 0.9, prune: 1, gum: true, folds: 4, seed: 1}

// tagEpochs is how long the jackknifing taggers train.
const tagEpochs = 5

// Train trains the parser on UD English-EWT train (and the GUM genres in
// GUMGenres) under dataDir (../shared/data/nlp), reports EWT dev scores to
// log, and writes the model to out. It is deterministic.
func Train(ctx context.Context, dataDir string, out io.Writer, log io.Writer) error {
	p, err := train(ctx, dataDir, defaultConfig, log)
	if err != nil {
		return err
	}
	if err := p.Encode(out); err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	return nil
}

// Example is one gold sentence for training or scoring.
type Example struct {
	Words, UPOS, XPOS []string
	Heads             []int
	Labels            []string
}

// ReadExamples reads the sentences of a CoNLL-U file; keep, when not nil,
// chooses sentences by document id.
func ReadExamples(path string, keep func(docID string) bool) ([]Example, error) {
	sents, err := conllu.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, s := range sents {
		if keep != nil && !keep(s.DocID) {
			continue
		}
		var e Example
		for _, t := range s.Tokens {
			e.Words = append(e.Words, t.Form)
			e.UPOS = append(e.UPOS, t.UPOS)
			e.XPOS = append(e.XPOS, t.XPOS)
			e.Heads = append(e.Heads, t.Head)
			e.Labels = append(e.Labels, t.Deprel)
		}
		out = append(out, e)
	}
	return out, nil
}

// AllowedGUM reports whether a GUM document may train shipped weights.
func AllowedGUM(docID string) bool {
	for _, g := range GUMGenres {
		if strings.HasPrefix(docID, "GUM_"+g+"_") {
			return true
		}
	}
	return false
}

// trainSent is a training sentence: hashed attributes, the projective
// heads the oracle aims at (index 0 is the root), and gold relation ids.
type trainSent struct {
	s      *sentence
	heads  []int
	labels []int
}

func train(ctx context.Context, dataDir string, cfg config, log io.Writer) (*Parser, error) {
	start := time.Now()
	ewt := filepath.Join(dataDir, "ud-ewt")
	exs, err := ReadExamples(filepath.Join(ewt, "en_ewt-ud-train.conllu"), nil)
	if err != nil {
		return nil, fmt.Errorf("train parser: %w", err)
	}
	if cfg.gum {
		g, err := ReadExamples(filepath.Join(dataDir, "ud-gum", "en_gum-ud-train.conllu"), AllowedGUM)
		if err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		fmt.Fprintf(log, "parser: %d EWT + %d GUM training sentences\n", len(exs), len(g))
		exs = append(exs, g...)
	}
	dev, err := ReadExamples(filepath.Join(ewt, "en_ewt-ud-dev.conllu"), nil)
	if err != nil {
		return nil, fmt.Errorf("train parser: %w", err)
	}

	var devTagger *miniTagger
	if cfg.folds > 0 {
		var changed float64
		if devTagger, err = trainMiniTagger(ctx, exs, tagEpochs); err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		if exs, changed, err = jackknife(ctx, exs, cfg.folds, tagEpochs); err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		fmt.Fprintf(log, "parser: jackknifed tags (%d folds): %.2f%% of XPOS differ from gold, %s\n", cfg.folds, 100*changed, time.Since(start).Round(time.Second))
	}

	// Relation classes, sorted so that the model is deterministic.
	seen := map[string]bool{rootLabel: true}
	for _, e := range exs {
		for _, l := range e.Labels {
			seen[l] = true
		}
	}
	classes, labelID := indexed(seen)

	var sents []trainSent
	lifted, skipped := 0, 0
	for _, e := range exs {
		heads, ok := projectivize(e.Heads)
		if !ok {
			skipped++
			continue
		}
		if !equalInts(heads, e.Heads) {
			lifted++
		}
		ts := trainSent{s: newSentence(e.Words, e.UPOS, e.XPOS), heads: append([]int{-1}, heads...), labels: make([]int, len(e.Labels)+1)}
		for i, l := range e.Labels {
			ts.labels[i+1] = labelID[l]
		}
		sents = append(sents, ts)
	}
	fmt.Fprintf(log, "parser: %d sentences, %d non-projective lifted, %d skipped (not a tree with one root)\n", len(sents), lifted, skipped)

	tt := perceptron.NewTrainer(transitionNames)
	lt := perceptron.NewTrainer(classes)
	rootID := labelID[rootLabel]
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x5eed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var fb featBuf
	lscore := make([]float32, len(classes))
	for epoch := 1; epoch <= cfg.epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var steps, wrong, arcs, lwrong int
		for k, si := range order {
			if k%1000 == 0 && ctx.Err() != nil {
				return nil, fmt.Errorf("train parser: %w", ctx.Err())
			}
			ts := &sents[si]
			st := newState(ts.s.n)
			for !st.terminal() {
				fb.reset()
				transFeatures(&fb, ts.s, st)
				var scores [numTransitions]float32
				tt.Scores(fb.feats, scores[:])
				tt.Tick()
				pred := st.best(scores[:])
				costs := st.costs(ts.heads)
				minCost := costs[pred]
				for t := range numTransitions {
					if st.valid(t) && costs[t] < minCost {
						minCost = costs[t]
					}
				}
				gold := -1
				for t := range numTransitions {
					if st.valid(t) && costs[t] == minCost && (gold < 0 || scores[t] > scores[gold]) {
						gold = t
					}
				}
				next := pred
				steps++
				if costs[pred] > minCost {
					wrong++
					tt.Update(fb.feats, gold, pred)
					if epoch == 1 || rng.Float64() >= cfg.explore {
						next = gold
					}
				}
				h, d := st.arc(next)
				lab := rootID
				if next != shift && h != 0 {
					fb.reset()
					labelFeatures(&fb, ts.s, st, h, d)
					lt.Scores(fb.feats, lscore)
					lt.Tick()
					lab = argmaxExcept(lscore, rootID)
					if ts.heads[d] == h {
						arcs++
						if lab != ts.labels[d] {
							lwrong++
							lt.Update(fb.feats, ts.labels[d], lab)
						}
					}
				}
				st.apply(next, lab)
			}
		}
		fmt.Fprintf(log, "parser: epoch %d: transitions %.2f%% wrong, labels %.2f%% wrong, %s\n",
			epoch, 100*float64(wrong)/float64(max(steps, 1)), 100*float64(lwrong)/float64(max(arcs, 1)),
			time.Since(start).Round(time.Second))
		if epoch%5 == 0 || epoch == cfg.epochs {
			p, err := fromModels(tt.Average(cfg.prune), lt.Average(cfg.prune))
			if err != nil {
				return nil, fmt.Errorf("train parser: %w", err)
			}
			sc := Evaluate(p, dev, nil)
			fmt.Fprintf(log, "parser: epoch %d: EWT dev UAS %.2f LAS %.2f (gold tags)\n", epoch, sc.UAS(), sc.LAS())
			if devTagger != nil {
				sc := Evaluate(p, dev, devTagger.Tag)
				fmt.Fprintf(log, "parser: epoch %d: EWT dev UAS %.2f LAS %.2f (tags from the jackknife tagger)\n", epoch, sc.UAS(), sc.LAS())
			}
			if epoch == cfg.epochs {
				fmt.Fprintf(log, "parser: %d+%d features after pruning, trained in %s\n",
					p.trans.NumFeatures(), p.label.NumFeatures(), time.Since(start).Round(time.Second))
				return p, nil
			}
		}
	}
	return nil, fmt.Errorf("train parser: no epochs")
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// costs returns, for each transition, how many gold arcs (heads, with
// heads[0] unused) it makes unreachable: the arc-hybrid dynamic oracle of
// Goldberg & Nivre (2013), exact for projective trees.
func (st *state) costs(heads []int) [numTransitions]int {
	var c [numTransitions]int
	s0, s1 := st.stackAt(0), st.stackAt(1)
	inBuf := func(i int) bool { return i >= st.b && i <= st.n }
	// Dependents of s0 still in the buffer are lost by popping s0.
	depsInBuf := 0
	if s0 > 0 {
		for i := st.b; i <= st.n; i++ {
			if heads[i] == s0 {
				depsInBuf++
			}
		}
	}
	if st.b <= st.n {
		b0 := st.b
		for j, x := range st.stack {
			if heads[x] == b0 && x != 0 {
				c[shift]++
			}
			if x == heads[b0] && j != len(st.stack)-1 {
				c[shift]++
			}
		}
	}
	if s0 > 0 {
		h := heads[s0]
		c[left] = depsInBuf
		if h == s1 || (inBuf(h) && h != st.b) {
			c[left]++
		}
		c[right] = depsInBuf
		if inBuf(h) {
			c[right]++
		}
	}
	return c
}

// projectivize returns heads with every non-projective arc lifted to the
// head's head until the tree is projective (Nivre & Nilsson 2005, without
// encoding the lifts in labels), and false when heads is not a tree with
// one root or lifting gives the root a second dependent.
func projectivize(heads []int) ([]int, bool) {
	n := len(heads)
	h := append([]int(nil), heads...)
	roots := 0
	for _, x := range h {
		if x < 0 || x > n {
			return nil, false
		}
		if x == 0 {
			roots++
		}
	}
	if roots != 1 {
		return nil, false
	}
	// dominated reports whether word a (1-based) has b among its
	// ancestors; the step bound guards against cycles.
	dominated := func(a, b int) bool {
		for steps := 0; a != 0 && steps <= n; steps++ {
			a = h[a-1]
			if a == b {
				return true
			}
		}
		return b == 0
	}
	for range n * n {
		// The shortest non-projective arc goes first.
		best, bestLen := -1, n+1
		for d := 1; d <= n; d++ {
			hd := h[d-1]
			lo, hi := min(hd, d), max(hd, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominated(k, hd) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 {
			break
		}
		hd := h[best-1]
		if hd == 0 {
			return nil, false
		}
		h[best-1] = h[hd-1]
	}
	roots = 0
	for _, x := range h {
		if x == 0 {
			roots++
		}
	}
	return h, roots == 1
}

// Score counts attachment over words: Heads right, and Heads and Labels
// right. Labels compare by their universal part (before ":"), as the
// CoNLL 2018 shared task did; LabelsFull also compares subtypes.
type Score struct {
	Words, Heads, Labels, LabelsFull int
}

// UAS is the unlabelled attachment score in percent.
func (s Score) UAS() float64 { return pct(s.Heads, s.Words) }

// LAS is the labelled attachment score in percent.
func (s Score) LAS() float64 { return pct(s.Labels, s.Words) }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Add scores one sentence, every word counted, punctuation included.
func (s *Score) Add(goldHeads []int, goldLabels []string, heads []int, labels []string) {
	for i := range goldHeads {
		s.Words++
		if i >= len(heads) || heads[i] != goldHeads[i] {
			continue
		}
		s.Heads++
		if i < len(labels) && i < len(goldLabels) {
			if universal(labels[i]) == universal(goldLabels[i]) {
				s.Labels++
			}
			if labels[i] == goldLabels[i] {
				s.LabelsFull++
			}
		}
	}
}

func universal(l string) string {
	u, _, _ := strings.Cut(l, ":")
	return u
}

// Evaluate parses every example, with tags from tag when it is not nil
// (else the gold tags), and scores the result.
func Evaluate(p *Parser, exs []Example, tag func(words []string) (upos, xpos []string)) Score {
	var sc Score
	for _, e := range exs {
		upos, xpos := e.UPOS, e.XPOS
		if tag != nil {
			upos, xpos = tag(e.Words)
		}
		heads, labels := p.Parse(e.Words, upos, xpos)
		sc.Add(e.Heads, e.Labels, heads, labels)
	}
	return sc
}
