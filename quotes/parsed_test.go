package quotes_test

import (
	"context"
	"testing"

	"newsgraph/coref"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/quotes"
)

// TestWithParse runs the nlp stage, coref and quotes on short texts whose
// speaker only the parse names.
func TestWithParse(t *testing.T) {
	tests := []struct {
		name, text          string
		quote, cue, speaker string
	}{
		{
			name:    "a colon after a clause with no reporting word",
			text:    "Hillary Clinton has since apologized for what happened: “Yes, I should have used two email addresses for my work.”",
			quote:   "Yes, I should have used two email addresses for my work.",
			cue:     ":",
			speaker: "Hillary Clinton",
		},
		{
			name:    "a clause without that, by the parse",
			text:    "In an interview, Senator John Bolton suggested the government should close the office.",
			quote:   "the government should close the office",
			cue:     "suggested",
			speaker: "John Bolton",
		},
		{
			name:    "any verb of a speaker after a quotation that opens its sentence",
			text:    "“If they were serious about this, they would have gone to the only bill with support,” Senator Pat Toomey fumed on Tuesday.",
			quote:   "If they were serious about this, they would have gone to the only bill with support",
			cue:     "fumed",
			speaker: "Pat Toomey",
		},
		{
			name:    "a participle after by",
			text:    "Senator John Bolton ended the hearing by saying that the agency had failed its own staff.",
			quote:   "the agency had failed its own staff",
			cue:     "saying",
			speaker: "John Bolton",
		},
	}
	core, cr, qs := nlp.New(), coref.New(gazetteer.Default().Demonym), quotes.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := extract.Read([]byte(tc.text), extract.Options{Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, st := range []interface {
				Process(context.Context, *document.Document) error
			}{core, cr, qs} {
				if err := st.Process(ctx, doc); err != nil {
					t.Fatal(err)
				}
			}
			for _, q := range doc.Quotes {
				if q.Text == tc.quote {
					if q.Cue != tc.cue || speaker(doc, q) != tc.speaker {
						t.Errorf("%q: cue %q by %q, want %q by %q", q.Text, q.Cue, speaker(doc, q), tc.cue, tc.speaker)
					}
					return
				}
			}
			t.Errorf("no quote %q among %+v", tc.quote, doc.Quotes)
		})
	}
}
