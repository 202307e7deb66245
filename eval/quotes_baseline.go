package eval

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/textview"
)

// baselineCues are the reporting words the baseline knows.
var baselineCues = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true,
	"asked": true, "wrote": true, "according": true,
}

// baselineQuotes is the rules-only baseline: every stretch of three or
// more words between double quotation marks in one paragraph is a quote;
// its cue is the first reporting word among the eight words after the
// closing mark, else the nearest among the twelve before the opening one;
// its speaker is the capitalised word run or pronoun nearest the cue,
// within five words. It reads the text alone: no sentences, no names, no
// coreference.
func baselineQuotes(w *wordIndex) []quoteItem {
	text := w.text
	var out []quoteItem
	for _, para := range textview.Paragraphs(text) {
		spans := markedSpans(text, para[0], para[1])
		inQuote := func(i int) bool {
			for _, s := range spans {
				if s.Start <= w.spans[i].Start && w.spans[i].End <= s.End {
					return true
				}
			}
			return false
		}
		first := sort.Search(len(w.spans), func(i int) bool { return w.spans[i].Start >= para[0] })
		last := sort.Search(len(w.spans), func(i int) bool { return w.spans[i].Start >= para[1] })
		for _, s := range spans {
			content := w.words(s)
			if len(content) < 3 {
				continue
			}
			it := quoteItem{content: content, text: clip(text[s.Start:s.End])}
			cue := -1
			after := content[len(content)-1] + 1
			for i := after; i < last && i < after+8 && cue < 0; i++ {
				if !inQuote(i) && baselineCues[strings.ToLower(text[w.spans[i].Start:w.spans[i].End])] {
					cue = i
				}
			}
			for i := content[0] - 1; i >= first && i >= content[0]-12 && cue < 0; i-- {
				if !inQuote(i) && baselineCues[strings.ToLower(text[w.spans[i].Start:w.spans[i].End])] {
					cue = i
				}
			}
			if cue >= 0 {
				it.cue = []int{cue}
				it.cueText = text[w.spans[cue].Start:w.spans[cue].End]
				if sp, ok := nearestName(w, cue, first, last, inQuote); ok {
					it.source = []byteSpan{sp}
					it.srcText = text[sp.Start:sp.End]
				}
			}
			out = append(out, it)
		}
	}
	return out
}

// nearestName returns the run of capitalised words, or the pronoun,
// nearest word cue within five words, outside quotations.
func nearestName(w *wordIndex, cue, first, last int, inQuote func(int) bool) (byteSpan, bool) {
	isName := func(i int) bool {
		if i < first || i >= last || inQuote(i) {
			return false
		}
		word := w.text[w.spans[i].Start:w.spans[i].End]
		r, _ := utf8.DecodeRuneInString(word)
		switch strings.ToLower(word) {
		case "he", "she", "they":
			return true
		}
		return unicode.IsUpper(r)
	}
	for d := 1; d <= 5; d++ {
		for _, i := range []int{cue - d, cue + d} {
			if !isName(i) {
				continue
			}
			s, e := i, i
			for s-1 >= first && s-1 > cue-6 && s-1 != cue && isName(s-1) {
				s--
			}
			for e+1 < last && e+1 < cue+6 && e+1 != cue && isName(e+1) {
				e++
			}
			return byteSpan{w.spans[s].Start, w.spans[e].End}, true
		}
	}
	return byteSpan{}, false
}

// markedSpans returns the contents of double quotation marks (“…” or
// "…") in text[from:to].
func markedSpans(text string, from, to int) []byteSpan {
	var out []byteSpan
	open := -1
	for i, r := range text[from:to] {
		i += from
		switch {
		case r == '“' || r == '"' && open < 0:
			open = i + utf8.RuneLen(r)
		case (r == '”' || r == '"') && open >= 0:
			out = append(out, byteSpan{open, i})
			open = -1
		}
	}
	return out
}
