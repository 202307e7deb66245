package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// words returns the [start, end) spans of the words of text: runs of
// letters and digits, with inner apostrophes, hyphens and dots ("U.S.",
// "Guinea-Bissau", "Israel's").
func words(text string) [][2]int {
	out := make([][2]int, 0, len(text)/6+1)
	start := -1
	for i, r := range text {
		var inWord bool
		if r < utf8.RuneSelf {
			// ASCII, most of any English text: no table look-ups.
			inWord = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		joiner := r == '\'' || r == '’' || r == '-' || r == '.'
		switch {
		case inWord && start < 0:
			start = i
		case inWord, joiner && start >= 0 && followedByLetter(text, i+utf8.RuneLen(r)):
		case start >= 0:
			end := i
			if r == '.' && (i-start == 1 || strings.Contains(text[start:i], ".")) {
				// An initial or abbreviation ("D.", "U.S.") keeps its
				// last dot.
				end++
			}
			out = append(out, [2]int{start, end})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// followedByLetter reports whether text has a letter at offset i.
func followedByLetter(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// scan finds place names in a text that has no names from nlp: runs of
// capitalised words separated by single spaces, longest known name first.
// Only a place's own names count, never GeoNames alternate names, and a
// sentence's first word must be a country, area, capital or division,
// since any capitalised word may start a sentence.
func (s *Stage) scan(doc *document.Document) []document.Name {
	text := doc.Text
	ws := words(text)
	var names []document.Name
	maxWords := s.gaz.MaxWords()
	for i := 0; i < len(ws); {
		if w := text[ws[i][0]:ws[i][1]]; !capitalised(w) || w == "The" {
			// "The" is left out of "The Hague" too: names are
			// looked up without it anyway.
			i++
			continue
		}
		// The run of capitalised words joined by single spaces from i.
		j := i + 1
		for j < len(ws) && j-i < maxWords && text[ws[j-1][1]:ws[j][0]] == " " && capitalised(text[ws[j][0]:ws[j][1]]) {
			j++
		}
		found := false
		for k := j; k > i; k-- {
			start, end := trimName(text, ws[i][0], ws[k-1][1])
			if start >= end {
				continue
			}
			e, ok := s.scanMatch(text[start:end], sentenceStart(text, start))
			if !ok {
				continue
			}
			typ := document.TypeGPE
			if e {
				typ = document.TypeLoc
			}
			names = append(names, document.Name{Start: start, End: end, Text: text[start:end], Type: typ, Sentence: doc.SentenceAt(start)})
			i, found = k, true
			break
		}
		if !found {
			i++
		}
	}
	return names
}

// scanMatch reports whether surface is a place name the scanner accepts,
// and whether it is a geographic (LOC) one.
func (s *Stage) scanMatch(surface string, first bool) (geographic, ok bool) {
	if commonWords[strings.ToLower(surface)] && !acronym(surface) {
		return false, false
	}
	if _, demonym := s.gaz.Demonym(surface); demonym && !s.gaz.Has(surface) {
		return false, false
	}
	for _, m := range s.gaz.Find(surface) {
		if m.Alternate || m.IsMinorTown() || textview.AllCaps(surface) && !(m.IsCountry() || m.Curated || m.IsAdmin()) {
			continue
		}
		if first && !(m.IsCountry() || m.Curated || m.IsCapital() || m.IsAdmin()) {
			continue
		}
		return m.IsGeographic(), true
	}
	return false, false
}

// sentenceStart reports whether offset i begins a sentence: only space
// since the start of text or since a full stop, question or exclamation
// mark, or a line break.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n' || r == '.' || r == '!' || r == '?':
			return true
		case r == '“' || r == '"' || r == '(':
			// An opening quote or bracket starts a sentence of its own.
			return true
		case r == '‘' || r == '\'' || unicode.IsSpace(r):
			i -= n
		default:
			return false
		}
	}
	return true
}

// acronym reports whether s has two or more capitals ("US", "U.S."),
// which sets it apart from the common word ("Us").
func acronym(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// commonWords are English words that are also the names of small places
// ("We", New Caledonia); capitalised, they are far more often the word.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the i we you he she it they me us him her them my our your
		his its their this that these those who what when where why how which
		and or but nor so yet if then than as at by for from in into of off on onto
		out over to up with about after before under between during since until
		all any both each few more most other some such no not only own same
		very can will just should now also here there said says say told
		may might must shall would could do does did done be is are was were been
		being have has had one two three four five six seven eight nine ten
		first last new old good great long little man men people time year day
		mr mrs ms dr st mount president minister general king queen prince
		monday tuesday wednesday thursday friday saturday sunday
		january february march april june july august september october november december
		north south east west central western eastern northern southern
		spring summer autumn fall winter
		advertisment advertisement search follow more home news sport sports
		world business video live opinion read share`) {
		m[w] = true
	}
	return m
}()
