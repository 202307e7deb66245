package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// propagate makes a document's names consistent after tagging: a name
// found once is found wherever the same words come again untagged
// ("Meloni" in a caption after "Meloni" in the text), and a person's
// surname or full name alone later is that person ("Giorgia Meloni" …
// "Meloni"). The recogniser's document features already lean that way;
// this pass makes it hold where a sentence's own evidence was too weak.
// Words must be capitalised where they come again, so that a word that is
// also a name ("Bush", "May") is taken only when written as one.
func propagate(sentences [][]string, spans [][]Span) [][]Span {
	type seen struct {
		words []string
		typ   string
	}
	byFirst := map[string][]seen{}
	add := func(words []string, typ string) {
		for _, s := range byFirst[words[0]] {
			if slices.Equal(s.words, words) {
				return
			}
		}
		byFirst[words[0]] = append(byFirst[words[0]], seen{words, typ})
	}
	for si, ss := range spans {
		for _, sp := range ss {
			words := sentences[si][sp.Start:sp.End]
			add(words, sp.Type)
			if sp.Type == "PER" && len(words) > 1 && capitalised(words[len(words)-1]) {
				add(words[len(words)-1:], "PER") // the surname alone
			}
		}
	}
	if len(byFirst) == 0 {
		return spans
	}
	for si, words := range sentences {
		covered := make([]bool, len(words))
		for _, sp := range spans[si] {
			for k := sp.Start; k < sp.End; k++ {
				covered[k] = true
			}
		}
		added := false
		for i := 0; i < len(words); i++ {
			if covered[i] || !capitalised(words[i]) {
				continue
			}
			best := -1
			var typ string
			for _, s := range byFirst[words[i]] {
				n := len(s.words)
				if n > best && i+n <= len(words) && slices.Equal(words[i:i+n], s.words) && !anyCovered(covered[i:i+n]) &&
					(i+n == len(words) || !capitalised(words[i+n])) {
					best, typ = n, s.typ
				}
			}
			if best < 0 {
				continue
			}
			spans[si] = append(spans[si], Span{Start: i, End: i + best, Type: typ})
			for k := i; k < i+best; k++ {
				covered[k] = true
			}
			added = true
			i += best - 1
		}
		if added {
			slices.SortFunc(spans[si], func(a, b Span) int { return a.Start - b.Start })
		}
	}
	return spans
}

func anyCovered(c []bool) bool { return slices.Contains(c, true) }

// capitalised reports whether a word starts with an upper-case letter and
// is not written all in capitals (a shouted headline word is no evidence).
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && (utf8.RuneCountInString(w) == 1 || strings.ToUpper(w) != w)
}
