package geo

import (
	"context"
	"fmt"
	"testing"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

func TestResolveContext(t *testing.T) {
	gpe, org := document.TypeGPE, document.TypeOrg
	tests := []struct {
		name  string
		site  string
		text  string
		names []name
		want  []want
	}{
		{
			name:  "a place inside an organisation's name",
			text:  "The California Department of Public Health and Taco Bell Canada said so.",
			names: []name{{"California Department of Public Health", 0, org}, {"Taco Bell Canada", 0, org}},
			want:  []want{{"California", "USA", "ADM1"}, {"Canada", "CAN", "PCLI"}},
		},
		{
			name:  "division abbreviation after a town",
			text:  "Flooding closed roads near Morgantown, W.Va., on Monday.",
			names: []name{{"Morgantown", 0, gpe}, {"W.Va.", 0, gpe}},
			want:  []want{{"Morgantown", "USA", "PPLA2"}, {"W.Va.", "USA", "ADM1"}},
		},
		{
			name:  "county in its state",
			text:  "Deputies in Laurel County said the London man, from Kentucky, was held.",
			names: []name{{"Laurel County", 0, gpe}, {"London", 0, gpe}, {"Kentucky", 0, gpe}},
			want:  []want{{"Laurel County", "USA", "ADM2"}, {"London", "USA", "PPLA2"}, {"Kentucky", "USA", "ADM1"}},
		},
		{
			name:  "the site's country decides",
			site:  "www.example.ca",
			text:  "Police in London said the road was closed.",
			names: []name{{"London", 0, gpe}},
			want:  []want{{"London", "CAN", "PPL"}},
		},
		{
			name:  "without a site the capital",
			text:  "Police in London said the road was closed.",
			names: []name{{"London", 0, gpe}},
			want:  []want{{"London", "GBR", "PPLC"}},
		},
		{
			name:  "an all-capital dateline is a town",
			text:  "EDMONTON — Snow fell across Alberta.",
			names: []name{{"EDMONTON", 0, gpe}, {"Alberta", 0, gpe}},
			want:  []want{{"EDMONTON", "CAN", "PPLA"}, {"Alberta", "CAN", "ADM1"}},
		},
		{
			name:  "an all-capital acronym is not",
			text:  "The meeting with EDMONTON officials ended.",
			names: []name{{"EDMONTON", 0, org}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, tt.text, tt.names...)
			d.Site = tt.site
			if err := New(nil).Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, p := range d.Places {
				got = append(got, want{p.Mentions[0].Text, p.Country, p.Feature})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("places = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestInnerPlaceKeepsOrgType(t *testing.T) {
	d := doc(t, "The University of Manitoba said so.", name{"University of Manitoba", 0, document.TypeOrg})
	if err := New(nil).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Places) != 1 || d.Places[0].Name != "Manitoba" {
		t.Fatalf("places = %+v", d.Places)
	}
	if d.Names[0].Type != document.TypeOrg {
		t.Errorf("the organisation was retyped %s", d.Names[0].Type)
	}
}

func TestSiteCountry(t *testing.T) {
	s := New(nil)
	for _, tt := range []struct{ site, url, want string }{
		{"www.cbc.ca", "", "CAN"},
		{"www.bbc.co.uk", "", "GBR"},
		{"www.abc.net.au", "", "AUS"},
		{"", "https://www.lemonde.fr/a/b", "FRA"},
		{"www.cnn.com", "", ""},
		{"localhost", "", ""},
		{"", "::not a url", ""},
	} {
		d := document.New()
		d.Site, d.URL = tt.site, tt.url
		if got := s.siteCountry(d); got != tt.want {
			t.Errorf("siteCountry(%q, %q) = %q, want %q", tt.site, tt.url, got, tt.want)
		}
	}
}

func TestDemonyms(t *testing.T) {
	got := Demonyms("Israeli and Palestinian officials; the french fries.", gazetteer.Default())
	if len(got) != 2 || got[0].Country != "ISR" || got[1].Country != "PSE" {
		t.Errorf("demonyms = %+v", got)
	}
}

func TestPopulationBaseline(t *testing.T) {
	d := doc(t, "The fair in Paris, Texas, drew crowds.", name{"Paris", 0, document.TypeGPE}, name{"Texas", 0, document.TypeGPE})
	if err := NewPopulationBaseline(nil).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Places) == 0 || d.Places[0].Country != "FRA" {
		t.Errorf("population baseline: %+v, want Paris, France (no containment)", d.Places)
	}
}
