// Package nlptest provides a small fixed gazetteer for the tests of the
// nlp and coref packages, so that they do not depend on the embedded
// gazetteer's data.
package nlptest

import (
	"strings"

	"newsgraph/geo/gazetteer"
)

// Gazetteer is a small in-memory gazetteer with the Lookup and Demonym
// methods of *gazetteer.Gazetteer.
type Gazetteer struct {
	entries  map[string][]gazetteer.Entry
	demonyms map[string]string
}

// Lookup returns the places called name.
func (p Gazetteer) Lookup(name string) []gazetteer.Entry {
	return p.entries[strings.ToLower(strings.TrimPrefix(name, "the "))]
}

// Demonym returns the country of a demonym.
func (p Gazetteer) Demonym(word string) (string, bool) {
	c, ok := p.demonyms[strings.ToLower(word)]
	return c, ok
}

// Places returns a gazetteer of some countries, capitals, towns and
// demonyms that the tests' articles name.
func Places() Gazetteer {
	p := Gazetteer{entries: map[string][]gazetteer.Entry{}, demonyms: map[string]string{}}
	add := func(name, country, feature string, pop int, aliases ...string) {
		e := gazetteer.Entry{Name: name, Country: country, Feature: feature, Population: pop}
		for _, n := range append([]string{name}, aliases...) {
			p.entries[strings.ToLower(n)] = append(p.entries[strings.ToLower(n)], e)
		}
	}
	add("Israel", "ISR", "PCLI", 0)
	add("Italy", "ITA", "PCLI", 0)
	add("United States", "USA", "PCLI", 0, "US", "U.S.", "USA", "America")
	add("Cyprus", "CYP", "PCLI", 0)
	add("France", "FRA", "PCLI", 0)
	add("Germany", "DEU", "PCLI", 0)
	add("Kenya", "KEN", "PCLI", 0)
	add("Brazil", "BRA", "PCLI", 0)
	add("Japan", "JPN", "PCLI", 0)
	add("Jordan", "JOR", "PCLI", 0)
	add("Gaza Strip", "PSE", "TERR", 0, "Gaza")
	add("West Bank", "PSE", "TERR", 0)
	add("Middle East", "", "RGN", 0)
	add("Washington", "USA", "PPLC", 0)
	add("Paris", "FRA", "PPLC", 0)
	add("Berlin", "DEU", "PPLC", 0)
	add("Nairobi", "KEN", "PPLC", 0)
	add("Mombasa", "KEN", "PPL", 900000)
	add("Tokyo", "JPN", "PPLC", 0)
	add("Rafah", "PSE", "PPL", 170000)
	add("Clinton", "USA", "PPL", 20000)
	for w, c := range map[string]string{
		"israeli": "ISR", "palestinian": "PSE", "us": "USA", "u.s.": "USA", "american": "USA",
		"italian": "ITA", "french": "FRA", "german": "DEU", "kenyan": "KEN", "brazilian": "BRA",
		"japanese": "JPN", "british": "GBR", "cypriot": "CYP",
	} {
		p.demonyms[w] = c
	}
	return p
}
