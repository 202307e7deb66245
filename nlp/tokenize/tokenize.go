// Package tokenize splits text into tokens with byte offsets. It is the
// first step of the nlp stage, kept apart so that the trained models under
// nlp/ (the sentence splitter) can tokenise their training text without
// importing the stage that uses them.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// Text splits text into tokens with byte offsets, in the style of the
// Penn Treebank as UD English uses it: punctuation and quotes apart,
// clitics split ("don't" → "do" "n't", "Israel's" → "Israel" "'s"), while
// abbreviations ("U.S.", "Mr."), numbers ("1,000.5", "3.2%"), URLs,
// e-mail addresses and hyphenated words ("Jean-Pierre") stay whole.
//
// Every token's Head is -1 and Sentence 0; the stage sets Sentence. Bytes
// that are not valid UTF-8 become one-byte tokens. Text never panics.
func Text(text string) []document.Token {
	toks := make([]document.Token, 0, len(text)/5+1)
	add := func(start, end int) {
		toks = append(toks, document.Token{Start: start, End: end, Text: text[start:end], Head: -1})
	}
	i := 0
	for i < len(text) {
		r, w := decode(text, i)
		switch {
		case IsSpace(r):
			i += w
		case IsWordRune(r):
			i = scanWord(text, i, add)
		case r == '.' && strings.HasPrefix(text[i:], ".."):
			j := i
			for j < len(text) && text[j] == '.' {
				j++
			}
			add(i, j)
			i = j
		case r == '!' || r == '?':
			j := i
			for j < len(text) && (text[j] == '!' || text[j] == '?') {
				j++
			}
			add(i, j)
			i = j
		case r == '-' && strings.HasPrefix(text[i:], "--"):
			j := i
			for j < len(text) && text[j] == '-' {
				j++
			}
			add(i, j)
			i = j
		case (r == '#' || r == '@') && i+w < len(text) && isLetterAt(text, i+w):
			// Hashtags and handles.
			j := i + w
			for j < len(text) {
				r2, w2 := decode(text, j)
				if !IsWordRune(r2) && r2 != '_' {
					break
				}
				j += w2
			}
			add(i, j)
			i = j
		case r == '—' || r == '–' || r == '―':
			// A run of the same dash is one token ("——").
			j := i + w
			for j < len(text) {
				r2, w2 := decode(text, j)
				if r2 != r {
					break
				}
				j += w2
			}
			add(i, j)
			i = j
		default:
			add(i, i+w)
			i += w
		}
	}
	return toks
}

// scanWord reads the word-like token at i (and its clitic, if any), hands
// it to add, and returns where scanning goes on.
func scanWord(text string, i int, add func(int, int)) int {
	if end, ok := scanURL(text, i); ok {
		add(i, end)
		return end
	}
	if end, ok := scanLetterDots(text, i); ok {
		add(i, end)
		return end
	}
	j := i
	var prev rune
	apostrophe := false
scan:
	for j < len(text) {
		r, w := decode(text, j)
		if IsWordRune(r) {
			prev = r
			j += w
			continue
		}
		next, _ := decode(text, j+w)
		if j+w >= len(text) {
			next = utf8.RuneError
		}
		switch {
		case (r == '-' || r == '\u2010' || r == '\u2011') && IsWordRune(next):
			// Hyphenated words stay whole: "Jean-Pierre", "US-led".
		case (r == '\'' || r == '’') && IsWordRune(prev) && unicode.IsLetter(next):
			// Inner apostrophes: "O'Brien", "don't" (clitics split below).
			apostrophe = true
		case (r == '.' || r == ',' || r == ':' || r == '/') && isDigit(prev) && isDigit(next):
			// Numbers, times, dates: "1,000.5", "10:30", "3/4".
		case r == '&' && unicode.IsUpper(prev) && unicode.IsUpper(next):
			// "AT&T", "S&P".
		case (r == '@' || r == '.' || r == '_' || r == '+') && isASCIIAlnum(text[i]) && scanEmail(text, i) > j:
			end := scanEmail(text, i)
			add(i, end)
			return end
		default:
			break scan
		}
		prev = r
		j += w
	}
	if j < len(text) && text[j] == '%' && isDigit(prev) {
		j++
	}
	if j < len(text) && text[j] == '.' && takesPeriod(text, i, j) {
		j++
		add(i, j)
		return j
	}
	if end, ok := scanDomain(text, i, j); ok {
		add(i, end)
		return end
	}
	if apostrophe {
		if k := cliticStart(text, i, j); k > i {
			add(i, k)
			add(k, j)
			return j
		}
	}
	add(i, j)
	return j
}

// cliticStart returns where a clitic begins in the word text[i:j] ("'s",
// "n't", "'ll" …), or i when there is none.
func cliticStart(text string, i, j int) int {
	word := text[i:j]
	k := strings.LastIndexAny(word, "'’")
	if k <= 0 {
		return i
	}
	_, aw := utf8.DecodeRuneInString(word[k:])
	suffix := word[k+aw:]
	switch strings.ToLower(suffix) {
	case "s", "re", "ve", "ll", "d", "m":
		return i + k
	case "t":
		if k >= 2 && (word[k-1] == 'n' || word[k-1] == 'N') {
			return i + k - 1
		}
	}
	return i
}

// takesPeriod reports whether the word text[i:j], followed by a period,
// keeps the period: known abbreviations and single capital initials.
func takesPeriod(text string, i, j int) bool {
	word := text[i:j]
	if abbreviations[word] != 0 {
		if word == "No" || word == "Nos" {
			// "No. 10" but not "said no."
			return j+2 < len(text) && text[j+1] == ' ' && isDigit(rune(text[j+2]))
		}
		return true
	}
	r, w := utf8.DecodeRuneInString(word)
	return w == len(word) && unicode.IsUpper(r)
}

// scanLetterDots matches single letters each followed by a period, at
// least two of them: "U.S.", "e.g.", "a.m.", "J.K.".
func scanLetterDots(text string, i int) (int, bool) {
	j, n := i, 0
	for j < len(text) {
		r, w := decode(text, j)
		if !unicode.IsLetter(r) || j+w >= len(text) || text[j+w] != '.' {
			break
		}
		j += w + 1
		n++
		if j < len(text) {
			if r2, _ := decode(text, j); IsWordRune(r2) && !unicode.IsLetter(r2) {
				return 0, false
			}
			if r2, w2 := decode(text, j); unicode.IsLetter(r2) && (j+w2 >= len(text) || text[j+w2] != '.') {
				return 0, false // "U.Sa" is no abbreviation
			}
		}
	}
	return j, n >= 2
}

// scanURL matches a URL starting at i: "http://", "https://" or "www.",
// running to white space or a quote, less trailing punctuation.
func scanURL(text string, i int) (int, bool) {
	rest := text[i:]
	if c := rest[0] | 0x20; c != 'h' && c != 'w' {
		return 0, false
	}
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return 0, false
	}
	j := i
	for j < len(text) {
		r, w := decode(text, j)
		if IsSpace(r) || r == '"' || r == '<' || r == '>' || IsQuoteRune(r) && r != '\'' {
			break
		}
		j += w
	}
	j = trimURLEnd(text, i, j)
	return j, j > i+4
}

// trimURLEnd drops sentence punctuation after a URL, and a closing
// bracket that does not close one inside it.
func trimURLEnd(text string, i, j int) int {
	for j > i {
		c := text[j-1]
		switch c {
		case '.', ',', ';', ':', '!', '?', '\'':
			j--
			continue
		case ')', ']':
			open := byte('(')
			if c == ']' {
				open = '['
			}
			if strings.Count(text[i:j], string(open)) < strings.Count(text[i:j], string(c)) {
				j--
				continue
			}
		}
		break
	}
	return j
}

// scanEmail returns the end of an e-mail address starting at i, or i.
func scanEmail(text string, i int) int {
	at := -1
	j := i
scan:
	for j < len(text) {
		c := text[j]
		switch {
		case c == '@' && at < 0 && j > i:
			at = j
		case isASCIIAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%':
		default:
			break scan
		}
		j++
	}
	for j > i && (text[j-1] == '.' || text[j-1] == '-') {
		j--
	}
	if at < 0 || !strings.Contains(text[at:j], ".") || j-at < 4 {
		return i
	}
	return j
}

// scanDomain extends the word text[i:j] over ".com"-like endings:
// "example.com", "gov.uk".
func scanDomain(text string, i, j int) (int, bool) {
	end := j
	for end < len(text) && text[end] == '.' {
		k := end + 1
		for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
			k++
		}
		if !topLevel[text[end+1:k]] || (k < len(text) && (isASCIIAlnum(text[k]) || text[k] == '-')) {
			break
		}
		end = k
	}
	return end, end > j
}

// topLevel holds common domain endings, so that "example.com" is one token
// but "end.The" is two.
var topLevel = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true, "int": true,
	"mil": true, "info": true, "io": true, "co": true, "uk": true, "us": true,
	"de": true, "fr": true, "it": true, "il": true, "ps": true, "ru": true,
	"eu": true, "news": true, "tv": true, "ca": true, "au": true, "in": true,
}

func decode(text string, i int) (rune, int) {
	if i >= len(text) {
		return utf8.RuneError, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// IsSpace reports whether r is white space, zero-width space and byte
// order mark included.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// IsWordRune reports whether r is a letter, digit or combining mark.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isLetterAt(text string, i int) bool {
	r, _ := decode(text, i)
	return unicode.IsLetter(r)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// IsQuoteRune reports whether r is a quotation mark of any style.
func IsQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›':
		return true
	}
	return false
}
