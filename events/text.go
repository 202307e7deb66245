package events

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// token is a word or a punctuation mark of the text.
//
// The stage tokenizes the sentences itself rather than reading doc.Tokens:
// its rules depend on one exact treatment of punctuation and clitics (the
// possessive "’s" and "n’t" as tokens of their own, "U.S." as one), and that
// must not shift when the nlp stage changes its tokenizer. This file is a
// twin of quotes/text.go; keep the two in step (a parser-based version of
// both stages will read the nlp tokens instead).
type token struct {
	start, end int
	text       string // as written
	low        string // lower case, typographic apostrophes folded to '
	sent       int    // index into view.sents
}

// sentence is a sentence span with its tokens view.toks[t0:t1].
type sentence struct {
	start, end int
	t0, t1     int
}

// view is the tokenized text that the rules read.
type view struct {
	text  string
	toks  []token
	sents []sentence
}

// newView tokenizes doc.Text sentence by sentence, using doc.Sentences when
// they are well formed and a simple splitter otherwise, so that the stage
// also works on a document that no sentence splitter has seen.
func newView(doc *document.Document) *view {
	v := &view{text: doc.Text}
	spans := docSentences(doc)
	if spans == nil {
		spans = splitSentences(doc.Text)
	}
	for _, s := range spans {
		t0 := len(v.toks)
		v.toks = tokenize(v.text, s[0], s[1], len(v.sents), v.toks)
		v.sents = append(v.sents, sentence{start: s[0], end: s[1], t0: t0, t1: len(v.toks)})
	}
	return v
}

// docSentences returns the document's sentence spans, or nil when there
// are none or they are out of order or out of range.
func docSentences(doc *document.Document) [][2]int {
	if len(doc.Sentences) == 0 {
		return nil
	}
	out := make([][2]int, 0, len(doc.Sentences))
	prev := 0
	for _, s := range doc.Sentences {
		if s.Start < prev || s.End < s.Start || s.End > len(doc.Text) {
			return nil
		}
		out = append(out, [2]int{s.Start, s.End})
		prev = s.End
	}
	return out
}

// tokenAt returns the index of the token that holds offset, or -1.
func (v *view) tokenAt(offset int) int {
	i := sort.Search(len(v.toks), func(i int) bool { return v.toks[i].end > offset })
	if i < len(v.toks) && v.toks[i].start <= offset {
		return i
	}
	return -1
}

// firstTokenFrom returns the index of the first token starting at or after
// offset (len(v.toks) when there is none).
func (v *view) firstTokenFrom(offset int) int {
	return sort.Search(len(v.toks), func(i int) bool { return v.toks[i].start >= offset })
}

// isWord reports whether token i starts with a letter or digit.
func (v *view) isWord(i int) bool {
	if i < 0 || i >= len(v.toks) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(v.toks[i].text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// low returns the folded text of token i, or "" out of range.
func (v *view) low(i int) string {
	if i < 0 || i >= len(v.toks) {
		return ""
	}
	return v.toks[i].low
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// fold lower-cases s and folds typographic apostrophes to '.
func fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "’", "'") }

// tokenize appends the tokens of text[from:to] to out.
func tokenize(text string, from, to, sent int, out []token) []token {
	i := from
	for i < to {
		r, w := utf8.DecodeRuneInString(text[i:to])
		switch {
		case unicode.IsSpace(r):
			i += w
		case isWordRune(r):
			j := scanWord(text, i, to)
			out = appendWord(out, text, i, j, sent)
			i = j
		default:
			out = append(out, token{start: i, end: i + w, text: text[i : i+w], low: fold(text[i : i+w]), sent: sent})
			i += w
		}
	}
	return out
}

// scanWord returns the end of the word that starts at i: letters and digits
// joined by hyphens, apostrophes, and the dots of initialisms ("U.S.") and
// the dots and commas of numbers.
func scanWord(text string, i, to int) int {
	var prev rune
	segLen := 0 // letters since the last dot, for initialisms
	dotted := false
	for i < to {
		r, w := utf8.DecodeRuneInString(text[i:to])
		if isWordRune(r) {
			prev = r
			segLen++
			i += w
			continue
		}
		next, nw := utf8.DecodeRuneInString(text[i+w : to])
		if nw == 0 || !isWordRune(next) {
			break
		}
		ok := false
		switch {
		case r == '-' || r == '‐' || r == '&':
			ok = true
		case isApostrophe(r):
			ok = unicode.IsLetter(prev) && unicode.IsLetter(next)
		case r == '.':
			ok = (unicode.IsLetter(prev) && segLen == 1 && unicode.IsLetter(next)) ||
				(unicode.IsDigit(prev) && unicode.IsDigit(next))
			if ok && unicode.IsLetter(prev) {
				dotted = true
			}
		case r == ',':
			ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
		}
		if !ok {
			break
		}
		prev = r
		segLen = 0
		i += w
	}
	// The closing dot of an initialism belongs to it: "U.S." is one word.
	if dotted && i < to && text[i] == '.' {
		i++
	}
	return i
}

// clitics are split off a word as tokens of their own, as in the Penn
// Treebank: "there’s" is "there" + "’s", "didn’t" is "did" + "n’t".
var clitics = []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}

func appendWord(out []token, text string, i, j, sent int) []token {
	w := text[i:j]
	lw := fold(w)
	for _, c := range clitics {
		if !strings.HasSuffix(lw, c) || len(lw) <= len(c) {
			continue
		}
		// Find the byte offset of the clitic in w: its apostrophe may be
		// one byte (') or three (’).
		cut := strings.LastIndexAny(w, "'’")
		if c == "n't" {
			cut-- // the n before the apostrophe
		}
		if cut <= 0 {
			break
		}
		return append(out,
			token{start: i, end: i + cut, text: w[:cut], low: fold(w[:cut]), sent: sent},
			token{start: i + cut, end: j, text: w[cut:], low: fold(w[cut:]), sent: sent})
	}
	return append(out, token{start: i, end: j, text: w, low: lw, sent: sent})
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "sen": true, "rep": true, "gov": true, "prof": true, "st": true, "jr": true,
	"sr": true, "vs": true, "no": true, "capt": true, "maj": true, "adm": true, "rev": true,
}

// splitSentences is the fallback sentence splitter: paragraphs at line
// breaks, and sentences after . ! ? (and any closing quote or bracket) when
// the next word starts with an upper-case letter, a digit or a quote mark.
func splitSentences(text string) [][2]int {
	var out [][2]int
	for _, p := range paragraphs(text) {
		start := p[0]
		i := p[0]
		for i < p[1] {
			r, w := utf8.DecodeRuneInString(text[i:p[1]])
			i += w
			if r != '.' && r != '!' && r != '?' {
				continue
			}
			if r == '.' && abbreviations[fold(lastWord(text[start:i-w]))] {
				continue
			}
			end := i
			for end < p[1] {
				c, cw := utf8.DecodeRuneInString(text[end:p[1]])
				if !strings.ContainsRune(`"'”’»)]`, c) {
					break
				}
				end += cw
			}
			k := end
			for k < p[1] {
				c, cw := utf8.DecodeRuneInString(text[k:p[1]])
				if !unicode.IsSpace(c) {
					break
				}
				k += cw
			}
			if k == end || k >= p[1] {
				continue
			}
			c, _ := utf8.DecodeRuneInString(text[k:p[1]])
			if unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"“‘«`, c) {
				out = append(out, [2]int{start, end})
				start = k
				i = k
			}
		}
		if start < p[1] {
			out = append(out, [2]int{start, p[1]})
		}
	}
	return out
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	return s[i+1:]
}

// paragraphs returns the spans of the non-blank lines of text, trimmed of
// surrounding white space.
func paragraphs(text string) [][2]int {
	var out [][2]int
	i := 0
	for i <= len(text) {
		j := strings.IndexByte(text[i:], '\n')
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		s, e := i, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	return out
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v'
}
