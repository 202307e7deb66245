package derive

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippets are cut in Go from the page's own text, the same for both
// stores, rather than by the database (FTS5's snippet() runs the query
// again for every hit; PostgreSQL's ts_headline parses every hit's whole
// text, several milliseconds a page of results).

// snippetWords is about how many words a snippet holds.
const snippetWords = 24

// SnippetTerms returns the words of a user query to highlight, folded to
// lower case (operators, quotes and prefix stars dropped; a prefix term
// keeps its stem and matches words that start with it).
func SnippetTerms(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	}) {
		if w == "OR" || w == "AND" || w == "NOT" || w == "NEAR" {
			continue
		}
		if w = strings.ToLower(strings.TrimLeft(w, "*")); strings.Trim(w, "*") != "" {
			out = append(out, w)
		}
	}
	return out
}

type wordSpan struct{ start, end int }

// Snippet returns about snippetWords words of text around the first word
// that matches a term, matching words marked «like this», with "…" where
// text was cut; "" when no word matches.
func Snippet(text string, terms []string) string {
	if len(terms) == 0 {
		return ""
	}
	var words []wordSpan
	start := -1
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && start < 0 {
			start = i
		} else if !isWord && start >= 0 {
			words = append(words, wordSpan{start, i})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, wordSpan{start, len(text)})
	}
	match := func(w wordSpan) bool {
		lw := strings.ToLower(text[w.start:w.end])
		for _, t := range terms {
			if p, ok := strings.CutSuffix(t, "*"); ok {
				if strings.HasPrefix(lw, strings.TrimRight(p, "*")) {
					return true
				}
				continue
			}
			if strings.HasPrefix(lw, t) && (len(lw) == len(t) || prefixOK(lw, t)) {
				return true
			}
		}
		return false
	}
	first := -1
	for i, w := range words {
		if match(w) {
			first = i
			break
		}
	}
	if first < 0 {
		return ""
	}
	from := max(0, first-snippetWords/3)
	to := min(len(words), from+snippetWords)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := words[from].start
	for i := from; i < to; i++ {
		w := words[i]
		b.WriteString(collapseSpace(text[pos:w.start]))
		if match(w) {
			b.WriteString("«" + text[w.start:w.end] + "»")
		} else {
			b.WriteString(text[w.start:w.end])
		}
		pos = w.end
	}
	if to < len(words) {
		b.WriteString("…")
	} else {
		b.WriteString(collapseSpace(text[pos:]))
	}
	return strings.TrimSpace(b.String())
}

// prefixOK allows a longer word to match a term as FTS5's unicode61
// tokenizer plus a prefix query would, and plain plurals ("flu" matches
// "flus") for readability; anything else must match whole.
func prefixOK(word, term string) bool {
	rest := word[len(term):]
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "s" || rest == "es" || r == '\''
}

// collapseSpace turns each run of white space into one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
