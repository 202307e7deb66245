package events

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// addNORP records a mention of a nation or nationality at [start, end)
// with its country (else the country of its words) and its entity, unless
// one is recorded at that token already.
func (a *analysis) addNORP(norps map[int]demonymPart, start, end int, country, entity, text string) {
	if start < 0 || end > len(a.v.Text) || start >= end {
		return
	}
	if country == "" && a.geo != nil {
		c, ok := a.geo.Demonym(text)
		if !ok && strings.HasSuffix(text, "s") {
			c, ok = a.geo.Demonym(strings.TrimSuffix(text, "s"))
		}
		if !ok {
			return
		}
		country = c
	}
	t := a.v.FirstTokenFrom(start)
	if _, dup := norps[t]; !dup && t < len(a.v.Toks) && a.v.Toks[t].Start < end {
		norps[t] = demonymPart{start: start, end: end, country: country, entity: entity}
	}
}

// demonyms adds actors for the mentions of nations and nationalities
// (coref's entities, nlp's names, the countries among the places) and for
// the country adjectives and abbreviations that the gazetteer knows. "US
// and Israeli officials" are two actors, USAGOV and ISRGOV; "Israeli
// forces" is ISRMIL. A demonym just before an entity's title and name
// ("Israeli Prime Minister Benjamin Netanyahu") joins that entity, giving
// it its country when it has none.
func (a *analysis) demonyms(norps map[int]demonymPart) {
	a.norps = norps
	defer func() { a.norps = nil }()
	v := a.v
	for t := 0; t < len(v.Toks); t++ {
		if a.actorAt[t] >= 0 {
			continue
		}
		var parts []demonymPart
		t1 := t + 1
		if p, ok := norps[t]; ok {
			parts = []demonymPart{p}
			for t1 < len(v.Toks) && v.Toks[t1].End <= p.end {
				t1++
			}
		} else if a.geo != nil {
			parts = a.demonymParts(t)
		}
		if len(parts) == 0 || len(parts) == 1 && a.joinEntity(t, t1, parts[0].country) {
			continue
		}
		sector := a.headSector(t1)
		for i, part := range parts {
			c := actor{t0: t, t1: t1, Actor: document.Actor{
				Text: v.Text[part.start:part.end], Start: part.start, End: part.end,
				Entity: part.entity, Country: part.country, Code: part.country + sector,
			}}
			if i == 0 {
				a.addActor(c)
				continue
			}
			// The other parts of "US-Israel" share the token: they are
			// kept beside it, for coordination.
			a.actors = append(a.actors, c)
			a.extra[t] = append(a.extra[t], len(a.actors)-1)
		}
	}
}

type demonymPart struct {
	start, end int
	country    string
	entity     string // the entity it mentions, if any
}

// demonymParts returns the demonyms in token t: the token itself, or the
// parts of a hyphenated one ("US-Israel"). A demonym starts with a capital,
// and a short one is all capitals, so that "us" is not the US.
func (a *analysis) demonymParts(t int) []demonymPart {
	tok := a.v.Toks[t]
	var out []demonymPart
	off := tok.Start
	for _, p := range strings.Split(tok.Text, "-") {
		if c, ok := a.demonym(p); ok {
			out = append(out, demonymPart{start: off, end: off + len(p), country: c})
		} else if len(p) > 0 && strings.Contains(tok.Text, "-") {
			if c, ok := a.countryNamed(p); ok && capitalised(p) {
				out = append(out, demonymPart{start: off, end: off + len(p), country: c})
			}
		}
		off += len(p) + 1
	}
	if len(out) > 0 && len(out) < strings.Count(tok.Text, "-")+1 {
		return nil // "Israeli-born": not every part is a country
	}
	return out
}

func (a *analysis) demonym(w string) (string, bool) {
	if a.geo == nil || !capitalised(w) || (utf8.RuneCountInString(w) <= 3 && strings.ToUpper(w) != w) {
		return "", false
	}
	if c, ok := a.geo.Demonym(w); ok {
		return c, true
	}
	// Plurals: "Israelis", "Palestinians".
	if strings.HasSuffix(w, "s") && len(w) > 4 {
		return a.geo.Demonym(w[:len(w)-1])
	}
	return "", false
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// joinEntity gives the demonym at token t to the entity actor that follows
// it after at most four capitalised title words or agent words ("Israeli
// Prime Minister Benjamin Netanyahu", "US President Joe Biden").
func (a *analysis) joinEntity(t, t1 int, country string) bool {
	v := a.v
	for k := t1; k < len(v.Toks) && k <= t1+4 && v.Toks[k].Sent == v.Toks[t].Sent; k++ {
		if i := a.actorAt[k]; i >= 0 {
			act := &a.actors[i]
			if act.Entity == "" || a.collective[act.Entity] {
				return false // another nation: "US-Israeli", "Israeli Palestinian"
			}
			if act.Country == "" {
				act.Country = country
				act.Code = country + sectorOf(act.Code)
			}
			if len(act.Code) == 3 {
				// The title between gives the sector: "Prime Minister".
				words := make([]string, 0, k-t1)
				for j := t1; j < k; j++ {
					words = append(words, v.Low(j))
				}
				act.Code += a.agentSuffix(words)
			}
			for j := t; j < k; j++ {
				a.actorAt[j] = i
			}
			act.t0, act.Start = t, v.Toks[t].Start
			act.Text = v.Text[act.Start:act.End]
			return true
		}
		if !v.IsWord(k) || !(capitalised(v.Toks[k].Text) || a.tab.agents[v.Low(k)] != "") {
			return false
		}
	}
	return false
}

// headSector reads the sector of the noun a demonym modifies, from token k
// on, past other demonyms and "and": "Israeli forces" MIL, "US and Israeli
// officials" GOV.
func (a *analysis) headSector(k int) string {
	v := a.v
	for n := 0; k < len(v.Toks) && n < 4; n++ {
		l := v.Low(k)
		if (l == "and" || l == "," || l == "or") && a.nationAt(k+1) {
			k++ // "US and Israeli officials", "US, British and Israeli officials"
			continue
		}
		if a.nationAt(k) {
			k++
			continue
		}
		if l == "'s" {
			k++ // "Sudan’s army"
		}
		break
	}
	for n := min(a.tab.maxAgent, 3); n > 0; n-- {
		if k+n > len(v.Toks) {
			continue
		}
		words := make([]string, 0, n)
		for j := k; j < k+n; j++ {
			words = append(words, v.Low(j))
		}
		if s := a.tab.agents[strings.Join(words, " ")]; s != "" {
			return sectorOf(s)
		}
	}
	return ""
}

// nationAt reports whether token k is a nation or nationality mention.
func (a *analysis) nationAt(k int) bool {
	if k < 0 || k >= len(a.v.Toks) {
		return false
	}
	if i := a.actorAt[k]; i >= 0 {
		return a.isDemonym(i)
	}
	if _, ok := a.norps[k]; ok {
		return true
	}
	_, ok := a.demonym(a.v.Toks[k].Text)
	return ok
}
