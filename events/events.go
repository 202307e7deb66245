// Package events codes who did what to whom: it finds event triggers
// (verbs and event nouns: "met", "urged", "an incursion"), reads their
// source and target actors from the sentence, and codes them in CAMEO,
// PLOVER (type and mode) and quad class. Its parts:
//
//   - Triggers come from a compact table written for newsgraph,
//     data/verbs.tsv (pattern, CAMEO code, flags), and, after it, the verb
//     dictionary of CAMEO (data/cameo_verbs.tsv, converted from the
//     Phoenix/PETRARCH CAMEO.2.0.txt), whose broad entries are "weak":
//     taken only where the word plainly is a verb of its own. PLOVER type
//     and mode come from data/cameo2plover.tsv, a converted copy of the
//     PLOVER crosswalk; the quad class from the CAMEO root.
//   - Actors are coref's entities (names, titles, pronouns), names, the
//     countries among the places, demonyms ("US and Israeli officials",
//     "Israeli forces"), names of the actor knowledge base found in the
//     text (events/actors: Phoenix dictionaries with dated codes, so that
//     a code depends on the article's date), first-person pronouns in a
//     quote (its speaker), and, where no such actor stands as subject or
//     object, the noun phrase there ("The Civil Liberties Union is suing
//     the FBI"). An actor's code is its country and a sector read from the
//     knowledge base, its titles, its name or the noun a demonym qualifies
//     (data/agents.tsv, data/extra_agents.tsv, data/groups.tsv); an
//     entity's fullest code is shared by all its mentions ("Italian Prime
//     Minister Giorgia Meloni" makes every later "Meloni" ITAGOV).
//   - Roles come from the dependency parse when the nlp stage gave one
//     (deps.go: subject, object, passive agent, control, conjunction,
//     relative clauses), else from word order within the clause
//     (roles.go): the nearest actor before a verb is its source, the first
//     after it its target; passives swap them; an event noun takes its
//     source from "by X", a possessor or qualifier ("Israel’s offensive")
//     or the subject of a light verb ("announced an offensive"); "X and Y
//     met" is X with Y. A verb with no subject inside a quote has the
//     quote's speaker as source, and so has a cooperative event noun with
//     no agent of its own.
//   - Flags: negated, hypothetical (modals, conditionals, and events in the
//     complement of a demand, threat, rejection or promise: "urged Israel
//     to allow aid"), future (will, likely to, plans to …, or a time after
//     publication). Place and time only from the same clause or sentence.
//   - One event per source, type and target in an article: the first, its
//     confidence raised by each repetition; at most maxEvents.
//   - Exports (export.go): PLOVER JSON lines and GDELT 2.0 event-table rows
//     for a document's events.
package events

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"newsgraph/document"
	"newsgraph/events/actors"
	"newsgraph/geo/gazetteer"
	"newsgraph/internal/textview"
)

// maxEvents caps the events of one article; the most confident are kept.
const maxEvents = 20

// window bounds how far, in tokens, a rule looks back or ahead, so that a
// run-on "sentence" costs linear time.
const window = 60

func from(lo, i int) int  { return max(lo, i-window) }
func until(i, hi int) int { return min(hi, i+window) }

// Stage is the events stage. It only reads its tables and is safe for
// concurrent use.
type Stage struct {
	tab *tables
	kb  *actors.KB
	err error
	geo countries
}

// New returns the events stage, with the embedded gazetteer for demonyms
// and country names.
func New() *Stage { return newStage(gazetteer.Default()) }

// NewWithActors returns the events stage with another actor knowledge
// base in place of the embedded one: PETRARCH2's validation dictionary
// for its unit tests, or a newer dictionary.
func NewWithActors(kb *actors.KB) *Stage {
	s := New()
	if kb != nil {
		s.kb = kb
	}
	return s
}

func newStage(geo countries) *Stage {
	tab, err := loadTables()
	kb, kerr := actors.Default()
	return &Stage{tab: tab, kb: kb, err: errors.Join(err, kerr), geo: geo}
}

// Name returns "events".
func (*Stage) Name() string { return "events" }

// Process replaces doc.Events with the events found in doc, numbered V1,
// V2, … in text order.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if s.err != nil {
		return fmt.Errorf("events: tables: %w", s.err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	a := newAnalysis(doc, s)
	var cands []candidate
	for si, sent := range a.v.Sents {
		cands = append(cands, a.sentence(si, sent)...)
	}
	doc.Events = finish(cands)
	return nil
}

// analysis is what the rules know about one document.
type analysis struct {
	doc       *document.Document
	tab       *tables
	kb        *actors.KB
	geo       countries
	v         *textview.View
	parse     *parse // the nlp stage's dependency parse; nil when there is none
	actors    []actor
	actorAt   []int                  // per token: the actor covering it, or -1
	extra     map[int][]int          // per token: more actors sharing it ("US-Israel")
	quoteOf   []int                  // per token: index into doc.Quotes, or -1
	timeTok   []bool                 // per token: inside a time expression
	nameTok   []bool                 // per token: inside a name, so not a trigger ("Free Syrian Army")
	trigStart map[int]bool           // the tokens that start a trigger in the sentence being coded
	places    map[int][]placeMention // by sentence
	times     map[int][]int          // dates and times (indices into doc.Times) by sentence
	capitals  map[int]placeMention   // capital cities by last token, for "Kabul threatened"
	norps     map[int]demonymPart    // nation mentions by token, while actors are found
	// collective are the entities that stand for a country (nations,
	// nationalities, places): keyed by country when deduplicating.
	collective map[string]bool
}

func newAnalysis(doc *document.Document, s *Stage) *analysis {
	a := &analysis{doc: doc, tab: s.tab, kb: s.kb, geo: s.geo, v: textview.New(doc), extra: map[int][]int{}, collective: map[string]bool{}}
	n := len(a.v.Toks)
	a.quoteOf = make([]int, n)
	for i := range a.quoteOf {
		a.quoteOf[i] = -1
	}
	for qi, q := range doc.Quotes {
		a.mark(q.Start, q.End, func(t int) { a.quoteOf[t] = qi })
	}
	a.timeTok = make([]bool, n)
	a.times = map[int][]int{}
	for i, tm := range doc.Times {
		a.mark(tm.Start, tm.End, func(t int) { a.timeTok[t] = true })
		// Dates and times can say when an event was; durations ("a
		// couple of days", "within hours") and sets cannot.
		if tm.Type != document.TimeDate && tm.Type != document.TimeTime {
			continue
		}
		if t := a.v.TokenAt(tm.Start); t >= 0 && tm.End <= a.v.Sents[a.v.Toks[t].Sent].End {
			a.times[a.v.Toks[t].Sent] = append(a.times[a.v.Toks[t].Sent], i)
		}
	}
	a.nameTok = make([]bool, n)
	for _, nm := range doc.Names {
		a.mark(nm.Start, nm.End, func(t int) { a.nameTok[t] = true })
	}
	for _, p := range doc.Places {
		for _, m := range p.Mentions {
			a.mark(m.Start, m.End, func(t int) { a.nameTok[t] = true })
		}
	}
	a.parse = newParse(doc, a.v)
	a.places = a.placeMentions()
	a.capitals = map[int]placeMention{}
	for _, pms := range a.places {
		for _, pm := range pms {
			if f := a.doc.Places[pm.place].Feature; f == "PPLC" || f == "PPLG" {
				a.capitals[pm.t1-1] = pm
			}
		}
	}
	a.findActors()
	return a
}

// mark calls fn for each token inside [start, end).
func (a *analysis) mark(start, end int, fn func(t int)) {
	if start < 0 || end > len(a.v.Text) || start >= end {
		return
	}
	for t := a.v.FirstTokenFrom(start); t < len(a.v.Toks) && a.v.Toks[t].End <= end; t++ {
		fn(t)
	}
}

func (a *analysis) quoteAt(t int) *document.Quote {
	if t < 0 || t >= len(a.quoteOf) || a.quoteOf[t] < 0 {
		return nil
	}
	return &a.doc.Quotes[a.quoteOf[t]]
}

// candidate is an event before deduplication.
type candidate struct {
	ev    document.Event
	key   string
	count int
}

// sentence returns the events of sentence si.
func (a *analysis) sentence(si int, s textview.Sentence) []candidate {
	var out []candidate
	trs := a.triggers(s)
	a.trigStart = make(map[int]bool, len(trs))
	for _, tr := range trs {
		a.trigStart[tr.t0] = true
	}
	for i, tr := range trs {
		if c, ok := a.event(tr, trs[:i], si, s); ok {
			out = append(out, c)
		}
	}
	return out
}

// finish merges repeated events (same source, type and target), keeps the
// most confident maxEvents, and numbers them in text order.
func finish(cands []candidate) []document.Event {
	var merged []candidate
	index := map[string]int{}
	for _, c := range cands {
		if i, ok := index[c.key]; ok {
			merged[i].count++
			continue
		}
		index[c.key] = len(merged)
		c.count = 1
		merged = append(merged, c)
	}
	for i := range merged {
		merged[i].ev.Confidence = round2(min(0.95, merged[i].ev.Confidence+0.05*float64(merged[i].count-1)))
	}
	if len(merged) > maxEvents {
		sort.SliceStable(merged, func(i, j int) bool { return merged[i].ev.Confidence > merged[j].ev.Confidence })
		merged = merged[:maxEvents]
		sort.SliceStable(merged, func(i, j int) bool { return merged[i].ev.Trigger.Start < merged[j].ev.Trigger.Start })
	}
	out := make([]document.Event, 0, len(merged))
	for i, c := range merged {
		c.ev.ID = fmt.Sprintf("V%d", i+1)
		out = append(out, c.ev)
	}
	return out
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// eventKey is the deduplication key: source keys, type, target keys.
func (a *analysis) eventKey(typ string, src, tgt []document.Actor) string {
	keys := func(as []document.Actor) string {
		ks := make([]string, 0, len(as))
		for _, x := range as {
			ks = append(ks, a.actorKey(x))
		}
		sort.Strings(ks)
		return strings.Join(ks, "+")
	}
	return keys(src) + "|" + typ + "|" + keys(tgt)
}
