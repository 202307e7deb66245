package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// config holds the command-line settings.
type config struct {
	countries, cities, admin1, atlas, out string
	minPop, aliasPop                      int
}

// row is one output line.
type row struct {
	id       int
	name     string
	country  string // alpha-3
	lat, lon float64
	feature  string
	pop      int
	code     string   // alpha-2 for a country, else the admin1 code
	aliases  []string // other names of the place (ASCII form, official names)
	alts     []string // GeoNames alternate names: any language, weaker evidence
}

// city is one line of cities1000.txt, the fields gen uses.
type city struct {
	row
	cc, ascii string
	alts      []string
}

// Countries that have no populated place in cities1000 get these
// coordinates (approximate centres).
var fallbackCoords = map[string][2]float64{
	"AQ": {-75, 0}, "BV": {-54.42, 3.36}, "HM": {-53.1, 73.5}, "GS": {-54.43, -36.58},
	"TF": {-49.35, 70.22}, "UM": {19.28, 166.65}, "IO": {-7.31, 72.41}, "PN": {-25.07, -130.1},
	"CX": {-10.42, 105.68}, "CC": {-12.16, 96.87}, "NF": {-29.04, 167.95}, "TK": {-9.2, -171.85},
	"NU": {-19.05, -169.92}, "SJ": {78.22, 15.65}, "VA": {41.903, 12.453}, "XK": {42.67, 21.17},
}

// alpha3Override fixes codes where the package uses a private-use code
// other than the one news data commonly uses.
var alpha3Override = map[string]string{"XK": "XKX"}

func run(cfg config) error {
	a3, names, numeric, err := readCountries(cfg.countries)
	if err != nil {
		return err
	}
	centres := map[string][2]float64{} // alpha-2 -> latitude, longitude
	if cfg.atlas != "" {
		byNum, err := readCentroids(cfg.atlas)
		if err != nil {
			return err
		}
		for a2, num := range numeric {
			if c, ok := byNum[num]; ok {
				centres[a2] = c
			}
		}
	}
	cities, err := readCities(cfg.cities, a3)
	if err != nil {
		return err
	}
	admin, err := readAdmin1(cfg.admin1)
	if err != nil {
		return err
	}
	var rows []row
	rows = append(rows, countryRows(a3, names, cities, centres)...)
	rows = append(rows, adminRows(admin, a3, cities)...)
	rows = append(rows, cityRows(cities, cfg.minPop, cfg.aliasPop)...)
	return write(cfg.out, rows)
}

// readCountries reads ISO codes and English names from i18n-iso-countries.
func readCountries(dir string) (a3 map[string]string, names map[string][]string, numeric map[string]string, err error) {
	var codes [][]string
	if err := readJSON(filepath.Join(dir, "codes.json"), &codes); err != nil {
		return nil, nil, nil, err
	}
	a3, numeric = map[string]string{}, map[string]string{}
	for _, c := range codes {
		if len(c) < 3 {
			continue
		}
		a3[c[0]] = c[1]
		numeric[c[0]] = c[2]
		if o, ok := alpha3Override[c[0]]; ok {
			a3[c[0]] = o
		}
	}
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(dir, "langs", "en.json"), &en); err != nil {
		return nil, nil, nil, err
	}
	names = map[string][]string{}
	for a2, raw := range en.Countries {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			names[a2] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, nil, nil, fmt.Errorf("en.json: country %s: %w", a2, err)
		}
		names[a2] = many
	}
	return a3, names, numeric, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readCities reads every populated place of a known country.
func readCities(path string, a3 map[string]string) ([]city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []city
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 15 {
			continue
		}
		code, ok := a3[fs[8]]
		if !ok {
			continue
		}
		id, err1 := strconv.Atoi(fs[0])
		lat, err2 := strconv.ParseFloat(fs[4], 64)
		lon, err3 := strconv.ParseFloat(fs[5], 64)
		pop, _ := strconv.Atoi(fs[14])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("%s:%d: bad id or coordinates", path, n)
		}
		var alts []string
		if fs[3] != "" {
			alts = strings.Split(fs[3], ",")
		}
		out = append(out, city{
			row: row{id: id, name: fs[1], country: code, lat: lat, lon: lon,
				feature: fs[7], pop: pop, code: fs[10]},
			cc: fs[8], ascii: fs[2], alts: alts,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// readAdmin1 reads first-level division names keyed "CC.code".
func readAdmin1(path string) (map[string]string, error) {
	var list []struct{ Code, Name string }
	if err := readJSON(path, &list); err != nil {
		return nil, err
	}
	m := make(map[string]string, len(list))
	for _, a := range list {
		m[a.Code] = a.Name
	}
	return m, nil
}

// countryRows makes one row per country, placed at the centre of its
// mainland where the atlas has it, else at its capital (or largest town),
// and with the summed population of its towns, which is enough to rank
// countries that share a name ("Congo").
func countryRows(a3 map[string]string, names map[string][]string, cities []city, centres map[string][2]float64) []row {
	type best struct {
		c    *city
		rank int
	}
	seat := map[string]best{}
	pop := map[string]int{}
	for i := range cities {
		c := &cities[i]
		pop[c.cc] += c.pop
		r := 3
		switch c.feature {
		case "PPLC":
			r = 1
		case "PPLG":
			r = 2
		}
		b, ok := seat[c.cc]
		if !ok || r < b.rank || (r == b.rank && c.pop > b.c.pop) {
			seat[c.cc] = best{c, r}
		}
	}
	var rows []row
	for a2, ns := range names {
		code, ok := a3[a2]
		if !ok || len(ns) == 0 {
			continue
		}
		r := row{name: ns[0], country: code, feature: "PCLI", pop: pop[a2], code: a2, aliases: ns[1:]}
		if c, ok := centres[a2]; ok {
			r.lat, r.lon = c[0], c[1]
		} else if b, ok := seat[a2]; ok {
			r.lat, r.lon = b.c.lat, b.c.lon
		} else if ll, ok := fallbackCoords[a2]; ok {
			r.lat, r.lon = ll[0], ll[1]
		} else {
			fmt.Fprintf(os.Stderr, "gen: no coordinates for country %s\n", a2)
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].country < rows[j].country })
	return rows
}

// adminRows makes one row per first-level division that has towns, placed
// at their population-weighted centre, which falls inside or near the
// division for all but the oddest shapes.
func adminRows(admin map[string]string, a3 map[string]string, cities []city) []row {
	type acc struct {
		lat, lon, w float64
		pop, n      int
	}
	sums := map[string]*acc{}
	for _, c := range cities {
		k := c.cc + "." + c.code
		if _, ok := admin[k]; !ok {
			continue
		}
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		w := float64(c.pop) + 1
		a.lat += c.lat * w
		a.lon += c.lon * w
		a.w += w
		a.pop += c.pop
		a.n++
	}
	var rows []row
	for k, a := range sums {
		cc, code, _ := strings.Cut(k, ".")
		rows = append(rows, row{name: admin[k], country: a3[cc], lat: a.lat / a.w, lon: a.lon / a.w,
			feature: "ADM1", pop: a.pop, code: code})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].country != rows[j].country {
			return rows[i].country < rows[j].country
		}
		return rows[i].code < rows[j].code
	})
	return rows
}

// keepFeature reports whether a populated place of this kind is listed
// regardless of population.
func keepFeature(f string) bool { return f == "PPLC" || f == "PPLG" || f == "PPLA" }

// dropFeature reports whether a place of this kind is never listed:
// historical, abandoned or destroyed places.
func dropFeature(f string) bool {
	return f == "PPLH" || f == "PPLQ" || f == "PPLW" || f == "PPLCH"
}

// cityRows keeps the towns news is likely to name, with their ASCII name
// and, for large towns, their alternate names in Latin script.
func cityRows(cities []city, minPop, aliasPop int) []row {
	var rows []row
	for _, c := range cities {
		if dropFeature(c.feature) || (c.pop < minPop && !keepFeature(c.feature)) {
			continue
		}
		r := c.row
		if c.ascii != "" && beyondLatin1(r.name) {
			// Transliterations such as "Rafaḩ" read better in English
			// text as their ASCII form; the original stays an alias.
			r.name, c.ascii = c.ascii, r.name
		}
		seen := map[string]bool{strings.ToLower(r.name): true}
		if c.ascii != "" && !seen[strings.ToLower(c.ascii)] {
			seen[strings.ToLower(c.ascii)] = true
			r.aliases = append(r.aliases, c.ascii)
		}
		if c.pop >= aliasPop || c.feature == "PPLC" {
			for _, a := range c.alts {
				if k := strings.ToLower(a); goodAlias(a) && !seen[k] {
					seen[k] = true
					r.alts = append(r.alts, a)
				}
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// beyondLatin1 reports whether s has a letter outside Latin-1.
func beyondLatin1(s string) bool {
	for _, r := range s {
		if r > 0xFF {
			return true
		}
	}
	return false
}

// goodAlias keeps alternate names that an English text could use: Latin
// script, mixed case (all-capital ones are airport and postal codes), no
// digits, three letters or more.
func goodAlias(s string) bool {
	if len(s) > 40 || strings.ContainsAny(s, "|\t()/") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) {
		// All-lower-case alternates are romanised transcriptions
		// ("la fa he"), not names an English text uses.
		return false
	}
	letters, lower := 0, false
	for _, r := range s {
		switch {
		case r > 0x24F && (r < 0x1E00 || r > 0x1EFF) && !strings.ContainsRune("’ʼʻ‘", r):
			return false
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			letters++
			lower = lower || unicode.IsLower(r)
		}
	}
	return letters >= 3 && lower
}

// write writes rows as gzip-compressed TSV.
func write(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "# geonameid\tname\tcountry\tlat\tlon\tfeature\tpopulation\tcode\taliases\talternates")
	for _, r := range rows {
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.id, clean(r.name), r.country,
			coord(r.lat), coord(r.lon), r.feature, r.pop, r.code, cleanList(r.aliases), cleanList(r.alts))
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// coord writes a coordinate to four decimals (about 11 m), enough for a
// gazetteer and compact.
func coord(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "|", " ").Replace(s)
}

func cleanList(l []string) string {
	var b strings.Builder
	for i, s := range l {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(clean(s))
	}
	return b.String()
}
