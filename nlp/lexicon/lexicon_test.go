package lexicon

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	l, err := parse()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if n := len(l.common); n < 2000 || n > 8000 {
		t.Errorf("%d common words, want a few thousand", n)
	}
	if n := len(l.first); n < 5000 {
		t.Errorf("%d first names, want thousands", n)
	}
}

func TestCommon(t *testing.T) {
	l := Default()
	for w, want := range map[string]bool{
		"the": true, "details": true, "search": true, "she": true, "said": true,
		"netanyahu": false, "rafah": false, "briefing": false,
	} {
		if got := l.Common(w); got != want {
			t.Errorf("Common(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestFirstName(t *testing.T) {
	l := Default()
	tests := []struct {
		name string
		g    Gender
		ok   bool
	}{
		{"Joe", Male, true}, {"Karine", Female, true}, {"Giorgia", Female, true},
		{"Volodymyr", Male, true}, {"KARINE", Female, true}, {"Netanyahu", Unknown, false},
	}
	for _, tt := range tests {
		g, ok := l.FirstName(tt.name)
		if g != tt.g || ok != tt.ok {
			t.Errorf("FirstName(%q) = %c, %v; want %c, %v", tt.name, g, ok, tt.g, tt.ok)
		}
	}
}

func TestMatchTitle(t *testing.T) {
	l := Default()
	tests := []struct {
		words string
		canon string
		n     int
	}{
		{"Prime Minister Benjamin", "Prime Minister", 2},
		{"prime minister", "Prime Minister", 2},
		{"President Joe", "President", 1},
		{"spokesperson Karine", "spokesperson", 1},
		{"Secretary of State Antony", "Secretary of State", 3},
		{"Mr. Smith", "Mr.", 1},
		{"Benjamin Netanyahu", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		got, n := l.MatchTitle(strings.Fields(tt.words))
		canon := ""
		if got != nil {
			canon = got.Canon
		}
		if canon != tt.canon || n != tt.n {
			t.Errorf("MatchTitle(%q) = %q, %d; want %q, %d", tt.words, canon, n, tt.canon, tt.n)
		}
	}
	if got, n := l.MatchTitleEnding(strings.Fields("after Israeli Prime Minister")); got == nil || got.Canon != "Prime Minister" || n != 2 {
		t.Errorf("MatchTitleEnding = %v, %d", got, n)
	}
	if got := l.LookupTitle("spokeswoman"); got == nil || got.Gender != Female {
		t.Errorf("LookupTitle(spokeswoman) = %+v", got)
	}
	if got := l.LookupTitle("Ms."); got == nil || !got.Abbr {
		t.Errorf("LookupTitle(Ms.) = %+v, want a courtesy title", got)
	}
}

func TestOrgAndKeyword(t *testing.T) {
	l := Default()
	if o, ok := l.Org("white house"); !ok || o.Type != "ORG" || o.Country != "USA" {
		t.Errorf("Org(white house) = %+v, %v", o, ok)
	}
	if o, ok := l.Org("NATO"); !ok || o.Country != "" {
		t.Errorf("Org(NATO) = %+v, %v", o, ok)
	}
	if k, ok := l.Keyword("Party"); !ok || k.Type != "ORG" {
		t.Errorf("Keyword(Party) = %+v, %v", k, ok)
	}
	if k, ok := l.Keyword("Mount"); !ok || !k.First || k.Type != "LOC" {
		t.Errorf("Keyword(Mount) = %+v, %v", k, ok)
	}
	if _, ok := l.Keyword("party"); ok {
		t.Error("Keyword(party) matched a lower-case word")
	}
}
