package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// englishStopwords are frequent English function words. They make up
// roughly a third of running English text and rarely occur in other
// languages, so their rate is a cheap and robust test for English that
// trigram models, which confuse short English texts with Scots or
// Latin, lack.
var englishStopwords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true,
	"is": true, "that": true, "for": true, "it": true, "was": true, "on": true,
	"with": true, "he": true, "as": true, "by": true, "at": true, "from": true,
	"his": true, "her": true, "she": true, "they": true, "have": true, "has": true,
	"be": true, "are": true, "were": true, "this": true, "which": true, "or": true,
	"an": true, "but": true, "not": true, "had": true, "their": true, "said": true,
	"will": true, "would": true, "been": true, "who": true, "its": true, "we": true,
}

// langSample bounds the text that language detection reads: a few
// thousand characters decide it, and trigram counting is linear in size.
const langSample = 8000

// detectLanguage returns the ISO 639-1 code of text's language, or "" when
// it cannot tell.
func detectLanguage(text string) string {
	return detectLanguageOr(text, "")
}

// detectLanguageOr is detectLanguage for a text whose language a trigram
// model has already given as guess (go-trafilatura classifies every body
// it extracts): the English test runs, the model is not run again.
func detectLanguageOr(text, guess string) string {
	if len(text) > langSample {
		text = truncateUTF8(text, langSample)
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	if len(words) < 3 {
		return ""
	}
	stop := 0
	for _, w := range words {
		if englishStopwords[w] {
			stop++
		}
	}
	// English running text is about a third stopwords from this list;
	// other Latin-script languages score under 5%.
	if stop*100 >= len(words)*15 {
		return "en"
	}
	if guess != "" {
		return guess
	}
	// The trigram model's own threshold (0.8) refuses many clear
	// sentences; over a dozen words half its confidence is right in
	// practice.
	info := whatlanggo.Detect(text)
	if info.IsReliable() || (info.Confidence >= 0.5 && len(words) >= 12) {
		return info.Lang.Iso6391()
	}
	return ""
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
