package geo

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"newsgraph/document"
)

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// TestSeed checks the seed article's required places against its gold
// file, matching a place by any mention's text, as the gold file says.
func TestSeed(t *testing.T) {
	text, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../testdata/seed/rafah-talks.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Places struct {
			Required []struct {
				Name     string
				Country  string
				Lat, Lon float64
				MaxKm    float64 `json:"max_km"`
			}
		}
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	doc := document.New()
	doc.Text = string(text)
	if err := New(nil).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range gold.Places.Required {
		var got *document.Place
		for i, p := range doc.Places {
			for _, m := range p.Mentions {
				if strings.EqualFold(m.Text, want.Name) || strings.EqualFold(p.Name, want.Name) {
					got = &doc.Places[i]
				}
			}
		}
		if got == nil {
			t.Errorf("no place %q", want.Name)
			continue
		}
		if d := km(got.Lat, got.Lon, want.Lat, want.Lon); got.Country != want.Country || d > want.MaxKm {
			t.Errorf("%s: got %s %s (%.3f, %.3f), %.0f km off; want %s within %.0f km",
				want.Name, got.Name, got.Country, got.Lat, got.Lon, d, want.Country, want.MaxKm)
		}
	}
	for _, p := range doc.Places {
		for _, m := range p.Mentions {
			if strings.Contains(strings.ToLower(m.Text), "palestinian") {
				t.Errorf("place %s from %q", p.Name, m.Text)
			}
		}
	}
}
