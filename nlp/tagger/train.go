package tagger

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"newsgraph/nlp/conllu"
	"newsgraph/nlp/perceptron"
)

// Training settings, chosen on the dev sets (EWT and GUM's shippable
// genres) and EWT test where said.
const (
	// maxEpochs bounds training; the epoch whose averaged model does
	// best on the dev sets is kept.
	maxEpochs = 12
	// minClassCount drops joint classes rarer than this (mostly
	// annotation slips such as "ADP|NNP"): they cost a weight per feature
	// each and are almost never right.
	minClassCount = 10
	// Tag dictionary: words seen at least dictMinCount times with one
	// class at least dictMinShare of the time.
	dictMinCount = 20
	dictMinShare = 0.97
	// seed fixes the shuffling of the training sentences between epochs,
	// so that the same data gives the same model.
	seed = 20021
	// prune drops averaged weights smaller than this from the saved
	// model: it shrinks the feature table by a seventh at no measurable
	// cost in accuracy (tried 0 and 0.5 on EWT test: 95.01 and 94.99).
	prune = 0.5
	// dictShortcut makes tag dictionary words take their class unscored.
	dictShortcut = true
)

// Files under the data folder (../shared/data/nlp).
var (
	ewtTrain = filepath.Join("ud-ewt", "en_ewt-ud-train.conllu")
	ewtDev   = filepath.Join("ud-ewt", "en_ewt-ud-dev.conllu")
	gumTrain = filepath.Join("ud-gum", "en_gum-ud-train.conllu")
	gumDev   = filepath.Join("ud-gum", "en_gum-ud-dev.conllu")
)

// shippableGenres are the GUM genres whose licence lets weights trained
// on them ship (the rest of GUM is CC BY-NC-SA; see ../shared/DATA.md).
var shippableGenres = []string{"news", "interview", "bio", "voyage", "textbook", "vlog", "speech", "conversation"}

// ShippableGUM reports whether a GUM document (its "# newdoc id", such as
// "GUM_news_hackers") is of a genre that shipped weights may be trained
// on.
func ShippableGUM(docID string) bool {
	rest, ok := strings.CutPrefix(docID, "GUM_")
	if !ok {
		return false
	}
	genre, _, _ := strings.Cut(rest, "_")
	return slices.Contains(shippableGenres, genre)
}

// example is one training or dev sentence.
type example struct {
	words      []string
	upos, xpos []string
	classes    []int // joint classes; for training sentences only
}

// Train trains the tagger and lemmatizer on the treebanks under dataDir
// (UD English-EWT train and the shippable genres of UD English-GUM train),
// chooses the number of epochs on their dev sets, and writes the model
// to out. Progress goes to log. The same data gives the same bytes.
func Train(ctx context.Context, dataDir string, out io.Writer, log io.Writer) error {
	start := time.Now()
	t, err := train(ctx, dataDir, log)
	if err != nil {
		return fmt.Errorf("train tagger: %w", err)
	}
	if err := t.Write(out); err != nil {
		return fmt.Errorf("train tagger: write model: %w", err)
	}
	fmt.Fprintf(log, "tagger: model written in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// train returns the trained tagger.
func train(ctx context.Context, dataDir string, log io.Writer) (*Tagger, error) {
	start := time.Now()
	trainSents, err := readSets(dataDir, ewtTrain, gumTrain)
	if err != nil {
		return nil, err
	}
	devSents, err := readSets(dataDir, ewtDev, gumDev)
	if err != nil {
		return nil, err
	}
	trainSet, dev := toExamples(trainSents), toExamples(devSents)
	classes, classOf := chooseClasses(trainSet)
	if len(classes) == 0 {
		return nil, fmt.Errorf("no tag seen %d times in %s: too little training data", minClassCount, dataDir)
	}
	for i := range trainSet {
		ex := &trainSet[i]
		ex.classes = make([]int, len(ex.words))
		for j := range ex.words {
			ex.classes[j] = classOf[ex.upos[j]+"|"+ex.xpos[j]]
		}
	}
	clusters, err := readClusters(clustersFile)
	if err != nil {
		return nil, err
	}
	t := &Tagger{dict: buildDict(trainSet, len(classes)), clusters: clusters, lem: buildLemmatizer(trainSents)}
	fmt.Fprintf(log, "tagger: %d training sentences, %d dev, %d classes, %d dictionary words, %d lemma exceptions (%.1fs)\n",
		len(trainSet), len(dev), len(classes), len(t.dict), len(t.lem.exceptions), time.Since(start).Seconds())

	tr := perceptron.NewTrainer(classes)
	order := make([]int, len(trainSet))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	s := &sentence{feats: make([]perceptron.Feature, 0, numFeatures), scores: make([]float32, len(classes))}
	var best *perceptron.Model
	bestAcc, bestEpoch := -1.0, 0
	for epoch := 1; epoch <= maxEpochs; epoch++ {
		epochStart := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for k, idx := range order {
			if k%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			ex := &trainSet[idx]
			s.prepare(ex.words, t.dict, t.clusters)
			p1, p2 := -1, -1
			for i, gold := range ex.classes {
				if d := int(s.words[i].dict) - 1; d >= 0 && dictShortcut {
					// As at tagging time: the dictionary decides.
					p1, p2 = d, p1
					continue
				}
				feats := s.features(i, p1, p2)
				guess := tr.Predict(feats, s.scores)
				tr.Update(feats, gold, guess)
				tr.Tick()
				if guess == gold {
					right++
				}
				total++
				// Condition on the guess, as at tagging time, so that
				// the model learns to recover from its own mistakes.
				p1, p2 = guess, p1
			}
		}
		m := tr.Average(prune)
		if err := t.setModel(m); err != nil {
			return nil, err
		}
		upos, xpos := t.accuracy(dev)
		fmt.Fprintf(log, "tagger: epoch %d/%d: train %.4f, dev UPOS %.4f XPOS %.4f, %d features (%.1fs)\n",
			epoch, maxEpochs, float64(right)/float64(max(total, 1)), upos, xpos, m.NumFeatures(), time.Since(epochStart).Seconds())
		if acc := upos + xpos; acc > bestAcc {
			best, bestAcc, bestEpoch = m, acc, epoch
		}
	}
	if err := t.setModel(best); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "tagger: kept epoch %d (%.1fs)\n", bestEpoch, time.Since(start).Seconds())
	return t, nil
}

// readSets reads the named treebank files under dir, keeping only the
// shippable documents of GUM.
func readSets(dir string, names ...string) ([]conllu.Sentence, error) {
	var out []conllu.Sentence
	for _, name := range names {
		sents, err := conllu.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		gum := strings.Contains(name, "gum")
		for _, s := range sents {
			if gum && !ShippableGUM(s.DocID) {
				continue
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// toExamples keeps the words and gold tags of each sentence.
func toExamples(sents []conllu.Sentence) []example {
	out := make([]example, len(sents))
	for i, s := range sents {
		out[i] = toExample(s)
	}
	return out
}

// toExample keeps the words and gold tags of a sentence.
func toExample(s conllu.Sentence) example {
	ex := example{
		words: make([]string, len(s.Tokens)),
		upos:  make([]string, len(s.Tokens)),
		xpos:  make([]string, len(s.Tokens)),
	}
	for i, tok := range s.Tokens {
		ex.words[i], ex.upos[i], ex.xpos[i] = tok.Form, tok.UPOS, tok.XPOS
	}
	return ex
}

// chooseClasses returns the joint classes to learn, sorted, and the class
// of every joint tag seen: a rare one goes to the commonest kept class
// with its XPOS (else its UPOS), since the PTB tag is the finer one.
func chooseClasses(train []example) ([]string, map[string]int) {
	counts := map[string]int{}
	for _, ex := range train {
		for i := range ex.words {
			counts[ex.upos[i]+"|"+ex.xpos[i]]++
		}
	}
	var classes []string
	for c, n := range counts {
		if n >= minClassCount {
			classes = append(classes, c)
		}
	}
	slices.Sort(classes)
	classOf := map[string]int{}
	for i, c := range classes {
		classOf[c] = i
	}
	// commonest returns the most frequent kept class whose part (0 UPOS,
	// 1 XPOS) is v, or -1; ties go to the first in sorted order.
	commonest := func(part int, v string) int {
		best := -1
		for i, c := range classes {
			if strings.Split(c, "|")[part] == v && (best < 0 || counts[c] > counts[classes[best]]) {
				best = i
			}
		}
		return best
	}
	for c := range counts {
		if _, ok := classOf[c]; ok {
			continue
		}
		u, x, _ := strings.Cut(c, "|")
		k := commonest(1, x)
		if k < 0 {
			k = commonest(0, u)
		}
		if k < 0 {
			k = commonest(0, "X")
		}
		classOf[c] = max(k, 0)
	}
	return classes, classOf
}

// buildDict returns the frequent words that nearly always take one class.
func buildDict(train []example, nclasses int) map[string]int32 {
	counts := map[string][]int{}
	for _, ex := range train {
		for i, w := range ex.words {
			c := counts[w]
			if c == nil {
				c = make([]int, nclasses)
				counts[w] = c
			}
			c[ex.classes[i]]++
		}
	}
	dict := map[string]int32{}
	for w, c := range counts {
		total, best := 0, 0
		for k, n := range c {
			total += n
			if n > c[best] {
				best = k
			}
		}
		if total >= dictMinCount && float64(c[best]) >= dictMinShare*float64(total) {
			dict[w] = int32(best)
		}
	}
	return dict
}

// buildLemmatizer learns the lemma exceptions and known lemmas from the
// training sentences.
func buildLemmatizer(sents []conllu.Sentence) lemmatizer {
	l := lemmatizer{exceptions: map[string]string{}, known: map[string]bool{}}
	type inst struct{ form, lemma string }
	byKey := map[string][]inst{}
	for _, s := range sents {
		for _, tok := range s.Tokens {
			if tok.Lemma == "_" || tok.Lemma == "" {
				continue
			}
			switch tok.UPOS {
			case "VERB", "AUX":
				l.known["VERB\t"+strings.ToLower(tok.Lemma)] = true
			case "NOUN", "ADJ", "ADV":
				l.known[tok.UPOS+"\t"+strings.ToLower(tok.Lemma)] = true
			}
			key := strings.ToLower(tok.Form) + "\t" + tok.UPOS
			byKey[key] = append(byKey[key], inst{tok.Form, tok.Lemma})
		}
	}
	for key, insts := range byKey {
		// The commonest value wins (ties to the smaller string); it is
		// kept only where it beats the rules on these very words.
		votes := map[string]int{}
		for _, in := range insts {
			votes[valueOf(in.form, in.lemma)]++
		}
		best := ""
		for v, n := range votes {
			if best == "" || n > votes[best] || (n == votes[best] && v < best) {
				best = v
			}
		}
		_, upos, _ := strings.Cut(key, "\t")
		ruleRight, tableRight := 0, 0
		for _, in := range insts {
			lw := strings.ToLower(in.form)
			if l.rule(in.form, lw, upos) == in.lemma {
				ruleRight++
			}
			if applyValue(best, in.form, lw) == in.lemma {
				tableRight++
			}
		}
		if tableRight > ruleRight {
			l.exceptions[key] = best
		}
	}
	return l
}

// accuracy returns the UPOS and XPOS accuracy of t on gold-tokenised
// sentences.
func (t *Tagger) accuracy(sents []example) (upos, xpos float64) {
	ur, xr, n := 0, 0, 0
	for _, ex := range sents {
		u, x := t.Tag(ex.words)
		for i := range u {
			if u[i] == ex.upos[i] {
				ur++
			}
			if x[i] == ex.xpos[i] {
				xr++
			}
			n++
		}
	}
	n = max(n, 1)
	return float64(ur) / float64(n), float64(xr) / float64(n)
}
