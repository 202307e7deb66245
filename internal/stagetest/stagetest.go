// Package stagetest holds what the tests of the analysis stages share:
// documents laid out as the stages before them would leave them, and the
// seed article run through the real stages.
//
// It is an ordinary package so that the tests of several stages can import
// it; nothing outside tests should.
package stagetest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"newsgraph/coref"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/internal/textview"
	"newsgraph/nlp"
	"newsgraph/timex"
)

// Stage is what every pipeline stage implements (pipeline.Stage, which
// this package cannot import: pipeline imports the stages whose tests use
// it).
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *document.Document) error
}

// Doc returns a document of text with the sentences of the fallback
// splitter (textview.SplitSentences), as a sentence splitter would leave
// it.
func Doc(text string) *document.Document {
	doc := document.New()
	doc.Text = text
	for _, s := range textview.SplitSentences(text) {
		doc.Sentences = append(doc.Sentences, document.Sentence{Start: s[0], End: s[1]})
	}
	return doc
}

// Occurrences returns the whole-word occurrences of surface in text; a
// suffix "@N" keeps only the Nth ("she@2" for the second "she").
func Occurrences(text, surface string) []document.Span {
	nth := 0
	if at := strings.LastIndex(surface, "@"); at > 0 {
		if n, err := strconv.Atoi(surface[at+1:]); err == nil {
			surface, nth = surface[:at], n
		}
	}
	var out []document.Span
	for from := 0; surface != ""; {
		i := strings.Index(text[from:], surface)
		if i < 0 {
			break
		}
		s := from + i
		e := s + len(surface)
		from = e
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if (s > 0 && textview.IsWordRune(before)) || (e < len(text) && textview.IsWordRune(after)) {
			continue
		}
		out = append(out, document.Span{Start: s, End: e, Text: surface})
	}
	if nth > 0 {
		if nth > len(out) {
			return nil
		}
		return out[nth-1 : nth]
	}
	return out
}

// The seed article and its gold reading, relative to the module root.
const (
	seedArticle = "testdata/seed/rafah-talks.txt"
	seedGold    = "testdata/seed/rafah-talks.gold.json"
)

// Seed reads the seed article with the publication date of its gold
// reading, runs the stages before quotes over it (nlp, geo, coref and
// timex, in the order of pipeline.Default) and then the given ones, and
// returns the document. It skips the test when the seed is absent and
// fails it when a stage fails.
func Seed(tb testing.TB, later ...Stage) *document.Document {
	tb.Helper()
	root := moduleRoot(tb)
	b, err := os.ReadFile(filepath.Join(root, seedGold))
	if err != nil {
		tb.Skip("no seed gold:", err)
	}
	var gold struct {
		Published string `json:"published"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		tb.Fatal(err)
	}
	in, err := os.ReadFile(filepath.Join(root, seedArticle))
	if err != nil {
		tb.Skip("no seed article:", err)
	}
	doc, err := extract.Read(in, extract.Options{Published: gold.Published})
	if err != nil {
		tb.Fatal(err)
	}
	gaz := gazetteer.Default()
	stages := append([]Stage{nlp.New(), geo.New(gaz), coref.New(gaz.Demonym), timex.New()}, later...)
	for _, st := range stages {
		if err := st.Process(context.Background(), doc); err != nil {
			tb.Fatalf("stage %s: %v", st.Name(), err)
		}
	}
	return doc
}

// moduleRoot returns the nearest folder at or above the working directory
// (a test's package folder) that holds go.mod.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}
