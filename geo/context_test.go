package geo

import (
	"context"
	"testing"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

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
