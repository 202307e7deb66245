package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"newsgraph/document"
	"newsgraph/nlp"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/sentences"
)

func init() { nlpParts = append(nlpParts, rawPart) }

// rawPart measures the whole nlp stage, as the pipeline runs it, from raw
// text: each test treebank's documents are rebuilt as text (as for the
// sentence figures), the stage tokenises, splits, tags and parses them,
// and its words are scored against the gold words in the manner of the
// CoNLL 2018 shared task: a word counts when its character span is a gold
// word's span; tags and heads count on such words only (a head when it is
// the word aligned with the gold head); each figure is an F1 over system
// and gold words. Relations compare their universal part ("nsubj" of
// "nsubj:pass"), as CoNLL 2018's LAS does. It also reports the stage's
// speed over that text, on one goroutine.
func rawPart(ctx context.Context, dir string, opts Options, rep *Report) error {
	stage, err := nlp.Load()
	if err != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("raw-text figures not measured: %v", err))
		return nil
	}
	var tokens int
	var elapsed time.Duration
	for _, set := range tagSets {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(dir, set.path)
		if !present(rep, set.name+" (raw text)", path) {
			continue
		}
		sents, err := conllu.ReadFile(path)
		if err != nil {
			return err
		}
		if opts.Limit > 0 && len(sents) > opts.Limit {
			sents = sents[:opts.Limit]
		}
		var sc rawScore
		for _, d := range sentences.Rebuild(sents) {
			gold := goldWords(d, sents)
			doc := &document.Document{Text: d.Text, Language: "en"}
			start := time.Now()
			if err := stage.Process(ctx, doc); err != nil {
				return err
			}
			elapsed += time.Since(start)
			tokens += len(doc.Tokens)
			sc.add(gold, doc.Tokens)
		}
		for name, v := range map[string]float64{
			"tokens": sc.f1(sc.tokens), "upos": sc.f1(sc.upos),
			"uas": sc.f1(sc.uas), "las": sc.f1(sc.las),
		} {
			rep.Metrics[set.name+"_raw_"+name+"_f1"] = v
		}
	}
	if elapsed > 0 {
		rep.Metrics["nlp_stage_tokens_per_s"] = float64(tokens) / elapsed.Seconds()
	}
	rep.Notes = append(rep.Notes, "*_raw_*_f1: the nlp stage (tokenizer, sentence model, tagger, parser) from the rebuilt raw text, CoNLL 2018 style (words aligned by character span; relations by universal part); nlp_stage_tokens_per_s is its speed on that text, names included")
	return nil
}

// goldWord is a treebank word placed in its rebuilt document.
type goldWord struct {
	start, end int
	upos, rel  string
	head       int // index into the document's gold words, -1 for a root
}

// goldWords places the words of a rebuilt document's sentences in its text.
// A multi-word token's words ("do" "n't" of "don't") get the parts of its
// span when their forms spell it, else each the whole span.
func goldWords(d sentences.Document, all []conllu.Sentence) []goldWord {
	var words []goldWord
	// d.Starts[i] is where the i-th sentence of the document starts; find
	// the sentences by their text at those offsets.
	k := 0
	for _, at := range d.Starts {
		for k < len(all) && !strings.HasPrefix(d.Text[at:], all[k].Text) {
			k++
		}
		if k == len(all) {
			break
		}
		s := all[k]
		k++
		base := len(words)
		pos := at
		multiAt := map[int]conllu.Multi{}
		for _, m := range s.Multi {
			multiAt[m.First] = m
		}
		for i := 0; i < len(s.Tokens); i++ {
			t := s.Tokens[i]
			if m, ok := multiAt[t.ID]; ok {
				a := pos + max(0, strings.Index(d.Text[pos:], m.Form))
				b := a + len(m.Form)
				parts := s.Tokens[i : i+m.Last-m.First+1]
				spelled := ""
				for _, p := range parts {
					spelled += p.Form
				}
				off := a
				for _, p := range parts {
					w := goldWord{start: a, end: b, upos: p.UPOS, rel: universal(p.Deprel), head: headIndex(base, p.Head)}
					if spelled == m.Form {
						w.start, w.end = off, off+len(p.Form)
						off += len(p.Form)
					}
					words = append(words, w)
				}
				i += len(parts) - 1
				pos = b
				continue
			}
			a := pos + max(0, strings.Index(d.Text[pos:], t.Form))
			words = append(words, goldWord{start: a, end: a + len(t.Form), upos: t.UPOS, rel: universal(t.Deprel), head: headIndex(base, t.Head)})
			pos = a + len(t.Form)
		}
	}
	return words
}

func headIndex(base, head int) int {
	if head == 0 {
		return -1
	}
	return base + head - 1
}

func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

// rawScore counts system words, gold words and correct ones per figure.
type rawScore struct {
	sys, gold              int
	tokens, upos, uas, las int
}

func (s *rawScore) f1(correct int) float64 {
	if s.sys == 0 || s.gold == 0 || correct == 0 {
		return 0
	}
	p, r := float64(correct)/float64(s.sys), float64(correct)/float64(s.gold)
	return 2 * p * r / (p + r)
}

func (s *rawScore) add(gold []goldWord, toks []document.Token) {
	s.sys += len(toks)
	s.gold += len(gold)
	bySpan := make(map[[2]int]int, len(gold))
	for i, g := range gold {
		if _, ok := bySpan[[2]int{g.start, g.end}]; !ok {
			bySpan[[2]int{g.start, g.end}] = i
		}
	}
	match := make([]int, len(toks)) // gold index of each system token, -1 if none
	for i, t := range toks {
		g, ok := bySpan[[2]int{t.Start, t.End}]
		match[i] = -1
		if ok {
			match[i] = g
		}
	}
	for i, t := range toks {
		g := match[i]
		if g < 0 {
			continue
		}
		s.tokens++
		if t.POS == gold[g].upos {
			s.upos++
		}
		headOK := t.Head == -1 && gold[g].head == -1 || t.Head >= 0 && match[t.Head] >= 0 && match[t.Head] == gold[g].head
		if headOK {
			s.uas++
			if universal(t.Dep) == gold[g].rel {
				s.las++
			}
		}
	}
}
