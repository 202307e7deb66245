package sentences

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"newsgraph/document"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/perceptron"
	"newsgraph/nlp/tagger"
	"newsgraph/nlp/tokenize"
)

// Training settings, chosen on the dev sets.
const (
	// maxEpochs bounds training; the epoch whose averaged model has the
	// best boundary F1 on the dev sets is kept.
	maxEpochs = 10
	// prune drops averaged weights smaller than this from the saved model.
	prune = 0.05
	// seed fixes the shuffling of documents between epochs.
	seed = 1729
)

// Files under the data folder (../shared/data/nlp).
var (
	ewtTrain = filepath.Join("ud-ewt", "en_ewt-ud-train.conllu")
	ewtDev   = filepath.Join("ud-ewt", "en_ewt-ud-dev.conllu")
	gumTrain = filepath.Join("ud-gum", "en_gum-ud-train.conllu")
	gumDev   = filepath.Join("ud-gum", "en_gum-ud-dev.conllu")
)

// doc is one training or dev document: its text, tokens, and the tokens
// after which a gold sentence ends.
type doc struct {
	text  string
	toks  []document.Token
	gold  []bool       // gold[i]: a sentence ends after token i
	golds map[int]bool // gold sentence starts other than the first
}

// Train trains the splitter on the treebanks under dataDir (UD
// English-EWT train and the shippable genres of UD English-GUM train,
// each document's raw text rebuilt by Rebuild), chooses the number of
// epochs on their dev sets, and writes the model to out. Progress goes to
// log. The same data gives the same bytes.
func Train(ctx context.Context, dataDir string, out, log io.Writer) error {
	start := time.Now()
	m, err := train(ctx, dataDir, log)
	if err != nil {
		return fmt.Errorf("train sentences: %w", err)
	}
	if err := m.Save(out); err != nil {
		return fmt.Errorf("train sentences: write model: %w", err)
	}
	fmt.Fprintf(log, "sentences: model written in %.1fs\n", time.Since(start).Seconds())
	return nil
}

func train(ctx context.Context, dataDir string, log io.Writer) (*perceptron.Model, error) {
	start := time.Now()
	trainDocs, err := readDocs(dataDir, ewtTrain, gumTrain)
	if err != nil {
		return nil, err
	}
	devDocs, err := readDocs(dataDir, ewtDev, gumDev)
	if err != nil {
		return nil, err
	}
	if len(trainDocs) == 0 {
		return nil, fmt.Errorf("no training documents in %s", dataDir)
	}
	missed, total := 0, 0
	for _, d := range trainDocs {
		fx := newFeaturizer(d.text, d.toks)
		for i, g := range d.gold {
			if g && i < len(d.toks)-1 {
				total++
				if fx.kind(i) == candNone {
					missed++
				}
			}
		}
	}
	fmt.Fprintf(log, "sentences: %d training documents, %d dev; %d of %d training boundaries not candidates (%.1fs)\n",
		len(trainDocs), len(devDocs), missed, total, time.Since(start).Seconds())
	m, err := fit(ctx, trainDocs, devDocs, maxEpochs, log)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "sentences: %d features (%.1fs)\n", m.NumFeatures(), time.Since(start).Seconds())
	return m, nil
}

// fit trains for up to epochs passes and returns the averaged model of
// the epoch with the best dev F1 (the last one when dev is empty).
func fit(ctx context.Context, trainDocs, devDocs []doc, epochs int, log io.Writer) (*perceptron.Model, error) {
	tr := perceptron.NewTrainer(classes)
	order := make([]int, len(trainDocs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	scores := make([]float32, len(classes))
	var best *perceptron.Model
	bestF1, bestEpoch := -1.0, 0
	for epoch := 1; epoch <= epochs; epoch++ {
		epochStart := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, n := 0, 0
		for _, idx := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			d := &trainDocs[idx]
			fx := newFeaturizer(d.text, d.toks)
			sentStart := 0
			for i := range d.toks {
				if i == len(d.toks)-1 {
					break
				}
				switch fx.kind(i) {
				case candParagraph:
					sentStart = i + 1
					continue
				case candNone:
					continue
				}
				truth := classNo
				if d.gold[i] {
					truth = classYes
				}
				feats := fx.features(i, i-sentStart)
				guess := tr.Predict(feats, scores)
				tr.Update(feats, truth, guess)
				tr.Tick()
				if guess == truth {
					right++
				}
				n++
				// Go on from the guess, as at splitting time.
				if guess == classYes {
					sentStart = i + 1
				}
			}
		}
		m := tr.Average(prune)
		f1 := 1.0
		if len(devDocs) > 0 {
			f1 = f1Score(&Splitter{model: m}, devDocs)
		}
		fmt.Fprintf(log, "sentences: epoch %d/%d: train accuracy %.4f, dev F1 %.4f, %d features (%.1fs)\n",
			epoch, epochs, float64(right)/float64(max(n, 1)), f1, m.NumFeatures(), time.Since(epochStart).Seconds())
		if f1 > bestF1 {
			best, bestF1, bestEpoch = m, f1, epoch
		}
	}
	fmt.Fprintf(log, "sentences: kept epoch %d (dev F1 %.4f)\n", bestEpoch, bestF1)
	return best, nil
}

// f1Score returns the boundary F1 of s over docs: a boundary is the offset
// where a sentence other than a document's first starts, counted only at
// the exact gold offset.
func f1Score(s *Splitter, docs []doc) float64 {
	tp, pred, gold := 0, 0, 0
	for _, d := range docs {
		gold += len(d.golds)
		for k, sp := range s.Split(d.text, d.toks) {
			if k == 0 {
				continue
			}
			pred++
			if d.golds[sp[0]] {
				tp++
			}
		}
	}
	if pred+gold == 0 {
		return 1
	}
	return 2 * float64(tp) / float64(pred+gold)
}

// readDocs reads the named treebanks under dir (GUM's shippable genres
// only) and rebuilds their documents.
func readDocs(dir string, names ...string) ([]doc, error) {
	var out []doc
	for _, name := range names {
		sents, err := conllu.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if strings.Contains(name, "gum") {
			kept := sents[:0]
			for _, s := range sents {
				if tagger.ShippableGUM(s.DocID) {
					kept = append(kept, s)
				}
			}
			sents = kept
		}
		for _, d := range Rebuild(sents) {
			out = append(out, newDoc(d))
		}
	}
	return out, nil
}

// newDoc tokenises a rebuilt document and marks its gold boundaries: a
// sentence ends after token i when token i+1 starts a gold sentence.
func newDoc(d Document) doc {
	toks := tokenize.Text(d.Text)
	golds := make(map[int]bool, len(d.Starts))
	for _, s := range d.Starts[1:] {
		golds[s] = true
	}
	gold := make([]bool, len(toks))
	for i := 0; i+1 < len(toks); i++ {
		gold[i] = golds[toks[i+1].Start]
	}
	return doc{text: d.Text, toks: toks, gold: gold, golds: golds}
}
