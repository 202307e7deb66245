package quotes

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"newsgraph/document"
)

func TestAddressee(t *testing.T) {
	tests := []struct {
		text, want, entity string
	}{
		{"Meloni told lawmakers in the Senate that the corridor would open soon.", "lawmakers in the Senate", ""},
		{"“We will not give up on this,” Smith told Brown.", "Brown", "E2"},
		{"Smith said that the corridor would open soon.", "", ""},
	}
	for _, tc := range tests {
		doc := build(tc.text, nil, ent{"E1", document.TypePerson, []string{"Smith", "Meloni"}}, ent{"E2", document.TypePerson, []string{"Brown", "Senate"}})
		if err := New().Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Quotes) != 1 {
			t.Fatalf("%q: %d quotes, want 1", tc.text, len(doc.Quotes))
		}
		a := doc.Quotes[0].Addressee
		switch {
		case tc.want == "" && a != nil:
			t.Errorf("%q: addressee %+v, want none", tc.text, *a)
		case tc.want != "" && (a == nil || a.Text != tc.want || a.Entity != tc.entity || tc.text[a.Start:a.End] != a.Text):
			t.Errorf("%q: addressee %+v, want %q (%q)", tc.text, a, tc.want, tc.entity)
		}
	}
}

func TestFind(t *testing.T) {
	smith := ent{"E1", document.TypePerson, []string{"Karen Smith", "Smith"}}
	tests := []struct {
		name  string
		text  string
		times []string
		ents  []ent
		want  []got
	}{
		{
			name: "direct, cue after",
			text: "“We will not back down,” Smith said.",
			ents: []ent{smith},
			want: []got{{"direct", "We will not back down", "said", "E1", "Smith"}},
		},
		{
			name: "direct broken by the attribution",
			text: "“The talks are over,” she said, “and nobody should pretend otherwise.”",
			ents: []ent{{"E1", document.TypePerson, []string{"she"}}},
			want: []got{
				{"direct", "The talks are over", "said", "E1", "she"},
				{"direct", "and nobody should pretend otherwise.", "said", "E1", "she"},
			},
		},
		{
			name: "straight quotes, cue before",
			text: `Jones told reporters, "The plan is dead on arrival."`,
			ents: []ent{{"E2", document.TypePerson, []string{"Jones"}}},
			want: []got{{"direct", "The plan is dead on arrival.", "told", "E2", "Jones"}},
		},
		{
			name: "guillemets after a colon",
			text: "Macron said: «We will never accept this outcome.»",
			ents: []ent{{"E3", document.TypePerson, []string{"Macron"}}},
			want: []got{{"direct", "We will never accept this outcome.", "said", "E3", "Macron"}},
		},
		{
			name: "single quotes with an apostrophe inside",
			text: "‘There’s no way back for them,’ the minister said.",
			want: []got{{"direct", "There’s no way back for them", "said", "nil", "the minister"}},
		},
		{
			name: "quote over two paragraphs",
			text: "Smith said: “We have done everything we could.\n\n“Now it is up to them to decide.”",
			ents: []ent{smith},
			want: []got{{"direct", "We have done everything we could.\n\n“Now it is up to them to decide.", "said", "E1", "Smith"}},
		},
		{
			name: "speaker in the sentence before, ending with a colon",
			text: "The minister said:\n\n“We will build the road next year.”",
			want: []got{{"direct", "We will build the road next year.", "said", "nil", "The minister"}},
		},
		{
			name: "scare quotes are not quotes",
			text: "The so-called “peace plan” was rejected by the council.",
		},
		{
			name: "fragments in a reported clause: the clause and the quotation; the addressee is not the speaker",
			text: "Brown said he had made “perfectly clear” to President Green “that we will finish the job in the north”.",
			ents: []ent{{"E1", document.TypePerson, []string{"Brown"}}, {"E2", document.TypePerson, []string{"Green"}}},
			want: []got{
				{"mixed", "he had made “perfectly clear” to President Green “that we will finish the job in the north”", "said", "E1", "Brown"},
				{"direct", "that we will finish the job in the north", "said", "E1", "Brown"},
			},
		},
		{
			name: "continuation in the next sentence",
			text: "“We are ready,” Smith said. “The army is ready too.”",
			ents: []ent{smith},
			want: []got{
				{"direct", "We are ready", "said", "E1", "Smith"},
				{"direct", "The army is ready too.", "said", "E1", "Smith"},
			},
		},
		{
			name: "no continuation into another paragraph",
			text: "“We are ready,” Smith said.\n\n“The army is ready too, and so are the reserves.”",
			ents: []ent{smith},
			want: []got{
				{"direct", "We are ready", "said", "E1", "Smith"},
				{"direct", "The army is ready too, and so are the reserves.", "", "nil", ""},
			},
		},
		{
			name: "inverted attribution with an appositive",
			text: "“This is unacceptable and must stop now,” said Karen Smith, the foreign minister.",
			ents: []ent{smith},
			want: []got{{"direct", "This is unacceptable and must stop now", "said", "E1", "Karen Smith"}},
		},
		{
			name: "indirect with that",
			text: "Brown said that the talks would resume next month.",
			ents: []ent{{"E1", document.TypePerson, []string{"Brown"}}},
			want: []got{{"indirect", "the talks would resume next month", "said", "E1", "Brown"}},
		},
		{
			name: "indirect without that, after a subordinate clause",
			text: "The statement came hours after Brown said destroying the depot will require more troops.",
			ents: []ent{{"E1", document.TypePerson, []string{"Brown"}}},
			want: []got{{"indirect", "destroying the depot will require more troops", "said", "E1", "Brown"}},
		},
		{
			name: "reporting clause at the end, then a participle",
			text: "Details are still open, but the meeting would probably take place next week, she said, adding the government urged both sides to show restraint.",
			ents: []ent{{"E1", document.TypePerson, []string{"she"}}},
			want: []got{
				{"indirect", "Details are still open, but the meeting would probably take place next week", "said", "E1", "she"},
				{"indirect", "the government urged both sides to show restraint", "adding", "E1", "she"},
			},
		},
		{
			name: "the subject of the clause is not the speaker",
			text: "Green has asked Brown to send a delegation to the capital, Smith said.",
			ents: []ent{smith, {"E2", document.TypePerson, []string{"Green"}}, {"E3", document.TypePerson, []string{"Brown"}}},
			want: []got{{"indirect", "Green has asked Brown to send a delegation to the capital", "said", "E1", "Smith"}},
		},
		{
			name: "according to, before and after",
			text: "According to the ministry, three people were injured in the blast. Two more were missing, according to police.",
			want: []got{
				{"indirect", "three people were injured in the blast", "According to", "nil", "the ministry"},
				{"indirect", "Two more were missing", "according to", "nil", "police"},
			},
		},
		{
			name: "unresolved pronoun leaves the speaker unknown",
			text: "He said the plan was a mistake.",
			want: []got{{"indirect", "the plan was a mistake", "said", "nil", "He"}},
		},
		{
			name:  "addressee and time before that",
			text:  "Brown told lawmakers on Tuesday that the war would go on for months.",
			times: []string{"on Tuesday"},
			ents:  []ent{{"E1", document.TypePerson, []string{"Brown"}}},
			want:  []got{{"indirect", "the war would go on for months", "told", "E1", "Brown"}},
		},
		{
			name:  "time between subject and cue",
			text:  "Brown on Tuesday said the war would go on for months.",
			times: []string{"on Tuesday"},
			ents:  []ent{{"E1", document.TypePerson, []string{"Brown"}}},
			want:  []got{{"indirect", "the war would go on for months", "said", "E1", "Brown"}},
		},
		{
			name:  "reporting clause at the end with a time",
			text:  "Two soldiers were killed near the border, the defence ministry said on Sunday.",
			times: []string{"on Sunday"},
			want:  []got{{"indirect", "Two soldiers were killed near the border", "said", "nil", "the defence ministry"}},
		},
		{
			name: "reporting clause at the end, speaker after a determiner",
			text: "The minister will visit Paris next month, the White House announced.",
			ents: []ent{{"E5", document.TypeOrg, []string{"White House"}}},
			want: []got{{"indirect", "The minister will visit Paris next month", "announced", "E5", "White House"}},
		},
		{
			name: "the head of the speaker's phrase is its last word",
			text: "According to a senior US official, the two leaders are expected to discuss trade.",
			ents: []ent{{"E7", document.TypeGPE, []string{"US"}}},
			want: []got{{"indirect", "the two leaders are expected to discuss trade", "According to", "nil", "a senior US official"}},
		},
		{
			name: "a colon after the cue does not end a reporting clause",
			text: "Asked whether he would call an election, he said: “No, there will be no election.”",
			ents: []ent{{"E1", document.TypePerson, []string{"he@2"}}},
			want: []got{
				// The asker is not named: a question with no speaker.
				{"indirect", "whether he would call an election", "Asked", "nil", ""},
				{"direct", "No, there will be no election.", "said", "E1", "he"},
			},
		},
		{
			name:  "appositives: a name between commas, a phrase after a name",
			text:  "The minister, Sarah Jones, said on Monday that prices would fall. Karen Smith, the foreign minister, said the talks were over.",
			times: []string{"on Monday"},
			ents:  []ent{smith, {"E2", document.TypePerson, []string{"Sarah Jones"}}},
			want: []got{
				{"indirect", "prices would fall", "said", "E2", "Sarah Jones"},
				{"indirect", "the talks were over", "said", "E1", "Karen Smith"},
			},
		},
		{
			name: "a clause after the cue is not an inverted speaker",
			text: "The spokesman, who declined to be named, said the decision was final.",
			want: []got{{"indirect", "the decision was final", "said", "nil", "The spokesman"}},
		},
		{
			name: "participle after an inverted attribution; a cue after and",
			text: "‘It is a disaster for the country,’ said Karen Smith, adding that the party would table a motion. Officials said they were “deeply concerned” and warned that trade talks could collapse.",
			ents: []ent{smith},
			want: []got{
				{"direct", "It is a disaster for the country", "said", "E1", "Karen Smith"},
				{"indirect", "the party would table a motion", "adding", "E1", "Karen Smith"},
				{"indirect", "they were “deeply concerned”", "said", "nil", "Officials"},
				{"indirect", "trade talks could collapse", "warned", "nil", "Officials"},
			},
		},
		{
			name: "doubled apostrophes as quotation marks; an abbreviated title",
			text: "''It may be entertaining, but it has no impact on how you live,'' Mr. Clinton said.",
			ents: []ent{{"E1", document.TypePerson, []string{"Clinton"}}},
			want: []got{{"direct", "It may be entertaining, but it has no impact on how you live", "said", "E1", "Clinton"}},
		},
		{
			name: "mixed: a reported clause with a quotation in it",
			text: "Small said that the visit is an “incredible opportunity for the city” and a chance to be heard.",
			ents: []ent{{"E1", document.TypePerson, []string{"Small"}}},
			want: []got{
				{"mixed", "the visit is an “incredible opportunity for the city” and a chance to be heard", "said", "E1", "Small"},
				{"direct", "incredible opportunity for the city", "said", "E1", "Small"},
			},
		},
		{
			name: "a reporting clause closing the sentence after a quotation and more words",
			text: "“I have made it clear that he voted with the gun lobby” and against the law, Clinton said.",
			ents: []ent{{"E1", document.TypePerson, []string{"Clinton"}}},
			want: []got{
				{"direct", "I have made it clear that he voted with the gun lobby", "said", "E1", "Clinton"},
				{"mixed", "I have made it clear that he voted with the gun lobby” and against the law", "said", "E1", "Clinton"},
			},
		},
		{
			name: "according to a long source",
			text: "According to a report released by the governor's office on Monday, the governor attended ten games.",
			want: []got{{"indirect", "the governor attended ten games", "According to", "nil", "a report released by the governor's office"}},
		},
		{
			name: "a continuation carries a speaker that is no entity",
			text: "“There never was an order,” said the base chief. “At no time did I doubt the team.”",
			want: []got{
				{"direct", "There never was an order", "said", "nil", "the base chief"},
				{"direct", "At no time did I doubt the team.", "said", "nil", "the base chief"},
			},
		},
		{
			name: "an addressee then a subject pronoun; an adverb and a quotation after a bare cue",
			text: "Ryan told a news conference they are planting the seeds. Bush has said repeatedly “local forces” must lead the way.",
			ents: []ent{{"E1", document.TypePerson, []string{"Ryan"}}, {"E2", document.TypePerson, []string{"Bush"}}},
			want: []got{
				{"indirect", "they are planting the seeds", "told", "E1", "Ryan"},
				{"indirect", "“local forces” must lead the way", "said", "E2", "Bush"},
			},
		},
		{
			name: "announce takes an object",
			text: "Brown announced a new offensive in the south.",
			ents: []ent{{"E1", document.TypePerson, []string{"Brown"}}},
			want: []got{{"indirect", "a new offensive in the south", "announced", "E1", "Brown"}},
		},
		{
			name: "a place after a preposition is not the speaker",
			text: "Officials in Washington said the aid would arrive soon.",
			ents: []ent{{"E5", document.TypeGPE, []string{"Washington"}}},
			want: []got{{"indirect", "the aid would arrive soon", "said", "nil", "Officials in Washington"}},
		},
		{
			name: "a characterisation with a quotation: called",
			text: "Sanders called Trump a “pathological liar” on Sunday.",
			ents: []ent{{"E1", document.TypePerson, []string{"Sanders"}}, {"E2", document.TypePerson, []string{"Trump"}}},
			want: []got{{"indirect", "Trump a “pathological liar”", "called", "E1", "Sanders"}},
		},
		{
			name: "called for is no characterisation",
			text: "Sanders called for “more flexibility” in the talks.",
			ents: []ent{{"E1", document.TypePerson, []string{"Sanders"}}},
		},
		{
			name: "a participle characterisation takes the speaker of its clause",
			text: "Cruz said the subsidies should end, calling them “corporate welfare.”",
			ents: []ent{{"E1", document.TypePerson, []string{"Cruz"}}},
			want: []got{
				{"indirect", "the subsidies should end", "said", "E1", "Cruz"},
				{"indirect", "them “corporate welfare.”", "calling", "E1", "Cruz"},
			},
		},
		{
			name: "a speaker with an apposition after the quotation",
			text: "“Ted Cruz is not my favorite by any means,” Graham, a former candidate, told CBS News.",
			ents: []ent{{"E1", document.TypePerson, []string{"Graham"}}, {"E2", document.TypePerson, []string{"Ted Cruz"}}, {"E3", document.TypeOrg, []string{"CBS News"}}},
			want: []got{{"direct", "Ted Cruz is not my favorite by any means", "told", "E1", "Graham"}},
		},
		{
			name: "words set off by commas after the speaker are no inverted clause",
			text: "Will Rogers, for example, said the visit would earn attention all weekend.",
			ents: []ent{{"E1", document.TypePerson, []string{"Will Rogers"}}},
			want: []got{{"indirect", "the visit would earn attention all weekend", "said", "E1", "Will Rogers"}},
		},
		{
			name: "a reported clause broken by its reporting clause",
			text: "Many days, former employees said, she would stay at the office past midnight.",
			want: []got{
				{"indirect", "Many days", "said", "nil", "former employees"},
				{"indirect", "she would stay at the office past midnight", "said", "nil", "former employees"},
			},
		},
		{
			name: "a participle after by, with an addressee before that",
			text: "Smith said the count was wrong while telling reporters in Ohio that the vote was rigged.",
			ents: []ent{smith},
			want: []got{
				{"indirect", "the count was wrong", "said", "E1", "Smith"},
				{"indirect", "the vote was rigged", "telling", "E1", "Smith"},
			},
		},
		{
			name: "a headline with the speaker's label",
			text: "Smith: The Vote Was Rigged From The Start.\n\nThe count went on.",
			ents: []ent{smith},
			want: []got{{"indirect", "The Vote Was Rigged From The Start", ":", "E1", "Smith"}},
		},
		{
			name: "a label that names nobody is a heading",
			text: "The Latest: Smith wins the caucuses in Iowa.\n\nThe count went on.",
			ents: []ent{smith},
		},
		{
			name: "a promise to do something, a request to someone, an announcement",
			text: "Smith vowed to carry the campaign on. Smith urged Democrats to vote for the deal. Smith announced his candidacy for president.",
			ents: []ent{smith},
			want: []got{
				{"indirect", "to carry the campaign on", "vowed", "E1", "Smith"},
				{"indirect", "Democrats to vote for the deal", "urged", "E1", "Smith"},
				{"indirect", "his candidacy for president", "announced", "E1", "Smith"},
			},
		},
		{
			name: "a passive reports nobody",
			text: "The shooting was reported by several witnesses in the park.",
		},
		{
			name: "who said: the speaker is the person it stands for",
			text: "Officials met Smith, who said the vote was rigged from the start.",
			ents: []ent{smith},
			want: []got{{"indirect", "the vote was rigged from the start", "said", "E1", "who"}},
		},
		{
			name: "a clause before who added is not what was said",
			text: "Jones lost Ohio and Florida to Smith, who added to her lead.",
			ents: []ent{smith, {"E2", document.TypePerson, []string{"Jones"}}},
		},
		{
			name: "a party and state tag after the speaker; a clause stops at a quotation that ends its sentence",
			text: "Sen. Marco Rubio (R-Fla.) said Smith is “unelectable now.” Sen. Jones called it a shame.",
			ents: []ent{smith, {"E2", document.TypePerson, []string{"Marco Rubio"}}},
			want: []got{{"indirect", "Smith is “unelectable now.”", "said", "E2", "Marco Rubio"}},
		},
		{
			name: "as X noted, CLAUSE",
			text: "But as Smith noted, those voters will give the senator a second look.",
			ents: []ent{smith},
			want: []got{{"indirect", "those voters will give the senator a second look", "noted", "E1", "Smith"}},
		},
		{
			name: "more words of the reporter's after a comma and but",
			text: "Smith said the plan would pass easily, but polls show it trailing.",
			ents: []ent{smith},
			want: []got{{"indirect", "the plan would pass easily", "said", "E1", "Smith"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := build(tc.text, tc.times, tc.ents...)
			if err := New().Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if g := reduce(doc.Quotes); !slices.Equal(g, tc.want) {
				t.Errorf("got\n%v\nwant\n%v", g, tc.want)
			}
			checkQuotes(t, doc)
		})
	}
}

// checkQuotes checks what every quote must satisfy: ids in order, spans
// that are exactly the text, cue offsets that are the cue.
func checkQuotes(t *testing.T, doc *document.Document) {
	t.Helper()
	for i, q := range doc.Quotes {
		if want := fmt.Sprintf("Q%d", i+1); q.ID != want {
			t.Errorf("quote %d id %q, want %q", i, q.ID, want)
		}
		if q.Start < 0 || q.End > len(doc.Text) || q.Start >= q.End || doc.Text[q.Start:q.End] != q.Text {
			t.Errorf("%s: span [%d,%d) is not its text %q", q.ID, q.Start, q.End, q.Text)
		}
		if q.Cue != "" && doc.Text[q.CueStart:q.CueEnd] != q.Cue {
			t.Errorf("%s: cue span is not %q", q.ID, q.Cue)
		}
		if i > 0 && doc.Quotes[i-1].Start > q.Start {
			t.Errorf("%s: out of text order", q.ID)
		}
	}
}

func TestFindWithoutSentences(t *testing.T) {
	doc := build("“We will not back down,” Smith said. He said that the war would go on.", nil,
		ent{"E1", document.TypePerson, []string{"Smith", "He"}})
	doc.Sentences = nil
	if err := New().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	want := []got{
		{"direct", "We will not back down", "said", "E1", "Smith"},
		{"indirect", "the war would go on", "said", "E1", "He"},
	}
	if g := reduce(doc.Quotes); !slices.Equal(g, want) {
		t.Errorf("got\n%v\nwant\n%v", g, want)
	}
	if doc.Quotes[1].Sentence != 1 {
		t.Errorf("sentence %d, want 1", doc.Quotes[1].Sentence)
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := New().Process(ctx, build("He said the plan was a mistake.", nil))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestName(t *testing.T) {
	if n := New().Name(); n != "quotes" {
		t.Errorf("Name() = %q", n)
	}
}

// TestConcurrent runs one stage value over documents from several
// goroutines, as the pipeline's workers do; run with -race.
func TestConcurrent(t *testing.T) {
	st := New()
	done := make(chan int)
	for range 8 {
		go func() {
			doc := build("“We will not back down,” Smith said. He said that the war would go on.", nil,
				ent{"E1", document.TypePerson, []string{"Smith", "He"}})
			if err := st.Process(context.Background(), doc); err != nil {
				t.Error(err)
			}
			done <- len(doc.Quotes)
		}()
	}
	for range 8 {
		if n := <-done; n != 2 {
			t.Errorf("%d quotes, want 2", n)
		}
	}
}
