package server

import (
	"strings"
	"testing"

	"newsgraph/document"
)

func ptr(s string) *string { return &s }

func TestHighlightEscapesAndMarks(t *testing.T) {
	text := `Biden asked Netanyahu <script>alert(1)</script> "We will not go," he said.`
	d := document.New()
	d.Text = text
	d.Entities = []document.Entity{
		{ID: "E1", Name: "Joe Biden", Type: "PERSON", Mentions: []document.Span{{Start: 0, End: 5, Text: "Biden"}}},
		{ID: "E2", Name: "Benjamin Netanyahu", Type: "PERSON", Mentions: []document.Span{{Start: 12, End: 21, Text: "Netanyahu"}}},
	}
	qs := strings.Index(text, `"We`)
	d.Quotes = []document.Quote{{ID: "Q1", Kind: "direct", Start: qs, End: qs + len(`"We will not go,"`), Speaker: ptr("E2"), SpeakerText: "he"}}
	d.Events = []document.Event{{ID: "V1", Type: "REQUEST", Quad: 1, Trigger: document.Span{Start: 6, End: 11, Text: "asked"},
		Source: []document.Actor{{Text: "Biden"}}, Target: []document.Actor{{Text: "Netanyahu"}}}}
	got := string(highlight(d, func(e *document.Entity) string { return "/entities/" + e.ID }))
	for _, want := range []string{
		`<a class="hl-ent t-person" href="/entities/E1" title="Joe Biden (PERSON)">Biden</a>`,
		`<a class="hl-event quad1" href="#event-V1"`,
		`>asked</a>`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`<span class="hl-quote" id="quote-Q1"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("highlight lacks %s\n got: %s", want, got)
		}
	}
	if strings.Contains(got, "<script>") {
		t.Errorf("script tag not escaped: %s", got)
	}
}

func TestRenderMarksNestsCrossingSpans(t *testing.T) {
	text := "abcdefghij"
	marks := []mark{
		{2, 6, rankQuote, "<q>", "</q>"},
		{4, 8, rankMention, "<m>", "</m>"},
	}
	got := renderMarks(text, marks)
	want := "ab<q>cd<m>ef</m></q><m>gh</m>ij"
	if got != want {
		t.Errorf("renderMarks = %q, want %q", got, want)
	}
}

func TestRenderMarksNoNestedLinks(t *testing.T) {
	text := "abcdefghij"
	marks := []mark{
		{0, 6, rankEvent, `<a href="#1">`, "</a>"},
		{2, 4, rankMention, `<a href="#2">`, "</a>"},
	}
	got := renderMarks(text, marks)
	if strings.Count(got, "<a ") != 1 {
		t.Errorf("nested links: %q", got)
	}
	if strings.ReplaceAll(strings.ReplaceAll(got, `<a href="#1">`, ""), "</a>", "") != text {
		t.Errorf("text changed: %q", got)
	}
}

func TestHighlightDropsBadOffsets(t *testing.T) {
	d := document.New()
	d.Text = "Zürich ist schön"
	d.Entities = []document.Entity{{ID: "E1", Name: "Zürich", Type: "GPE", Mentions: []document.Span{
		{Start: 0, End: 2}, // inside the ü
		{Start: -3, End: 4},
		{Start: 10, End: 400},
		{Start: 5, End: 3},
	}}}
	got := string(highlight(d, func(*document.Entity) string { return "/x" }))
	if got != "Zürich ist schön" {
		t.Errorf("bad offsets drew marks: %q", got)
	}
}

// Every combination of overlapping marks must give well-formed output
// whose text, with tags removed, is the original text.
func FuzzRenderMarks(f *testing.F) {
	f.Add("hello world, this is text", 0, 5, 3, 9, 2, 20)
	f.Add("ab", 0, 1, 1, 2, 0, 2)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		doc := document.New()
		doc.Text = text
		doc.Quotes = []document.Quote{{ID: "Q", Start: a, End: b}}
		doc.Events = []document.Event{{ID: "V", Trigger: document.Span{Start: c, End: d}}}
		doc.Entities = []document.Entity{{ID: "E", Type: "PERSON", Mentions: []document.Span{{Start: e, End: g}, {Start: a, End: d}}}}
		out := string(highlight(doc, func(*document.Entity) string { return "/e" }))
		opens := strings.Count(out, "<span") + strings.Count(out, "<a ")
		closes := strings.Count(out, "</span>") + strings.Count(out, "</a>")
		if opens != closes {
			t.Fatalf("unbalanced: %q", out)
		}
	})
}
