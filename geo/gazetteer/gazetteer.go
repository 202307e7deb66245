// Package gazetteer is the embedded list of places newsgraph knows:
// countries, first-level divisions, cities and the areas news names, with
// their names, demonyms, coordinates and GeoNames ids.
//
// STUB: the API is fixed; the data is being filled in.
package gazetteer

import (
	"strings"
	"sync"
)

// Entry is one place.
type Entry struct {
	Name       string  // preferred English name
	Country    string  // ISO 3166-1 alpha-3; for a country, its own code
	Lat, Lon   float64 // WGS84
	Feature    string  // GeoNames feature code: PCLI (country), PPLC (capital), PPLA, PPL, ADM1, RGN, CONT …
	GeonamesID int
	Population int
}

// Gazetteer answers look-ups by name. It is read-only and safe for
// concurrent use.
type Gazetteer struct {
	byName   map[string][]Entry
	demonyms map[string]string // lower-case demonym -> alpha-3
	names    map[string]string // alpha-3 -> country name
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, loaded once.
func Default() *Gazetteer {
	defaultOnce.Do(func() { defaultGaz = load() })
	return defaultGaz
}

func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Lookup returns every place called name (any known name or alias, case
// folded), most likely first: countries, then by population.
func (g *Gazetteer) Lookup(name string) []Entry { return g.byName[key(name)] }

// Demonym returns the country of a demonym or adjective ("Israeli",
// "Palestinian", "US", "British").
func (g *Gazetteer) Demonym(word string) (country string, ok bool) {
	c, ok := g.demonyms[key(word)]
	return c, ok
}

// CountryName returns the English name of an alpha-3 code, or "".
func (g *Gazetteer) CountryName(alpha3 string) string { return g.names[alpha3] }

func load() *Gazetteer {
	g := &Gazetteer{byName: map[string][]Entry{}, demonyms: map[string]string{}, names: map[string]string{}}
	for _, e := range []Entry{
		{Name: "Israel", Country: "ISR", Lat: 31.5, Lon: 34.75, Feature: "PCLI", GeonamesID: 294640},
		{Name: "Washington", Country: "USA", Lat: 38.895, Lon: -77.036, Feature: "PPLC", GeonamesID: 4140963},
	} {
		g.byName[key(e.Name)] = append(g.byName[key(e.Name)], e)
	}
	g.demonyms["israeli"] = "ISR"
	g.names["ISR"] = "Israel"
	return g
}
