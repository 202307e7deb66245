package events_test

import (
	"context"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/events"
	"newsgraph/events/actors"
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

// A knowledge base given to the stage replaces the embedded one: names the
// recogniser and the gazetteer do not know are actors by it.
func TestNewWithActors(t *testing.T) {
	entries, err := actors.ParsePhoenix(strings.NewReader("ARNOR_ [ARN]\nGONDOR_ [GON]\n"))
	if err != nil {
		t.Fatal(err)
	}
	doc := stagetest.Doc("Arnor troops attacked Gondor on Sunday.")
	if err := events.NewWithActors(actors.New(entries)).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != 1 {
		t.Fatalf("%d events, want 1: %+v", len(doc.Events), doc.Events)
	}
	e := doc.Events[0]
	if e.Type != "ASSAULT" || len(e.Source) != 1 || e.Source[0].Code != "ARNMIL" || len(e.Target) != 1 || e.Target[0].Code != "GON" {
		t.Errorf("got %s %+v -> %+v", e.Type, e.Source, e.Target)
	}
}

func TestLexical(t *testing.T) {
	doc := stagetest.Doc("Nobody we know met anyone, and the talks failed.")
	evs, err := events.New().Lexical(doc)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range evs {
		types = append(types, e.Type+":"+e.Trigger.Text)
		if len(e.Source) != 0 || len(e.Target) != 0 {
			t.Errorf("lexical event with actors: %+v", e)
		}
	}
	if strings.Join(types, " ") != "CONSULT:met CONSULT:talks" {
		t.Errorf("got %q", types)
	}
}
