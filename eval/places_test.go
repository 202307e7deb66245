package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"newsgraph/geo/gazetteer"
)

const geoData = "../../shared/data/geo"

// Made-up articles in the two corpora's layouts. GeoVirus offsets are
// one character late, as in the real file; "Zürich" checks that character
// offsets become byte offsets.
const (
	fakeGeoVirus = `<articles><article><source>https://example.org/a</source>
<text>Officials in Zürich and Paris, Texas met in France.</text>
<locations>
<location><name>Zürich</name><start>13</start><end>19</end><lat>47.37</lat><lon>8.54</lon></location>
<location><name>Paris</name><start>25</start><end>30</end><lat>33.66</lat><lon>-95.56</lon></location>
<location><name>Nowhere</name><start>1</start><end>8</end><lat>0</lat><lon>0</lon></location>
</locations></article></articles>`
	fakeTRNews = `<?xml version="1.0" encoding="utf-8"?><articles><article docid="7">
<text><![CDATA[A Turkish court in Ankara ruled.]]></text>
<toponyms>
<toponym><phrase>Turkish</phrase><start>2</start><end>9</end><gaztag geonameid="298795"><lat>39</lat><lon>35</lon></gaztag></toponym>
<toponym><phrase>Ankara</phrase><start>19</start><end>25</end><gaztag geonameid="323786"><lat>39.92</lat><lon>32.85</lon></gaztag></toponym>
<toponym><phrase>court</phrase><start>10</start><end>15</end></toponym>
</toponyms></article></articles>`
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadGeoCorpus(t *testing.T) {
	dir := t.TempDir()
	gaz := gazetteer.Default()
	arts, err := loadGeoCorpus(writeFile(t, dir, "GeoVirus.xml", fakeGeoVirus), gaz)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || len(arts[0].Toponyms) != 2 {
		t.Fatalf("GeoVirus: %+v, want 1 article with 2 toponyms (Nowhere is not in the text)", arts)
	}
	for _, g := range arts[0].Toponyms {
		if got := arts[0].Text[g.Start:g.End]; got != g.Name {
			t.Errorf("toponym %q: span reads %q", g.Name, got)
		}
	}
	arts, err = loadGeoCorpus(writeFile(t, dir, "TR-News.xml", fakeTRNews), gaz)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || len(arts[0].Toponyms) != 2 {
		t.Fatalf("TR-News: %+v, want 2 toponyms (one has no coordinates)", arts)
	}
	if tp := arts[0].Toponyms[0]; !tp.Adjective || arts[0].Toponyms[1].Adjective {
		t.Errorf("Turkish should be adjectival and Ankara not: %+v", arts[0].Toponyms)
	}
	if _, err := loadGeoCorpus(writeFile(t, dir, "GeoVirus-bad.xml", "<articles><article>"), gaz); err == nil {
		t.Error("truncated XML: no error")
	}
}

func TestGeoTally(t *testing.T) {
	gold := []goldToponym{
		{Name: "Paris", Start: 0, End: 5, Lat: 48.85, Lon: 2.35},
		{Name: "Lyon", Start: 10, End: 14, Lat: 45.76, Lon: 4.84},
		{Name: "Nice", Start: 20, End: 24, Lat: 43.70, Lon: 7.27},
	}
	ours := []resolvedSpan{
		{Start: 0, End: 5, Name: "Paris", Lat: 48.86, Lon: 2.34},  // right
		{Start: 10, End: 14, Name: "Lyon", Lat: 33.0, Lon: -90.0}, // wrong continent
		{Start: 30, End: 35, Name: "Extra", Lat: 0, Lon: 0},       // no gold there
		{Start: 0, End: 12, Name: "Paris again", Lat: 0, Lon: 0},  // overlaps gold already matched
	}
	var tl geoTally
	kms, _ := tl.score(gold, ours)
	if kms[0] == nil || *kms[0] > 5 || kms[1] == nil || *kms[1] < 5000 || kms[2] != nil {
		t.Fatalf("errors = %v", kms)
	}
	m := map[string]float64{}
	tl.metrics("x", m)
	if m["x_gold"] != 3 || m["x_resolved"] != 2 || m["x_extra"] != 1 {
		t.Errorf("counts: %v", m)
	}
	if m["x_acc161_of_gold"] != 1.0/3 || m["x_acc161_of_resolved"] != 0.5 {
		t.Errorf("accuracy: %v", m)
	}
	if m["x_auc"] <= 0 || m["x_auc"] >= 1 {
		t.Errorf("auc = %v, want in (0, 1)", m["x_auc"])
	}
}

func TestErrorAUC(t *testing.T) {
	if got := errorAUC([]float64{0, 0, 0}); got != 0 {
		t.Errorf("AUC of perfect errors = %v, want 0", got)
	}
	max := []float64{20038, 20038}
	if got := errorAUC(max); math.Abs(got-0.5) > 0.01 {
		// Two points give one trapezoid over a normaliser of two.
		t.Errorf("AUC of worst errors = %v, want 0.5", got)
	}
	if got := median([]float64{1, 2, 3, 10}); got != 2.5 {
		t.Errorf("median = %v, want 2.5", got)
	}
}

func TestRunPlacesSynthetic(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "GeoVirus.xml", fakeGeoVirus)
	writeFile(t, dir, "TR-News.xml", fakeTRNews)
	out := t.TempDir()
	rep, err := runPlaces(context.Background(), dir, Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	// Ankara is the Turkish capital; "Turkish" reads as Turkey.
	if got := rep.Metrics["trnews_acc161_of_gold"]; got != 1 {
		t.Errorf("TR-News accuracy = %v, want 1 (%v)", got, rep.Metrics)
	}
	// "Paris, Texas": containment picks the Texan town.
	if got := rep.Metrics["geovirus_acc161_of_resolved"]; got != 1 {
		t.Errorf("GeoVirus accuracy = %v, want 1 (%v)", got, rep.Metrics)
	}
	if _, ok := rep.Baselines["population"]["geovirus_acc161_of_gold"]; !ok {
		t.Error("population baseline missing")
	}
	if _, err := os.Stat(filepath.Join(out, "places-items.jsonl")); err != nil {
		t.Errorf("per-item results: %v", err)
	}
	if _, err := runPlaces(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("empty folder: no error")
	}
}

func TestRunPlaces(t *testing.T) {
	if _, err := os.Stat(filepath.Join(geoData, "GeoVirus.xml")); err != nil {
		t.Skipf("geoparsing corpora under %s missing: %v", geoData, err)
	}
	rep, err := runPlaces(context.Background(), geoData, Options{Limit: 30})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"geovirus", "trnews"} {
		if acc := rep.Metrics[c+"_acc161_of_resolved"]; acc < 0.6 {
			t.Errorf("%s accuracy of resolved = %.3f, want at least 0.6", c, acc)
		}
	}
}
