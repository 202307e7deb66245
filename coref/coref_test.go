package coref

import (
	"context"
	"os"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/nlp"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/nlptest"
)

// resolve runs nlp and coref over text with the test gazetteer.
func resolve(t *testing.T, text string, places ...document.Place) *document.Document {
	t.Helper()
	g := nlptest.Places()
	doc := &document.Document{Text: text, Places: places}
	if err := nlp.NewWith(g).Process(context.Background(), doc); err != nil {
		t.Fatalf("nlp: %v", err)
	}
	s := &Stage{countryOf: g.Demonym, lookup: g.Lookup, lex: lexicon.Default()}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatalf("coref: %v", err)
	}
	return doc
}

// entity returns the entity called name, failing the test when there is
// none.
func entity(t *testing.T, doc *document.Document, name string) *document.Entity {
	t.Helper()
	for i := range doc.Entities {
		if doc.Entities[i].Name == name {
			return &doc.Entities[i]
		}
	}
	var names []string
	for _, e := range doc.Entities {
		names = append(names, e.Name)
	}
	t.Fatalf("no entity %q; have %q", name, names)
	return nil
}

// want is what a test expects of one entity.
type want struct {
	name, typ, country string
	titles             []string
	mentions           []string // texts that must be among the mentions
	notMentions        []string // texts that must not be
}

func check(t *testing.T, doc *document.Document, w want) {
	t.Helper()
	e := entity(t, doc, w.name)
	if e.Type != w.typ {
		t.Errorf("%s: type %q, want %q", w.name, e.Type, w.typ)
	}
	if e.Country != w.country {
		t.Errorf("%s: country %q, want %q", w.name, e.Country, w.country)
	}
	for _, title := range w.titles {
		found := false
		for _, have := range e.Titles {
			found = found || have == title
		}
		if !found {
			t.Errorf("%s: titles %q, want %q among them", w.name, e.Titles, title)
		}
	}
	count := map[string]int{}
	for _, m := range e.Mentions {
		if doc.Text[m.Start:m.End] != m.Text {
			t.Errorf("%s: mention %+v does not match the text", w.name, m)
		}
		count[m.Text]++
	}
	for _, m := range w.mentions {
		if count[m] == 0 {
			t.Errorf("%s: no mention %q in %v", w.name, m, e.Mentions)
		}
		count[m]--
	}
	for _, m := range w.notMentions {
		if count[m] > 0 {
			t.Errorf("%s: has mention %q, want none", w.name, m)
		}
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		t.Fatalf("reading seed: %v", err)
	}
	// The body as extraction leaves it: the title line dropped.
	_, body, _ := strings.Cut(string(b), "\n\n")
	doc := resolve(t, body)
	for _, w := range []want{
		{name: "Benjamin Netanyahu", typ: "PERSON", country: "ISR", titles: []string{"Prime Minister"},
			mentions: []string{"Benjamin Netanyahu", "Benjamin Netanyahu", "Netanyahu", "Netanyahu", "Netanyahu", "he"}},
		{name: "Joe Biden", typ: "PERSON", country: "USA", titles: []string{"President"},
			mentions: []string{"Joe Biden", "Joe Biden"}},
		{name: "Karine Jean-Pierre", typ: "PERSON", country: "USA", titles: []string{"spokesperson"},
			mentions: []string{"Karine Jean-Pierre", "Jean-Pierre", "she", "The White House spokesperson"}},
		{name: "Giorgia Meloni", typ: "PERSON", country: "ITA", titles: []string{"Prime Minister"},
			mentions: []string{"Giorgia Meloni", "Meloni", "She"}},
		{name: "Hamas", typ: "ORG", country: "PSE", mentions: []string{"Hamas", "Hamas"}},
		{name: "White House", typ: "ORG", country: "USA"},
		{name: "Israeli", typ: "NORP", country: "ISR"},
		{name: "Israel", typ: "GPE", country: "ISR"},
		{name: "Rafah", typ: "GPE", country: "PSE"},
	} {
		check(t, doc, w)
	}
	for _, e := range doc.Entities {
		for _, bad := range []string{"Advertisment", "Facebook", "Search", "Briefing", "Details"} {
			if strings.EqualFold(e.Name, bad) {
				t.Errorf("entity %q, want none", e.Name)
			}
		}
	}
	for i, e := range doc.Entities {
		if want := entityID(i); e.ID != want {
			t.Errorf("entity %d has id %q, want %q", i, e.ID, want)
		}
	}
	for _, n := range doc.Names {
		if n.Entity == "" || doc.EntityByID(n.Entity) == nil {
			t.Errorf("name %+v has no entity", n)
		}
	}
	// A quote's speaker span finds its entity.
	at := strings.Index(body, "Jean-Pierre said.")
	if got, want := EntityAt(doc, at, at+len("Jean-Pierre")), entity(t, doc, "Karine Jean-Pierre").ID; got != want {
		t.Errorf("EntityAt(Jean-Pierre) = %q, want %q", got, want)
	}
}

func TestSeedRawFile(t *testing.T) {
	// Title line and page furniture left in: still no furniture entity.
	b, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		t.Fatalf("reading seed: %v", err)
	}
	doc := resolve(t, string(b))
	for _, e := range doc.Entities {
		switch e.Name {
		case "Advertisment", "Facebook", "Search", "Briefing", "Details":
			t.Errorf("entity %q, want none", e.Name)
		}
	}
	check(t, doc, want{name: "Benjamin Netanyahu", typ: "PERSON", country: "ISR"})
}

func TestSnippets(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "two presidents, a title mention and pronouns",
			text: "NAIROBI — Kenyan President William Ruto met French President Emmanuel Macron in Nairobi on Monday. " +
				"Ruto said the two leaders had agreed to work together.\n\n" +
				"Macron, who arrived from Paris on Sunday, told reporters he was optimistic. " +
				"The Kenyan leader later flew to Mombasa, where he opened a port.",
			want: []want{
				{name: "William Ruto", typ: "PERSON", country: "KEN", titles: []string{"President"},
					mentions: []string{"William Ruto", "Ruto", "The Kenyan leader", "he"}},
				{name: "Emmanuel Macron", typ: "PERSON", country: "FRA", titles: []string{"President"},
					mentions: []string{"Emmanuel Macron", "Macron", "he"}},
				{name: "Nairobi", typ: "GPE", country: "KEN", mentions: []string{"NAIROBI", "Nairobi"}},
			},
		},
		{
			name: "a woman minister, a nickname and a generic title",
			text: "German Foreign Minister Annalena Baerbock arrived in Berlin on Thursday after talks with Brazilian officials. " +
				"Baerbock said she hoped to sign a climate agreement.\n\n" +
				"Speaking at a news conference, the minister praised President Luiz Inácio Lula da Silva for his efforts. " +
				"Lula thanked her and said Brazil would host the next summit.",
			want: []want{
				{name: "Annalena Baerbock", typ: "PERSON", country: "DEU", titles: []string{"Foreign Minister"},
					mentions: []string{"Annalena Baerbock", "Baerbock", "she", "the minister", "her"}},
				{name: "Luiz Inácio Lula da Silva", typ: "PERSON", titles: []string{"President"},
					mentions: []string{"Lula", "his"}, notMentions: []string{"her"}},
				{name: "Brazilian", typ: "NORP", country: "BRA"},
			},
		},
		{
			name: "an organisation, its acronym and its spokeswoman",
			text: "The World Health Organization warned on Friday that cholera is spreading. " +
				"WHO spokeswoman Margaret Harris said the agency needed $50 million. " +
				"\"We are running out of time,\" she said. The Rapid Support Forces (RSF) denied it.",
			want: []want{
				{name: "World Health Organization", typ: "ORG", mentions: []string{"WHO"}},
				{name: "Margaret Harris", typ: "PERSON", titles: []string{"spokeswoman"},
					mentions: []string{"Margaret Harris", "she"}},
				{name: "Rapid Support Forces", typ: "ORG", mentions: []string{"RSF"}},
			},
		},
		{
			name: "apposition, courtesy title and affiliation",
			text: "Sony Group Corp. said its chief executive, Kenichiro Yoshida, would step down. " +
				"Mr. Yoshida, 64, has led the company since 2018. " +
				"Dr. Jane Smith, an economist at the University of Tokyo, said investors were relieved. " +
				"Smith added that she expected more changes.",
			want: []want{
				{name: "Kenichiro Yoshida", typ: "PERSON", titles: []string{"Chief Executive"},
					mentions: []string{"Kenichiro Yoshida", "Yoshida"}},
				{name: "Jane Smith", typ: "PERSON", country: "JPN", titles: []string{"economist"},
					mentions: []string{"Jane Smith", "Smith", "she"}},
				{name: "University of Tokyo", typ: "ORG", country: "JPN"},
			},
		},
		{
			name: "apposition after the name",
			text: "Joe Biden, the US president, spoke to Giorgia Meloni, Italy's prime minister, on Friday.",
			want: []want{
				{name: "Joe Biden", typ: "PERSON", country: "USA", titles: []string{"President"}},
				{name: "Giorgia Meloni", typ: "PERSON", country: "ITA", titles: []string{"Prime Minister"}},
			},
		},
		{
			name: "surname before the full name",
			text: "Netanyahu refuses to budge.\n\nIsraeli Prime Minister Benjamin Netanyahu said on Monday that the offensive would go ahead.",
			want: []want{
				{name: "Benjamin Netanyahu", typ: "PERSON", country: "ISR",
					mentions: []string{"Netanyahu", "Benjamin Netanyahu"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := resolve(t, tt.text)
			for _, w := range tt.want {
				check(t, doc, w)
			}
		})
	}
}

// TestAmbiguousPronouns: without a parse there are no roles to weigh,
// and a pronoun takes only a person it cannot mistake.
func TestAmbiguousPronouns(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"two men before", "Joe Biden met Emmanuel Macron in Paris. He said the talks went well."},
		{"two men in the sentence", "Joe Biden told Emmanuel Macron that he would call."},
		{"inside a quotation", "Joe Biden met Emmanuel Macron. \"He is wrong,\" the aide said."},
		{"nobody near", "Joe Biden spoke.\n\nIt rained.\n\nThe roads flooded.\n\nLater he left."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := resolve(t, tt.text)
			for _, e := range doc.Entities {
				for _, m := range e.Mentions {
					if strings.EqualFold(m.Text, "he") {
						t.Errorf("%q resolved to %s (%s)", m.Text, e.ID, e.Name)
					}
				}
			}
		})
	}
	// With a woman named too, "she" is not ambiguous.
	doc := resolve(t, "Joe Biden met Giorgia Meloni in Rome. She said the talks went well.")
	check(t, doc, want{name: "Giorgia Meloni", typ: "PERSON", mentions: []string{"She"}})
	check(t, doc, want{name: "Joe Biden", typ: "PERSON", notMentions: []string{"She"}})
}

func TestLearnedGender(t *testing.T) {
	// "Okafor" has no known first name; the first pronoun, where Okafor is
	// the only person, teaches the gender, and the second "he" is then not
	// Okafor's.
	doc := resolve(t, "Chidi Okafor said she would run. Okafor met Joe Biden on Monday. Later he left.")
	check(t, doc, want{name: "Chidi Okafor", typ: "PERSON", mentions: []string{"she"}, notMentions: []string{"he"}})
	check(t, doc, want{name: "Joe Biden", typ: "PERSON", mentions: []string{"he"}})
}

func TestPlacesLinked(t *testing.T) {
	text := "Troops entered Rafah on Monday."
	start := strings.Index(text, "Rafah")
	place := document.Place{ID: "P1", Name: "Rafah", Country: "PSE",
		Mentions: []document.Span{{Start: start, End: start + 5, Text: "Rafah"}}}
	doc := resolve(t, text, place)
	e := entity(t, doc, "Rafah")
	if doc.Places[0].Entity != e.ID {
		t.Errorf("Place.Entity = %q, want %q", doc.Places[0].Entity, e.ID)
	}
	if e.Country != "PSE" {
		t.Errorf("Rafah country %q, want PSE", e.Country)
	}
}

func TestNilCountryOf(t *testing.T) {
	doc := &document.Document{Text: "Israeli Prime Minister Benjamin Netanyahu spoke."}
	if err := nlp.NewWith(nlptest.Places()).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	s := New(nil)
	if s.Name() != "coref" {
		t.Errorf("Name() = %q", s.Name())
	}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	check(t, doc, want{name: "Benjamin Netanyahu", typ: "PERSON", titles: []string{"Prime Minister"}})
	if err := s.Process(context.Background(), nil); err == nil {
		t.Error("Process(nil) succeeded")
	}
}

func TestWithoutTokens(t *testing.T) {
	// Names given by hand, no tokens: coref tokenises for itself.
	text := "Giorgia Meloni spoke. Meloni left."
	doc := &document.Document{Text: text, Names: []document.Name{
		{Start: 0, End: 14, Text: "Giorgia Meloni", Type: "PERSON"},
		{Start: 22, End: 28, Text: "Meloni", Type: "PERSON", Sentence: 1},
	}}
	if err := New(nil).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Entities) != 1 || len(doc.Entities[0].Mentions) != 2 {
		t.Errorf("entities %+v, want one with two mentions", doc.Entities)
	}
	if doc.Tokens != nil {
		t.Error("coref wrote doc.Tokens")
	}
}

func TestEntityAt(t *testing.T) {
	doc := &document.Document{Entities: []document.Entity{
		{ID: "E1", Mentions: []document.Span{{Start: 4, End: 15}}},  // "White House"
		{ID: "E2", Mentions: []document.Span{{Start: 0, End: 28}}},  // "The White House spokesperson"
		{ID: "E3", Mentions: []document.Span{{Start: 40, End: 58}}}, // "Karine Jean-Pierre"
	}}
	tests := []struct {
		start, end int
		want       string
	}{
		{4, 15, "E1"},  // exact
		{0, 28, "E2"},  // exact
		{16, 28, "E2"}, // inside the title mention only
		{5, 10, "E1"},  // inside both: the smaller
		{47, 58, "E3"}, // "Jean-Pierre" inside the full name
		{35, 45, "E3"}, // overlapping
		{60, 70, ""},   // nothing
		{10, 10, ""},   // empty span
	}
	for _, tt := range tests {
		if got := EntityAt(doc, tt.start, tt.end); got != tt.want {
			t.Errorf("EntityAt(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
	if got := EntityAt(nil, 0, 1); got != "" {
		t.Errorf("EntityAt(nil) = %q", got)
	}
}

// BenchmarkCoref measures coref alone over the seed article.
func BenchmarkCoref(b *testing.B) {
	text, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		b.Fatal(err)
	}
	g := nlptest.Places()
	base := &document.Document{Text: string(text)}
	if err := nlp.NewWith(g).Process(context.Background(), base); err != nil {
		b.Fatal(err)
	}
	s := &Stage{countryOf: g.Demonym, lookup: g.Lookup, lex: lexicon.Default()}
	b.ReportAllocs()
	for b.Loop() {
		doc := *base
		doc.Names = append([]document.Name(nil), base.Names...)
		if err := s.Process(context.Background(), &doc); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTitleMentions(t *testing.T) {
	text := "Israeli Prime Minister Benjamin Netanyahu met Italian Prime Minister Giorgia Meloni in Rome. " +
		"The Italian leader said the talks were useful. The prime minister also met the White House spokesperson Karine Jean-Pierre. " +
		"The spokesperson declined to comment."
	doc := resolve(t, text)
	check(t, doc, want{name: "Giorgia Meloni", typ: "PERSON", country: "ITA",
		mentions: []string{"The Italian leader"}, notMentions: []string{"The prime minister"}})
	check(t, doc, want{name: "Benjamin Netanyahu", typ: "PERSON", country: "ISR",
		notMentions: []string{"The prime minister", "The Italian leader"}})
	check(t, doc, want{name: "Karine Jean-Pierre", typ: "PERSON", country: "USA",
		mentions: []string{"The spokesperson"}})
}

func TestConcurrent(t *testing.T) {
	// One Stage value serves every worker.
	g := nlptest.Places()
	n := nlp.NewWith(g)
	s := &Stage{countryOf: g.Demonym, lookup: g.Lookup, lex: lexicon.Default()}
	text := "Israeli Prime Minister Benjamin Netanyahu met Joe Biden. He said they agreed."
	done := make(chan error)
	for range 8 {
		go func() {
			doc := &document.Document{Text: text}
			err := n.Process(context.Background(), doc)
			if err == nil {
				err = s.Process(context.Background(), doc)
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
