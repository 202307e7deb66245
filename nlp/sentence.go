package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/nlp/tokenize"
)

// SplitSentences returns the sentences of text, with byte offsets and the
// token range of each into Tokenize(text).
//
// The rules: a paragraph break (a blank line) always ends a sentence; so
// does . ! ? … followed by white space and a capital, a digit or an
// opening quote or bracket, except after a title or an initial ("Mr.",
// "J."); after other abbreviations ("U.S.", "Inc.") only when a word that
// usually opens a sentence follows. Closing quotes and brackets stay with
// the sentence they close.
func SplitSentences(text string) []document.Sentence {
	return splitSentences(text, Tokenize(text))
}

// splitSentences splits tokenised text into sentences and sets each
// token's Sentence.
func splitSentences(text string, toks []document.Token) []document.Sentence {
	sents := make([]document.Sentence, 0, len(toks)/20+1)
	start := 0
	emit := func(last int) {
		for i := start; i <= last; i++ {
			toks[i].Sentence = len(sents)
		}
		sents = append(sents, document.Sentence{
			Start: toks[start].Start, End: toks[last].End,
			TokenStart: start, TokenEnd: last + 1,
		})
		start = last + 1
	}
	for k := 0; k < len(toks); {
		last, brk := k, false
		switch t := toks[k].Text; {
		case isTerminal(t):
			j := k + 1
			for j < len(toks) && toks[j].Start == toks[j-1].End && isCloser(toks[j].Text) {
				j++
			}
			last = j - 1
			brk = j < len(toks) && opensSentence(text, toks, last, j)
		case tokenize.AbbrevKind(t) == tokenize.AbbrevOther:
			brk = k+1 < len(toks) && toks[k+1].Start > toks[k].End && sentenceStarters[toks[k+1].Text]
		}
		if !brk && last+1 < len(toks) && paragraphBreak(text[toks[last].End:toks[last+1].Start]) {
			brk = true
		}
		if brk || last == len(toks)-1 {
			emit(last)
		}
		k = last + 1
	}
	return sents
}

// isTerminal reports whether a token ends a sentence: . ! ? ?! … ...
func isTerminal(t string) bool {
	switch t[0] {
	case '.', '!', '?':
		return true
	}
	return t == "…"
}

// isCloser reports whether a token closes a quote or bracket.
func isCloser(t string) bool {
	switch t {
	case "”", "’", "»", "›", ")", "]", "}", "\"", "'":
		return true
	}
	return false
}

// opensSentence reports whether toks[j] can open a new sentence after
// toks[last]: white space between them, then a capital, a digit or an
// opening quote or bracket.
func opensSentence(text string, toks []document.Token, last, j int) bool {
	if toks[j].Start == toks[last].End {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toks[j].Text)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case tokenize.IsQuoteRune(r) && r != '’' && r != '”' && r != '»':
		return true
	case r == '(' || r == '[' || r == '¿' || r == '¡':
		return true
	}
	return false
}

// paragraphBreak reports whether the white space between two tokens holds
// a blank line.
func paragraphBreak(gap string) bool {
	i := strings.IndexByte(gap, '\n')
	if i < 0 {
		return false
	}
	for _, c := range gap[i+1:] {
		switch {
		case c == '\n':
			return true
		case !tokenize.IsSpace(c):
			return false
		}
	}
	return false
}

// sentenceStarters are closed-class words that, capitalised after an
// abbreviation such as "U.S.", show that a new sentence has begun.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true,
	"They": true, "We": true, "I": true, "You": true, "This": true, "That": true,
	"These": true, "Those": true, "But": true, "And": true, "Or": true, "So": true,
	"Yet": true, "In": true, "On": true, "At": true, "For": true, "From": true,
	"By": true, "With": true, "After": true, "Before": true, "However": true,
	"Meanwhile": true, "His": true, "Her": true, "Their": true, "Its": true,
	"Our": true, "My": true, "There": true, "What": true, "When": true,
	"Where": true, "Why": true, "How": true, "Who": true, "If": true, "As": true,
	"While": true, "Although": true, "Since": true, "Some": true, "Many": true,
	"Most": true, "Still": true, "Now": true, "Then": true, "Despite": true,
}
