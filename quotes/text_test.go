package quotes

import (
	"context"
	"slices"
	"testing"

	"newsgraph/document"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. said no.", []string{"The", "U.S.", "said", "no", "."}},
		{"there’s no way", []string{"there", "’s", "no", "way"}},
		{"didn't budge", []string{"did", "n't", "budge"}},
		{"Jean-Pierre’s statement", []string{"Jean-Pierre", "’s", "statement"}},
		{"Palestinians’ rights", []string{"Palestinians", "’", "rights"}},
		{"1,000 people, 3.5%", []string{"1,000", "people", ",", "3.5", "%"}},
		{"“Yes,” she said", []string{"“", "Yes", ",", "”", "she", "said"}},
		{"", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range tokenize(tc.text, 0, len(tc.text), 0, nil) {
			if tc.text[tok.start:tok.end] != tok.text {
				t.Errorf("%q: token %q has offsets of %q", tc.text, tok.text, tc.text[tok.start:tok.end])
			}
			got = append(got, tok.text)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Mr. Smith said: “We go.” Then he left. \n\nNew paragraph! And more"
	var got []string
	for _, s := range splitSentences(text) {
		got = append(got, text[s[0]:s[1]])
	}
	want := []string{"Mr. Smith said: “We go.”", "Then he left.", "New paragraph!", "And more"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFindQuoted(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly", "He said “yes, we can” today.", []string{"yes, we can"}},
		{"straight", `He said "yes, we can" and "no".`, []string{"yes, we can", "no"}},
		{"trailing comma dropped", "“We will,” she said.", []string{"We will"}},
		{"apostrophes are not marks", "It’s the leaders’ view that ‘there’s hope’.", []string{"there’s hope"}},
		{"inner quotes stay inside", "“He called it ‘a disgrace’ and left,” she said.", []string{"He called it ‘a disgrace’ and left"}},
		{"unclosed at paragraph end is dropped", "“We will go on\n\nThe end.", nil},
		{"continued paragraph", "“One.\n\n“Two.”", []string{"One.\n\n“Two."}},
		{"German", "Er sagte „nein“ dazu.", []string{"nein"}},
		{"guillemets", "«Non», dit-il.", []string{"Non"}},
		{"inch mark", `a 5" screen`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, q := range findQuoted(tc.text) {
				got = append(got, tc.text[q.start:q.end])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzProcess checks that no input makes the stage panic or write a quote
// whose span is not its text, including mentions with offsets that do not
// fit the text.
func FuzzProcess(f *testing.F) {
	f.Add("“We will not back down,” Smith said. He said that the war would go on.", 0, 5)
	f.Add("Details, she said, adding that “x", 9, 12)
	f.Add("\"'‘’«»„“”", 1, 3)
	f.Add("According to , .", -4, 400)
	f.Fuzz(func(t *testing.T, text string, ms, me int) {
		doc := document.New()
		doc.Text = text
		doc.Entities = []document.Entity{{ID: "E1", Mentions: []document.Span{{Start: ms, End: me}}}}
		doc.Names = []document.Name{{Start: me, End: ms + me, Entity: "E1"}}
		doc.Times = []document.Time{{Start: ms, End: me}}
		doc.Sentences = []document.Sentence{{Start: 0, End: len(text) / 2}, {Start: len(text) / 2, End: len(text)}}
		if err := New().Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		for _, q := range doc.Quotes {
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad span %+v", q)
			}
		}
	})
}
