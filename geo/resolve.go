package geo

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"newsgraph/geo/gazetteer"
)

// Score weights. The prior separates kinds of place by one to three points
// a kind. Context is worth a little more than a kind: not enough to move
// "Georgia" from the country to the US state on the strength of an
// American context alone. An explicit container ("Paris, Texas", "Atlanta,
// Georgia", "Lebanon, Tennessee") is near-certain and, with context,
// outweighs even a country.
const (
	contextBonus     = 4
	containmentBonus = 6
	divisionBonus    = 3  // another place in the same first-level division
	siblingBonus     = 3  // a place of the same kind and country in the same list
	ownNameBonus     = 1  // the surface is the place's preferred name
	alternatePenalty = -3 // the surface is only a GeoNames alternate name
	// Towns near one another: "Edmonton" near "Cairns" is the Queensland
	// suburb, "London" beside "St. Thomas" the Ontario city. A town the
	// article's other readings place nearby weighs more than one that
	// merely has a namesake of another name nearby; either counts for at
	// most nearMax other names.
	nearPickBonus = 2
	nearCandBonus = 1
	nearMax       = 2
)

// Distances, in km, within which towns count as near: another name's
// reading (a town or county) within nearPickKm, or any of its readings
// within nearCandKm (closer, since a big city has a namesake of
// something within a few dozen km).
const (
	nearPickKm = 100
	nearCandKm = 40
)

// prior scores how likely a place is meant, before context.
func prior(m gazetteer.Match, key string) float64 {
	var p float64
	switch {
	case m.IsCountry():
		p = 10
	case m.Curated:
		p = 8
	case m.Feature == "PPLC":
		p = 7
	case m.Feature == "PPLG":
		p = 6
	case m.Feature == "ADM2":
		// Counties and districts: named mostly with their kind
		// ("Metcalfe County") or beside their state; a bare "Suffolk"
		// is as likely the town.
		p = 3.5
	case m.IsAdmin():
		p = 5
	case m.Feature == "PPLA":
		p = 4
	default:
		p = 3
	}
	p += 0.5 * math.Log10(float64(m.Population)+1)
	if gazetteer.Key(m.Name) == key {
		p += ownNameBonus
	}
	if m.Alternate {
		p += alternatePenalty
	}
	return p
}

// group is every mention of one surface form.
type group struct {
	key   string
	ms    []*mention
	cands []gazetteer.Match
	pick  int // current choice: by prior alone at first, then with context
	// division is set when the words around a mention say it is a state
	// or province ("Washington state").
	division bool
	// nearCands counts, per candidate, the other groups with a reading
	// within nearCandKm (towns and counties only).
	nearCands []int
	// priors holds prior(c, key) per candidate, computed once.
	priors []float64
}

// pair is a place named with its container: "Rafah, Gaza".
type pair struct{ in, out *group }

// resolve picks one place for each mention. All mentions of one surface
// form get the same place.
func resolve(ms []*mention, demonyms map[string]int, text string) {
	groups := map[string]*group{}
	var order []*group // first-mention order, for determinism
	for _, m := range ms {
		g := groups[m.key]
		if g == nil {
			g = &group{key: m.key, cands: m.cands}
			groups[m.key] = g
			order = append(order, g)
		}
		if len(m.cands) > len(g.cands) {
			// The mentions' lists differ only by what their name types
			// allow (a dateline or an ORG-typed mention reads fewer):
			// the group reads the widest.
			g.cands = m.cands
		}
		g.ms = append(g.ms, m)
	}
	for _, g := range order {
		for _, m := range g.ms {
			m.cands = g.cands // one sense per discourse: every mention reads from the group's list
		}
	}
	// First pass: the prior alone, to learn which countries the article
	// is about.
	for _, g := range order {
		g.priors = make([]float64, len(g.cands))
		for i, c := range g.cands {
			g.priors[i] = prior(c, g.key)
		}
		i := -1
		g.pick = best(g.cands, func(gazetteer.Match) float64 { i++; return g.priors[i] })
	}
	pairs := containment(ms, groups, text)
	sibs := siblings(ms, groups, text)
	countNearCandidates(order)
	for _, m := range ms {
		if divisionCue(text, m.start, m.end) {
			groups[m.key].division = true
		}
	}
	// Then passes that add context from the other groups' current
	// readings, until no reading changes: a wrong first guess ("Enfield"
	// in Connecticut) should not keep pulling its neighbours abroad.
	//
	// Each group is revised in turn against the others' latest readings
	// (not all at once from the last pass's), so that two namesakes that
	// pull each other ("Edmonton" and "Innisfail", each a town in Alberta
	// and in Queensland) settle instead of swapping sides every pass.
	// The tally and the picked towns change only when a pick does.
	ctx, towns := tally(order, demonyms), pickedTowns(order)
	for pass := 0; pass < maxPasses; pass++ {
		changed := false
		for _, g := range order {
			p := g.choose(ctx, pairs, sibs[g], towns)
			if p != g.pick {
				changed = true
				g.pick = p
				ctx, towns = tally(order, demonyms), pickedTowns(order)
			}
		}
		if !changed {
			break
		}
	}
	for _, g := range order {
		for _, m := range g.ms {
			m.pick = g.pick
		}
	}
}

// maxPasses bounds the context passes; most articles settle after two.
const maxPasses = 4

// articleContext is what the article's current readings say about where
// it is: mentions per country and per first-level division.
type articleContext struct {
	countries, divisions map[string]int
	total                int // mentions with a country
}

// tally counts the groups' current readings and the demonyms.
func tally(order []*group, demonyms map[string]int) articleContext {
	ctx := articleContext{countries: map[string]int{}, divisions: map[string]int{}}
	for c, n := range demonyms {
		ctx.countries[c] += n
		ctx.total += n
	}
	for _, g := range order {
		c := g.cands[g.pick]
		if c.Country != "" {
			ctx.countries[c.Country] += len(g.ms)
			ctx.total += len(g.ms)
		}
		if c.Admin1 != "" || c.Feature == "ADM1" {
			ctx.divisions[c.Country+"."+c.Admin1] += len(g.ms)
		}
	}
	return ctx
}

// choose scores g's readings with the prior, the context of the other
// groups (its own current reading is no evidence for itself) and
// containment, and returns the best.
func (g *group) choose(ctx articleContext, pairs []pair, sibs []*group, towns []pickedTown) int {
	own := g.cands[g.pick]
	others := ctx.total - len(g.ms)
	i := -1
	return best(g.cands, func(c gazetteer.Match) float64 {
		i++
		score := g.priors[i]
		if local(c.Entry) {
			picked := 0
			for _, t := range towns {
				if t.g != g && picked < nearMax && near(c.Entry, t.e, nearPickKm) {
					picked++
				}
			}
			score += nearPickBonus*float64(picked) + nearCandBonus*float64(min(g.nearCands[i], nearMax))
		}
		n := ctx.countries[c.Country]
		if c.Country == own.Country {
			n -= len(g.ms)
		}
		if c.Country != "" && n > 0 {
			// More for a country the article is mostly about.
			score += contextBonus * (0.5 + float64(n)/float64(max(others, 1)))
		}
		if c.Admin1 != "" && !c.IsCountry() {
			d := ctx.divisions[c.Country+"."+c.Admin1]
			if own.Country == c.Country && own.Admin1 == c.Admin1 && (own.Admin1 != "" || own.Feature == "ADM1") {
				d -= len(g.ms)
			}
			if d > 0 {
				score += divisionBonus
			}
		}
		if nests(g, c.Entry, pairs) {
			score += containmentBonus
		}
		if g.division && c.IsAdmin() {
			score += containmentBonus
		}
		for _, o := range sibs {
			// "Arizona, Georgia and Illinois": places listed together
			// are of one kind in one country.
			if p := o.cands[o.pick]; p.Country == c.Country && p.Feature == c.Feature && c.Feature != "" {
				score += siblingBonus
				break
			}
		}
		return score
	})
}

// local reports whether e is a town or county: a place small enough that
// nearness to another says something.
func local(e gazetteer.Entry) bool { return e.IsPopulated() || e.Feature == "ADM2" }

// near reports whether a and b are within km of each other
// (equirectangular, exact enough at these distances).
func near(a, b gazetteer.Entry, km float64) bool {
	dlat := a.Lat - b.Lat
	if math.Abs(dlat)*111.2 > km {
		return false
	}
	dlon := math.Abs(a.Lon - b.Lon)
	if dlon > 180 {
		dlon = 360 - dlon
	}
	dx := dlon * 111.2 * math.Cos((a.Lat+b.Lat)/2*math.Pi/180)
	return dlat*dlat*111.2*111.2+dx*dx <= km*km
}

// pickedTown is a group's current reading where it is local.
type pickedTown struct {
	g *group
	e gazetteer.Entry
}

func pickedTowns(order []*group) []pickedTown {
	var out []pickedTown
	for _, g := range order {
		if e := g.cands[g.pick].Entry; local(e) {
			out = append(out, pickedTown{g, e})
		}
	}
	return out
}

// countNearCandidates sets each group's nearCands: for each local
// candidate, how many other groups have a local candidate within
// nearCandKm. Candidates are sorted by latitude so that only those in a
// narrow band are compared.
func countNearCandidates(order []*group) {
	type loc struct {
		g *group
		i int
	}
	var ls []loc
	for _, g := range order {
		g.nearCands = make([]int, len(g.cands))
		for i, c := range g.cands {
			if local(c.Entry) {
				ls = append(ls, loc{g, i})
			}
		}
	}
	lat := func(l loc) float64 { return l.g.cands[l.i].Lat }
	slices.SortFunc(ls, func(a, b loc) int { return cmp.Compare(lat(a), lat(b)) })
	band := nearCandKm / 111.2
	for a := range ls {
		seen := map[*group]bool{}
		for _, dir := range []int{-1, 1} {
			for b := a + dir; b >= 0 && b < len(ls) && math.Abs(lat(ls[b])-lat(ls[a])) <= band; b += dir {
				o := ls[b]
				if o.g == ls[a].g || seen[o.g] {
					continue
				}
				if near(ls[a].g.cands[ls[a].i].Entry, o.g.cands[o.i].Entry, nearCandKm) {
					seen[o.g] = true
				}
			}
		}
		ls[a].g.nearCands[ls[a].i] = len(seen)
	}
}

// siblings finds the groups named in one list with each group ("Arizona,
// Georgia and Illinois"): mentions one after another, apart only by a
// comma, "and" or "or".
func siblings(ms []*mention, groups map[string]*group, text string) map[*group][]*group {
	out := map[*group][]*group{}
	for i := 0; i+1 < len(ms); i++ {
		a, b := ms[i], ms[i+1]
		if b.start < a.end || b.start-a.end > 6 || a.key == b.key {
			continue
		}
		switch strings.TrimSpace(text[a.end:b.start]) {
		case ",", "and", "or", ", and", ", or":
			ga, gb := groups[a.key], groups[b.key]
			out[ga] = append(out[ga], gb)
			out[gb] = append(out[gb], ga)
		}
	}
	return out
}

// divisionCue reports whether the words around a name say it is a state
// or province: "Washington state", "the state of Washington".
func divisionCue(text string, start, end int) bool {
	after := strings.ToLower(text[end:min(len(text), end+10)])
	for _, w := range []string{" state", " province"} {
		if strings.HasPrefix(after, w) && !strings.HasPrefix(after, w+"s") && !strings.HasPrefix(after, " statement") {
			return true
		}
	}
	before := strings.ToLower(text[max(0, start-12):start])
	return strings.HasSuffix(before, "state of ") || strings.HasSuffix(before, "province of ")
}

// resolveByPopulation picks the most populous reading of every mention.
func resolveByPopulation(ms []*mention) {
	for _, m := range ms {
		m.pick = best(m.cands, func(c gazetteer.Match) float64 { return float64(c.Population) })
	}
}

// best returns the index of the best-scoring candidate; ties go to the
// earlier one, which the gazetteer ranks as more likely.
func best(cands []gazetteer.Match, score func(gazetteer.Match) float64) int {
	bi, bs := 0, math.Inf(-1)
	for i, c := range cands {
		if s := score(c); s > bs {
			bi, bs = i, s
		}
	}
	return bi
}

// containment finds the mentions followed by ", " and another place name:
// "Rafah, Gaza", "Paris, Texas".
func containment(ms []*mention, groups map[string]*group, text string) []pair {
	var out []pair
	joinedBy := func(x, y *mention, seps ...string) bool {
		if y.start < x.end || y.start-x.end > 6 {
			return false
		}
		return slices.Contains(seps, text[x.end:y.start])
	}
	for i := 0; i+1 < len(ms); i++ {
		a, b := ms[i], ms[i+1]
		if b.start < a.end || b.start-a.end > 3 || strings.TrimSpace(text[a.end:b.start]) != "," {
			continue
		}
		// In a list of states or countries ("Texas, Utah, Virginia,
		// Washington, West Virginia and Wyoming"; "in Washington,
		// Pennsylvania and California") a comma parts items, not a
		// place and its container; in a list of towns with their
		// states ("Cordova, Tennessee, Richmond, Virginia", "Indiana
		// and Atlanta, Georgia") it still marks containment.
		if i > 0 && joinedBy(ms[i-1], a, ", ") && division(ms[i-1]) && division(a) ||
			i+2 < len(ms) && joinedBy(b, ms[i+2], " and ", " or ") && division(ms[i+2]) {
			continue
		}
		if a.key != b.key {
			out = append(out, pair{in: groups[a.key], out: groups[b.key]})
		}
	}
	return out
}

// division reports whether m may be a country or first-level division.
func division(m *mention) bool {
	return slices.ContainsFunc(m.cands, func(c gazetteer.Match) bool { return c.IsCountry() || c.Feature == "ADM1" })
}

// nests reports whether reading c of group g nests with some reading of a
// place g is paired with.
func nests(g *group, c gazetteer.Entry, pairs []pair) bool {
	for _, p := range pairs {
		switch g {
		case p.in:
			for _, o := range p.out.cands {
				if contains(o.Entry, c) {
					return true
				}
			}
		case p.out:
			for _, i := range p.in.cands {
				if contains(c, i.Entry) {
					return true
				}
			}
		}
	}
	return false
}

// contains reports whether place outer holds place inner: a country holds
// its places, a division or curated area the places in it.
func contains(outer, inner gazetteer.Entry) bool {
	if outer.Country == "" || outer.Country != inner.Country || same(outer, inner) {
		return false
	}
	switch {
	case outer.IsCountry():
		return true
	case outer.IsAdmin() && outer.Admin1 != "":
		return outer.Admin1 == inner.Admin1
	case outer.Curated:
		return !inner.IsCountry()
	}
	return false
}

// same reports whether two entries are one place.
func same(a, b gazetteer.Entry) bool {
	if a.GeonamesID != 0 || b.GeonamesID != 0 {
		return a.GeonamesID == b.GeonamesID
	}
	return a.Name == b.Name && a.Country == b.Country && a.Feature == b.Feature
}
