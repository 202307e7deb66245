package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"time"

	"newsgraph/nlp/perceptron"
)

// config is what a training run may vary; defaultConfig is what the
// shipped model was trained with (chosen on CoNLL-2003 dev, eng.testa).
type config struct {
	epochs int
	prune  float32 // averaged weights below this are dropped
	seed   uint64
	// evalEvery > 0 scores the dev set every so many epochs, for choosing
	// epochs; the final model is always scored.
	evalEvery int
}

var defaultConfig = config{epochs: 12, prune: 0.01, seed: 1}

// Train trains the recogniser on CoNLL-2003 English (dataDir/conll2003/
// eng.train), reports its F1 on the dev set (eng.testa) to log, and
// writes the model file to out. dataDir is the folder of NLP data sets
// (../shared/data/nlp). Training is deterministic: the same data gives
// the same bytes.
func Train(ctx context.Context, dataDir string, out, log io.Writer) error {
	m, err := train(ctx, dataDir, log, defaultConfig)
	if err != nil {
		return err
	}
	if err := m.Save(out); err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	return nil
}

func readPrepared(x *extractor, path string) ([]*document, error) {
	docs, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make([]*document, len(docs))
	for i, doc := range docs {
		words := make([][]string, len(doc))
		gold := make([][]Span, len(doc))
		for j, s := range doc {
			words[j], gold[j] = s.Words, s.Spans
		}
		out[i] = preparedDoc(x, words, gold)
	}
	return out, nil
}

func train(ctx context.Context, dataDir string, log io.Writer, cfg config) (*perceptron.Model, error) {
	begin := time.Now()
	x, err := newExtractor()
	if err != nil {
		return nil, err
	}
	trainSet, err := readPrepared(x, filepath.Join(dataDir, "conll2003", "eng.train"))
	if err != nil {
		return nil, err
	}
	devSet, err := readPrepared(x, filepath.Join(dataDir, "conll2003", "eng.testa"))
	if err != nil {
		fmt.Fprintf(log, "ner: no dev set: %v\n", err)
		devSet = nil
	}
	fmt.Fprintf(log, "ner: %d training documents ready in %s\n", len(trainSet), time.Since(begin).Round(time.Millisecond))

	tr := perceptron.NewTrainer(classNames)
	rng := rand.New(rand.NewPCG(cfg.seed, 0x6e6572))
	order := make([]int, len(trainSet))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= cfg.epochs; epoch++ {
		// Documents, not sentences, are shuffled: the features of a
		// sentence depend on the ones before it in its document.
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("ner: training: %w", err)
			}
			trainSet[i].run(tr)
		}
		if cfg.evalEvery > 0 && epoch%cfg.evalEvery == 0 && epoch < cfg.epochs && devSet != nil {
			fmt.Fprintf(log, "ner: epoch %d: dev %s (%s)\n", epoch, devReport(devSet, tr.Average(cfg.prune)), time.Since(begin).Round(time.Second))
		}
	}
	m := tr.Average(cfg.prune)
	fmt.Fprintf(log, "ner: %d epochs, %d features, in %s\n", cfg.epochs, m.NumFeatures(), time.Since(begin).Round(time.Second))
	if devSet != nil {
		fmt.Fprintf(log, "ner: CoNLL-2003 dev (eng.testa) %s\n", devReport(devSet, m))
	}
	return m, nil
}

// devReport labels set with m and scores it.
func devReport(set []*document, m *perceptron.Model) string {
	var sc Score
	for _, d := range set {
		for i, t := range d.run(m) {
			sc.Add(d.spans[i], decode(t))
		}
	}
	return formatScore(&sc)
}

func formatScore(sc *Score) string {
	p, r, f := sc.PRF("")
	s := fmt.Sprintf("P %.2f R %.2f F1 %.2f", 100*p, 100*r, 100*f)
	for _, t := range Types {
		_, _, f := sc.PRF(t)
		s += fmt.Sprintf(" %s %.2f", t, 100*f)
	}
	return s
}
