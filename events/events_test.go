package events

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"newsgraph/document"
)

var (
	macron   = ent{"E1", document.TypePerson, "FRA", []string{"President"}, []string{"Emmanuel Macron", "Macron"}}
	sisi     = ent{"E2", document.TypePerson, "EGY", []string{"President"}, []string{"Abdel Fattah al-Sisi", "Sisi"}}
	israel   = ent{"E3", document.TypeGPE, "ISR", nil, []string{"Israel"}}
	hezbolla = ent{"E4", document.TypeOrg, "", nil, []string{"Hezbollah"}}
	whouse   = ent{"E5", document.TypeOrg, "USA", nil, []string{"White House"}}
	meloni   = ent{"E6", document.TypePerson, "ITA", []string{"Prime Minister"}, []string{"Giorgia Meloni", "Meloni"}}
	lebanon  = ent{"E7", document.TypeGPE, "LBN", nil, []string{"Lebanon"}}
)

func TestEvents(t *testing.T) {
	tests := []struct {
		name string
		f    fixture
		want []string
	}{
		{
			name: "request: subject before, object after",
			f: fixture{text: "French President Emmanuel Macron has asked Egyptian President Abdel Fattah al-Sisi to send a delegation to Paris.",
				ents: []ent{macron, sisi}},
			want: []string{"REQUEST E1->E2"},
		},
		{
			name: "called on X to",
			f: fixture{text: "The United Nations called on Israel to halt the demolitions.",
				ents: []ent{{"E9", document.TypeOrg, "", nil, []string{"United Nations"}}, israel}},
			want: []string{"REQUEST E9->E3"},
		},
		{
			name: "asked without a complement is no request",
			f:    fixture{text: "Macron asked Sisi about the border.", ents: []ent{macron, sisi}},
		},
		{
			// Broad dictionary verbs without an actor doing them, a
			// death without a killer, an acronym spelling a trigger
			// word: none is an event.
			name: "according to, cases were found, died, AIDS",
			f: fixture{text: "According to the ministry, new cases were found in Rafah. A soldier who died in Texas had AIDS.",
				ents: []ent{{"E9", document.TypeOrg, "", nil, []string{"ministry"}}}},
		},
		{
			name: "a possessive pronoun does not stand for the phrase it opens",
			f: fixture{text: "Abdel Fattah al-Sisi will meet his counterpart Emmanuel Macron.",
				ents: []ent{{"E2", document.TypePerson, "EGY", []string{"President"}, []string{"Abdel Fattah al-Sisi", "his"}}, macron}},
			want: []string{"CONSULT E2->E1 fut"},
		},
		{
			name: "defending someone's decision is support, and a possessive may stand before a pattern's object",
			f:    fixture{text: "Macron defended Sisi's decision. Israel suspended Lebanon's aid.", ents: []ent{macron, sisi, israel, lebanon}},
			want: []string{"SUPPORT E1->E2", "SANCTION E3->E7"},
		},
		{
			name: "declining to comment is a statement, no rejection",
			f:    fixture{text: "Israel declined to comment on the report.", ents: []ent{israel}},
		},
		{
			name: "a plural object of a CAMEO dictionary pattern: expressing concerns is a statement",
			f:    fixture{text: "Lebanon expressed concerns about the plan of Israel.", ents: []ent{israel, lebanon}},
		},
		{
			name: "suspending aid reduces relations (CAMEO 162), not aid",
			f:    fixture{text: "Israel suspended humanitarian aid to Lebanon.", ents: []ent{israel, lebanon}},
			want: []string{"SANCTION E3->E7"},
		},
		{
			name: "expelling a diplomat reduces relations (CAMEO 166)",
			f:    fixture{text: "Lebanon expelled the top Israeli diplomat.", ents: []ent{israel, lebanon}},
			want: []string{"SANCTION E7->ISR"},
		},
		{
			name: "a promise to yield is an intent (CAMEO 034)",
			f:    fixture{text: "Hezbollah will release two Israeli soldiers.", ents: []ent{israel, hezbolla}},
			want: []string{"AGREE E4->ISR fut"},
		},
		{
			name: "a refusal of cooperation is a rejection (CAMEO 122)",
			f:    fixture{text: "Lebanon will not accept refugees from Israel.", ents: []ent{israel, lebanon}},
			want: []string{"REJECT E7->E3 neg fut"},
		},
		{
			name: "a broad dictionary verb between two actors is an event",
			f:    fixture{text: "Hezbollah captured two Israeli soldiers.", ents: []ent{israel, hezbolla}},
			want: []string{"COERCE E4->ISR"},
		},
		{
			name: "coordinated demonyms meet each other, in the future",
			f: fixture{text: "Egyptian and French officials are likely to meet early next week in Paris to discuss the crisis.",
				times: [][3]string{{"early next week", document.TimeDate, "2024-W13"}}},
			want: []string{"CONSULT EGY->FRA fut"},
		},
		{
			name: "passive with an agent",
			f:    fixture{text: "Israel was attacked by Hezbollah on Sunday.", ents: []ent{israel, hezbolla}},
			want: []string{"ASSAULT E4->E3"},
		},
		{
			name: "opposing an incursion: the target is the agent of the incursion",
			f: fixture{text: "Sisi on Tuesday opposed a ground incursion by Israeli forces into Rafah.",
				ents:  []ent{sisi},
				times: [][3]string{{"on Tuesday", document.TimeDate, "2024-03-19"}}},
			want: []string{"REJECT E2->ISR", "ASSAULT ISR->PSE hyp"},
		},
		{
			name: "a verb without subject in a quote is the speaker's",
			f: fixture{text: "The statement came after Macron said destroying Hezbollah in Beirut will require a ground operation.",
				ents:   []ent{macron, hezbolla},
				quotes: []quote{{"destroying Hezbollah in Beirut will require a ground operation", "E1", "said"}}},
			// The ground operation has no agent: its source is unknown.
			want: []string{"ASSAULT E1->E4", "ASSAULT ->LBN fut"},
		},
		{
			name: "our in a quote is the speaker; the agent of the action is not",
			f: fixture{text: "Meloni told lawmakers, “We will reiterate our opposition to military action on the ground by Israel in Rafah.”",
				ents:   []ent{meloni, israel},
				quotes: []quote{{"We will reiterate our opposition to military action on the ground by Israel in Rafah.", "E6", "told"}}},
			want: []string{"REJECT E6->E3 fut", "ASSAULT E3->PSE hyp fut"},
		},
		{
			name: "the addressee of a call is the one responding to it",
			f: fixture{text: "Macron was responding to a call by the White House to rethink strategy.",
				ents: []ent{macron, whouse}},
			want: []string{"REQUEST E5->E1"},
		},
		{
			name: "negated",
			f:    fixture{text: "Israel did not attack Lebanon.", ents: []ent{israel, lebanon}},
			want: []string{"ASSAULT E3->E7 neg"},
		},
		{
			name: "hypothetical",
			f:    fixture{text: "Israel could attack Lebanon if the talks fail.", ents: []ent{israel, lebanon}},
			want: []string{"ASSAULT E3->E7 hyp", "CONSULT -> hyp"},
		},
		{
			name: "an event in the complement of a demand has no source of its own",
			f: fixture{text: "The White House urged Israel to allow humanitarian aid into Gaza.",
				ents: []ent{whouse, israel}},
			want: []string{"REQUEST E5->E3"},
		},
		{
			name: "adjectival participles and names are not triggers",
			f: fixture{text: "Meloni visited the occupied territory with the Attack Helicopter Squadron.",
				ents: []ent{meloni, {"E8", document.TypeOrg, "", nil, []string{"Attack Helicopter Squadron"}}}},
			want: []string{"CONSULT E6->E8"},
		},
		{
			name: "light verb: the subject launches the offensive",
			f:    fixture{text: "Israel launched a ground offensive in Gaza.", ents: []ent{israel}},
			want: []string{"ASSAULT E3->PSE"},
		},
		{
			name: "cooperation noun in a quote takes the speaker",
			f: fixture{text: "She said that the safe delivery of humanitarian aid to the Palestinian enclave was a priority.",
				ents:   []ent{{"E6", document.TypePerson, "ITA", nil, []string{"She"}}},
				quotes: []quote{{"the safe delivery of humanitarian aid to the Palestinian enclave was a priority", "E6", "said"}}},
			want: []string{"AID E6->PSE"},
		},
		{
			// The police, an uncoded phrase actor, arrest the protesters;
			// the speaker (E2) is no part of it, and "the attack" is no one.
			name: "an attack in a quote without an actor as agent is not the speaker's",
			f: fixture{text: "The attack killed five people, Macron said. Police arrested twelve protesters, Sisi said.",
				ents: []ent{macron, sisi},
				quotes: []quote{{"The attack killed five people", "E1", "said"},
					{"Police arrested twelve protesters", "E2", "said"}}},
			// The attack and the killing are events with no known source.
			want: []string{"ASSAULT ->", "ASSAULT ->", "COERCE ->"},
		},
		{
			name: "a capital right before a verb is its government",
			f:    fixture{text: "Kabul threatened to retaliate, while troops massed in Kabul."},
			want: []string{"THREATEN AFG->"},
		},
		{
			name: "titles between coordinated names",
			f: fixture{text: "Sisi and President Emmanuel Macron are expected to discuss trade.",
				ents: []ent{sisi, macron}},
			// "expected" is in the CAMEO dictionary (030), whose broad
			// verbs need a source: being expected to is no agreement.
			want: []string{"CONSULT E2->E1 fut"},
		},
		{
			name: "an amount between a light verb and its noun; no comma coordination into a reporting clause; a promise of aid is an intent (CAMEO 033)",
			f: fixture{text: "Japan will provide $10 million in humanitarian aid to Sudan, Foreign Minister Yoko Kamikawa said.",
				ents:   []ent{{"E9", document.TypePerson, "JPN", nil, []string{"Yoko Kamikawa"}}},
				quotes: []quote{{"Japan will provide $10 million in humanitarian aid to Sudan", "E9", "said"}}},
			want: []string{"AGREE JPN->SDN fut"},
		},
		{
			name: "after and, a verb of its own is not in the complement",
			f: fixture{text: "Sudan’s army rejected the proposal and accused Hezbollah of lying.",
				ents: []ent{hezbolla}},
			want: []string{"REJECT SDN->", "ACCUSE SDN->E4"},
		},
		{
			name: "repeated events merge",
			f: fixture{text: "Israel attacked Lebanon. Later Israel attacked Lebanon again.",
				ents: []ent{israel, lebanon}},
			want: []string{"ASSAULT E3->E7"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.f.doc()
			if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if got := briefs(doc.Events); !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
				for _, e := range doc.Events {
					t.Logf("%+v", e)
				}
			}
			checkEvents(t, doc)
		})
	}
}

// checkEvents checks what every event must satisfy.
func checkEvents(t *testing.T, doc *document.Document) {
	t.Helper()
	for i, e := range doc.Events {
		if e.ID != fmt.Sprintf("V%d", i+1) {
			t.Errorf("event %d has id %s", i, e.ID)
		}
		if doc.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
			t.Errorf("%s: trigger span is not %q", e.ID, e.Trigger.Text)
		}
		for _, a := range append(append([]document.Actor{}, e.Source...), e.Target...) {
			if a.Start < 0 || a.End > len(doc.Text) || doc.Text[a.Start:a.End] != a.Text {
				t.Errorf("%s: actor span is not %q", e.ID, a.Text)
			}
			if a.Code != "" && !strings.HasPrefix(a.Code, a.Country) {
				t.Errorf("%s: actor %q code %s does not start with its country %s", e.ID, a.Text, a.Code, a.Country)
			}
		}
		if e.Quad < 1 || e.Quad > 4 || e.Type == "" || e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("%s: bad coding %+v", e.ID, e)
		}
		if e.Source == nil || e.Target == nil {
			t.Errorf("%s: nil actor list", e.ID)
		}
	}
}

func TestCodes(t *testing.T) {
	f := fixture{
		text: "Israeli forces attacked Hamas. The White House condemned Hamas. US and Israeli officials met. Sudan’s army rejected the plan.",
		ents: []ent{{"E1", document.TypeOrg, "", nil, []string{"Hamas"}}, whouse},
	}
	doc := f.doc()
	if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range doc.Events {
		for _, a := range append(append([]document.Actor{}, e.Source...), e.Target...) {
			got = append(got, a.Text+"="+a.Code)
		}
	}
	want := []string{"Israeli=ISRMIL", "Hamas=PSEREB", "White House=USAGOV", "Hamas=PSEREB", "US=USAGOV", "Israeli=ISRGOV", "Sudan=SDNMIL"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if e := doc.Events[0]; e.CAMEO != "190" || e.Quad != 4 || e.Mode != "military" && e.Mode != "" {
		t.Errorf("coding of %q: %+v", e.Trigger.Text, e)
	}
}

func TestMaxEvents(t *testing.T) {
	var b strings.Builder
	var ents []ent
	for i := range 30 {
		name := fmt.Sprintf("Group%c%c", 'A'+i/26, 'a'+i%26)
		ents = append(ents, ent{fmt.Sprintf("E%d", i+1), document.TypeOrg, "", nil, []string{name}})
		fmt.Fprintf(&b, "%s attacked Israel. ", name)
	}
	ents = append(ents, ent{"E99", document.TypeGPE, "ISR", nil, []string{"Israel"}})
	doc := fixture{text: b.String(), ents: ents}.doc()
	if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != maxEvents {
		t.Errorf("%d events, want %d", len(doc.Events), maxEvents)
	}
	checkEvents(t, doc)
}

func TestTables(t *testing.T) {
	tab, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	// Every trigger's code has a PLOVER type, and quad classes follow the
	// CAMEO roots.
	for w, ps := range tab.triggers {
		for _, p := range ps {
			if p.neutral {
				if !strings.HasPrefix(p.cameo, "01") && !strings.HasPrefix(p.cameo, "02") {
					t.Errorf("trigger %q: neutral code %s: want a CAMEO 01 or 02 code", w, p.cameo)
				}
				continue
			}
			if _, ok := tab.ploverOf(p.cameo); !ok || quadClass(p.cameo) == 0 {
				t.Errorf("trigger %q: code %s has no PLOVER type or quad", w, p.cameo)
			}
		}
	}
	for code, want := range map[string]plover{"040": {"CONSULT", ""}, "0333": {"AGREE", ""}, "173": {"COERCE", "arrest"}, "1034": {"REQUEST", "assist"}, "0211": {"REQUEST", ""}, "012": {}} {
		got, _ := tab.ploverOf(code)
		if got != want {
			t.Errorf("ploverOf(%s) = %v, want %v", code, got, want)
		}
	}
	for code, want := range map[string]int{"036": 1, "073": 2, "120": 3, "190": 4, "20": 4, "21": 0, "x": 0} {
		if got := quadClass(code); got != want {
			t.Errorf("quadClass(%s) = %d, want %d", code, got, want)
		}
	}
	for phrase, want := range map[string]string{"prime minister": "GOV", "troops": "MIL", "spokesperson": "GOV", "white house": "USAGOV"} {
		if got := tab.agents[phrase]; got != want {
			t.Errorf("agents[%q] = %q, want %q", phrase, got, want)
		}
	}
}

func TestVerbForms(t *testing.T) {
	tests := map[string][]string{
		"meet":  {"meet", "meets", "meeted", "meeting"},
		"urge":  {"urge", "urges", "urged", "urging"},
		"deny":  {"deny", "denies", "denied", "denying"},
		"press": {"press", "presses", "pressed", "pressing"},
	}
	for v, want := range tests {
		if got := verbForms(v); !slices.Equal(got, want) {
			t.Errorf("verbForms(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := newStage(fakeGeo{}).Process(ctx, fixture{text: "Israel attacked."}.doc())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if n := New().Name(); n != "events" {
		t.Errorf("Name() = %q", n)
	}
}

// FuzzProcess checks that no input makes the stage panic or write an
// event whose spans are not its text, annotations with offsets that do
// not fit the text included.
func FuzzProcess(f *testing.F) {
	f.Add("Israeli forces attacked Hamas. US and Israeli officials met in Gaza.", 0, 6)
	f.Add("a call by X to , was attacked by", 5, 2)
	f.Add("“our opposition to", -3, 900)
	f.Fuzz(func(t *testing.T, text string, s, e int) {
		doc := document.New()
		doc.Text = text
		doc.Published = "2024-03-20"
		id := "E1"
		doc.Entities = []document.Entity{{ID: "E1", Type: document.TypeOrg, Mentions: []document.Span{{Start: s, End: e}}}}
		doc.Names = []document.Name{{Start: e, End: s + e, Type: document.TypeGPE}}
		doc.Places = []document.Place{{ID: "P1", Country: "PSE", Feature: "PCLI", Mentions: []document.Span{{Start: s, End: e + 1}}}}
		doc.Times = []document.Time{{ID: "T1", Start: s, End: e, Value: "2024-W13"}}
		doc.Quotes = []document.Quote{{Start: s - 1, End: e, Speaker: &id}}
		doc.Sentences = []document.Sentence{{Start: 0, End: len(text) / 2}, {Start: len(text) / 2, End: len(text)}}
		if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		for _, ev := range doc.Events {
			if text[ev.Trigger.Start:ev.Trigger.End] != ev.Trigger.Text {
				t.Fatalf("bad trigger %+v", ev)
			}
		}
	})
}

// TestConcurrent runs one stage value over documents from several
// goroutines, as the pipeline's workers do; run with -race.
func TestConcurrent(t *testing.T) {
	st := newStage(fakeGeo{})
	f := fixture{text: "Israel attacked Lebanon. Egyptian and French officials met in Paris.", ents: []ent{israel, lebanon}}
	done := make(chan []string)
	for range 8 {
		go func() {
			doc := f.doc()
			if err := st.Process(context.Background(), doc); err != nil {
				t.Error(err)
			}
			done <- briefs(doc.Events)
		}()
	}
	want := []string{"ASSAULT E3->E7", "CONSULT EGY->FRA"}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// codesOf returns "text=code" for every actor of doc's events.
func codesOf(doc *document.Document) []string {
	var got []string
	for _, e := range doc.Events {
		for _, a := range append(append([]document.Actor{}, e.Source...), e.Target...) {
			got = append(got, a.Text+"="+a.Code)
		}
	}
	return got
}

// An actor the knowledge base lacks is coded from the article, and every
// later mention of the entity knows the code.
func TestCodesSharedAcrossMentions(t *testing.T) {
	f := fixture{
		text: "Italian Prime Minister Giorgia Meloni criticised Israel. Later Meloni met Francois Hollande.",
		ents: []ent{{"E6", document.TypePerson, "", nil, []string{"Giorgia Meloni", "Meloni"}}, israel,
			{"E1", document.TypePerson, "", nil, []string{"Francois Hollande"}}},
	}
	doc := f.doc()
	if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	got := codesOf(doc)
	want := []string{"Italian Prime Minister Giorgia Meloni=ITAGOV", "Israel=ISR", "Meloni=ITAGOV", "Francois Hollande=FRAGOV"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// The knowledge base codes by the article's date: Netanyahu is ISRGOV in
// 1997 and in 2024, and one of Israel's elites in 2005, between terms.
func TestCodesByDate(t *testing.T) {
	for date, want := range map[string]string{"1997-05-01": "ISRGOV", "2005-05-01": "ISRELI", "2024-03-20": "ISRGOV"} {
		f := fixture{text: "Benjamin Netanyahu criticised Hezbollah.",
			ents: []ent{{"E8", document.TypePerson, "", nil, []string{"Benjamin Netanyahu"}}, hezbolla}}
		doc := f.doc()
		doc.Published = date
		if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if got := codesOf(doc); len(got) == 0 || got[0] != "Benjamin Netanyahu="+want {
			t.Errorf("%s: got %q, want Benjamin Netanyahu=%s first", date, got, want)
		}
	}
}

// Where no known actor stands as subject or object, the noun phrase there
// is the actor, with its span; a topic ("trade") is not.
func TestPhraseActors(t *testing.T) {
	for _, c := range []struct{ text, src, tgt string }{
		{"The Civil Liberties Union is suing the FBI for records.", "The Civil Liberties Union", "FBI"},
		{"Amnesty International (AI) has accused the regional police of torture.", "Amnesty International", "the regional police"},
		{"Police arrested twelve protesters.", "Police", "twelve protesters"},
		{"The ministers will discuss trade.", "The ministers", ""},
	} {
		doc := fixture{text: c.text}.doc()
		if err := newStage(fakeGeo{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		// Events with no source ("torture") may stand beside the one
		// read from the phrases.
		var withSource []document.Event
		for _, e := range doc.Events {
			if len(e.Source) > 0 {
				withSource = append(withSource, e)
			}
		}
		if len(withSource) != 1 {
			t.Errorf("%q: %d events with a source, want 1: %+v", c.text, len(withSource), doc.Events)
			continue
		}
		e := withSource[0]
		var src, tgt string
		if len(e.Source) > 0 {
			src = e.Source[0].Text
		}
		if len(e.Target) > 0 {
			tgt = e.Target[0].Text
		}
		if src != c.src || tgt != c.tgt {
			t.Errorf("%q: source %q target %q, want %q %q", c.text, src, tgt, c.src, c.tgt)
		}
		checkEvents(t, doc)
	}
}
