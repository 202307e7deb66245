package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestPropagate(t *testing.T) {
	sents := [][]string{
		strings.Fields("Italian Prime Minister Giorgia Meloni met Acme Corp officials ."),
		strings.Fields("Meloni said Acme Corp would invest ."),
		strings.Fields("Theresa May may resign , said MELONI ."),
		strings.Fields("Acme Corporation is another company ."),
	}
	spans := [][]Span{
		{{0, 1, "MISC"}, {3, 5, "PER"}, {6, 8, "ORG"}},
		nil,
		{{0, 2, "PER"}},
		nil,
	}
	got := propagate(sents, spans)
	want := [][]Span{
		{{0, 1, "MISC"}, {3, 5, "PER"}, {6, 8, "ORG"}},
		{{0, 1, "PER"}, {2, 4, "ORG"}}, // the surname alone; the company again
		{{0, 2, "PER"}},                // "may" and the shouted "MELONI" are not taken
		nil,                            // "Acme Corporation" is not "Acme Corp"
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("propagate:\n got %v\nwant %v", got, want)
	}
}
