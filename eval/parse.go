package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"newsgraph/nlp/parser"
	"newsgraph/nlp/tagger"
)

func init() { nlpParts = append(nlpParts, parsePart) }

// tagFunc tags words with UPOS and Penn Treebank tags.
type tagFunc func(words []string) (upos, xpos []string)

// loadTagger returns the shipped tagger for scoring the parser on
// predicted tags, or an error wrapping fs.ErrNotExist when this build has
// none; parsePart then scores on gold tags and says so. Tests replace it.
var loadTagger = func() (tagFunc, error) {
	t, err := tagger.Load()
	if err != nil {
		return nil, err
	}
	return t.Tag, nil
}

// parsePart scores the dependency parser on UD English-EWT test and
// English-GUM test (dir is ../shared/data/nlp, or a folder holding it as
// nlp/), over gold tokens and every word, punctuation included, as in the
// CoNLL 2018 shared task. Scores are fractions, as the suite's others.
func parsePart(ctx context.Context, dir string, opts Options, rep *Report) error {
	p, err := parser.Load()
	if errors.Is(err, fs.ErrNotExist) {
		rep.Notes = append(rep.Notes, "no parser model in this build (models/data/parser.model.gz): parsing not measured; run 'newsgraph train parser'")
		return nil
	}
	if err != nil {
		return fmt.Errorf("parse eval: %w", err)
	}
	root := dataRoot(dir, "ud-ewt")
	for _, path := range []string{filepath.Join(root, "ud-ewt", "en_ewt-ud-test.conllu"), filepath.Join(root, "ud-gum", "en_gum-ud-test.conllu")} {
		if _, err := os.Stat(path); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("parser: %s missing, parsing not measured", path))
			return nil
		}
	}
	read := func(path string) ([]parser.Example, error) {
		exs, err := parser.ReadExamples(filepath.Join(root, path), nil)
		if err != nil {
			return nil, fmt.Errorf("parse eval: %w", err)
		}
		if opts.Limit > 0 && len(exs) > opts.Limit {
			exs = exs[:opts.Limit]
		}
		return exs, ctx.Err()
	}
	ewt, err := read(filepath.Join("ud-ewt", "en_ewt-ud-test.conllu"))
	if err != nil {
		return err
	}
	gum, err := read(filepath.Join("ud-gum", "en_gum-ud-test.conllu"))
	if err != nil {
		return err
	}
	if rep.Metrics == nil {
		rep.Metrics = map[string]float64{}
	}

	start := time.Now()
	gold := parser.Evaluate(p, ewt, nil)
	elapsed := time.Since(start).Seconds()
	rep.Metrics["ewt_test_uas_goldtags"] = gold.UAS() / 100
	rep.Metrics["ewt_test_las_goldtags"] = gold.LAS() / 100
	if elapsed > 0 {
		rep.Metrics["parser_tokens_per_s"] = float64(gold.Words) / elapsed
	}

	tag, err := loadTagger()
	tags := "predicted tags from the shipped tagger"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		tag, tags = nil, "gold tags (no tagger model in this build)"
	case err != nil:
		return fmt.Errorf("parse eval: %w", err)
	}
	ewtScore, gumScore := gold, parser.Evaluate(p, gum, tag)
	if tag != nil {
		ewtScore = parser.Evaluate(p, ewt, tag)
	}
	rep.Metrics["ewt_test_uas"] = ewtScore.UAS() / 100
	rep.Metrics["ewt_test_las"] = ewtScore.LAS() / 100
	rep.Metrics["gum_test_uas"] = gumScore.UAS() / 100
	rep.Metrics["gum_test_las"] = gumScore.LAS() / 100
	rep.Notes = append(rep.Notes,
		fmt.Sprintf("parser: ewt_test_* and gum_test_* use %s; *_goldtags use gold tags; gold tokens throughout", tags),
		fmt.Sprintf("parser: LAS compares universal relations (subtypes dropped, as CoNLL 2018); with subtypes EWT test LAS is %.4f", fracOf(ewtScore.LabelsFull, ewtScore.Words)),
		fmt.Sprintf("parser: %d EWT and %d GUM test words; parser_tokens_per_s is one goroutine on EWT test with gold tags", gold.Words, gumScore.Words))
	return ctx.Err()
}

// fracOf returns a/b, 0 when b is 0.
func fracOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
