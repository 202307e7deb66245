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

func TestReadMoreTowns(t *testing.T) {
	path := t.TempDir() + "/cities.json"
	data := `[{"name":"Munich","lat":"48.137","lng":"11.575","country":"DE","admin1":"02"},
		{"name":"Edmonton","lat":"51.6256","lng":"-0.058","country":"GB","admin1":"ENG"},
		{"name":"Edmonton","lat":"51.6257","lng":"-0.0581","country":"GB","admin1":"ENG"},
		{"name":"Nowhere","lat":"1","lng":"1","country":"ZZ","admin1":""}]`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	known := []city{{row: row{name: "München", lat: 48.1374, lon: 11.5755}, cc: "DE", ascii: "Muenchen", alts: []string{"Munich"}}}
	rows, err := readMoreTowns(path, map[string]string{"DE": "DEU", "GB": "GBR"}, known)
	if err != nil {
		t.Fatal(err)
	}
	// Munich is München under an alternate name; the second Edmonton is
	// the first; ZZ is no country.
	if len(rows) != 1 || rows[0].name != "Edmonton" || rows[0].country != "GBR" || rows[0].feature != "PPL" || rows[0].pop != 0 {
		t.Errorf("rows = %+v", rows)
	}
	if _, err := readMoreTowns(t.TempDir()+"/missing.json", nil, nil); err == nil {
		t.Error("a missing file gave no error")
	}
}
