package quotes_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"newsgraph/coref"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/quotes"
	"newsgraph/timex"
)

// seedGold is the quotes section of testdata/seed/*.gold.json.
type seedGold struct {
	Published string `json:"published"`
	Quotes    struct {
		Required []struct {
			Speaker  string `json:"speaker"`
			Kind     string `json:"kind"`
			Contains string `json:"contains"`
		} `json:"required"`
		ForbiddenSpeakers []string `json:"forbidden_speakers"`
	} `json:"quotes"`
}

// TestSeed runs the analysis up to quotes on the seed article and checks
// the quotes against its gold reading: each required quote found by the
// words it contains (case, quote marks and white space folded), with its
// kind and speaker; no quote by a forbidden speaker.
func TestSeed(t *testing.T) {
	var gold seedGold
	b, err := os.ReadFile("../testdata/seed/rafah-talks.gold.json")
	if err != nil {
		t.Skip("no seed gold:", err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		t.Skip("no seed article:", err)
	}
	doc, err := extract.Read(in, extract.Options{Published: gold.Published})
	if err != nil {
		t.Fatal(err)
	}
	gaz := gazetteer.Default()
	for _, st := range []interface {
		Name() string
		Process(context.Context, *document.Document) error
	}{nlp.New(), geo.New(gaz), coref.New(gaz.Demonym), timex.New(), quotes.New()} {
		if err := st.Process(context.Background(), doc); err != nil {
			t.Fatalf("stage %s: %v", st.Name(), err)
		}
	}
	for _, q := range doc.Quotes {
		t.Logf("%s %s %q by %q (%s)", q.ID, q.Kind, q.Text, speaker(doc, q), q.Cue)
	}
	for _, want := range gold.Quotes.Required {
		found := false
		for _, q := range doc.Quotes {
			if strings.Contains(loose(q.Text), loose(want.Contains)) && q.Kind == want.Kind && strings.EqualFold(speaker(doc, q), want.Speaker) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s quote by %s containing %q", want.Kind, want.Speaker, want.Contains)
		}
	}
	for _, name := range gold.Quotes.ForbiddenSpeakers {
		for _, q := range doc.Quotes {
			if strings.EqualFold(speaker(doc, q), name) {
				t.Errorf("%s is attributed to %s", q.ID, name)
			}
		}
	}
}

func speaker(doc *document.Document, q document.Quote) string {
	if q.Speaker == nil {
		return ""
	}
	if e := doc.EntityByID(*q.Speaker); e != nil {
		return e.Name
	}
	return ""
}

// loose folds case, typographic quotes and white space, as the gold's
// matching does.
func loose(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
