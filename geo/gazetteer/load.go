package gazetteer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Load reads a gazetteer from a places file and a supplement, both
// uncompressed. Most callers want [Default].
//
// The places file has one place a line, tab-separated: GeoNames id (0 when
// none), name, alpha-3 country, latitude, longitude, feature code,
// population, code (alpha-2 for a country, else the first-level division
// code), aliases and alternate names (both separated by "|"). Lines starting with "#" are
// comments. The supplement's format is described at its top
// (data/supplement.tsv).
func Load(places, supplement io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{
		byName:    map[string][]ref{},
		demonyms:  map[string]string{},
		names:     map[string]string{},
		countries: map[string]int32{},
		alpha2:    map[string]string{},
	}
	raw, err := io.ReadAll(places)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: reading places: %w", err)
	}
	// Size the tables once: growing them line by line costs more than
	// reading the file.
	n := bytes.Count(raw, []byte{'\n'}) + 1
	g.entries = make([]Entry, 0, n+512)
	g.byName = make(map[string][]ref, n*2)
	b := builder{g: g, aliases: make(map[int32][]string, n), alts: map[int32][]string{}}
	if err := eachLine(bytes.NewReader(raw), "places", b.place); err != nil {
		return nil, err
	}
	if err := eachLine(supplement, "supplement", b.supplement); err != nil {
		return nil, err
	}
	b.index()
	return g, nil
}

// builder collects entries and their names before they are indexed.
type builder struct {
	g       *Gazetteer
	aliases map[int32][]string // entry index -> names other than Name
	alts    map[int32][]string // entry index -> GeoNames alternate names
	keys    map[string][]int32 // Key(name) -> entries of that preferred name, built on first use
	primary []string           // Key of each entry's Name, kept in step with it
	never   []string           // keys that are never looked up as places
}

// named returns the entries whose preferred name has key k.
func (b *builder) named(k string) []int32 {
	if b.keys == nil {
		b.keys = make(map[string][]int32, len(b.primary))
		for i, ek := range b.primary {
			b.keys[ek] = append(b.keys[ek], int32(i))
		}
	}
	return b.keys[k]
}

// eachLine calls fn with the tab-separated fields of every line that is
// not blank or a comment, and wraps its error with the line number.
func eachLine(r io.Reader, what string, fn func(f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("gazetteer: %s line %d: %w", what, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: reading %s: %w", what, err)
	}
	return nil
}

// place reads one line of the places file.
func (b *builder) place(f []string) error {
	if len(f) < 8 {
		return fmt.Errorf("want 8 to 10 fields, have %d", len(f))
	}
	id, err := strconv.Atoi(f[0])
	if err != nil {
		return fmt.Errorf("geonameid: %w", err)
	}
	e, err := parseEntry(f[1], f[2], f[3], f[4], f[5], f[6])
	if err != nil {
		return err
	}
	e.GeonamesID = id
	var aliases []string
	if len(f) > 8 && f[8] != "" {
		aliases = strings.Split(f[8], "|")
	}
	i := b.add(e, aliases)
	if len(f) > 9 && f[9] != "" {
		b.alts[i] = strings.Split(f[9], "|")
	}
	if e.IsCountry() {
		b.g.countries[e.Country] = i
		b.g.names[e.Country] = e.Name
		b.g.alpha2[f[7]] = e.Country
	} else {
		b.g.entries[i].Admin1 = f[7]
	}
	return nil
}

// parseEntry reads the fields places and supplement lines share.
func parseEntry(name, country, lat, lon, feature, pop string) (Entry, error) {
	e := Entry{Name: name, Country: country, Feature: feature}
	if name == "" || feature == "" {
		return e, fmt.Errorf("empty name or feature")
	}
	var err error
	if e.Lat, err = strconv.ParseFloat(lat, 64); err != nil || e.Lat < -90 || e.Lat > 90 {
		return e, fmt.Errorf("bad latitude %q", lat)
	}
	if e.Lon, err = strconv.ParseFloat(lon, 64); err != nil || e.Lon < -180 || e.Lon > 180 {
		return e, fmt.Errorf("bad longitude %q", lon)
	}
	if e.Population, err = strconv.Atoi(pop); err != nil {
		return e, fmt.Errorf("population: %w", err)
	}
	return e, nil
}

// add appends an entry and returns its index.
func (b *builder) add(e Entry, aliases []string) int32 {
	i := int32(len(b.g.entries))
	b.g.entries = append(b.g.entries, e)
	b.primary = append(b.primary, Key(e.Name))
	if len(aliases) > 0 {
		b.aliases[i] = aliases
	}
	return i
}

// supplement reads one line of the supplement.
func (b *builder) supplement(f []string) error {
	need := map[string]int{"N": 3, "A": 3, "D": 3, "R": 3, "P": 7, "L": 4, "X": 2}
	n, ok := need[f[0]]
	if !ok {
		return fmt.Errorf("unknown record kind %q", f[0])
	}
	if len(f) < n {
		return fmt.Errorf("record %s: want %d fields, have %d", f[0], n, len(f))
	}
	g := b.g
	switch f[0] {
	case "N", "A":
		i, ok := g.countries[f[1]]
		if !ok {
			return fmt.Errorf("unknown country %q", f[1])
		}
		if f[0] == "N" {
			old := g.entries[i].Name
			g.entries[i].Name = f[2]
			b.primary[i] = Key(f[2])
			g.names[f[1]] = f[2]
			b.aliases[i] = append(b.aliases[i], old)
		} else {
			b.aliases[i] = append(b.aliases[i], split(f[2])...)
		}
	case "D":
		if _, ok := g.countries[f[1]]; !ok {
			return fmt.Errorf("unknown country %q", f[1])
		}
		for _, d := range split(f[2]) {
			for _, form := range demonymForms(d) {
				k := Key(form)
				if _, dup := g.demonyms[k]; !dup {
					g.demonyms[k] = f[1]
				}
			}
		}
	case "L":
		for _, i := range b.named(Key(f[1])) {
			if g.entries[i].Country == f[2] {
				b.aliases[i] = append(b.aliases[i], split(f[3])...)
				return nil
			}
		}
		return fmt.Errorf("no place %q in %q", f[1], f[2])
	case "X":
		for _, n := range split(f[1]) {
			b.never = append(b.never, Key(n))
		}
	case "R":
		id, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("geonameid: %w", err)
		}
		for i := range g.entries {
			if g.entries[i].GeonamesID == id {
				b.aliases[int32(i)] = append(b.aliases[int32(i)], g.entries[i].Name)
				g.entries[i].Name = f[2]
				b.primary[i] = Key(f[2])
				return nil
			}
		}
		return fmt.Errorf("no place with geonameid %d", id)
	case "P":
		e, err := parseEntry(f[1], f[2], f[3], f[4], f[5], f[6])
		if err != nil {
			return err
		}
		e.Curated = true
		var aliases []string
		if len(f) > 7 {
			aliases = split(f[7])
		}
		if i, ok := b.division(e); ok {
			// The curated record describes a listed division better
			// (news feature, coordinates); keep its id and code.
			e.GeonamesID, e.Admin1 = g.entries[i].GeonamesID, g.entries[i].Admin1
			g.entries[i] = e
			b.primary[i] = Key(e.Name)
			b.aliases[i] = append(b.aliases[i], aliases...)
			return nil
		}
		i := b.add(e, aliases)
		if b.keys != nil {
			k := Key(e.Name)
			b.keys[k] = append(b.keys[k], i)
		}
	}
	return nil
}

// division finds a listed first-level division with the same name and
// country as e.
func (b *builder) division(e Entry) (int32, bool) {
	for _, i := range b.named(Key(e.Name)) {
		if d := b.g.entries[i]; d.Feature == "ADM1" && d.Country == e.Country {
			return i, true
		}
	}
	return 0, false
}

// split splits a "|"-separated list, dropping empty items.
func split(s string) []string {
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// demonymForms returns a demonym and its plural: "Israelis", "Britons",
// "Frenchmen". Words that do not take -s ("Chinese", "British", "Swiss")
// are left alone.
func demonymForms(d string) []string {
	switch {
	case strings.HasSuffix(d, "man"), strings.HasSuffix(d, "woman"):
		return []string{d, d[:len(d)-2] + "en"}
	case strings.HasSuffix(d, "ese"), strings.HasSuffix(d, "sh"), strings.HasSuffix(d, "ch"),
		strings.HasSuffix(d, "s"), strings.HasSuffix(d, "x"), strings.HasSuffix(d, "z"),
		strings.ToUpper(d) == d:
		return []string{d}
	}
	return []string{d, d + "s"}
}

// index builds the name index and orders each name's places.
func (b *builder) index() {
	g := b.g
	primary := b.primary
	for i := range g.entries {
		b.nameKey(primary[i], int32(i), false)
		for _, a := range b.aliases[int32(i)] {
			b.name(a, int32(i), false)
		}
		for _, a := range b.alts[int32(i)] {
			b.name(a, int32(i), true)
		}
	}
	for _, k := range b.never {
		delete(g.byName, k)
	}
	for k, refs := range g.byName {
		slices.SortStableFunc(refs, func(x, y ref) int {
			if x.alt != y.alt {
				if y.alt {
					return -1
				}
				return 1
			}
			return compare(g.entries[x.i], g.entries[y.i], primary[x.i] == k, primary[y.i] == k)
		})
		g.byName[k] = townsFirst(g.entries, refs)
	}
}

// name indexes one name of entry i; alt marks a GeoNames alternate name.
func (b *builder) name(name string, i int32, alt bool) { b.nameKey(Key(name), i, alt) }

// nameKey is [builder.name] for a name already made a key.
func (b *builder) nameKey(k string, i int32, alt bool) {
	if k == "" {
		return
	}
	refs := b.g.byName[k]
	if j := slices.IndexFunc(refs, func(r ref) bool { return r.i == i }); j >= 0 {
		refs[j].alt = refs[j].alt && alt
	} else {
		b.g.byName[k] = append(refs, ref{i: i, alt: alt})
	}
	if w := strings.Count(k, " ") + 1; w > b.g.maxWords {
		b.g.maxWords = w
	}
}

// tier orders kinds of place: countries, curated areas, capitals, the rest.
func tier(e Entry) int {
	switch {
	case e.IsCountry():
		return 0
	case e.Curated:
		return 1
	case e.Feature == "PPLC":
		return 2
	}
	return 3
}

// compare orders two places by tier, then places whose own name matched
// before those matched by an alternate name ("Victoria" is the capital of
// Seychelles before Hong Kong, once called Victoria), then population,
// then id.
func compare(a, b Entry, aOwn, bOwn bool) int {
	if ta, tb := tier(a), tier(b); ta != tb {
		return ta - tb
	}
	if aOwn != bOwn {
		if aOwn {
			return -1
		}
		return 1
	}
	if a.Population != b.Population {
		if a.Population > b.Population {
			return -1
		}
		return 1
	}
	return a.GeonamesID - b.GeonamesID
}

// townsFirst moves a town ahead of the division that holds it, when both
// answer the same name: "New York" is the city before the state,
// "Washington" stays the capital before the state because the capital is
// not in it.
func townsFirst(entries []Entry, idx []ref) []ref {
	for i := 0; i < len(idx); i++ {
		d := entries[idx[i].i]
		if d.Feature != "ADM1" || d.Admin1 == "" {
			continue
		}
		for j := i + 1; j < len(idx); j++ {
			t := entries[idx[j].i]
			if t.IsPopulated() && t.Country == d.Country && t.Admin1 == d.Admin1 {
				town := idx[j]
				copy(idx[i+1:j+1], idx[i:j])
				idx[i] = town
				i++ // the division moved to i+1; look past it
				break
			}
		}
	}
	return idx
}
