package events

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/internal/stagetest"
)

// fakeGeo is a small gazetteer for the tests.
type fakeGeo struct{}

var fakeDemonyms = map[string]string{
	"israeli": "ISR", "us": "USA", "american": "USA", "palestinian": "PSE", "italian": "ITA",
	"french": "FRA", "egyptian": "EGY", "lebanese": "LBN", "british": "GBR",
}

var fakePlaces = map[string]gazetteer.Entry{
	"israel":  {Name: "Israel", Country: "ISR", Feature: "PCLI"},
	"egypt":   {Name: "Egypt", Country: "EGY", Feature: "PCLI"},
	"lebanon": {Name: "Lebanon", Country: "LBN", Feature: "PCLI"},
	"cyprus":  {Name: "Cyprus", Country: "CYP", Feature: "PCLI"},
	"gaza":    {Name: "Gaza", Country: "PSE", Feature: "PPLA"},
	"rafah":   {Name: "Rafah", Country: "PSE", Feature: "PPL"},
	"paris":   {Name: "Paris", Country: "FRA", Feature: "PPLC"},
	"cairo":   {Name: "Cairo", Country: "EGY", Feature: "PPLC"},
	"beirut":  {Name: "Beirut", Country: "LBN", Feature: "PPLC"},
	"kabul":   {Name: "Kabul", Country: "AFG", Feature: "PPLC"},
	"japan":   {Name: "Japan", Country: "JPN", Feature: "PCLI"},
	"sudan":   {Name: "Sudan", Country: "SDN", Feature: "PCLI"},
}

func (fakeGeo) Demonym(w string) (string, bool) {
	c, ok := fakeDemonyms[strings.ToLower(w)]
	return c, ok
}

func (fakeGeo) Lookup(name string) []gazetteer.Entry {
	if e, ok := fakePlaces[strings.ToLower(name)]; ok {
		return []gazetteer.Entry{e}
	}
	return nil
}

// ent is an entity of a test document; its mentions are the whole-word
// occurrences of its surfaces ("she@2" for the second "she" only).
type ent struct {
	id, typ, country string
	titles           []string
	surfaces         []string
}

// quote is a quote of a test document: its text's first occurrence,
// spoken by an entity id ("" for unknown) with a cue.
type quote struct {
	text, speaker, cue string
}

// fixture describes a document as the stages before events leave it.
type fixture struct {
	text   string
	ents   []ent
	times  [][3]string // text, type, value
	quotes []quote
}

func (f fixture) doc() *document.Document {
	doc := stagetest.Doc(f.text)
	doc.Published = "2024-03-20"
	for _, e := range f.ents {
		de := document.Entity{ID: e.id, Name: e.id, Type: e.typ, Country: e.country, Titles: e.titles}
		var spans []document.Span
		for _, s := range e.surfaces {
			spans = append(spans, stagetest.Occurrences(f.text, s)...)
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		de.Mentions = spans
		if len(e.surfaces) > 0 {
			de.Name = strings.Split(e.surfaces[0], "@")[0]
		}
		for _, sp := range spans {
			if r, _ := utf8.DecodeRuneInString(sp.Text); unicode.IsUpper(r) {
				doc.Names = append(doc.Names, document.Name{Start: sp.Start, End: sp.End, Text: sp.Text, Type: e.typ, Entity: e.id})
			}
		}
		doc.Entities = append(doc.Entities, de)
	}
	// Places: every known place name in the text, as geo would find them.
	for _, name := range sortedKeys(fakePlaces) {
		g := fakePlaces[name]
		spans := stagetest.Occurrences(f.text, g.Name)
		if len(spans) == 0 {
			continue
		}
		p := document.Place{ID: fmt.Sprintf("P%d", len(doc.Places)+1), Name: g.Name, Country: g.Country, Feature: g.Feature, Mentions: spans}
		for _, e := range doc.Entities {
			if e.Name == g.Name {
				p.Entity = e.ID
			}
		}
		doc.Places = append(doc.Places, p)
	}
	for i, t := range f.times {
		for _, sp := range stagetest.Occurrences(f.text, t[0]) {
			doc.Times = append(doc.Times, document.Time{ID: fmt.Sprintf("T%d", i+1), Text: sp.Text, Start: sp.Start, End: sp.End, Type: t[1], Value: t[2]})
		}
	}
	for i, q := range f.quotes {
		spans := stagetest.Occurrences(f.text, q.text)
		if len(spans) == 0 {
			panic("fixture quote not in text: " + q.text)
		}
		dq := document.Quote{ID: fmt.Sprintf("Q%d", i+1), Kind: document.QuoteIndirect, Text: q.text, Start: spans[0].Start, End: spans[0].End, Cue: q.cue}
		if q.speaker != "" {
			id := q.speaker
			dq.Speaker = &id
		}
		if i := strings.LastIndex(f.text[:spans[0].Start], q.cue); q.cue != "" && i >= 0 {
			dq.CueStart, dq.CueEnd = i, i+len(q.cue)
		}
		doc.Quotes = append(doc.Quotes, dq)
	}
	return doc
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// brief writes an event as "TYPE src->tgt" with its sources' and targets'
// entities (else countries) joined by "+", and its flags.
func brief(e document.Event) string {
	keys := func(as []document.Actor) string {
		var ks []string
		for _, a := range as {
			k := a.Entity
			if k == "" {
				k = a.Country
			}
			ks = append(ks, k)
		}
		return strings.Join(ks, "+")
	}
	s := fmt.Sprintf("%s %s->%s", e.Type, keys(e.Source), keys(e.Target))
	if e.Negated {
		s += " neg"
	}
	if e.Hypothetical {
		s += " hyp"
	}
	if e.Future {
		s += " fut"
	}
	return s
}

func briefs(evs []document.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, brief(e))
	}
	return out
}
