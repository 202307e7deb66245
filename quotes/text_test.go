package quotes

import (
	"context"
	"slices"
	"testing"

	"newsgraph/document"
)

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
