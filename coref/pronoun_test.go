package coref

import (
	"context"
	"strings"
	"sync"
	"testing"

	"newsgraph/document"
	"newsgraph/nlp"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/nlptest"
)

var (
	parsedOnce  sync.Once
	parsedStage *nlp.Stage
	parsedErr   error
)

// resolveParsed runs the nlp stage with its trained models (tags and
// dependencies, which pronoun salience reads) and coref over text.
func resolveParsed(t *testing.T, text string) *document.Document {
	t.Helper()
	parsedOnce.Do(func() {
		m, err := nlp.LoadModels()
		parsedStage, parsedErr = nlp.WithModels(nlptest.Places(), m), err
	})
	if parsedErr != nil {
		t.Fatalf("load models: %v", parsedErr)
	}
	g := nlptest.Places()
	doc := &document.Document{Text: text}
	if err := parsedStage.Process(context.Background(), doc); err != nil {
		t.Fatalf("nlp: %v", err)
	}
	s := &Stage{countryOf: g.Demonym, lookup: g.Lookup, lex: lexicon.Default()}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatalf("coref: %v", err)
	}
	return doc
}

// pronounOwner returns the name of the entity with the n-th (from 0)
// mention whose text is pronoun, or "" when it has none.
func pronounOwner(doc *document.Document, pronoun string, n int) string {
	at, seen := -1, 0
	for _, tok := range doc.Tokens {
		if tok.Text == pronoun {
			if seen == n {
				at = tok.Start
				break
			}
			seen++
		}
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Start == at {
				return e.Name
			}
		}
	}
	return ""
}

func TestPronounSalience(t *testing.T) {
	tests := []struct {
		rule, text, pronoun string
		n                   int    // which occurrence of pronoun
		want                string // entity name; "" for unresolved
	}{
		{"subject of the previous sentence over its object",
			"Joe Biden met Emmanuel Macron in Paris. He said the talks went well.", "He", 0, "Joe Biden"},
		{"subject of the previous sentence over a name in a prepositional phrase",
			"Joe Biden spoke after Emmanuel Macron at the summit. He said the talks went well.", "He", 0, "Joe Biden"},
		{"the sentence's subject for a subject pronoun in its clause",
			"Joe Biden told Emmanuel Macron that he would call on Monday.", "he", 0, "Joe Biden"},
		{"an object pronoun is not its verb's subject",
			"Emmanuel Macron arrived on Monday. Joe Biden praised him.", "him", 0, "Emmanuel Macron"},
		{"a reflexive is its verb's subject",
			"Emmanuel Macron arrived on Monday. Joe Biden praised himself.", "himself", 0, "Joe Biden"},
		{"a possessive after an object takes the nearest person",
			"Joe Biden thanked Emmanuel Macron for his support.", "his", 0, "Emmanuel Macron"},
		{"a possessive in the subject continues the topic",
			"Joe Biden spoke after Emmanuel Macron. His speech was short.", "His", 0, "Joe Biden"},
		{"cataphora: a pronoun before its clause's subject",
			"Emmanuel Macron arrived. In his speech, Joe Biden thanked the hosts.", "his", 0, "Joe Biden"},
		{"cataphora: a subject pronoun in a clause before the main one",
			"Emmanuel Macron arrived. When he was a child, Joe Biden lived in Scranton.", "he", 0, "Joe Biden"},
		{"no cataphora for the main clause's subject",
			"Emmanuel Macron arrived. He said Joe Biden was late.", "He", 0, "Emmanuel Macron"},
		{"gender decides before salience",
			"Joe Biden met Giorgia Meloni in Rome. She said the talks went well.", "She", 0, "Giorgia Meloni"},
		{"inside a quotation, one clear person",
			"Joe Biden arrived in Rome on Monday. \"He is tired,\" an aide said.", "He", 0, "Joe Biden"},
		{"the text's topic, with nobody in the window",
			"Joe Biden arrived. Biden spoke. Biden left. Biden returned. Biden slept. Giorgia Meloni waved. " +
				"It rained.\n\nThe roads flooded.\n\nLater he left.", "he", 0, "Joe Biden"},
		{"no topic with two people named as often",
			"Joe Biden arrived. Emmanuel Macron arrived. Biden spoke. Macron spoke. Biden left. Macron left. " +
				"It rained.\n\nThe roads flooded.\n\nLater he left.", "he", 0, ""},
		{"nobody in the window",
			"Joe Biden spoke.\n\nIt rained.\n\nThe roads flooded.\n\nLater he left.", "he", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			doc := resolveParsed(t, tt.text)
			if got := pronounOwner(doc, tt.pronoun, tt.n); got != tt.want {
				t.Errorf("%q in %q belongs to %q, want %q", tt.pronoun, tt.text, got, tt.want)
			}
		})
	}
}

// TestPersonLike: a pronoun may take a one-word name typed as something
// else when it is a known first name, which then becomes a person; not a
// country that is also a first name, nor a one-letter "name".
func TestPersonLike(t *testing.T) {
	tests := []struct {
		name, typ string
		want      bool
	}{
		{"Alice", document.TypeGPE, true},
		{"Israel", document.TypeGPE, false},
		{"I", document.TypePerson, false},
		{"Springfield", document.TypeGPE, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.name + " spoke. She left."
			g := nlptest.Places()
			doc := &document.Document{Text: text, Names: []document.Name{
				{Start: 0, End: len(tt.name), Text: tt.name, Type: tt.typ}}}
			s := &Stage{countryOf: g.Demonym, lookup: g.Lookup, lex: lexicon.Default()}
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			e := doc.Entities[0]
			got := len(e.Mentions) == 2
			if got != tt.want {
				t.Errorf("%s (%s) took %q: %v, want %v", tt.name, tt.typ, "She", got, tt.want)
			}
			if got && e.Type != document.TypePerson {
				t.Errorf("%s: type %q after taking a pronoun, want PERSON", tt.name, e.Type)
			}
		})
	}
}

// TestLeadingTitle: a title at the start of a name is kept as a title and
// ignored when names are matched.
func TestLeadingTitle(t *testing.T) {
	tests := []struct {
		names  []string
		first  string // the first name's type; PERSON when ""
		merged bool
		title  string
		name   string // the entity's name
	}{
		{[]string{"Professor Cres Eastman", "Professor Eastman"}, "", true, "professor", "Professor Cres Eastman"},
		{[]string{"Cres Eastman", "Professor Eastman"}, "", true, "professor", "Cres Eastman"},
		{[]string{"Mr. Yoshida", "Kenichiro Yoshida"}, "", true, "", "Kenichiro Yoshida"},
		{[]string{"Professor Eastman", "Professor Smith"}, "", false, "professor", "Professor Eastman"},
		{[]string{"Emperor Norton", "Joshua Norton"}, document.TypeLoc, true, "Emperor", "Joshua Norton"},
		{[]string{"General Electric Company", "Company"}, document.TypeOrg, false, "", "General Electric Company"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, "+"), func(t *testing.T) {
			if tt.first == "" {
				tt.first = document.TypePerson
			}
			text := tt.names[0] + " spoke. " + tt.names[1] + " left."
			second := len(tt.names[0]) + len(" spoke. ")
			doc := &document.Document{Text: text, Names: []document.Name{
				{Start: 0, End: len(tt.names[0]), Text: tt.names[0], Type: tt.first},
				{Start: second, End: second + len(tt.names[1]), Text: tt.names[1], Type: document.TypePerson, Sentence: 1},
			}}
			if err := New(nil).Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if got := len(doc.Entities) == 1; got != tt.merged {
				t.Fatalf("one entity: %v, want %v (%+v)", got, tt.merged, doc.Entities)
			}
			e := doc.Entities[0]
			if tt.title != "" && (len(e.Titles) == 0 || e.Titles[0] != tt.title) {
				t.Errorf("titles %q, want %q first", e.Titles, tt.title)
			}
			if e.Name != tt.name {
				t.Errorf("name %q, want %q", e.Name, tt.name)
			}
			if tt.title == "" && len(e.Titles) > 0 {
				t.Errorf("titles %q, want none (a courtesy title)", e.Titles)
			}
		})
	}
}

// TestTitleInWindow: a title alone that several people hold goes to the
// one of them named in its sentence or the two before, if only one is.
func TestTitleInWindow(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"one holder in the window",
			"French President Emmanuel Macron visited Berlin on Monday. Trade was discussed. " +
				"Prices rose. Markets fell. Kenyan President William Ruto arrived on Tuesday. " +
				"The president said the talks were useful.", "William Ruto"},
		{"two holders in the window",
			"French President Emmanuel Macron met Kenyan President William Ruto on Monday. " +
				"The president said the talks were useful.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := resolve(t, tt.text)
			got := ""
			for _, e := range doc.Entities {
				for _, m := range e.Mentions {
					if m.Text == "The president" {
						got = e.Name
					}
				}
			}
			if got != tt.want {
				t.Errorf("%q belongs to %q, want %q", "The president", got, tt.want)
			}
		})
	}
}
