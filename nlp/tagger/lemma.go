package tagger

import (
	"strings"
	"unicode/utf8"
)

// lemmatizer maps a word and its UPOS to a lemma: first a table of the
// treebanks' words whose lemma the rules get wrong ("went" VERB → "go",
// "I" PRON → "I"), then rules for regular inflection that prefer a
// candidate the treebanks know as a lemma of that part of speech
// ("hoped" → "hope" because "hope" is a known verb, "stopped" → "stop").
type lemmatizer struct {
	// exceptions maps lower(form)+"\t"+UPOS to a lemma, or to keepForm
	// or lowerForm when the lemma is the word itself (in its own case or
	// lower-cased): those follow the word's case rather than the case it
	// happened to have in the treebank.
	exceptions map[string]string
	// known holds UPOS+"\t"+lemma for the open-class lemmas seen in
	// training.
	known map[string]bool
}

// Markers in lemmatizer.exceptions.
const (
	keepForm  = "\x00"
	lowerForm = "\x01"
)

// lemma returns the lemma of word tagged upos.
func (l *lemmatizer) lemma(word, upos string) string {
	if !utf8.ValidString(word) {
		return word // nothing to learn from, and ToLower would rewrite it
	}
	lw := strings.ToLower(word)
	if v, ok := l.exceptions[lw+"\t"+upos]; ok {
		return applyValue(v, word, lw)
	}
	return l.rule(word, lw, upos)
}

// applyValue turns an exceptions value into the lemma of word.
func applyValue(v, word, lower string) string {
	switch v {
	case keepForm:
		return word
	case lowerForm:
		return lower
	}
	return v
}

// valueOf is the exceptions value for a treebank word and its lemma.
func valueOf(form, lemma string) string {
	switch lemma {
	case form:
		return keepForm
	case strings.ToLower(form):
		return lowerForm
	}
	return lemma
}

// contractions are the clitics that UD English splits off, with their
// usual lemma.
var contractions = map[string]string{
	"n't": "not", "n’t": "not", "'ll": "will", "’ll": "will", "'ve": "have", "’ve": "have",
	"'re": "be", "’re": "be", "'m": "be", "’m": "be", "'d": "would", "’d": "would",
}

// rule lemmatizes a word the exceptions do not cover.
func (l *lemmatizer) rule(word, lw, upos string) string {
	if c, ok := contractions[lw]; ok && upos != "PROPN" {
		return c
	}
	switch upos {
	case "PROPN", "PUNCT", "SYM", "NUM", "X":
		return word
	case "NOUN":
		return l.pick(upos, lw, nounCandidates(lw), true)
	case "VERB", "AUX":
		return l.pick("VERB", lw, verbCandidates(lw), true)
	case "ADJ", "ADV":
		// Only strip -er/-est when the result is a known lemma: many
		// adjectives end so ("other", "modest").
		return l.pick(upos, lw, degreeCandidates(lw), false)
	}
	return lw
}

// pick returns lw when it is itself a known lemma, else the first
// candidate that is, else (when blind) the first candidate, else lw.
func (l *lemmatizer) pick(upos, lw string, cands []string, blind bool) string {
	if l.known[upos+"\t"+lw] {
		return lw
	}
	for _, c := range cands {
		if l.known[upos+"\t"+c] {
			return c
		}
	}
	if blind && len(cands) > 0 {
		return cands[0]
	}
	return lw
}

// nounCandidates returns the possible singulars of a plural noun, the
// likeliest first.
func nounCandidates(w string) []string {
	var c []string
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		c = append(c, w[:len(w)-3]+"y", w[:len(w)-1])
	case strings.HasSuffix(w, "ves") && len(w) > 4:
		c = append(c, w[:len(w)-1], w[:len(w)-3]+"f", w[:len(w)-3]+"fe")
	case strings.HasSuffix(w, "men") && len(w) > 4:
		c = append(c, w[:len(w)-3]+"man")
	case strings.HasSuffix(w, "es") && len(w) > 3 && sibilant(w[:len(w)-2]):
		c = append(c, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && len(w) > 2 && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		c = append(c, w[:len(w)-1])
	}
	return c
}

// sibilant reports whether a stem takes -es in the plural ("boxes").
func sibilant(stem string) bool {
	for _, s := range []string{"s", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(stem, s) {
			return true
		}
	}
	return false
}

// verbCandidates returns the possible base forms of an inflected verb,
// the likeliest first (the first is the blind guess).
func verbCandidates(w string) []string {
	n := len(w)
	var c []string
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		c = append(c, w[:n-3]+"y")
	case strings.HasSuffix(w, "es") && n > 3 && sibilant(w[:n-2]):
		c = append(c, w[:n-2], w[:n-1])
	case strings.HasSuffix(w, "s") && n > 2 && !strings.HasSuffix(w, "ss"):
		c = append(c, w[:n-1])
	case strings.HasSuffix(w, "ied") && n > 4:
		c = append(c, w[:n-3]+"y")
	case strings.HasSuffix(w, "ed") && n > 3:
		c = append(c, stemGuesses(w[:n-2])...)
	case strings.HasSuffix(w, "ing") && n > 4:
		c = append(c, stemGuesses(w[:n-3])...)
	}
	return c
}

// stemGuesses returns the base forms a stem left by cutting -ed or -ing
// may stand for ("stopp" → "stop", "hop" → "hope", "walk" → "walk"); the
// first is the guess when none is known.
func stemGuesses(stem string) []string {
	n := len(stem)
	if n >= 2 && stem[n-1] == stem[n-2] && isConsonant(stem[n-1]) && !strings.ContainsRune("lsz", rune(stem[n-1])) {
		return []string{stem[:n-1], stem, stem + "e"}
	}
	// A stem ending in these letters rarely stands alone ("argu",
	// "continu", "serv", "chang"), so the -e form is the better guess.
	if n > 0 && strings.ContainsRune("uvzcg", rune(stem[n-1])) {
		return []string{stem + "e", stem}
	}
	return []string{stem, stem + "e"}
}

// degreeCandidates returns the possible base forms of a comparative or
// superlative ("happier" → "happy", "bigger" → "big", "larger" →
// "large").
func degreeCandidates(w string) []string {
	n := len(w)
	var stem string
	switch {
	case strings.HasSuffix(w, "iest") && n > 5:
		return []string{w[:n-4] + "y"}
	case strings.HasSuffix(w, "ier") && n > 4:
		return []string{w[:n-3] + "y"}
	case strings.HasSuffix(w, "est") && n > 4:
		stem = w[:n-3]
	case strings.HasSuffix(w, "er") && n > 3:
		stem = w[:n-2]
	default:
		return nil
	}
	return stemGuesses(stem)
}

func isConsonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !strings.ContainsRune("aeiou", rune(c))
}
