package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page furniture is the text around an article that belongs to the page,
// not the story: advertisement markers, share and follow prompts,
// newsletter and cookie notices, links to other stories, copyright lines.
// It is recognised by shape (short, not a sentence) and by the generic
// calls to action below, never by the wording of any one site.

// maxFurnitureWords is the longest line that a call-to-action pattern may
// remove. Furniture is terse; a longer line that happens to start with
// "Follow" or "Share" is story text.
const maxFurnitureWords = 12

// callToAction matches lines that address the reader about the page rather
// than tell the story. Patterns are anchored at the start of the line (or
// cover it whole) so that sentences which merely contain these words
// survive.
var callToAction = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	// Advertisement markers, including common misspellings (advertisment,
	// adverstisement) and a few languages' equivalents.
	`adv[ae]?rs?t[a-z]*(?:\s+\w+)?$`,
	`ads?$`, `anzeigen?$`, `werbung$`, `publicit[eé]$`, `publicidad$`, `pubblicit[aà]$`,
	`(?:sponsored|promoted|paid)(?:\s+(?:content|post|links?|stories|partner|by\b.*))?$`,
	`(?:story|article) continues (?:below|after)\b`,
	// Social prompts.
	`(?:follow|like|find|join|connect with|contact)\s+us\b`,
	`(?:share|tweet|email|e-mail|print|pin|save|copy link)(?:\s+(?:this|on|via|article|story|page|post|link)\b.*)?$`,
	`(?:facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|instagram|youtube|x)(?:\s*[|/·•,]\s*\w+)*$`,
	// Subscriptions and accounts.
	`(?:subscribe|sign\s*up|sign\s*in|log\s*in|login|register|create an account|newsletter|get our newsletter|join our mailing list)\b`,
	// Cookie and legal notices.
	`(?:we use|this (?:site|website) uses|accept|reject|manage)\b.*\bcookies?\b`,
	`cookies?\b.*\b(?:policy|settings|consent|preferences)`,
	`(?:privacy policy|terms of (?:use|service)|terms and conditions|contact us|about us|impressum|datenschutz)\b`,
	`(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))`,
	`.*\ball rights reserved\b`,
	// Links to other pages.
	`(?:related|recommended|trending|popular)(?:\s+(?:articles?|stories|content|news|topics|posts|coverage|links|reading|now|for you))?\s*(?::|$)`,
	`(?:see also|also read|read also|more from|more stories|more news|more articles|more like this|most (?:read|popular|viewed|shared)|top stories|latest (?:news|stories|articles|updates)|you (?:may|might) (?:also )?(?:like|be interested)|editor'?s picks)\b`,
	`(?:read|watch|listen)(?:\s*(?:more|next|now|also|here|the full \w+|the video|live))?\s*[:»›>…]?$`,
	`(?:read more|read next|continue reading|click here|tap here|learn more|find out more)\b`,
	`.*\bclick here\b`,
	// Navigation and page chrome.
	`(?:skip to|back to top|jump to)\b`,
	`(?:go|return|back) to (?:top|home|homepage|the homepage|page|article|content|menu|comments)$`,
	`(?:home|menu|search|close|open|toggle|loading|next|previous|prev|back|top)(?:\s+(?:menu|navigation|search|article|page|story))?$`,
	`(?:tags?|topics?|filed under|categories|category|keywords)\s*:`,
	`(?:photo|image|picture|video|graphic|illustration|credit|file photo)s?\s*:`,
	// The same labels in German and French: WordPress's "Teilen mit:"
	// and "Wird geladen …", picture labels, photo credits.
	`(?:teilen(?:\s+mit)?|kommentieren|bewerten|drucken|wird geladen)$`,
	`(?:titelbild|beitragsbild|bildquelle)(?:\s*:|$)`, `(?:fotos?|bild|abbildung)\s*:`,
	`cr[ée]dits?\s+photos?\s*:`,
	// Advertising disclosures, account and loading notices.
	`(?:anzeige|werbung)\s*[,.:\-–]`, `.*\benthält\s+(?:affiliate|werbung|werbelinks)\b`,
	`this (?:post|article|page) contains (?:affiliate|references to products|sponsored)\b`,
	`(?:abonniere|abonnieren sie|unterstütze|unterstützen sie)\b`, `never miss\b`,
	`(?:sie sind|du bist)\s+(?:aktuell\s+|derzeit\s+)?nicht\s+(?:eingeloggt|angemeldet)`,
	`(?:lade|mehr)\s+(?:weitere\s+)?(?:inhalte|laden)$`,
	`(?:\d+\s+)?comments?\s*(?:\(\d+\)|:)?$`,
	`(?:leave a (?:comment|reply)|post a comment|add a comment|(?:show|view|hide) comments)\b`,
	`(?:download|get) (?:the|our) app\b`,
}, "|") + `)`)

// isCallToAction reports whether line is furniture by its wording.
func isCallToAction(line string) bool {
	line = strings.TrimFunc(line, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '©' && r != '('
	})
	if line == "" {
		return false
	}
	if wordCount(line) > maxFurnitureWords {
		return false
	}
	return callToAction.MatchString(line)
}

// sentenceEnd holds the characters that close a sentence, and closers the
// quotes and brackets that may follow them.
const (
	sentenceEnd = ".!?…:;。！？；："
	closers     = "\"'”’»)]*」』）】"
)

// endsSentence reports whether s ends the way a sentence does, allowing
// closing quotes and brackets after the final stop.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(sentenceEnd, r)
}

// proseWords is the length from which a line counts as prose even without
// a final stop: scraped text often loses the last character of a
// paragraph, and furniture is never this long.
const proseWords = 15

// isProse reports whether a line or paragraph reads as story text rather
// than as a label: it ends like a sentence or is long.
func isProse(s string) bool {
	return endsSentence(s) || wordCount(s) >= proseWords
}

// wordCount counts the words of s. Chinese and Japanese are written
// without spaces; their words average about two characters, so each pair
// of such characters counts as a word.
func wordCount(s string) int {
	n, wide := 0, 0
	for _, f := range strings.Fields(s) {
		nonWide := false
		for _, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				wide++
			} else {
				nonWide = true
			}
		}
		if nonWide {
			n++
		}
	}
	return n + (wide+1)/2
}
