package events

import (
	"context"
	"strings"
	"testing"

	"newsgraph/document"
)

// parsed lays a hand-made parse over a fixture's document: one token per
// space-separated word of its text (punctuation written apart), with the
// given heads (-1 root) and relations.
func parsed(t *testing.T, f fixture, heads []int, deps []string) *document.Document {
	t.Helper()
	doc := f.doc()
	off := 0
	for i, w := range strings.Fields(doc.Text) {
		start := strings.Index(doc.Text[off:], w) + off
		doc.Tokens = append(doc.Tokens, document.Token{Start: start, End: start + len(w), Text: w, Head: heads[i], Dep: deps[i]})
		off = start + len(w)
	}
	if len(doc.Tokens) != len(heads) {
		t.Fatalf("%d tokens, %d heads", len(doc.Tokens), len(heads))
	}
	return doc
}

func TestDepRoles(t *testing.T) {
	tests := []struct {
		name     string
		f        fixture
		heads    []int
		deps     []string
		src, tgt string
	}{
		{
			name:  "passive with an agent phrase",
			f:     fixture{text: "The reporter was arrested by the regional police ."},
			heads: []int{1, 3, 3, -1, 7, 7, 7, 3, 3},
			deps:  []string{"det", "nsubj:pass", "aux:pass", "root", "case", "det", "amod", "obl:agent", "punct"},
			src:   "the regional police", tgt: "The reporter",
		},
		{
			// Word order would take Lebanon, the nearest actor before
			// the verb; the parse knows Israel is the subject.
			name:  "subject across a relative clause",
			f:     fixture{text: "Israel , which Lebanon criticised , attacked Hezbollah .", ents: []ent{israel, lebanon, hezbolla}},
			heads: []int{6, 3, 4, 4, 0, 4, -1, 6, 6},
			deps:  []string{"nsubj", "punct", "obj", "nsubj", "acl:relcl", "punct", "root", "obj", "punct"},
			src:   "Israel", tgt: "Hezbollah",
		},
		{
			// The parse hangs the name from the title's "of" phrase;
			// the name that ends the phrase is who acts.
			name: "a title ending with a person's name is that person",
			f: fixture{text: "US Secretary of State Karen Smith attacked Hezbollah .",
				ents: []ent{{"E8", document.TypePerson, "USA", nil, []string{"Karen Smith"}}, {"E9", document.TypeGPE, "USA", nil, []string{"US"}}, hezbolla}},
			heads: []int{1, 6, 3, 1, 3, 3, -1, 6, 6},
			deps:  []string{"compound", "nsubj", "case", "nmod", "flat", "flat", "root", "obj", "punct"},
			src:   "US Secretary of State Karen Smith", tgt: "Hezbollah",
		},
		{
			name:  "control: the subject of agreed shares",
			f:     fixture{text: "Israel agreed to attack Hezbollah .", ents: []ent{israel, hezbolla}},
			heads: []int{1, -1, 3, 1, 3, 1},
			deps:  []string{"nsubj", "root", "mark", "xcomp", "obj", "punct"},
			src:   "Israel", tgt: "Hezbollah",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parsed(t, tc.f, tc.heads, tc.deps)
			if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got *document.Event
			for i := range doc.Events {
				if doc.Events[i].Type == "ASSAULT" || doc.Events[i].Type == "COERCE" {
					got = &doc.Events[i]
				}
			}
			if got == nil {
				t.Fatalf("no assault or coercion: %+v", doc.Events)
			}
			if len(got.Source) == 0 || got.Source[0].Text != tc.src || len(got.Target) == 0 || got.Target[0].Text != tc.tgt {
				t.Errorf("%s: %+v -> %+v, want %q -> %q", got.Type, got.Source, got.Target, tc.src, tc.tgt)
			}
			checkEvents(t, doc)
		})
	}
}

func TestLemmaAllows(t *testing.T) {
	for _, tc := range []struct {
		form, lemma, base string
		want              bool
	}{
		{"found", "find", "found", false}, // the past of find is not "set up"
		{"found", "found", "found", true},
		{"found", "", "found", true},       // no parse, no lemma: the pattern stands
		{"mine", "my", "mine", false},      // a pronoun
		{"freed", "fre", "free", true},     // a stem cut short says nothing
		{"killed", "kill", "killed", true}, // an entry written inflected
		{"struck", "strike", "strike", true},
	} {
		if got := lemmaAllows(tc.form, tc.lemma, tc.base); got != tc.want {
			t.Errorf("lemmaAllows(%q, %q, %q) = %v, want %v", tc.form, tc.lemma, tc.base, got, tc.want)
		}
	}
}

// TestTaggedNoun: a verb pattern does not fire on a word the tagger
// calls a noun ("signs of …").
func TestTaggedNoun(t *testing.T) {
	f := fixture{text: "Israel signs with Hezbollah .", ents: []ent{israel, hezbolla}}
	for _, pos := range []string{"VERB", "NOUN"} {
		doc := parsed(t, f, []int{1, -1, 3, 1, 1}, []string{"nsubj", "root", "case", "obl", "punct"})
		doc.Tokens[1].POS = pos
		if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if got := len(doc.Events) > 0; got != (pos == "VERB") {
			t.Errorf("signs as %s: events %q", pos, briefs(doc.Events))
		}
	}
}

// TestNounBehindLongerVerb: a word the tagger calls a noun still
// triggers its noun pattern when a longer verb pattern starting there
// does not hold ("held separate talks with", not "talks with").
func TestNounBehindLongerVerb(t *testing.T) {
	f := fixture{text: "Lebanon held separate talks with Israel .", ents: []ent{israel, lebanon}}
	doc := parsed(t, f, []int{1, -1, 3, 1, 5, 3, 1}, []string{"nsubj", "root", "amod", "obj", "case", "nmod", "punct"})
	doc.Tokens[3].POS = "NOUN"
	if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != 1 || doc.Events[0].Type != "CONSULT" || doc.Events[0].Trigger.Text != "talks" {
		t.Errorf("events %q, want one CONSULT on \"talks\"", briefs(doc.Events))
	}
}

// TestCauses: a disease or a disaster as the subject is no actor; a
// country in its place is.
func TestCauses(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"The virus killed 20 people .", 0},
		{"A cholera epidemic killed 20 people .", 0},
		{"Israel killed 20 people .", 1},
	} {
		f := fixture{text: tc.text, ents: []ent{israel}}
		n := len(strings.Fields(tc.text))
		heads := make([]int, n)
		deps := make([]string, n)
		v := n - 4 // the verb: subject words before it, "20 people ." after
		for i := range heads {
			heads[i], deps[i] = v-1, "det"
		}
		heads[v-1], deps[v-1] = v, "nsubj"
		heads[v], deps[v] = -1, "root"
		heads[v+1], deps[v+1] = v+2, "nummod"
		heads[v+2], deps[v+2] = v, "obj"
		heads[v+3], deps[v+3] = v, "punct"
		doc := parsed(t, f, heads, deps)
		if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Events) != tc.want {
			t.Errorf("%q: events %q, want %d", tc.text, briefs(doc.Events), tc.want)
		}
	}
}
