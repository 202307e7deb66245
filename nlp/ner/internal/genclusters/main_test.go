package main

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKmeans(t *testing.T) {
	vecs := [][]float32{
		normalise([]float32{1, 0.1}), normalise([]float32{1, 0}), // east
		normalise([]float32{0, 1}), normalise([]float32{0.1, 1}), // north
	}
	assign, centres := kmeans(vecs, 2, 10, 1)
	if len(centres) != 2 {
		t.Fatalf("%d centres, want 2", len(centres))
	}
	if assign[0] != assign[1] || assign[2] != assign[3] || assign[0] == assign[2] {
		t.Errorf("assign = %v, want the two pairs apart", assign)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	e := embeddings{Vectors: map[string][]float32{}}
	for i, w := range []string{"monday", "tuesday", "paris", "london", "="} {
		e.Words = append(e.Words, w)
		v := make([]float32, 100)
		v[i/2] = 1 // the days, the cities and "=" apart
		e.Vectors[w] = v
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.tsv.gz")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, out, 4, 3, "2", 5); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	levels := 0
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		f := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(line, "#"):
		case f[0] == "=" && len(f) == 3:
			levels++
		default:
			words[f[0]] = f[1]
		}
	}
	if levels != 3 || len(words) != 4 || words["monday"] != words["tuesday"] || words["monday"] == words["paris"] {
		t.Errorf("levels %d, words %v:\n%s", levels, words, text)
	}
	if err := run(filepath.Join(dir, "missing.json"), out, 4, 3, "2", 5); err == nil {
		t.Error("run on a missing file: no error")
	}
}
