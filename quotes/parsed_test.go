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
	"newsgraph/timex"
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
			cue:     "apologized for what happened:",
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
		{
			name:    "a reporting word inside what is said does not cancel the one before it",
			text:    "Senator John Bolton said he was pleased that lately, when he gives speeches, he is often asked about the plan.",
			quote:   "he was pleased that lately, when he gives speeches, he is often asked about the plan",
			cue:     "said",
			speaker: "John Bolton",
		},
		{
			name:    "a long phrase after a trailing reporting clause",
			text:    "The corridor would open within days, Karine Jean-Pierre said in a video message to the convention.",
			quote:   "The corridor would open within days",
			cue:     "said",
			speaker: "Karine Jean-Pierre",
		},
		{
			name:    "that after a long phrase",
			text:    "Ruth Ginsburg said in an interview with The Associated Press last week that she would not step down.",
			quote:   "she would not step down",
			cue:     "said",
			speaker: "Ruth Ginsburg",
		},
		{
			name:    "a question mark ends the quotation and the splitter's sentence",
			text:    "“Is this all just a show for the cameras?” Maria Lopez said.",
			quote:   "Is this all just a show for the cameras?",
			cue:     "said",
			speaker: "Maria Lopez",
		},
		{
			name:    "a colon after a clause: the cue runs from its verb",
			text:    "Senator Mitch McConnell delivered a blunt message to the president: “It is time to stop attacking people.”",
			quote:   "It is time to stop attacking people.",
			cue:     "delivered a blunt message to the president:",
			speaker: "Mitch McConnell",
		},
		{
			name:    "a fragment too short to list still attributes what follows",
			text:    "“Safety,” said Tom Grimm. “Safety for the whole country, everybody.”",
			quote:   "Safety for the whole country, everybody.",
			cue:     "said",
			speaker: "Tom Grimm",
		},
		{
			name:    "a noun phrase recalled",
			text:    "Senator Jane Roe recalled her long years in the state legislature.",
			quote:   "her long years in the state legislature",
			cue:     "recalled",
			speaker: "Jane Roe",
		},
		{
			name:    "a description without as",
			text:    "Senator Jane Roe described a quiet day at home with her grandchildren.",
			quote:   "a quiet day at home with her grandchildren",
			cue:     "described",
			speaker: "Jane Roe",
		},
		{
			name:    "a time with late after a trailing reporting clause",
			text:    "The minister will resign after the vote, the New York Times reported late Thursday.",
			quote:   "The minister will resign after the vote",
			cue:     "reported",
			speaker: "New York Times",
		},
		{
			name:    "as reported by",
			text:    "As reported by the Daily Planet, investigators found thousands of emails on the server.",
			quote:   "investigators found thousands of emails on the server",
			cue:     "reported",
			speaker: "Daily Planet",
		},
		{
			name:    "a request put to the subject",
			text:    "Asked by reporters to respond to the criticism, Ben Carson said he had done nothing wrong.",
			quote:   "to respond to the criticism",
			cue:     "Asked",
			speaker: "",
		},
		{
			name:    "a question before a reporting clause that introduces a quotation",
			text:    "When asked why the talks failed, Tyler Smith said, “We have three weeks to go.”",
			quote:   "why the talks failed",
			cue:     "asked",
			speaker: "",
		},
		{
			name:    "as with a possessive before the speaker",
			text:    "As the party's chairman Tom Crane said, the two candidates have become the least ideological in America.",
			quote:   "the two candidates have become the least ideological in America",
			cue:     "said",
			speaker: "Tom Crane",
		},
		{
			name:    "an addressee and a time before a clause without that",
			text:    "Christine Whitman told The Star-Ledger of Newark last week she would rather vote for Clinton.",
			quote:   "she would rather vote for Clinton",
			cue:     "told",
			speaker: "Christine Whitman",
		},
		{
			name:    "a curly closing mark before a name",
			text:    "“We are tired of it!” Cruz said.",
			quote:   "We are tired of it!",
			cue:     "said",
			speaker: "Cruz",
		},
	}
	core, cr, tx, qs := nlp.New(), coref.New(gazetteer.Default().Demonym), timex.New(), quotes.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := extract.Read([]byte(tc.text), extract.Options{Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, st := range []interface {
				Process(context.Context, *document.Document) error
			}{core, cr, tx, qs} {
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
