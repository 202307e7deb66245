package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"newsgraph/nlp"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/sentences"
	"newsgraph/nlp/tagger"
)

func init() { Register("nlp", runNLP) }

// nlpParts are the further parts of the nlp suite (name recognition,
// parsing), each adding its metrics to the report. Their files append to
// it from init, so that a new part needs no change here; runNLP calls them
// in order after the tagger's part.
var nlpParts []func(ctx context.Context, dir string, opts Options, rep *Report) error

// proseName names the baseline in the report: github.com/jdkato/prose/v2,
// a pure-Go tagger (PTB tags) and Punkt sentence segmenter.
const proseName = "prose"

// runNLP measures the statistical NLP core on the treebanks under dir
// (../shared/data/nlp): sentence splitting, tagging and lemmas here, then
// whatever nlpParts add.
func runNLP(ctx context.Context, dir string, opts Options) (*Report, error) {
	rep := &Report{
		Suite:     "nlp",
		Data:      dir,
		Metrics:   map[string]float64{},
		Baselines: map[string]map[string]float64{proseName: {}},
	}
	if err := tagPart(ctx, dir, opts, rep); err != nil {
		return nil, err
	}
	for _, part := range nlpParts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := part(ctx, dir, opts, rep); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// dataRoot returns dir when it holds sub, else dir/nlp: dir is
// ../shared/data/nlp or a folder holding it as nlp/.
func dataRoot(dir, sub string) string {
	if _, err := os.Stat(filepath.Join(dir, sub)); err != nil {
		return filepath.Join(dir, "nlp")
	}
	return dir
}

// present reports whether the file of the benchmark set name is at path,
// noting in rep that the set is not measured when it is not.
func present(rep *Report, name, path string) bool {
	if _, err := os.Stat(path); err != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s: %s missing, not measured", name, path))
		return false
	}
	return true
}

// tagSets are the test treebanks of the tagger's part, by metric prefix.
var tagSets = []struct{ name, path string }{
	{"ewt_test", filepath.Join("ud-ewt", "en_ewt-ud-test.conllu")},
	{"gum_test", filepath.Join("ud-gum", "en_gum-ud-test.conllu")},
}

// tagPart measures sentence boundaries (our splitter and prose's) on each
// test set's raw text, and the tagger and lemmatizer (and prose's tagger)
// on its gold tokens.
func tagPart(ctx context.Context, dir string, opts Options, rep *Report) error {
	t, err := tagger.Load()
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		rep.Notes = append(rep.Notes, "no tagger model in this build (models/data/tagger.model.gz): tagging not measured; run 'newsgraph train tagger'")
	}
	proseModel := prose.ModelFromData("prose-default")
	base := rep.Baselines[proseName]
	for _, set := range tagSets {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(dir, set.path)
		if !present(rep, set.name, path) {
			continue
		}
		sents, err := conllu.ReadFile(path)
		if err != nil {
			return err
		}
		if opts.Limit > 0 && len(sents) > opts.Limit {
			sents = sents[:opts.Limit]
		}
		ours, theirs, err := sentenceF1(sents, proseModel)
		if err != nil {
			return fmt.Errorf("%s: %w", set.name, err)
		}
		rep.Metrics[set.name+"_sentence_f1"] = ours
		base[set.name+"_sentence_f1"] = theirs

		if t != nil {
			m := tagAccuracy(t, sents)
			rep.Metrics[set.name+"_upos"] = m.upos
			rep.Metrics[set.name+"_xpos"] = m.xpos
			rep.Metrics[set.name+"_lemma"] = m.lemma
			if set.name == "ewt_test" {
				rep.Metrics["tagger_tokens_per_s"] = m.tokensPerSec
			}
		}
		px, err := proseXPOS(sents, proseModel)
		if err != nil {
			return fmt.Errorf("%s: prose: %w", set.name, err)
		}
		base[set.name+"_xpos"] = px
	}
	rep.Notes = append(rep.Notes,
		"tagging and lemmas on gold tokens; lemma accuracy with the predicted UPOS, exact match; tagger_tokens_per_s: one goroutine, best of three passes over EWT test",
		"sentence F1: exact boundary offsets in each document's text rebuilt from '# text', SpaceAfter and '# newpar' (a blank line, which both splitters take as a break)",
		"prose (github.com/jdkato/prose/v2): PTB tags only (its tags have no simple UPOS mapping); it re-tokenises the gold words joined by spaces, each gold word taking the tag of prose's first token in it")
	return nil
}

// tagScores are the tagger's figures on one set.
type tagScores struct {
	upos, xpos, lemma, tokensPerSec float64
}

// tagAccuracy tags every sentence of sents on its gold tokens.
func tagAccuracy(t *tagger.Tagger, sents []conllu.Sentence) tagScores {
	words := make([][]string, len(sents))
	n := 0
	for i, s := range sents {
		words[i] = make([]string, len(s.Tokens))
		for j, tok := range s.Tokens {
			words[i][j] = tok.Form
		}
		n += len(s.Tokens)
	}
	upos := make([][]string, len(sents))
	xpos := make([][]string, len(sents))
	// The best of three passes: on a shared machine the others are
	// slowed by whatever else runs, and the best is the nearest to the
	// tagger's own speed.
	elapsed := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		for i, w := range words {
			upos[i], xpos[i] = t.Tag(w)
		}
		elapsed = min(elapsed, time.Since(start))
	}
	var ur, xr, lr int
	for i, s := range sents {
		for j, tok := range s.Tokens {
			if upos[i][j] == tok.UPOS {
				ur++
			}
			if xpos[i][j] == tok.XPOS {
				xr++
			}
			if t.Lemma(tok.Form, upos[i][j]) == tok.Lemma {
				lr++
			}
		}
	}
	d := float64(max(n, 1))
	return tagScores{
		upos:         float64(ur) / d,
		xpos:         float64(xr) / d,
		lemma:        float64(lr) / d,
		tokensPerSec: float64(n) / max(elapsed.Seconds(), 1e-9),
	}
}

// proseXPOS returns prose's PTB tag accuracy on the gold tokens of sents.
func proseXPOS(sents []conllu.Sentence, model *prose.Model) (float64, error) {
	right, n := 0, 0
	for _, s := range sents {
		var b strings.Builder
		starts := make([]int, len(s.Tokens))
		for j, tok := range s.Tokens {
			if j > 0 {
				b.WriteByte(' ')
			}
			starts[j] = b.Len()
			b.WriteString(tok.Form)
		}
		text := b.String()
		doc, err := prose.NewDocument(text, prose.UsingModel(model),
			prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			return 0, err
		}
		tags := make([]string, len(s.Tokens))
		pos, word := 0, 0
		for _, tok := range doc.Tokens() {
			at := strings.Index(text[pos:], tok.Text)
			if at < 0 {
				continue // prose changed the token's text; leave it out
			}
			at += pos
			pos = at + len(tok.Text)
			for word+1 < len(starts) && starts[word+1] <= at {
				word++
			}
			if tags[word] == "" {
				tags[word] = proseTag(tok.Tag)
			}
		}
		for j, tok := range s.Tokens {
			if tags[j] == tok.XPOS {
				right++
			}
			n++
		}
	}
	return float64(right) / float64(max(n, 1)), nil
}

// proseTag spells prose's bracket tags as the treebanks do.
func proseTag(tag string) string {
	switch tag {
	case "(":
		return "-LRB-"
	case ")":
		return "-RRB-"
	}
	return tag
}

// rawDoc is one document's raw text rebuilt from its sentences, with
// the gold offset where each sentence starts.
type rawDoc struct {
	text   string
	starts []int
}

// rebuildDocuments joins sentences into documents as sentences.Rebuild
// does (the splitter's training sees the same text).
func rebuildDocuments(sents []conllu.Sentence) []rawDoc {
	var docs []rawDoc
	for _, d := range sentences.Rebuild(sents) {
		docs = append(docs, rawDoc{text: d.Text, starts: d.Starts})
	}
	return docs
}

// sentenceF1 returns the boundary F1 of nlp.SplitSentences and of prose's
// segmenter over the documents of sents. A boundary is the offset where a
// sentence other than a document's first starts; a predicted one counts
// only at the exact gold offset.
func sentenceF1(sents []conllu.Sentence, model *prose.Model) (ours, theirs float64, err error) {
	var oc, tc counts
	for _, d := range rebuildDocuments(sents) {
		gold := map[int]bool{}
		for _, s := range d.starts[1:] {
			gold[s] = true
		}
		var mine []int
		for i, s := range nlp.SplitSentences(d.text) {
			if i > 0 {
				mine = append(mine, s.Start)
			}
		}
		oc.add(gold, mine)
		doc, err := prose.NewDocument(d.text, prose.UsingModel(model),
			prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			return 0, 0, err
		}
		var theirsAt []int
		pos := 0
		for i, s := range doc.Sentences() {
			at := strings.Index(d.text[pos:], strings.TrimSpace(s.Text))
			if at < 0 {
				continue // text not found verbatim: count no boundary
			}
			at += pos
			pos = at + len(strings.TrimSpace(s.Text))
			if i > 0 {
				theirsAt = append(theirsAt, at)
			}
		}
		tc.add(gold, theirsAt)
	}
	return oc.f1(), tc.f1(), nil
}

// counts tallies predicted boundaries against gold ones.
type counts struct{ tp, pred, gold int }

func (c *counts) add(gold map[int]bool, pred []int) {
	c.gold += len(gold)
	c.pred += len(pred)
	for _, p := range pred {
		if gold[p] {
			c.tp++
		}
	}
}

func (c counts) f1() float64 {
	if c.pred+c.gold == 0 {
		return 1
	}
	return 2 * float64(c.tp) / float64(c.pred+c.gold)
}
