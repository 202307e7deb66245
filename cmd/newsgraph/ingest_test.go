package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/demo"
	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/sqlite"
)

// synthFolder writes n synthetic news pages into a new folder.
func synthFolder(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pages")
	if _, err := demo.Synthesize(dir, n, 7); err != nil {
		t.Fatal(err)
	}
	return dir
}

func storeStats(t *testing.T, path string) *store.Stats {
	t.Helper()
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func errorLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "newsgraph: ingest: ") && !strings.Contains(l, "item(s) failed") {
			out = append(out, l)
		}
	}
	return out
}

// TestIngestFolderWithBadFiles ingests a folder where two files are bad:
// each gets one error line, the rest is stored, the exit status is 1, and
// a rerun stores nothing twice.
func TestIngestFolderWithBadFiles(t *testing.T) {
	dir := synthFolder(t, 12)
	if err := os.WriteFile(filepath.Join(dir, "binary.html"), []byte("\x00\x01\x02\x03garbage\x00\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errOut := runCLI(t, "", "ingest", "--store", db, "--workers", "2", dir)
	if code != exitInput {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInput, errOut)
	}
	errs := errorLines(errOut)
	if len(errs) != 2 || !strings.Contains(errOut, "binary.html") || !strings.Contains(errOut, "empty.txt") {
		t.Errorf("want one error line for each bad file, got:\n%s", errOut)
	}
	if !strings.Contains(out, "12 stored (12 new") {
		t.Errorf("summary = %q", out)
	}
	if s := storeStats(t, db); s.Articles != 12 || s.Entities == 0 || s.Stories == 0 {
		t.Errorf("stats = %+v", s)
	}
	code, out, _ = runCLI(t, "", "ingest", "--store", db, dir)
	if code != exitInput || !strings.Contains(out, "0 stored") || !strings.Contains(out, "12 already stored") {
		t.Errorf("rerun: exit %d, summary %q", code, out)
	}
	if s := storeStats(t, db); s.Articles != 12 {
		t.Errorf("after rerun %d articles, want 12", s.Articles)
	}
	// --force analyses again but still stores each article once.
	os.Remove(filepath.Join(dir, "binary.html"))
	os.Remove(filepath.Join(dir, "empty.txt"))
	code, out, errOut = runCLI(t, "", "ingest", "--store", db, "--force", dir)
	if code != exitOK || !strings.Contains(out, "12 stored (0 new, 12 updated)") {
		t.Errorf("--force: exit %d, summary %q, stderr %s", code, out, errOut)
	}
	if s := storeStats(t, db); s.Articles != 12 {
		t.Errorf("after --force %d articles, want 12", s.Articles)
	}
}

func TestIngestArguments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	page := writeFile(t, "page.txt", []byte("Talks resume in Cairo\n\nNegotiators from both sides met in Cairo on Monday to resume talks on a ceasefire, officials said. The talks are expected to last three days.\n"))
	feed := writeFile(t, "feed.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Flood warning in Porto</title><link>https://example.org/flood</link><pubDate>Mon, 18 Mar 2024 10:00:00 GMT</pubDate>
<description>Authorities in Porto issued a flood warning on Monday after heavy rain. Residents near the river were told to move to higher ground, the mayor said.</description></item>
<item><title>Rail strike ends</title><link>https://example.org/rail</link><pubDate>Tue, 19 Mar 2024 10:00:00 GMT</pubDate>
<description>The rail strike in Lisbon ended on Tuesday after unions and the operator reached a deal on wages, both sides said in a joint statement.</description></item>
</channel></rss>`))
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		inErr string
	}{
		{"no source", []string{"ingest", "--store", db}, exitUsage, "want at least one SOURCE"},
		{"bad workers", []string{"ingest", "--store", db, "--workers", "-1", page}, exitUsage, "--workers"},
		{"unknown flag", []string{"ingest", "--colour", page}, exitUsage, "colour"},
		{"missing file", []string{"ingest", "--store", db, filepath.Join(dir, "nope.html")}, exitInput, "nope.html"},
		{"unsupported scheme", []string{"ingest", "--store", db, "ftp://example.org/x"}, exitInput, "ftp://example.org/x"},
		{"one page", []string{"ingest", "--store", db, page}, exitOK, ""},
		{"feed file", []string{"ingest", "--store", db, feed}, exitOK, ""},
		{"good and bad", []string{"ingest", "--store", db, page, filepath.Join(dir, "nope.html")}, exitInput, "nope.html"},
		{"store is a folder", []string{"ingest", "--store", dir, page}, exitInput, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.inErr) {
				t.Errorf("stderr %q does not mention %q", errOut, tc.inErr)
			}
			if strings.Contains(errOut, "panic") {
				t.Errorf("panic: %s", errOut)
			}
		})
	}
	// The page and the two feed entries, each once.
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Search(context.Background(), store.Query{Text: "strike"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Articles[0].Title != "Rail strike ends" || !strings.HasPrefix(res.Articles[0].Published, "2024-03-19") {
		t.Errorf("feed entry = %+v", res.Articles)
	}
	if s, _ := st.Stats(context.Background()); s.Articles != 3 {
		t.Errorf("%d articles, want 3", s.Articles)
	}
}

func TestExport(t *testing.T) {
	dir := synthFolder(t, 8)
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--store", db, dir); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	// Articles as JSON lines are contract documents.
	code, out, errOut := runCLI(t, "", "export", "articles", "--store", db)
	if code != exitOK {
		t.Fatalf("export articles: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 8 {
		t.Fatalf("%d article lines, want 8", len(lines))
	}
	events := 0
	for _, l := range lines {
		if err := document.ValidateJSON([]byte(l)); err != nil {
			t.Fatalf("exported article is not contract-valid: %v", err)
		}
		var d document.Document
		json.Unmarshal([]byte(l), &d)
		events += len(d.Events)
	}
	// Events as CSV: a header and one row per event.
	code, out, _ = runCLI(t, "", "export", "events", "--format", "csv", "--store", db)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(rows) != events+1 || rows[0][0] != "article" {
		t.Errorf("events csv: exit %d, %v, %d rows for %d events", code, err, len(rows), events)
	}
	// Entities to a file.
	outFile := filepath.Join(t.TempDir(), "entities.jsonl")
	code, _, errOut = runCLI(t, "", "export", "entities", "--store", db, "--out", outFile)
	if code != exitOK {
		t.Fatalf("export entities: exit %d: %s", code, errOut)
	}
	f, err := os.Open(outFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); n++ {
		var e store.EntitySummary
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Key == "" || e.Articles == 0 {
			t.Errorf("entity line %q: %v", sc.Text(), err)
		}
	}
	if n == 0 {
		t.Error("no entities exported")
	}
	// Filters narrow the export.
	code, out, _ = runCLI(t, "", "export", "articles", "--format", "csv", "--site", "en.wikinews.org", "--store", db)
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(rows) != 9 {
		t.Errorf("site filter: exit %d, %v, %d rows, want header + 8", code, err, len(rows))
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"export"}, exitUsage},
		{[]string{"export", "people", "--store", db}, exitUsage},
		{[]string{"export", "articles", "--format", "xml", "--store", db}, exitUsage},
		{[]string{"export", "events", "--format", "plover", "--store", db}, exitOK},
		{[]string{"export", "events", "--format", "gdelt", "--store", db}, exitOK},
		{[]string{"export", "quotes", "--format", "gdelt", "--store", db}, exitUsage},
		{[]string{"export", "articles", "--from", "last week", "--store", db}, exitUsage},
		{[]string{"export", "articles", "--store", filepath.Join(t.TempDir(), "none.db")}, exitInput},
		{[]string{"export", "quotes", "--store", db, "--out", filepath.Join(t.TempDir(), "no", "such", "dir.jsonl")}, exitInput},
	} {
		if code, _, errOut := runCLI(t, "", tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
		}
	}
}

func TestCountPages(t *testing.T) {
	dir := synthFolder(t, 5)
	os.WriteFile(filepath.Join(dir, ".hidden.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("x"), 0o644)
	page := filepath.Join(dir, "000001.html")
	withFeed := t.TempDir()
	os.WriteFile(filepath.Join(withFeed, "a.rss"), []byte("<rss/>"), 0o644)
	for _, tc := range []struct {
		specs []string
		want  int
	}{
		{[]string{dir}, 5},
		{[]string{dir, page}, 6},
		{[]string{dir, "https://example.org/feed"}, -1},
		{[]string{"-"}, -1},
		{[]string{withFeed}, -1},
		{[]string{filepath.Join(dir, "missing.html")}, 0},
	} {
		if got := countPages(tc.specs); got != tc.want {
			t.Errorf("countPages(%v) = %d, want %d", tc.specs, got, tc.want)
		}
	}
}
