package geo

import (
	"context"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

// A name the nlp stage cut short is read to the end of the place's own
// name, and the rest of it is not read again.
func TestExtendShortName(t *testing.T) {
	gpe := document.TypeGPE
	for _, tt := range []struct {
		text   string
		names  []name
		want   string // the one place's mention
		admin1 bool
	}{
		{"Cases rose in South Carolina on Monday.", []name{{"South", 0, gpe}, {"Carolina", 0, gpe}}, "South Carolina", true},
		{"Floods hit Rio Grande do Sul this week.", []name{{"Rio Grande", 0, gpe}}, "Rio Grande do Sul", true},
		{"He lives in Paris today.", []name{{"Paris", 0, gpe}}, "Paris", false},
	} {
		d := doc(t, tt.text, tt.names...)
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		if len(d.Places) != 1 || len(d.Places[0].Mentions) != 1 || d.Places[0].Mentions[0].Text != tt.want {
			t.Errorf("%q: places = %+v, want one mention %q", tt.text, d.Places, tt.want)
			continue
		}
		if got := d.Places[0].Feature == "ADM1"; got != tt.admin1 {
			t.Errorf("%q: feature %s", tt.text, d.Places[0].Feature)
		}
	}
}

// Of two towns of one name, the one near another town the article names
// wins over a bigger namesake far away, all else equal.
func TestNearTownWins(t *testing.T) {
	town := func(name, country string, lat, lon float64, pop int) gazetteer.Match {
		return gazetteer.Match{Entry: gazetteer.Entry{Name: name, Country: country, Lat: lat, Lon: lon, Feature: "PPL", Population: pop}}
	}
	far := town("Alpha", "XXA", 10, 10, 200000)
	close := town("Alpha", "XXB", 50, 50, 20000)
	beta := town("Beta", "XXC", 50.2, 50.3, 5000)
	for _, withBeta := range []bool{false, true} {
		ms := []*mention{{start: 0, end: 5, key: "alpha", cands: []gazetteer.Match{far, close}, pick: -1}}
		if withBeta {
			ms = append(ms, &mention{start: 10, end: 14, key: "beta", cands: []gazetteer.Match{beta}, pick: -1})
		}
		resolve(ms, map[string]int{}, "Alpha and Beta.")
		got := ms[0].cands[ms[0].pick].Country
		if want := map[bool]string{false: "XXA", true: "XXB"}[withBeta]; got != want {
			t.Errorf("with Beta %v: Alpha read in %s, want %s", withBeta, got, want)
		}
	}
}

func TestNear(t *testing.T) {
	a := gazetteer.Entry{Lat: 51.5, Lon: -0.12}
	for _, tt := range []struct {
		lat, lon, km float64
		want         bool
	}{
		{51.75, -1.26, 100, true},  // Oxford, about 80 km
		{51.75, -1.26, 40, false},  // not within 40
		{48.85, 2.35, 100, false},  // Paris, about 340 km
		{51.5, 179.9, 100, false},  // across the world
		{-51.5, -0.12, 100, false}, // the other hemisphere
	} {
		if got := near(a, gazetteer.Entry{Lat: tt.lat, Lon: tt.lon}, tt.km); got != tt.want {
			t.Errorf("near(London, %v %v, %v) = %v", tt.lat, tt.lon, tt.km, got)
		}
	}
}

// A town known without population (internal/gen's -more-towns) is read
// for a name nlp calls a place, never for an organisation's.
func TestMinorTownNeedsPlaceType(t *testing.T) {
	for _, tt := range []struct {
		typ  string
		want int
	}{{document.TypeGPE, 1}, {document.TypeOrg, 0}} {
		d := doc(t, "The lab at Pirbright found the virus.", name{"Pirbright", 0, tt.typ})
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		if len(d.Places) != tt.want {
			t.Errorf("%s: places = %+v, want %d", tt.typ, d.Places, tt.want)
		}
		if len(d.Places) == 1 && (d.Places[0].Country != "GBR" || d.Places[0].GeonamesID != 0) {
			t.Errorf("Pirbright read as %+v", d.Places[0])
		}
	}
}

// Every mention of a name reads the widest list any of them allows: an
// ORG-typed first mention, which may not be a town of unknown
// population, does not keep the later GPE one from Innisfail, Alberta.
func TestGroupReadsWidestList(t *testing.T) {
	gpe := document.TypeGPE
	d := doc(t, "Innisfail Minor Hockey lost. Fans drove from Red Deer, Alberta, to Innisfail on Sunday.",
		name{"Innisfail", 0, document.TypeOrg}, name{"Red Deer", 0, gpe}, name{"Alberta", 0, gpe}, name{"Innisfail", 1, gpe})
	if err := New(nil).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Places {
		if p.Name == "Innisfail" && (p.Country != "CAN" || len(p.Mentions) != 2) {
			t.Errorf("Innisfail read as %+v, want in Canada, twice", p)
		}
	}
}

func TestHyphenatedPlaces(t *testing.T) {
	gpe, org, per := document.TypeGPE, document.TypeOrg, document.TypePerson
	for _, tt := range []struct {
		text  string
		names []name
		want  string // mentions, in order
	}{
		{"Seattle-based Starbucks grew.", []name{{"Seattle-based Starbucks", 0, org}}, "Seattle"},
		{"A New York-based FBI squad.", []name{{"New York-based FBI", 0, org}}, "New York"},
		{"It hurt Russia-Turkey ties.", nil, "Russia Turkey"},
		{"A Canada-wide warrant and made-in-China goods.", nil, "Canada China"},
		{"Guinea-Bissau voted.", []name{{"Guinea-Bissau", 0, gpe}}, "Guinea-Bissau"},
		{"David Lloyd-George spoke.", []name{{"David Lloyd-George", 0, per}}, ""},
		{"A state-run, well-known firm.", nil, ""},
	} {
		d := doc(t, tt.text, tt.names...)
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range d.Places {
			for _, m := range p.Mentions {
				got = append(got, m.Text)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: mentions %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestCountiesAndAbbreviationsInText(t *testing.T) {
	org, gpe := document.TypeOrg, document.TypeGPE
	for _, tt := range []struct {
		text  string
		names []name
		want  string // "mention country feature" of each place
	}{
		{"Deputies of the Metcalfe County Sheriff's Office came.", []name{{"Metcalfe County Sheriff's Office", 0, org}}, "Metcalfe County USA ADM2"},
		{"Deaths in B.C. rose; the B.C. government acted.", nil, "B.C. CAN ADM1"},
		{"Rome was founded in 753 B.C. by legend.", []name{{"Rome", 0, gpe}}, "Rome ITA PPLC"},
		{"Drought in the Rift Valley and the Central Plateau.", []name{{"Rift Valley", 0, document.TypeLoc}, {"Central Plateau", 0, document.TypeLoc}}, ""},
	} {
		d := doc(t, tt.text, tt.names...)
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range d.Places {
			got = append(got, p.Mentions[0].Text+" "+p.Country+" "+p.Feature)
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPersonTypedTownWithContainer(t *testing.T) {
	per, gpe, loc := document.TypePerson, document.TypeGPE, document.TypeLoc
	for _, tt := range []struct {
		text  string
		names []name
		want  string
	}{
		{"Officials in Hammond, Indiana, said so.", []name{{"Hammond", 0, per}, {"Indiana", 0, gpe}}, "Hammond USA; Indiana USA"},
		{"Hammond said so.", []name{{"Hammond", 0, per}}, ""},
		{"Two officers from Lewisburg, West Virginia, stopped a car.", []name{{"Lewisburg", 0, gpe}}, "Lewisburg USA; West Virginia USA"},
		{"Cases in central Asia rose.", []name{{"central Asia", 0, loc}}, "Asia "},
	} {
		d := doc(t, tt.text, tt.names...)
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range d.Places {
			got = append(got, p.Mentions[0].Text+" "+p.Country)
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A comma inside a list of states parts items; in a list of towns with
// their states it still marks containment.
func TestListsAndContainers(t *testing.T) {
	gpe := document.TypeGPE
	names := func(ns ...string) []name {
		var out []name
		for _, n := range ns {
			out = append(out, name{n, 0, gpe})
		}
		return out
	}
	for _, tt := range []struct {
		text  string
		names []name
		place string // mention
		want  string // feature and first-level code
	}{
		{"Cases in Utah, Virginia, Washington, West Virginia and Wyoming.", names("Utah", "Virginia", "Washington", "West Virginia", "Wyoming"), "Washington", "ADM1 WA"},
		{"Cases in Washington, Pennsylvania and California.", names("Washington", "Pennsylvania", "California"), "Washington", "ADM1 WA"},
		{"Offices in Cordova, Tennessee, Richmond, Virginia, and Atlanta.", names("Cordova", "Tennessee", "Richmond", "Virginia", "Atlanta"), "Richmond", "PPLA VA"},
	} {
		d := doc(t, tt.text, tt.names...)
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		gaz := gazetteer.Default()
		found := false
		for _, p := range d.Places {
			if p.Mentions[0].Text != tt.place {
				continue
			}
			found = true
			got := p.Feature
			for _, m := range gaz.Find(p.Name) {
				if m.GeonamesID == p.GeonamesID && m.Lat == p.Lat && m.Lon == p.Lon {
					got += " " + m.Admin1
					break
				}
			}
			if got != tt.want {
				t.Errorf("%q: %s read as %s (%+v), want %s", tt.text, tt.place, got, p, tt.want)
			}
		}
		if !found {
			t.Errorf("%q: no place %s", tt.text, tt.place)
		}
	}
}
