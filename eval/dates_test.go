package eval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestDateTally(t *testing.T) {
	var tl dateTally
	tl.add("2024-03-20", dateOutput{Date: "2024-03-20T10:00:00+02:00"}) // right: first 10 characters
	tl.add("2024-03-20", dateOutput{Date: "2024-03-20"})                // right
	tl.add("2024-03-20", dateOutput{Date: "2024-03-21"})                // wrong
	tl.add("2024-03-20", dateOutput{Date: "2024"})                      // wrong: not a day
	tl.add("2024-03-20", dateOutput{})                                  // missing
	tl.add("2024-03-20", dateOutput{Err: errors.New("no article")})     // failed: missing
	tl.add("", dateOutput{})                                            // no gold, none found: right
	tl.add("", dateOutput{Date: "2020-01-01"})                          // no gold, one found: wrong
	m := tl.metrics()
	want := map[string]float64{
		"accuracy":  3.0 / 8,
		"precision": 2.0 / 5,
		"recall":    2.0 / 4,
		"found":     5,
		"pages":     8,
		"errors":    1,
	}
	for k, v := range want {
		if d := m[k] - v; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if m := (dateTally{}).metrics(); m["accuracy"] != 0 || m["precision"] != 0 || m["recall"] != 0 {
		t.Errorf("empty tally metrics = %v, want zeros", m)
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-20T10:00:00Z": "2024-03-20",
		" 2024-03-20 ":         "2024-03-20",
		"2024":                 "2024",
		"":                     "",
	} {
		if got := day(in); got != want {
			t.Errorf("day(%q) = %q, want %q", in, got, want)
		}
	}
}

// writeDateSet writes a two-page htmldate-style set under dir/htmldate-eval:
// one page gzipped in cache/, one plain in eval/.
func writeDateSet(t *testing.T, dir string) string {
	t.Helper()
	root := filepath.Join(dir, "htmldate-eval")
	for _, sub := range []string{"cache", "eval"} {
		if err := os.MkdirAll(filepath.Join(root, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	page := func(date, body string) string {
		return `<html><head><title>A day out</title><meta property="article:published_time" content="` + date +
			`"></head><body><article><h1>A day out</h1><p>` + body + `</p></article></body></html>`
	}
	body := "The council met on the river bank and agreed, after a long and sometimes heated debate, to open the new bridge to walkers and cyclists before the summer."
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write([]byte(page("2021-05-04T09:30:00+02:00", body))); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"cache/a.html.gz":   gz.Bytes(),
		"eval/b.html":       []byte(page("2019-11-30", body)),
		"eval_default.json": []byte(`{"https://example.org/a": {"file": "a.html", "date": "2021-05-04"}, "https://example.org/b": {"file": "b.html", "date": "2019-12-01"}}`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(root, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestRunDatesSynthetic(t *testing.T) {
	dir := t.TempDir()
	root := writeDateSet(t, dir)
	out := t.TempDir()
	rep, err := runDates(context.Background(), dir, Options{Out: out})
	if err != nil {
		t.Fatalf("run dates: %v", err)
	}
	if rep.Data != root {
		t.Errorf("data = %q, want %q", rep.Data, root)
	}
	// Page a is right, page b (gold 2019-12-01, page 2019-11-30) wrong;
	// recall is 1 as no date was missed.
	want := map[string]float64{"pages": 2, "found": 2, "accuracy": 0.5, "precision": 0.5, "recall": 1, "errors": 0}
	for _, sys := range []map[string]float64{rep.Metrics, rep.Baselines["go-htmldate"], rep.Baselines["go-htmldate-extensive"]} {
		for k, v := range want {
			if sys[k] != v {
				t.Errorf("%s = %v, want %v (all: %v)", k, sys[k], v, sys)
			}
		}
	}
	f, err := os.Open(filepath.Join(out, "dates-pages.jsonl"))
	if err != nil {
		t.Fatalf("per-page results: %v", err)
	}
	defer f.Close()
	var pages []datePage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p datePage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("decode %s: %v", sc.Text(), err)
		}
		pages = append(pages, p)
	}
	if len(pages) != 2 {
		t.Fatalf("got %d per-page lines, want 2", len(pages))
	}
	a := pages[0]
	if a.URL != "https://example.org/a" || a.File != "a.html" || a.Gold != "2021-05-04" || a.Ours != "2021-05-04" ||
		a.Baselines["go-htmldate"] != "2021-05-04" || a.Baselines["go-htmldate-extensive"] != "2021-05-04" {
		t.Errorf("page a = %+v", a)
	}
	// The htmldate-eval folder itself is accepted, and Limit holds.
	rep, err = runDates(context.Background(), root, Options{Limit: 1})
	if err != nil {
		t.Fatalf("run on htmldate-eval folder: %v", err)
	}
	if rep.Metrics["pages"] != 1 {
		t.Errorf("pages with Limit 1 = %v, want 1", rep.Metrics["pages"])
	}
	if _, err := runDates(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("run on an empty folder: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := runDates(ctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("run with a cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestRunDates(t *testing.T) {
	if _, err := os.Stat(filepath.Join(extractionData, "htmldate-eval", "eval_default.json")); err != nil {
		t.Skipf("htmldate benchmark under %s missing: %v", extractionData, err)
	}
	suite, ok := Lookup("dates")
	if !ok {
		t.Fatal("suite dates not registered")
	}
	out := t.TempDir()
	rep, err := suite(context.Background(), extractionData, Options{Limit: 20, Out: out})
	if err != nil {
		t.Fatalf("run dates: %v", err)
	}
	if rep.Metrics["pages"] != 20 {
		t.Errorf("pages = %v, want 20", rep.Metrics["pages"])
	}
	if acc := rep.Metrics["accuracy"]; acc < 0.7 {
		t.Errorf("accuracy = %.3f, want at least 0.7", acc)
	}
	for _, b := range []string{"go-htmldate", "go-htmldate-extensive"} {
		if _, ok := rep.Baselines[b]["accuracy"]; !ok {
			t.Errorf("baseline %s missing", b)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "dates-pages.jsonl")); err != nil {
		t.Errorf("per-page results: %v", err)
	}
}
