package parser

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"newsgraph/nlp/perceptron"
	"newsgraph/nlp/wordfeat"
)

// At run time the parser reads predicted tags, so it learns from
// predicted tags too: jackknifing splits the training sentences into
// folds and tags each fold with a tagger trained on the others, so that
// the tags carry the errors a real tagger makes on unseen text. The
// tagger here is a small greedy perceptron, private to training; the
// shipped tagger is newsgraph/nlp/tagger.

// miniTagger predicts "UPOS XPOS" pairs left to right.
type miniTagger struct {
	m *perceptron.Model
}

func tagFeatures(fb *featBuf, words []string, low []string, i int, prev, prev2 uint64) {
	w := func(j int) uint64 {
		if j < 0 || j >= len(low) {
			return hNone
		}
		return hashString(low[j])
	}
	form := words[i]
	shape := shapeOf(form)
	fb.add1(w(i))
	fb.add1(hashString(form))
	fb.add1(hashString(wordfeat.Suffix(low[i], 1)))
	fb.add1(hashString(wordfeat.Suffix(low[i], 2)))
	fb.add1(hashString(wordfeat.Suffix(low[i], 3)))
	fb.add1(hashString(wordfeat.Suffix(low[i], 4)))
	fb.add1(hashString(wordfeat.Prefix(low[i], 1)))
	fb.add1(hashString(wordfeat.Prefix(low[i], 3)))
	fb.add1(shape)
	fb.add1(prev)
	fb.add2(prev, prev2)
	fb.add2(prev, w(i))
	fb.add1(w(i - 1))
	fb.add1(w(i - 2))
	fb.add1(w(i + 1))
	fb.add1(w(i + 2))
	fb.add2(w(i), w(i+1))
	fb.add2(w(i-1), w(i))
	fb.add2(hashString(wordfeat.Suffix(low[i], 3)), w(i+1))
	fb.add2(shape, prev)
	fb.add1(uint64(min(i, 2)))
}

// shapeOf hashes a word's capitalisation and character classes ("Xx",
// "d-d"), collapsing repeats.
func shapeOf(w string) uint64 {
	var b strings.Builder
	var last rune
	for _, r := range w {
		c := 'c'
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			c = r
		}
		if c != last {
			b.WriteRune(c)
			last = c
		}
	}
	return hashString("shape=" + b.String())
}

func lowered(words []string) []string {
	low := make([]string, len(words))
	var b strings.Builder
	for i, w := range words {
		low[i] = normalize(&b, w)
	}
	return low
}

// indexed returns the keys of seen sorted, so that models are
// deterministic, and the index of each.
func indexed(seen map[string]bool) ([]string, map[string]int) {
	classes := make([]string, 0, len(seen))
	for c := range seen {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	id := make(map[string]int, len(classes))
	for i, c := range classes {
		id[c] = i
	}
	return classes, id
}

// trainMiniTagger trains a tagger on the gold tags of exs.
func trainMiniTagger(ctx context.Context, exs []Example, epochs int) (*miniTagger, error) {
	seen := map[string]bool{}
	for _, e := range exs {
		for i := range e.Words {
			seen[e.UPOS[i]+" "+e.XPOS[i]] = true
		}
	}
	classes, id := indexed(seen)
	tr := perceptron.NewTrainer(classes)
	scores := make([]float32, len(classes))
	var fb featBuf
	for range epochs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("jackknife tagger: %w", err)
		}
		for _, e := range exs {
			low := lowered(e.Words)
			prev, prev2 := hRoot, hRoot
			for i := range e.Words {
				fb.reset()
				tagFeatures(&fb, e.Words, low, i, prev, prev2)
				tr.Tick()
				guess := tr.Predict(fb.feats, scores)
				gold := id[e.UPOS[i]+" "+e.XPOS[i]]
				tr.Update(fb.feats, gold, guess)
				// Condition on the tagger's own history, as at run time.
				prev, prev2 = uint64(guess+1)*0x2545f4914f6cdd1d, prev
			}
		}
	}
	return &miniTagger{m: tr.Average(0)}, nil
}

// Tag returns UPOS and XPOS tags for words.
func (t *miniTagger) Tag(words []string) (upos, xpos []string) {
	upos, xpos = make([]string, len(words)), make([]string, len(words))
	low := lowered(words)
	scores := make([]float32, len(t.m.Classes))
	var fb featBuf
	prev, prev2 := hRoot, hRoot
	for i := range words {
		fb.reset()
		tagFeatures(&fb, words, low, i, prev, prev2)
		c := t.m.Predict(fb.feats, scores)
		upos[i], xpos[i], _ = strings.Cut(t.m.Classes[c], " ")
		prev, prev2 = uint64(c+1)*0x2545f4914f6cdd1d, prev
	}
	return upos, xpos
}

// jackknife returns exs with tags predicted fold by fold, and the share of
// XPOS tags that differ from gold.
func jackknife(ctx context.Context, exs []Example, folds, epochs int) ([]Example, float64, error) {
	out := make([]Example, len(exs))
	copy(out, exs)
	words, changed := 0, 0
	for f := range folds {
		var rest []Example
		for i, e := range exs {
			if i%folds != f {
				rest = append(rest, e)
			}
		}
		tg, err := trainMiniTagger(ctx, rest, epochs)
		if err != nil {
			return nil, 0, err
		}
		for i := f; i < len(exs); i += folds {
			upos, xpos := tg.Tag(exs[i].Words)
			for j := range xpos {
				words++
				if xpos[j] != exs[i].XPOS[j] {
					changed++
				}
			}
			out[i].UPOS, out[i].XPOS = upos, xpos
		}
	}
	return out, float64(changed) / float64(max(words, 1)), nil
}
