package events

import (
	"sort"
	"strings"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/internal/textview"
)

// countries answers the geographic questions of the actor rules; the
// gazetteer satisfies it.
type countries interface {
	// Demonym returns the country of "Israeli", "US", "Palestinian".
	Demonym(word string) (alpha3 string, ok bool)
	// Lookup returns the places called name, most likely first.
	Lookup(name string) []gazetteer.Entry
}

// actor is a mention of a possible source or target in the text.
type actor struct {
	t0, t1 int // tokens [t0, t1)
	document.Actor
}

// actorTypes are the entity types that act; places act only when they are
// countries ("Israel urged …"), a city is where things happen.
var actorTypes = map[string]bool{
	document.TypePerson: true, document.TypeOrg: true, document.TypeNORP: true, document.TypeGPE: true,
}

// firstPerson pronouns in a quote stand for the speaker ("our opposition").
var firstPerson = map[string]bool{"we": true, "our": true, "us": true, "i": true, "my": true, "me": true, "ours": true}

// findActors finds the actor mentions of the document and marks, per token,
// the actor that covers it (-1 for none). In order of trust: coref's
// entities, names not grouped into one, countries among the places,
// demonyms ("Israeli forces"), and first-person pronouns in quotes.
func (a *analysis) findActors() {
	a.actorAt = make([]int, len(a.v.Toks))
	for i := range a.actorAt {
		a.actorAt[i] = -1
	}
	var cands []actor
	norps := map[int]demonymPart{} // nationality mentions by first token
	for i := range a.doc.Entities {
		e := &a.doc.Entities[i]
		if e.Type == document.TypeNORP || e.Type == document.TypeGPE {
			a.collective[e.ID] = true
		}
		if !a.isActorEntity(e) {
			continue
		}
		if e.Type == document.TypeNORP || e.Type == document.TypeGPE {
			// Nations and nationalities ("Israel", "US", "Israeli") are
			// read as demonyms below, so that they join the name they
			// qualify ("US President Joe Biden") and take the sector of
			// their noun ("Israeli forces").
			country := e.Country
			if country == "" {
				country, _ = a.countryNamed(e.Name)
			}
			for _, m := range e.Mentions {
				a.addNORP(norps, m.Start, m.End, country, e.ID, m.Text)
			}
			continue
		}
		country, code := a.entityCode(e)
		for _, m := range e.Mentions {
			if act, ok := a.span(m.Start, m.End); ok {
				act.Entity, act.Country, act.Code = e.ID, country, code
				cands = append(cands, act)
			}
		}
	}
	for _, n := range a.doc.Names {
		if n.Entity != "" || !actorTypes[n.Type] {
			continue
		}
		if n.Type == document.TypeNORP {
			a.addNORP(norps, n.Start, n.End, "", "", n.Text)
			continue
		}
		if act, ok := a.span(n.Start, n.End); ok {
			country, sector := a.nameCode(n.Text, n.Type)
			if n.Type == document.TypeGPE {
				if c, ok := a.countryNamed(n.Text); ok {
					a.addNORP(norps, n.Start, n.End, c, "", n.Text)
				}
				continue // a country is read as a demonym; a city is where, not who
			}
			act.Country = country
			if country != "" {
				act.Code = country + sector
			}
			cands = append(cands, act)
		}
	}
	for _, p := range a.doc.Places {
		if !strings.HasPrefix(p.Feature, "PCL") || p.Country == "" {
			continue
		}
		for _, m := range p.Mentions {
			a.addNORP(norps, m.Start, m.End, p.Country, p.Entity, m.Text)
		}
	}
	// Longer mentions first, so that "White House spokesperson Karine
	// Jean-Pierre" is not cut into pieces; then in text order.
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].t1-cands[i].t0, cands[j].t1-cands[j].t0
		if li != lj {
			return li > lj
		}
		return cands[i].t0 < cands[j].t0
	})
	for _, c := range cands {
		a.addActor(c)
	}
	a.demonyms(norps)
	a.dictionaryActors()
	a.speakerPronouns()
	a.titles()
	a.shareCodes()
}

// shareCodes gives every mention of an entity the fullest code that one
// of its mentions earned: "Italian Prime Minister Giorgia Meloni" is
// ITAGOV from the demonym and the title, and so is every later "Meloni"
// and "she" that coref joined to her. Nations and places keep their own
// codes, which depend on the noun they qualify ("Israeli forces").
func (a *analysis) shareCodes() {
	best := map[string]int{} // entity id -> actor index with the fullest code
	for i := range a.actors {
		x := &a.actors[i].Actor
		if x.Entity == "" || a.collective[x.Entity] || x.Country == "" {
			continue
		}
		if j, ok := best[x.Entity]; !ok || len(x.Code) > len(a.actors[j].Code) {
			best[x.Entity] = i
		}
	}
	for i := range a.actors {
		x := &a.actors[i].Actor
		j, ok := best[x.Entity]
		if !ok || x.Entity == "" || len(x.Code) >= len(a.actors[j].Code) && x.Country != "" {
			continue
		}
		x.Country, x.Code = a.actors[j].Country, a.actors[j].Code
	}
}

// addActor adds an actor unless a token of it is taken.
func (a *analysis) addActor(c actor) bool {
	for t := c.t0; t < c.t1; t++ {
		if a.actorAt[t] >= 0 {
			return false
		}
	}
	if c.Code == "" {
		c.Code = c.Country
	}
	a.actors = append(a.actors, c)
	for t := c.t0; t < c.t1; t++ {
		a.actorAt[t] = len(a.actors) - 1
	}
	return true
}

// span returns an actor for the text [start, end) with its tokens, when the
// offsets fit the text and cover a token.
func (a *analysis) span(start, end int) (actor, bool) {
	if start < 0 || end > len(a.v.Text) || start >= end {
		return actor{}, false
	}
	t0 := a.v.FirstTokenFrom(start)
	t1 := t0
	for t1 < len(a.v.Toks) && a.v.Toks[t1].End <= end {
		t1++
	}
	if t1 == t0 {
		return actor{}, false
	}
	return actor{t0: t0, t1: t1, Actor: document.Actor{Text: a.v.Text[start:end], Start: start, End: end}}, true
}

// isActorEntity reports whether an entity can act: people, organisations
// and groups, and places only when they are countries.
func (a *analysis) isActorEntity(e *document.Entity) bool {
	if !actorTypes[e.Type] {
		return false
	}
	if e.Type != document.TypeGPE {
		return true
	}
	for _, p := range a.doc.Places {
		if p.Entity == e.ID {
			return strings.HasPrefix(p.Feature, "PCL")
		}
	}
	_, ok := a.countryNamed(e.Name)
	return ok
}

// countryNamed returns the code of the country called name.
func (a *analysis) countryNamed(name string) (string, bool) {
	if a.geo == nil {
		return "", false
	}
	// Only the most likely reading counts.
	if es := a.geo.Lookup(name); len(es) > 0 && es[0].IsCountry() {
		return es[0].Country, true
	}
	return "", false
}

// titles gives a sector to entity actors that have none from the title
// words just before the mention ("White House spokesperson Karine
// Jean-Pierre" GOV), when those words are not an actor of their own.
func (a *analysis) titles() {
	v := a.v
	for i := range a.actors {
		act := &a.actors[i]
		if act.Entity == "" || len(act.Code) >= 6 || act.Country == "" {
			continue
		}
		for n := 1; n <= 2; n++ {
			k := act.t0 - n
			if k < 0 || a.actorAt[k] >= 0 && a.actorAt[k] != i {
				break
			}
			if s := sectorOf(a.tab.agents[v.Low(k)]); s != "" {
				act.Code = act.Country + s
				break
			}
		}
	}
}

// speakerPronouns makes first-person pronouns inside a quote with a known
// speaker stand for that speaker, unless coref already linked them.
func (a *analysis) speakerPronouns() {
	for t, tok := range a.v.Toks {
		if a.actorAt[t] >= 0 || !firstPerson[tok.Low] {
			continue
		}
		q := a.quoteAt(t)
		if q == nil || q.Speaker == nil {
			continue
		}
		e := a.doc.EntityByID(*q.Speaker)
		if e == nil {
			continue
		}
		country, code := a.entityCode(e)
		a.addActor(actor{t0: t, t1: t + 1, Actor: document.Actor{
			Text: tok.Text, Start: tok.Start, End: tok.End, Entity: e.ID, Country: country, Code: code,
		}})
	}
}

// actorKey identifies an actor across an article: its entity when it is
// one person or organisation; its country for a nation, a nationality or
// a place ("Israel", "Israeli forces" and "Rafah" stand for countries);
// else its words.
func (a *analysis) actorKey(x document.Actor) string {
	switch {
	case x.Entity != "" && !a.collective[x.Entity]:
		return x.Entity
	case x.Country != "":
		return x.Country
	case x.Entity != "":
		return x.Entity
	}
	return textview.Fold(x.Text)
}

// isDemonym reports whether actor i is a one-word nation or nationality
// ("Israeli", "US").
func (a *analysis) isDemonym(i int) bool {
	act := &a.actors[i]
	return act.t1-act.t0 == 1 && (act.Entity == "" || a.collective[act.Entity])
}

// dictionaryActors adds the names of the actor knowledge base that stand
// in the text and that nothing else made an actor: the longest run of
// capitalised words (with "of", "the", "and" inside) that the base knows,
// "Amnesty International", "Gondor". A country's code takes its sector
// from the noun after it, as a demonym's does.
func (a *analysis) dictionaryActors() {
	if a.kb == nil {
		return
	}
	v := a.v
	maxN := min(a.kb.MaxWords(), 6)
	// Places the gazetteer placed are where things happen, not who acts
	// ("in Paris"); a capital as subject is handled apart (capitalSubject).
	placed := map[int]bool{}
	for _, pms := range a.places {
		for _, pm := range pms {
			for j := pm.t0; j < pm.t1; j++ {
				placed[j] = true
			}
		}
	}
	for t := 0; t < len(v.Toks); t++ {
		if a.actorAt[t] >= 0 || placed[t] || !capitalised(v.Toks[t].Text) || !v.IsWord(t) {
			continue
		}
		for n := maxN; n >= 1; n-- {
			t1 := t + n
			if t1 > len(v.Toks) || v.Toks[t1-1].Sent != v.Toks[t].Sent || !a.nameRun(t, t1) {
				continue
			}
			start, end := v.Toks[t].Start, v.Toks[t1-1].End
			code, ok := a.known(v.Text[start:end])
			if !ok {
				continue
			}
			country := countryOf(code)
			if len(code) == 3 && country != "" {
				code += a.headSector(t1)
			}
			if country == "" && !regions[code[:3]] {
				break
			}
			if a.addActor(actor{t0: t, t1: t1, Actor: document.Actor{Text: v.Text[start:end], Start: start, End: end,
				Country: country, Code: code}}) {
				t = t1 - 1
			}
			break
		}
	}
}

// nameRun reports whether tokens [t0, t1) can be one name: free of actors,
// capitalised words with at most lower-case connectors between.
func (a *analysis) nameRun(t0, t1 int) bool {
	for j := t0; j < t1; j++ {
		if a.actorAt[j] >= 0 {
			return false
		}
		w := a.v.Toks[j].Text
		if capitalised(w) && a.v.IsWord(j) {
			continue
		}
		if j == t0 || j == t1-1 || !nameConnectors[a.v.Low(j)] {
			return false
		}
	}
	return true
}

var nameConnectors = set("of", "the", "and", "for", "de", "al", "-", "&", "'s")
