package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/document"
)

const seedPath = "../../testdata/seed/rafah-talks.txt"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractSeedIsContractValid(t *testing.T) {
	code, out, errOut := runCLI(t, "", "extract", "--published", "2024-03-20", seedPath)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if err := document.ValidateJSON([]byte(out)); err != nil {
		t.Fatal(err)
	}
	var doc document.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Published != "2024-03-20" {
		t.Errorf("published = %q", doc.Published)
	}
	if strings.HasPrefix(doc.Text, "US-Israel talks") {
		t.Error("title left in the text")
	}
	for _, line := range strings.Split(doc.Text, "\n") {
		switch strings.TrimSpace(line) {
		case "More from this category", "Advertisment", "Follow us on Facebook", "Search":
			t.Errorf("furniture line %q left in the text", line)
		}
	}
	checkOffsets(t, &doc)
}

// checkOffsets checks that every span of the document points at its text.
func checkOffsets(t *testing.T, doc *document.Document) {
	t.Helper()
	span := func(what string, start, end int, text string) {
		if start < 0 || end > len(doc.Text) || start > end {
			t.Errorf("%s [%d,%d) out of range", what, start, end)
			return
		}
		if text != "" && doc.Text[start:end] != text {
			t.Errorf("%s [%d,%d) is %q, says %q", what, start, end, doc.Text[start:end], text)
		}
	}
	for i, s := range doc.Sentences {
		span("sentence", s.Start, s.End, "")
		if i > 0 && s.Start < doc.Sentences[i-1].End {
			t.Errorf("sentence %d overlaps the one before", i)
		}
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			span("entity "+e.ID, m.Start, m.End, m.Text)
		}
	}
	for _, p := range doc.Places {
		for _, m := range p.Mentions {
			span("place "+p.ID, m.Start, m.End, m.Text)
		}
	}
	for _, tm := range doc.Times {
		span("time "+tm.ID, tm.Start, tm.End, tm.Text)
	}
	for _, q := range doc.Quotes {
		span("quote "+q.ID, q.Start, q.End, q.Text)
	}
	for _, e := range doc.Events {
		span("event "+e.ID+" trigger", e.Trigger.Start, e.Trigger.End, e.Trigger.Text)
	}
}

func TestExtractFromStdinMatchesFile(t *testing.T) {
	input, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	_, fromFile, _ := runCLI(t, "", "extract", seedPath, "--published", "2024-03-20")
	code, fromStdin, errOut := runCLI(t, string(input), "extract", "--published", "2024-03-20", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fromFile != fromStdin {
		t.Error("stdin and file give different documents")
	}
}

func TestExtractPlainKeepsInputAsText(t *testing.T) {
	input := "Officials met in Paris on Monday.\n\nThey said talks would go on.\n"
	path := writeFile(t, "plain.txt", []byte(input))
	code, out, errOut := runCLI(t, "", "extract", "--plain", "--published", "2024-03-20", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc document.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Text != input {
		t.Errorf("--plain text = %q, want the input %q", doc.Text, input)
	}
	checkOffsets(t, &doc)
}

func TestExtractTextFormat(t *testing.T) {
	code, out, errOut := runCLI(t, "", "extract", "--format", "text", "--published", "2024-03-20", seedPath)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"US-Israel talks on Rafah", "Who", "Where", "When", "Quotes", "Events"} {
		if !strings.Contains(out, want) {
			t.Errorf("text summary lacks %q:\n%s", want, out)
		}
	}
}

// TestBadInput checks that every kind of bad input gets one line on stderr
// and the right non-zero exit status.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: the size check must refuse it without reading 50 MB.
	if err := f.Truncate(51 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7 % 256)
	}

	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantErr  string // a piece of the one error line
	}{
		{"no command", nil, "", exitUsage, ""},
		{"unknown command", []string{"frobnicate"}, "", exitUsage, "unknown command"},
		{"unknown flag", []string{"extract", "--frob", seedPath}, "", exitUsage, "flag provided but not defined"},
		{"no path", []string{"extract"}, "", exitUsage, "want one PATH"},
		{"two paths", []string{"extract", seedPath, seedPath}, "", exitUsage, "want one PATH"},
		{"bad format", []string{"extract", "--format", "xml", seedPath}, "", exitUsage, "--format"},
		{"bad date", []string{"extract", "--published", "20 March", seedPath}, "", exitUsage, "--published"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, "", exitInput, "no such file"},
		{"directory", []string{"extract", dir}, "", exitInput, "directory"},
		{"empty file", []string{"extract", writeFile(t, "empty.txt", nil)}, "", exitInput, "empty"},
		{"blank file", []string{"extract", writeFile(t, "blank.txt", []byte(" \n\t\n"))}, "", exitInput, "empty"},
		{"empty stdin", []string{"extract", "-"}, "", exitInput, "stdin"},
		{"binary file", []string{"extract", writeFile(t, "bin.dat", binary)}, "", exitInput, "not an HTML or text document"},
		{"too large", []string{"extract", big}, "", exitInput, "50 MB"},
		{"html without article", []string{"extract", writeFile(t, "nav.html", []byte(`<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav></body></html>`))}, "", exitInput, "no article"},
		{"broken UTF-8", []string{"extract", writeFile(t, "broken.txt", []byte("Zürich officials said the plan was sound.\n\nThe caf\xc3 closed \xe2\x82 early. Costs rose to 5 \xe2\x82\xac."))}, "", exitInput, "UTF-8"},
		{"eval without suite", []string{"eval"}, "", exitUsage, "SUITE"},
		{"eval unknown suite", []string{"eval", "nosuchsuite"}, "", exitUsage, "unknown suite"},
		{"eval missing data", []string{"eval", "seed", "--data", filepath.Join(dir, "none")}, "", exitInput, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			if tt.wantCode != exitOK && out != "" && tt.args != nil {
				t.Errorf("wrote to stdout on error: %q", out)
			}
			if tt.wantErr == "" {
				return
			}
			if n := strings.Count(strings.TrimRight(errOut, "\n"), "\n"); n != 0 || !strings.HasPrefix(errOut, "newsgraph: ") {
				t.Errorf("want one line starting 'newsgraph: ', got %q", errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"extract", "--help"}, {"eval", "-h"}, {"version"}} {
		if code, out, _ := runCLI(t, "", args...); code != exitOK || out == "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
	}
}

func TestEvalSeedJSONAndOut(t *testing.T) {
	out := t.TempDir()
	code, stdout, errOut := runCLI(t, "", "eval", "seed", "--data", "../../testdata/seed", "--json", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Suite     string                        `json:"suite"`
		Data      string                        `json:"data"`
		Metrics   map[string]float64            `json:"metrics"`
		Baselines map[string]map[string]float64 `json:"baselines"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json output is not one JSON object: %v", err)
	}
	if rep.Suite != "seed" || rep.Metrics["checks"] == 0 || rep.Baselines == nil {
		t.Errorf("report = %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(out, "seed.json")); err != nil {
		t.Errorf("report not written to --out: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "rafah-talks.json")); err != nil {
		t.Errorf("per-article document not written to --out: %v", err)
	}
}
