// Package textview is the tokenized view of a document that the quotes and
// events stages read: tokens (words and punctuation marks with their byte
// offsets) grouped by sentence.
//
// The stages tokenize the sentences themselves rather than reading
// doc.Tokens: their rules depend on one exact treatment of punctuation and
// clitics (the possessive "’s" and "n’t" as tokens of their own, "U.S." as
// one), and that must not shift when the nlp stage changes its tokenizer.
// Both stages share this one copy (a parser-based version of both stages
// will read the nlp tokens instead).
package textview

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// Token is a word or a punctuation mark of the text.
type Token struct {
	Start, End int    // byte offsets into the text
	Text       string // as written
	Low        string // lower case, typographic apostrophes folded to '
	Sent       int    // index into View.Sents
}

// Sentence is a sentence span with its tokens View.Toks[T0:T1].
type Sentence struct {
	Start, End int
	T0, T1     int
}

// View is the tokenized text that the rules read.
type View struct {
	Text  string
	Toks  []Token
	Sents []Sentence
}

// New tokenizes doc.Text sentence by sentence, using doc.Sentences when
// they are well formed and a simple splitter otherwise, so that a stage
// also works on a document that no sentence splitter has seen.
func New(doc *document.Document) *View {
	v := &View{Text: doc.Text}
	spans := docSentences(doc)
	if spans == nil {
		spans = SplitSentences(doc.Text)
	}
	for _, s := range spans {
		t0 := len(v.Toks)
		v.Toks = tokenize(v.Text, s[0], s[1], len(v.Sents), v.Toks)
		v.Sents = append(v.Sents, Sentence{Start: s[0], End: s[1], T0: t0, T1: len(v.Toks)})
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

// TokenAt returns the index of the token that holds offset, or -1.
func (v *View) TokenAt(offset int) int {
	i := sort.Search(len(v.Toks), func(i int) bool { return v.Toks[i].End > offset })
	if i < len(v.Toks) && v.Toks[i].Start <= offset {
		return i
	}
	return -1
}

// FirstTokenFrom returns the index of the first token starting at or after
// offset (len(v.Toks) when there is none).
func (v *View) FirstTokenFrom(offset int) int {
	return sort.Search(len(v.Toks), func(i int) bool { return v.Toks[i].Start >= offset })
}

// IsWord reports whether token i starts with a letter or digit.
func (v *View) IsWord(i int) bool {
	if i < 0 || i >= len(v.Toks) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(v.Toks[i].Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Low returns the folded text of token i, or "" out of range.
func (v *View) Low(i int) string {
	if i < 0 || i >= len(v.Toks) {
		return ""
	}
	return v.Toks[i].Low
}

// IsWordRune reports whether r belongs in a word: a letter, a digit or a
// combining mark.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// AllCaps reports whether s has no lower-case letter and at least two
// letters: an abbreviation or a name written in capitals ("UN", "U.N.",
// "AIDS"), not the common word its letters may spell.
func AllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// Fold lower-cases s and folds typographic apostrophes to '.
func Fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "’", "'") }

// tokenize appends the tokens of text[from:to] to out.
func tokenize(text string, from, to, sent int, out []Token) []Token {
	i := from
	for i < to {
		r, w := utf8.DecodeRuneInString(text[i:to])
		switch {
		case unicode.IsSpace(r):
			i += w
		case IsWordRune(r):
			j := scanWord(text, i, to)
			out = appendWord(out, text, i, j, sent)
			i = j
		default:
			out = append(out, Token{Start: i, End: i + w, Text: text[i : i+w], Low: Fold(text[i : i+w]), Sent: sent})
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
		if IsWordRune(r) {
			prev = r
			segLen++
			i += w
			continue
		}
		next, nw := utf8.DecodeRuneInString(text[i+w : to])
		if nw == 0 || !IsWordRune(next) {
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

func appendWord(out []Token, text string, i, j, sent int) []Token {
	w := text[i:j]
	lw := Fold(w)
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
			Token{Start: i, End: i + cut, Text: w[:cut], Low: Fold(w[:cut]), Sent: sent},
			Token{Start: i + cut, End: j, Text: w[cut:], Low: Fold(w[cut:]), Sent: sent})
	}
	return append(out, Token{Start: i, End: j, Text: w, Low: lw, Sent: sent})
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "sen": true, "rep": true, "gov": true, "prof": true, "st": true, "jr": true,
	"sr": true, "vs": true, "no": true, "capt": true, "maj": true, "adm": true, "rev": true,
}

// SplitSentences is the fallback sentence splitter: paragraphs at line
// breaks, and sentences after . ! ? (and any closing quote or bracket) when
// the next word starts with an upper-case letter, a digit or a quote mark.
func SplitSentences(text string) [][2]int {
	var out [][2]int
	for _, p := range Paragraphs(text) {
		start := p[0]
		i := p[0]
		for i < p[1] {
			r, w := utf8.DecodeRuneInString(text[i:p[1]])
			i += w
			if r != '.' && r != '!' && r != '?' {
				continue
			}
			if r == '.' && abbreviations[Fold(lastWord(text[start:i-w]))] {
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
	i := strings.LastIndexFunc(s, func(r rune) bool { return !IsWordRune(r) })
	return s[i+1:]
}

// Paragraphs returns the spans of the non-blank lines of text, trimmed of
// surrounding white space.
func Paragraphs(text string) [][2]int {
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
