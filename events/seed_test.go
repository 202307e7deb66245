package events_test

import (
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/events"
	"newsgraph/internal/stagetest"
	"newsgraph/quotes"
)

// TestSeed runs the stages up to events on the seed article and logs the
// events; a stage that fails fails the test. The events are checked
// against the seed's gold reading by the seed suite in eval
// (eval/seed_test.go), with the gold's own matching rules.
func TestSeed(t *testing.T) {
	doc := stagetest.Seed(t, quotes.New(), events.New())
	for _, e := range doc.Events {
		t.Logf("%s %s %s %s -> %s (%s) %.2f", e.ID, e.Type, e.CAMEO, names(e.Source), names(e.Target), e.Trigger.Text, e.Confidence)
	}
}

func names(as []document.Actor) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Text+"/"+a.Code)
	}
	return strings.Join(out, "+")
}
