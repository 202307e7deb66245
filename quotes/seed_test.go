package quotes_test

import (
	"testing"

	"newsgraph/document"
	"newsgraph/internal/stagetest"
	"newsgraph/quotes"
)

// TestSeed runs the stages up to quotes on the seed article and logs the
// quotes with their speakers; a stage that fails fails the test. The
// quotes are checked against the seed's gold reading by the seed suite in
// eval (eval/seed_test.go), with the gold's own matching rules.
func TestSeed(t *testing.T) {
	doc := stagetest.Seed(t, quotes.New())
	for _, q := range doc.Quotes {
		t.Logf("%s %s %q by %q (%s)", q.ID, q.Kind, q.Text, speaker(doc, q), q.Cue)
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
