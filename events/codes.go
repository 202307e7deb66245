package events

import (
	"strings"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// entityCode returns an entity's country and actor code: coref's when set,
// else from the groups and agents tables by its name and titles. The code
// is country + sector ("ISRGOV"), the country alone when the sector is
// unknown, and the sector alone when the country is (to be completed by a
// demonym in the text, or dropped).
func (a *analysis) entityCode(e *document.Entity) (country, code string) {
	country = e.Country
	if len(e.Actor) >= 6 {
		if country == "" {
			country = countryOf(e.Actor)
		}
		return country, e.Actor
	}
	if kc, ok := a.knownEntity(e); ok {
		if c := countryOf(kc); c != "" {
			country = c
		}
		if len(kc) == 6 && (country == "" || countryOf(kc) == country) {
			return country, kc
		}
	}
	c, sector := a.nameCode(e.Name, e.Type)
	if country == "" {
		country = c
	}
	for _, t := range e.Titles {
		if sector != "" {
			break
		}
		sector = a.agentSuffix(strings.Fields(textview.Fold(t)))
	}
	if sector == "" {
		sector = sectorOf(e.Actor)
	}
	return country, country + sector
}

// known returns the code that the actor knowledge base gives a name on
// the article's date, cut to country and sector ("ISRGOV"; "ISR" for a
// country; "IGOUNO" for an international body).
func (a *analysis) known(name string) (string, bool) {
	if a.kb == nil {
		return "", false
	}
	code, ok := a.kb.Lookup(name, a.doc.Published)
	if !ok {
		return "", false
	}
	return code[:min(6, len(code))], true
}

// knownEntity looks an entity up by its name, then by its name mentions,
// longest first ("Prime Minister Benjamin Netanyahu", "Netanyahu"); pronouns
// and common nouns are not looked up.
func (a *analysis) knownEntity(e *document.Entity) (string, bool) {
	if c, ok := a.known(e.Name); ok {
		return c, true
	}
	best, bestLen := "", 0
	for _, m := range e.Mentions {
		if len(m.Text) <= bestLen || !capitalised(m.Text) {
			continue
		}
		if c, ok := a.known(m.Text); ok {
			best, bestLen = c, len(m.Text)
		}
	}
	return best, best != ""
}

// nameCode returns the country and sector of a name from the tables: an
// armed group ("Hamas" PSE, REB), an institution ("White House" USA, GOV),
// a country, a demonym, or an agent word at the end of the name ("Israel
// Defense Forces": MIL).
func (a *analysis) nameCode(name, typ string) (country, sector string) {
	key := textview.Fold(name)
	if c, ok := a.known(name); ok && len(c) == 6 && countryOf(c) != "" {
		return countryOf(c), c[3:]
	}
	for _, c := range []string{a.tab.groups[key], a.tab.agents[key]} {
		if len(c) == 6 {
			return countryOf(c), c[3:]
		}
	}
	if typ == document.TypeGPE || typ == document.TypeNORP {
		if c, ok := a.countryNamed(name); ok {
			return c, ""
		}
	}
	if a.geo != nil {
		if c, ok := a.geo.Demonym(name); ok {
			return c, ""
		}
	}
	return "", a.agentSuffix(strings.Fields(key))
}

// agentSuffix returns the sector of the longest agent phrase that ends the
// folded words: "foreign minister" GOV, "defense forces" MIL.
func (a *analysis) agentSuffix(words []string) string {
	for n := min(len(words), a.tab.maxAgent); n > 0; n-- {
		if s := sectorOf(a.tab.agents[strings.Join(words[len(words)-n:], " ")]); s != "" {
			return s
		}
	}
	return ""
}

// regions are CAMEO's codes for regions and international actors in the
// first three letters of a code, which are not countries.
var regions = map[string]bool{
	"IMG": true, "IGO": true, "NGO": true, "INT": true, "MNC": true, "AFR": true, "ASA": true,
	"EUR": true, "MEA": true, "SAM": true, "NAM": true, "CAU": true, "CAS": true, "SAS": true,
	"SEA": true, "WAF": true, "EAF": true, "NAF": true, "SAF": true, "CAF": true, "WST": true,
	"BLK": true, "ARB": true, "LAM": true, "CRB": true, "SCN": true, "PGS": true, "WSB": true,
}

// countryOf returns the country part of a code, or "" for a region.
func countryOf(code string) string {
	if len(code) < 3 || regions[code[:3]] {
		return ""
	}
	return code[:3]
}

// sectorOf returns the sector part of a code: "GOV" of "GOV" and of
// "ISRGOV".
func sectorOf(code string) string {
	switch len(code) {
	case 3:
		return code
	case 6:
		return code[3:]
	}
	return ""
}
