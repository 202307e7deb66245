package geo

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/internal/textview"
)

// mention is one name that may be a place.
type mention struct {
	name       int    // index into doc.Names
	start, end int    // span of the place name (a possessive "'s" left out)
	key        string // gazetteer.Key of the surface
	cands      []gazetteer.Match
	pick       int  // index into cands of the resolved place, -1 for none
	inner      bool // a place inside a longer name, which keeps its type
}

// candidates returns the names that may be places, in text order, each with
// the gazetteer entries it may mean.
func (s *Stage) candidates(doc *document.Document) []*mention {
	var ms []*mention
	seen := map[[2]int]bool{}
	covered := 0 // end of the last name read longer than nlp found it
	for i, n := range doc.Names {
		if n.Start < 0 || n.End > len(doc.Text) || n.Start >= n.End {
			continue
		}
		start, end := trimName(doc.Text, n.Start, n.End)
		start = skipLowerWords(doc.Text, start, end) // "central Asia", "northern Poland"
		if start < covered {
			continue // inside a name already read longer ("Carolina" of "South Carolina")
		}
		if n.Type != document.TypePerson && n.Type != document.TypeNORP && n.Type != document.TypeEvent {
			end = s.extend(doc.Text, start, end)
		}
		surface := doc.Text[start:end]
		if !capitalised(surface) || seen[[2]int{start, end}] || commonWords[strings.ToLower(surface)] && !acronym(surface) {
			continue
		}
		weakOK, ok := typeAllows(n.Type)
		townByContainer := false
		if !ok && n.Type == document.TypePerson && s.containerFollows(doc.Text, end) {
			// "Hammond, Indiana", "Milton, Ontario": a name with its
			// state or country after a comma is a town, whatever the
			// name finder thought.
			ok, townByContainer = true, true
		}
		if !ok && !(n.Type == document.TypeNORP && acronym(surface)) {
			// A demonym is not a place, but "US" and "UK" in "US
			// officials" are the country's names used as modifiers.
			continue
		}
		cands := s.gaz.Find(surface)
		if townByContainer {
			cands = keep(strong(cands), func(e gazetteer.Entry) bool { return e.IsPopulated() })
		}
		if len(cands) == 0 && n.Type != document.TypeNORP {
			// "California Department of Public Health", "Taco Bell
			// Canada", "University of Manitoba": the name is not a
			// place but holds one.
			for _, in := range s.inner(doc.Text, start, end) {
				if !seen[[2]int{in.start, in.end}] {
					seen[[2]int{in.start, in.end}] = true
					in.name, in.inner = i, true
					ms = append(ms, in)
				}
			}
			continue
		}
		if !weakOK {
			cands = strong(cands)
		}
		if n.Type == document.TypeNORP {
			cands = keep(cands, gazetteer.Entry.IsCountry)
		}
		if textview.AllCaps(surface) && !dateline(doc.Text, start, end) {
			// All-capital words are mostly acronyms ("UN", "FAO",
			// "EST"): only a country's or division's abbreviation
			// counts, never a town that happens to share the letters.
			cands = keep(cands, func(e gazetteer.Entry) bool { return e.IsCountry() || e.Curated || e.IsAdmin() })
		}
		if len(cands) == 0 {
			continue
		}
		seen[[2]int{start, end}] = true
		if end > n.End {
			covered = end
		}
		ms = append(ms, &mention{name: i, start: start, end: end, key: gazetteer.Key(surface), cands: cands, pick: -1})
	}
	ms = append(ms, s.containers(doc.Text, ms, seen)...)
	ms = append(ms, s.hyphenated(doc, ms)...)
	ms = append(ms, s.abbreviations(doc, ms)...)
	slices.SortStableFunc(ms, func(a, b *mention) int { return a.start - b.start })
	return ms
}

// hyphenated finds the places named as parts of hyphenated words:
// "Seattle-based", "Russia-Turkey ties", "a Canada-wide warrant",
// "made-in-China", "mid-Ohio". A part counts as an inner place does
// (see inner): a country, first-level division, curated area or city of
// innerMinPop or more, by its own name. Words that are places whole
// ("Guinea-Bissau", "Wilkes-Barre"), words inside names nlp calls people
// ("Lloyd-George") and parts a mention already covers are left alone.
func (s *Stage) hyphenated(doc *document.Document, ms []*mention) []*mention {
	text := doc.Text
	covered := func(a, b int) bool {
		if overlapsAny(ms, a, b) {
			return true
		}
		for _, n := range doc.Names {
			if (n.Type == document.TypePerson || n.Type == document.TypeNORP) && n.Start < b && a < n.End {
				return true
			}
		}
		return false
	}
	find := func(a, b int) []gazetteer.Match {
		cands := keep(strong(s.gaz.Find(text[a:b])), func(e gazetteer.Entry) bool {
			return e.IsCountry() || e.Curated || e.Feature == "ADM1" || e.IsPopulated() && e.Population >= innerMinPop
		})
		if textview.AllCaps(text[a:b]) {
			cands = keep(cands, func(e gazetteer.Entry) bool { return e.IsCountry() || e.Curated || e.IsAdmin() })
		}
		return cands
	}
	var out []*mention
	ws := words(text)
	for i, w := range ws {
		tok := text[w[0]:w[1]]
		if !strings.Contains(tok, "-") || len(s.gaz.Find(tok)) > 0 {
			continue
		}
		at := w[0]
		for p, part := range strings.Split(tok, "-") {
			a, b := trimName(text, at, at+len(part))
			at += len(part) + 1
			if a >= b || !capitalised(text[a:b]) {
				continue
			}
			var cands []gazetteer.Match
			if p == 0 {
				// The first part may end a longer name: "New
				// York-based", "Hong Kong-born".
				for k := max(0, i-2); k < i && cands == nil; k++ {
					if joined(text, ws[k:i+1]) && capitalised(text[ws[k][0]:ws[k][1]]) {
						if c := find(ws[k][0], b); len(c) > 0 {
							a, cands = ws[k][0], c
						}
					}
				}
			}
			if cands == nil {
				if commonWords[strings.ToLower(text[a:b])] && !acronym(text[a:b]) || genericWords[strings.ToLower(text[a:b])] {
					continue
				}
				cands = find(a, b)
			}
			if len(cands) == 0 || covered(a, b) {
				continue
			}
			out = append(out, &mention{name: -1, inner: true, start: a, end: b, key: gazetteer.Key(text[a:b]), cands: cands, pick: -1})
		}
	}
	return out
}

// joined reports whether the words ws are one space apart in text.
func joined(text string, ws [][2]int) bool {
	for j := 1; j < len(ws); j++ {
		if text[ws[j-1][1]:ws[j][0]] != " " {
			return false
		}
	}
	return true
}

// extendJoiners are the lower-case words inside place names: "Rio Grande
// do Sul", "Ceamurlia de Jos", "Republic of the Congo".
var extendJoiners = map[string]bool{"de": true, "do": true, "da": true, "del": true, "di": true, "of": true, "the": true, "and": true}

// extend returns the end of the longest place name that starts at start
// and runs past end over capitalised words and joiners, each one space
// apart ("South" → "South Carolina", "Rio Grande" → "Rio Grande do Sul",
// "Plymouth" → "Plymouth County"), when the name finder cut it short; else
// end. Only a place's own name counts, not a GeoNames alternate name.
func (s *Stage) extend(text string, start, end int) int {
	rest := text[end:min(len(text), end+80)]
	ws := words(rest)
	best := end
	for k, w := range ws {
		if k >= s.gaz.MaxWords() {
			break
		}
		prev := 0
		if k > 0 {
			prev = ws[k-1][1]
		}
		if rest[prev:w[0]] != " " {
			break
		}
		word := rest[w[0]:w[1]]
		if !capitalised(word) {
			if extendJoiners[word] {
				continue
			}
			break
		}
		a, b := trimName(text, start, end+w[1])
		if a != start {
			break
		}
		for _, m := range s.gaz.Find(text[a:b]) {
			if !m.Alternate && !m.IsMinorTown() {
				best = b
				break
			}
		}
	}
	return best
}

// skipLowerWords moves start past the lower-case words that open a name
// ("central Asia"), when a capitalised word follows.
func skipLowerWords(text string, start, end int) int {
	for _, w := range words(text[start:end]) {
		if capitalised(text[start+w[0] : start+w[1]]) {
			return start + w[0]
		}
	}
	return start
}

// containerFollows reports whether ", " and the name of a country or
// first-level division follow offset end: "Hammond, Indiana".
func (s *Stage) containerFollows(text string, end int) bool {
	_, _, cands := s.containerAt(text, end)
	return cands != nil
}

// containers finds the division or country named right after a place
// and a comma that the name finder left out: "Surrey, B.C.", "Columbia,
// Ky.", "Yarrabah, Queensland".
func (s *Stage) containers(text string, ms []*mention, seen map[[2]int]bool) []*mention {
	var out []*mention
	for _, m := range ms {
		a, b, cands := s.containerAt(text, m.end)
		if cands == nil || seen[[2]int{a, b}] || overlapsAny(ms, a, b) || overlapsAny(out, a, b) {
			continue
		}
		seen[[2]int{a, b}] = true
		out = append(out, &mention{name: m.name, inner: true, start: a, end: b, key: gazetteer.Key(text[a:b]), cands: cands, pick: -1})
	}
	return out
}

// containerAt returns the span and readings of the country or
// first-level division named right after ", " at offset end, the longest
// of up to three words one space apart: "Surrey, B.C.", "Lewisburg,
// West Virginia" (not the Cameroonian region West); nil when there is
// none.
func (s *Stage) containerAt(text string, end int) (int, int, []gazetteer.Match) {
	rest := text[end:min(len(text), end+60)]
	if !strings.HasPrefix(rest, ", ") {
		return 0, 0, nil
	}
	ws := words(rest[2:])
	if len(ws) == 0 || ws[0][0] != 0 {
		return 0, 0, nil
	}
	n := 1
	for n < min(len(ws), 3) && rest[2+ws[n-1][1]:2+ws[n][0]] == " " {
		n++
	}
	for k := n; k > 0; k-- {
		a, b := trimName(text, end+2, end+2+ws[k-1][1])
		if a >= b || !capitalised(text[a:b]) {
			continue
		}
		cands := keep(strong(s.gaz.Find(text[a:b])), func(e gazetteer.Entry) bool { return e.IsCountry() || e.Feature == "ADM1" })
		if len(cands) > 0 {
			return a, b, cands
		}
	}
	return 0, 0, nil
}

// innerMinPop is the smallest town inside a longer name that counts as a
// place mention ("Toronto Police Service", "University of Manitoba").
const innerMinPop = 100000

// inner finds the places named inside a longer name: runs of its words,
// longest first, that are the own name of a country, first-level
// division, curated area or city of innerMinPop people or more. Names
// nlp calls people never get here ("Paris Hilton").
func (s *Stage) inner(text string, start, end int) []*mention {
	ws := words(text[start:end])
	var out []*mention
	for i := 0; i < len(ws); {
		found := false
		for k := min(len(ws), i+s.gaz.MaxWords()); k > i && !found; k-- {
			if k-i == len(ws) {
				continue // the whole name, already looked up
			}
			a, b := trimName(text, start+ws[i][0], start+ws[k-1][1])
			surface := text[a:b]
			if a >= b || !capitalised(surface) || commonWords[strings.ToLower(surface)] && !acronym(surface) || genericWords[strings.ToLower(surface)] {
				continue
			}
			cands := keep(strong(s.gaz.Find(surface)), func(e gazetteer.Entry) bool {
				return e.IsCountry() || e.Curated || e.Feature == "ADM1" || e.IsPopulated() && e.Population >= innerMinPop ||
					e.Feature == "ADM2" && countyWord(surface)
			})
			if len(cands) == 0 {
				continue
			}
			out = append(out, &mention{start: a, end: b, key: gazetteer.Key(surface), cands: cands, pick: -1})
			i, found = k, true
		}
		if !found {
			i++
		}
	}
	return out
}

// genericWords are the kinds of place that name places of their own
// ("Plateau", a Nigerian state; "The Valley", Anguilla's capital; "Bay",
// a Somali region; "Republic", Missouri) but inside a longer name are
// only its kind: "Central Plateau", "Rift Valley", "Mahim Bay",
// "Republic of Congo".
var genericWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`valley bay plateau republic park lake river island islands coast delta
		mountains mountain gulf sea province state county city district region highlands lowlands
		desert forest harbour harbor port cape peninsula strait square street road airport centre center`) {
		m[w] = true
	}
	return m
}()

// countyWord reports whether a name ends in the word for a second-level
// division ("Metcalfe County", "Orleans Parish"): inside a longer name
// ("Metcalfe County Sheriff's Office") such a name is the division.
func countyWord(name string) bool {
	for _, w := range []string{" County", " Parish", " Borough", " District"} {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// abbreviations finds the dotted abbreviations of countries and
// divisions that no name covers ("deaths in B.C. so far", "the B.C.
// government"): words of capitals and dots. One after a number ("500
// B.C.") is an era.
func (s *Stage) abbreviations(doc *document.Document, ms []*mention) []*mention {
	text := doc.Text
	var out []*mention
	ws := words(text)
	for i, w := range ws {
		tok := text[w[0]:w[1]]
		if strings.Count(tok, ".") < 2 || !textview.AllCaps(tok) || overlapsAny(ms, w[0], w[1]) {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeRuneInString(text[ws[i-1][0]:]); unicode.IsDigit(r) {
				continue
			}
		}
		cands := keep(strong(s.gaz.Find(tok)), func(e gazetteer.Entry) bool { return e.IsCountry() || e.IsAdmin() })
		if len(cands) > 0 {
			out = append(out, &mention{name: -1, inner: true, start: w[0], end: w[1], key: gazetteer.Key(tok), cands: cands, pick: -1})
		}
	}
	return out
}

// overlapsAny reports whether [a, b) overlaps a mention of ms.
func overlapsAny(ms []*mention, a, b int) bool {
	for _, m := range ms {
		if m.start < b && a < m.end {
			return true
		}
	}
	return false
}

// typeAllows reports whether a name of type t may be a place, and whether
// it may match a place by a GeoNames alternate name. Names nlp calls GPE or
// LOC are places by its word; ORG, FAC, MISC and untyped names are often
// mistyped places ("Israel said") but need a place's own name.
func typeAllows(t string) (alternates, ok bool) {
	switch t {
	case document.TypeGPE, document.TypeLoc:
		return true, true
	case document.TypePerson, document.TypeNORP, document.TypeEvent:
		return false, false
	}
	return false, true
}

// strong drops the matches made only by a GeoNames alternate name, and
// towns of unknown population: readings for names nlp has not called
// places need the place's own name and some size.
func strong(ms []gazetteer.Match) []gazetteer.Match {
	out := ms[:0]
	for _, m := range ms {
		if !m.Alternate && !m.IsMinorTown() {
			out = append(out, m)
		}
	}
	return out
}

// keep keeps the matches whose entry passes ok.
func keep(ms []gazetteer.Match, ok func(gazetteer.Entry) bool) []gazetteer.Match {
	out := ms[:0]
	for _, m := range ms {
		if ok(m.Entry) {
			out = append(out, m)
		}
	}
	return out
}

// dateline reports whether the all-capital name at [start, end) opens a
// paragraph and is followed by a comma, dash or bracket: "LONDON —",
// "COLUMBIA, Ky.". There it is a town, not an acronym.
func dateline(text string, start, end int) bool {
	if start > 0 && text[start-1] != '\n' {
		return false
	}
	rest := strings.TrimLeft(text[end:], " ")
	return strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "-") ||
		strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "(")
}

// trimName narrows [start, end) to the name proper: surrounding space and
// punctuation and a possessive ("Israel's", "Gaza’s", "Tunis'") go.
func trimName(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		start += n
	}
	for start < end {
		s := text[start:end]
		switch {
		case strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "'S"):
			end -= 2
		case strings.HasSuffix(s, "’s"):
			end -= len("’s")
		default:
			r, n := utf8.DecodeLastRuneInString(s)
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' && strings.Count(s, ".") > 1 {
				// Keep the final dot of "U.S." but not a full stop.
				return start, end
			}
			end -= n
		}
	}
	return start, end
}

// capitalised reports whether s starts with an upper-case letter: places
// are proper names, and "us" is not the US.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// demonymCountries counts the countries of the article's demonyms
// ("Israeli officials", "Palestinians"), which say where the story is as
// much as its place names do.
func (s *Stage) demonymCountries(doc *document.Document) map[string]int {
	out := map[string]int{}
	for _, d := range Demonyms(doc.Text, s.gaz) {
		out[d.Country]++
	}
	return out
}
