package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/textview"
)

// quoted is a stretch of text between quotation marks.
type quoted struct {
	open  int // offset of the opening mark
	start int // content, half-open, trimmed of white space
	end   int
	close int // offset just past the closing mark
}

// markStyle is a family of quotation marks that pair with each other.
type markStyle int

const (
	styleNone markStyle = iota
	styleDouble
	styleSingle
	styleGuillemet
)

// opener returns the style that r opens at offset i of text, or styleNone.
// Straight and single marks are openers only where a quotation can start:
// after white space, an opening bracket or a dash, and before a non-space.
func opener(text string, i int, r rune) markStyle {
	switch r {
	case '“', '„':
		return styleDouble
	case '«':
		return styleGuillemet
	}
	if r != '"' && r != '‘' && r != '\'' {
		return styleNone
	}
	if r == '\'' && strings.HasPrefix(text[i:], "''") {
		// Two apostrophes for a double mark, as some newspapers print
		// it (''It may be,'' he said).
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, w := utf8.DecodeRuneInString(text[i+2:])
		if (i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-:", prev)) && w > 0 && !unicode.IsSpace(next) {
			return styleDouble
		}
		return styleNone
	}
	if r == '\'' || r == '"' {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if i > 0 && !unicode.IsSpace(prev) && !strings.ContainsRune("([{—–-:", prev) {
			return styleNone
		}
	}
	next, w := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
	if w == 0 || unicode.IsSpace(next) {
		return styleNone
	}
	if r == '"' {
		return styleDouble
	}
	return styleSingle
}

// closes reports whether r at offset i of text closes a quotation of style
// s. A single mark between two letters is an apostrophe ("there’s"), and
// so is one before a letter or digit ("’90s").
func closes(text string, i int, r rune, s markStyle) bool {
	switch s {
	case styleDouble:
		return r == '”' || r == '"' || r == '“' && isClosingPosition(text, i, r) ||
			r == '\'' && strings.HasPrefix(text[i:], "''") && isClosingPosition(text[:i+1]+text[i+2:], i, r)
	case styleGuillemet:
		return r == '»'
	case styleSingle:
		if r != '’' && r != '\'' {
			return false
		}
		next, w := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
		return w == 0 || !textview.IsWordRune(next)
	}
	return false
}

// isClosingPosition reports whether a mark at i sits where only a closing
// mark can: after a non-space and before a space, punctuation or the end.
// German-style quotations („…“) close with “.
func isClosingPosition(text string, i int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, w := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
	return i > 0 && !unicode.IsSpace(prev) && (w == 0 || !textview.IsWordRune(next))
}

// findQuoted returns the quotations of text in order. Quotations do not
// nest: marks of another style inside a quotation are part of its content.
// A quotation left open at the end of a paragraph goes on into the next
// paragraph when that one opens with a mark of the same style, as in news
// quotes that run over several paragraphs; otherwise it is dropped.
func findQuoted(text string) []quoted {
	paras := textview.Paragraphs(text)
	var out []quoted
	var cur quoted
	style := styleNone
	for pi, p := range paras {
		i := p[0]
		if style != styleNone {
			// Left open by the paragraph before: go on only where this
			// paragraph reopens with the same style.
			r, _ := utf8.DecodeRuneInString(text[i:p[1]])
			if opener(text, i, r) != style {
				style = styleNone
			} else {
				i += markWidth(text, i, r)
			}
		}
		for i < p[1] {
			r, w := utf8.DecodeRuneInString(text[i:p[1]])
			if style == styleNone {
				if s := opener(text, i, r); s != styleNone {
					style = s
					w = markWidth(text, i, r)
					cur = quoted{open: i, start: i + w}
				}
			} else if closes(text, i, r, style) {
				w = markWidth(text, i, r)
				cur.end, cur.close = i, i+w
				if q, ok := trimQuoted(text, cur); ok {
					out = append(out, q)
				}
				style = styleNone
			}
			i += w
		}
		if style != styleNone && pi == len(paras)-1 {
			style = styleNone
		}
	}
	return out
}

// markWidth returns the width in bytes of the quotation mark r at offset
// i: two for a doubled apostrophe (”).
func markWidth(text string, i int, r rune) int {
	if r == '\'' && strings.HasPrefix(text[i:], "''") {
		return 2
	}
	return utf8.RuneLen(r)
}

// trimQuoted trims white space and a trailing comma off the content: the
// comma of “We will,” she said belongs to the sentence, not the quote.
func trimQuoted(text string, q quoted) (quoted, bool) {
	for q.start < q.end {
		r, w := utf8.DecodeRuneInString(text[q.start:q.end])
		if !unicode.IsSpace(r) {
			break
		}
		q.start += w
	}
	for q.end > q.start {
		r, w := utf8.DecodeLastRuneInString(text[q.start:q.end])
		if !unicode.IsSpace(r) && r != ',' {
			break
		}
		q.end -= w
	}
	return q, q.end > q.start
}
