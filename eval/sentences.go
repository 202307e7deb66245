package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"newsgraph/nlp"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/sentences"
)

func init() { nlpParts = append(nlpParts, sentencePart) }

// sentencePart measures the trained sentence splitter (nlp/sentences) on
// the test sets of the tagger's part, on the same rebuilt raw text as the
// rule-based splitter's *_sentence_f1, as *_sentence_f1_model.
func sentencePart(ctx context.Context, dir string, opts Options, rep *Report) error {
	sp, err := sentences.Load()
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		rep.Notes = append(rep.Notes, "no sentence model in this build (models/data/sentences.model.gz): model sentence F1 not measured; run 'newsgraph train sentences'")
		return nil
	}
	for _, set := range tagSets {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(dir, set.path)
		if !present(rep, set.name+" (sentence model)", path) {
			continue
		}
		sents, err := conllu.ReadFile(path)
		if err != nil {
			return err
		}
		if opts.Limit > 0 && len(sents) > opts.Limit {
			sents = sents[:opts.Limit]
		}
		rep.Metrics[set.name+"_sentence_f1_model"] = modelSentenceF1(sp, sents)
	}
	rep.Notes = append(rep.Notes, fmt.Sprintf("*_sentence_f1_model: the trained splitter (nlp/sentences, %s) on nlp.Tokenize of the same rebuilt text as *_sentence_f1", sentences.ModelFile))
	return nil
}

// modelSentenceF1 returns the boundary F1 of sp over the documents of
// sents, counted as sentenceF1 counts it.
func modelSentenceF1(sp *sentences.Splitter, sents []conllu.Sentence) float64 {
	var c counts
	for _, d := range rebuildDocuments(sents) {
		gold := map[int]bool{}
		for _, s := range d.starts[1:] {
			gold[s] = true
		}
		var pred []int
		for i, span := range sp.Split(d.text, nlp.Tokenize(d.text)) {
			if i > 0 {
				pred = append(pred, span[0])
			}
		}
		c.add(gold, pred)
	}
	return c.f1()
}
