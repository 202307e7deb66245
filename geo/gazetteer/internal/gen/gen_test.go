package main

import (
	"math"
	"os"
	"testing"
)

func TestCentroid(t *testing.T) {
	tests := []struct {
		name     string
		ring     [][2]float64 // longitude, latitude
		lat, lon float64
	}{
		{"square", [][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, 1, 1},
		{"clockwise", [][2]float64{{10, 40}, {10, 42}, {12, 42}, {12, 40}}, 41, 11},
		{"across the antimeridian", [][2]float64{{179, -1}, {-179, -1}, {-179, 1}, {179, 1}}, 0, -180},
	}
	for _, tt := range tests {
		c, a := centroid(tt.ring)
		if a <= 0 || math.Abs(c[0]-tt.lat) > 0.01 || math.Abs(math.Mod(c[1]-tt.lon+540, 360)-180) > 0.01 {
			t.Errorf("%s: centroid %v area %v, want %v,%v", tt.name, c, a, tt.lat, tt.lon)
		}
	}
	if _, a := centroid([][2]float64{{0, 0}, {1, 1}}); a != 0 {
		t.Errorf("a two-point ring has area %v", a)
	}
}

func TestGoodAlias(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Munich", true},
		{"Kraków", true},
		{"Rafaḩ", true},
		{"WAS", false},      // an airport code
		{"la fa he", false}, // a romanised transcription
		{"Мюнхен", false},   // not Latin script
		{"Paris 01", false}, // digits
		{"Ab", false},       // too short
		{"Foo|Bar", false},  // the list separator
		{"Xi’an", true},
	}
	for _, tt := range tests {
		if got := goodAlias(tt.s); got != tt.want {
			t.Errorf("goodAlias(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestBeyondLatin1(t *testing.T) {
	for s, want := range map[string]bool{"Rafaḩ": true, "Kraków": false, "Łódź": true, "Gaza": false} {
		if got := beyondLatin1(s); got != want {
			t.Errorf("beyondLatin1(%q) = %v", s, got)
		}
	}
}

func TestMoreTowns(t *testing.T) {
	path := t.TempDir() + "/cities.json"
	data := `[{"name":"Munich","lat":"48.137","lng":"11.575","country":"DE","admin1":"02"},
		{"name":"Edmonton","lat":"51.6256","lng":"-0.058","country":"GB","admin1":"ENG"},
		{"name":"Edmonton","lat":"51.6257","lng":"-0.0581","country":"GB","admin1":"ENG"},
		{"name":"Nowhere","lat":"1","lng":"1","country":"ZZ","admin1":""}]`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	known := []city{{row: row{name: "München", lat: 48.1374, lon: 11.5755}, cc: "DE", ascii: "Muenchen", alts: []string{"Munich"}}}
	later, err := readTownList(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := moreTownRows(later, map[string]string{"DE": "DEU", "GB": "GBR"}, known)
	// Munich is München under an alternate name; the second Edmonton is
	// the first; ZZ is no country.
	if len(rows) != 1 || rows[0].name != "Edmonton" || rows[0].country != "GBR" || rows[0].feature != "PPL" || rows[0].pop != 0 {
		t.Errorf("rows = %+v", rows)
	}
	if _, err := readTownList(t.TempDir() + "/missing.json"); err == nil {
		t.Error("a missing file gave no error")
	}
	bad := t.TempDir() + "/bad.json"
	os.WriteFile(bad, []byte(`[{"name":"X","lat":"north","lng":"1","country":"GB"}]`), 0o644)
	if _, err := readTownList(bad); err == nil {
		t.Error("a bad latitude gave no error")
	}
}

func TestGapRange(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want float64
	}{
		{"no outliers", []float64{49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60}, 54.5},
		{"sparse north kept", []float64{42, 43, 43.5, 44, 44.5, 45, 46, 47.5, 49, 50.5, 52, 53.5, 55, 56.5}, 49.25},
		{"a misfiled town dropped", append(seq(30, 35, 0.25), 20), 32.5},
		{"across the antimeridian", []float64{178, 178.5, 179, 179.5, -179.5, -179}, 179.5},
	}
	for _, tt := range tests {
		if got := gapRange(tt.xs); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: gapRange = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// seq returns from, from+step, … up to to.
func seq(from, to, step float64) []float64 {
	var out []float64
	for x := from; x <= to+1e-9; x += step {
		out = append(out, x)
	}
	return out
}

func TestRecodeAndAdminRows(t *testing.T) {
	// cities1000 files Lyon under Rhône-Alpes (B9), a region since merged;
	// the later list under Auvergne-Rhône-Alpes (84).
	cities := []city{
		{row: row{name: "Lyon", lat: 45.748, lon: 4.847, pop: 500000, code: "B9"}, cc: "FR"},
		{row: row{name: "Grenoble", lat: 45.166, lon: 5.716, pop: 160000, code: "B9"}, cc: "FR"},
		{row: row{name: "Nowhere", lat: 10, lon: 10, pop: 1000, code: "B9"}, cc: "FR"},
	}
	later := []city{
		{row: row{name: "Lyon", lat: 45.7485, lon: 4.8467, code: "84"}, cc: "FR"},
		{row: row{name: "Grenoble", lat: 45.1667, lon: 5.7167, code: "84"}, cc: "FR"},
		{row: row{name: "Aurillac", lat: 44.93, lon: 3.5, code: "84"}, cc: "FR"},
	}
	recode(cities, later)
	if cities[0].code != "84" || cities[1].code != "84" || cities[2].code != "B9" {
		t.Fatalf("codes after recode: %s %s %s", cities[0].code, cities[1].code, cities[2].code)
	}
	rows := adminRows(map[string]string{"FR.84": "Auvergne-Rhône-Alpes", "FR.93": "Provence"}, map[string]string{"FR": "FRA"}, cities, later)
	if len(rows) != 1 {
		t.Fatalf("rows = %+v, want Auvergne-Rhône-Alpes only (Provence has no town)", rows)
	}
	r := rows[0]
	if r.pop != 660000 || math.Abs(r.lat-(44.93+45.7485)/2) > 1e-9 || math.Abs(r.lon-(3.5+5.7167)/2) > 1e-9 {
		t.Errorf("row = %+v: want the towns' population and the later towns' box", r)
	}
}
