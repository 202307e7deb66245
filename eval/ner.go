package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/nlp/ner"
)

func init() { nlpParts = append(nlpParts, nerPart) }

// rulesName names the rule-based name finder of package nlp, the stage
// the statistical recogniser replaces, as a baseline.
const rulesName = "rules"

// nerSets are the name recognition benchmarks, by metric prefix. CoNLL
// dev is in-domain (the recogniser trains on CoNLL train); WikiGold
// (Wikipedia) and WNUT-17 (social media) are out of domain.
var nerSets = []struct {
	name, path string
	// perSentence reads every sentence as its own document: WNUT-17's
	// sentences are unrelated posts.
	perSentence bool
	mapType     func(string) string
}{
	{"conll_dev", filepath.Join("conll2003", "eng.testa"), false, sameType},
	{"wikigold", filepath.Join("wikigold", "wikigold.conllu"), false, sameType},
	{"wnut17_test", filepath.Join("wnut17", "emerging.test.annotated"), true, wnutType},
}

func sameType(t string) string { return t }

// wnutType maps the WNUT-17 types onto the CoNLL ones.
func wnutType(t string) string {
	switch t {
	case "person":
		return "PER"
	case "location":
		return "LOC"
	case "corporation", "group":
		return "ORG"
	case "product", "creative-work":
		return "MISC"
	}
	return ""
}

// rulesType maps the types of the rule-based finder onto the CoNLL ones;
// "" drops the name.
func rulesType(t string) string {
	switch t {
	case "PERSON":
		return "PER"
	case "ORG":
		return "ORG"
	case "GPE", "LOC":
		return "LOC"
	case "NORP", "MISC":
		return "MISC"
	}
	return ""
}

// proseType maps the labels of prose's shipped model (the ACE set:
// PERSON, ORGANIZATION, GPE, GSP, LOCATION, FACILITY) onto the CoNLL
// types. It has no MISC.
func proseType(t string) string {
	switch t {
	case "PERSON":
		return "PER"
	case "ORGANIZATION":
		return "ORG"
	case "GPE", "GSP", "LOCATION", "FACILITY":
		return "LOC"
	}
	return ""
}

// nerPart scores the name recogniser, and the rule-based finder and
// prose's as baselines, on every benchmark under dir that is present:
// exact spans and types, micro-averaged (the CoNLL scorer's figures).
func nerPart(ctx context.Context, dir string, opts Options, rep *Report) error {
	rec, err := ner.Load()
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("ner eval: %w", err)
		}
		rep.Notes = append(rep.Notes, "no name recogniser model in this build (models/data/ner.model.gz): names not measured; run 'newsgraph train ner'")
	}
	root := dataRoot(dir, "conll2003")
	if rep.Metrics == nil {
		rep.Metrics = map[string]float64{}
	}
	if rep.Baselines == nil {
		rep.Baselines = map[string]map[string]float64{}
	}
	for _, b := range []string{rulesName, proseName} {
		if rep.Baselines[b] == nil {
			rep.Baselines[b] = map[string]float64{}
		}
	}
	stage := nlp.NewWith(gazetteer.Default()) // the rule-based finder, as a baseline
	proseModel := prose.ModelFromData("prose-default")
	for _, set := range nerSets {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(root, set.path)
		if !present(rep, set.name, path) {
			continue
		}
		docs, err := ner.ReadFile(path)
		if err != nil {
			return fmt.Errorf("ner eval: %w", err)
		}
		docs = nerDocuments(docs, set.perSentence, set.mapType, opts.Limit)
		if rec != nil {
			sc, tokensPerSec := scoreRecognizer(rec, docs)
			putScores(rep.Metrics, set.name, sc, set.name == "conll_dev")
			if set.name == "conll_dev" {
				rep.Metrics["ner_tokens_per_s"] = tokensPerSec
			}
		}
		var rules, pr ner.Score
		for _, d := range docs {
			for _, s := range d {
				if err := ctx.Err(); err != nil {
					return err
				}
				found, err := rulesFind(ctx, stage, s.Words)
				if err != nil {
					return fmt.Errorf("ner eval: %s: rules: %w", set.name, err)
				}
				rules.Add(s.Spans, found)
				found, err = proseFind(proseModel, s.Words)
				if err != nil {
					return fmt.Errorf("ner eval: %s: prose: %w", set.name, err)
				}
				pr.Add(s.Spans, found)
			}
		}
		putScores(rep.Baselines[rulesName], set.name, &rules, set.name == "conll_dev")
		putScores(rep.Baselines[proseName], set.name, &pr, set.name == "conll_dev")
	}
	rep.Notes = append(rep.Notes,
		"names: exact span and type, micro-averaged over PER ORG LOC MISC (CoNLL-2003 scoring); the recogniser reads each document whole (FindDoc), WNUT-17 post by post; ner_tokens_per_s: one goroutine, best of three passes over CoNLL dev",
		"WNUT-17 types mapped: person PER, location LOC, corporation and group ORG, product and creative-work MISC",
		"rules: the nlp stage's name finder on each sentence's words joined by spaces (PERSON PER, ORG ORG, GPE and LOC LOC, NORP and MISC MISC); prose: its extractor's token labels on the same text, each gold word taking its first prose token's label (PERSON PER, ORGANIZATION ORG, GPE GSP LOCATION FACILITY LOC; it has no MISC)")
	return nil
}

// nerDocuments maps gold types, drops names of unmapped types, splits
// documents into sentences when asked, and keeps the first limit
// documents (0: all).
func nerDocuments(docs []ner.Document, perSentence bool, mapType func(string) string, limit int) []ner.Document {
	var out []ner.Document
	for _, d := range docs {
		var cur ner.Document
		for _, s := range d {
			spans := make([]ner.Span, 0, len(s.Spans))
			for _, sp := range s.Spans {
				if sp.Type = mapType(sp.Type); sp.Type != "" {
					spans = append(spans, sp)
				}
			}
			s.Spans = spans
			if perSentence {
				out = append(out, ner.Document{s})
			} else {
				cur = append(cur, s)
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// scoreRecognizer runs the recogniser over docs and times it: tokens per
// second in one goroutine, the best of three passes (as the tagger's
// figure), so that a busy machine disturbs it less.
func scoreRecognizer(rec *ner.Recognizer, docs []ner.Document) (*ner.Score, float64) {
	words := make([][][]string, len(docs))
	tokens := 0
	for i, d := range docs {
		words[i] = make([][]string, len(d))
		for j, s := range d {
			words[i][j] = s.Words
			tokens += len(s.Words)
		}
	}
	var sc ner.Score
	best := time.Duration(0)
	for pass := range 3 {
		start := time.Now()
		found := make([][][]ner.Span, len(docs))
		for i, w := range words {
			found[i] = rec.FindDoc(w)
		}
		if elapsed := time.Since(start); pass == 0 || elapsed < best {
			best = elapsed
		}
		if pass == 0 {
			for i, d := range docs {
				for j, s := range d {
					sc.Add(s.Spans, found[i][j])
				}
			}
		}
	}
	return &sc, float64(tokens) / max(best.Seconds(), 1e-9)
}

// putScores writes F1 (as prefix_f1) and, when detail is set, precision,
// recall and F1 per type.
func putScores(m map[string]float64, prefix string, sc *ner.Score, detail bool) {
	p, r, f := sc.PRF("")
	m[prefix+"_f1"] = f
	if !detail {
		return
	}
	m[prefix+"_precision"] = p
	m[prefix+"_recall"] = r
	for _, t := range ner.Types {
		_, _, f := sc.PRF(t)
		m[prefix+"_f1_"+t] = f
	}
}

// joinWords joins words with spaces and returns where each starts.
func joinWords(words []string) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(w)
	}
	return b.String(), starts
}

// wordAt returns the index of the word holding byte offset off.
func wordAt(starts []int, off int) int {
	i := 0
	for i+1 < len(starts) && starts[i+1] <= off {
		i++
	}
	return i
}

// rulesFind runs the rule-based name finder over one sentence and maps
// its names to word spans. A name that does not start and end on word
// boundaries still counts as found, under a span no gold name has.
func rulesFind(ctx context.Context, stage *nlp.Stage, words []string) ([]ner.Span, error) {
	text, starts := joinWords(words)
	doc := document.New()
	doc.Text = text
	if err := stage.Process(ctx, doc); err != nil {
		return nil, err
	}
	var out []ner.Span
	for _, n := range doc.Names {
		typ := rulesType(n.Type)
		if typ == "" {
			continue
		}
		a, b := wordAt(starts, n.Start), wordAt(starts, max(n.End-1, n.Start))
		if starts[a] != n.Start || starts[b]+len(words[b]) != n.End {
			a, b = -1, -1 // not on word boundaries: cannot match
		}
		out = append(out, ner.Span{Start: a, End: b + 1, Type: typ})
	}
	return out, nil
}

// proseFind runs prose's extractor over one sentence's words joined by
// spaces; each word takes the IOB label of the first prose token in it.
func proseFind(model *prose.Model, words []string) ([]ner.Span, error) {
	text, starts := joinWords(words)
	doc, err := prose.NewDocument(text, prose.UsingModel(model), prose.WithSegmentation(false))
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(words))
	pos := 0
	for _, tok := range doc.Tokens() {
		at := strings.Index(text[pos:], tok.Text)
		if at < 0 {
			continue // prose changed the token's text; leave it out
		}
		at += pos
		pos = at + len(tok.Text)
		if w := wordAt(starts, at); labels[w] == "" {
			labels[w] = tok.Label
		}
	}
	return iobSpans(labels, proseType), nil
}

// iobSpans reads IOB2 labels ("B-PERSON", "I-PERSON", "O"; "" as O),
// mapping their types and dropping names whose type maps to "".
func iobSpans(labels []string, mapType func(string) string) []ner.Span {
	var out []ner.Span
	for _, sp := range ner.SpansOfIOB(labels) {
		if t := mapType(sp.Type); t != "" {
			sp.Type = t
			out = append(out, sp)
		}
	}
	return out
}
