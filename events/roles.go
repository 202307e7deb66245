package events

import (
	"sort"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// The role rules read who acts on whom from word order alone: the nearest
// actor before a verb in its clause is its subject, the first one after it
// its object. They are the part a dependency parse will replace.

// boundary reports whether token j ends a clause for the role rules.
func (a *analysis) boundary(j int) bool {
	l := a.v.Low(j)
	return boundaryMarks[l] || clauseWords[l] || reportWords[l]
}

// subjectBefore returns the actors of the subject of the word at token t:
// the nearest actor before it in its clause, with those coordinated with
// it. An appositive between commas is stepped over ("Israel, backed by
// the US, attacked").
func (a *analysis) subjectBefore(t int, s textview.Sentence) []int {
	lo := from(s.T0, t)
	adjacent := true
	for j := t - 1; j >= lo; j-- {
		if i := a.actorAt[j]; i >= 0 {
			return a.group(i, s)
		}
		if adjacent {
			if i := a.capitalSubject(j); i >= 0 {
				return a.group(i, s)
			}
			l := a.v.Low(j)
			adjacent = adverbs[l] || beForms[l] || modals[l] || futureWords[l] || auxiliaries[l]
		}
		if a.v.Low(j) == "," {
			for k := j - 1; k > lo && k >= j-15; k-- {
				if a.v.Low(k) == "," {
					if i := a.actorAt[k-1]; i >= 0 {
						return a.group(i, s)
					}
					break
				}
				if a.boundary(k) {
					break
				}
			}
			return nil
		}
		if a.boundary(j) {
			return nil
		}
	}
	return nil
}

// subjectless reports whether the verb at t opens its clause, with no
// subject before it: only auxiliaries, modals and adverbs stand between it
// and the start of the clause ("said destroying Hamas …", "“Will attack
// …”").
func (a *analysis) subjectless(t int, s textview.Sentence) bool {
	for j := t - 1; j >= from(s.T0, t); j-- {
		l := a.v.Low(j)
		if a.boundary(j) || l == "," {
			return true
		}
		if !adverbs[l] && !beForms[l] && !modals[l] && !futureWords[l] && l != "to" && l != "and" {
			return false
		}
	}
	return t-window <= s.T0
}

// capitalSubject makes an actor of a capital city that ends at token j
// and stands right before a verb: "Kabul threatened to retaliate" is
// Afghanistan's government speaking. A capital elsewhere is a place.
// It returns the new actor, or -1.
func (a *analysis) capitalSubject(j int) int {
	pm, ok := a.capitals[j]
	if !ok || pm.t0 > 0 && prepositions[a.v.Low(pm.t0-1)] {
		return -1 // "forces in Kabul attacked": Kabul is where
	}
	p := &a.doc.Places[pm.place]
	if p.Country == "" {
		return -1
	}
	c := actor{t0: pm.t0, t1: pm.t1, Actor: document.Actor{Text: pm.span.Text, Start: pm.span.Start, End: pm.span.End,
		Entity: p.Entity, Country: p.Country, Code: p.Country + "GOV"}}
	if p.Entity != "" {
		a.collective[p.Entity] = true
	}
	if !a.addActor(c) {
		return -1
	}
	return len(a.actors) - 1
}

// objectAfter returns the actors of the object of a trigger, read from
// token k on: the first actor in its clause. A "to" right after the
// trigger itself (toAt == k) introduces the object ("opposition to", "aid
// to"); any other starts an infinitive or a purpose clause, which is not
// looked into. Nor is anything after "and" before an actor is found.
func (a *analysis) objectAfter(k, toAt int, s textview.Sentence) []int {
	hi := until(k, s.T1)
	for j := k; j < hi; j++ {
		if i := a.actorAt[j]; i >= 0 && !possessivePronouns[a.v.Low(j)] {
			return a.group(i, s)
		}
		l := a.v.Low(j)
		if (l == "to" && j != toAt) || l == "and" || l == "or" || l == "," || a.boundary(j) {
			return nil
		}
	}
	return nil
}

// agentAfter returns the actors of a "by X" agent phrase that starts
// within four tokens of k ("an incursion by Israeli forces", "military
// action on the ground by Israel"), and the token after it.
func (a *analysis) agentAfter(k int, s textview.Sentence) ([]int, int) {
	for j := k; j < s.T1 && j < k+5; j++ {
		if a.actorAt[j] >= 0 || a.boundary(j) || a.v.Low(j) == "," {
			return nil, k
		}
		if a.v.Low(j) != "by" && a.v.Low(j) != "from" {
			continue
		}
		for m := j + 1; m < s.T1 && m <= j+3; m++ {
			if i := a.actorAt[m]; i >= 0 {
				g := a.group(i, s)
				return g, a.groupEnd(g)
			}
			if !determiners[a.v.Low(m)] {
				break
			}
		}
		return nil, k
	}
	return nil, k
}

// modifierBefore returns the actor that owns or qualifies an event noun
// starting at t: "Israel’s planned offensive", "the Israeli military
// operation", "our opposition".
func (a *analysis) modifierBefore(t int, s textview.Sentence) []int {
	j := a.skipModifiers(t-1, s.T0, 2)
	if j >= s.T0 && a.v.Low(j) == "'s" {
		j--
	}
	if j >= s.T0 {
		if i := a.actorAt[j]; i >= 0 {
			return a.group(i, s)
		}
	}
	return nil
}

// skipModifiers steps back from j over at most n adjectives and
// determiners, returning the first token before them.
func (a *analysis) skipModifiers(j, lo, n int) int {
	for ; j >= lo; j-- {
		l := a.v.Low(j)
		if a.actorAt[j] >= 0 {
			return j // "our", "Israel’s": the owner
		}
		if determiners[l] {
			continue
		}
		if n == 0 || !a.v.IsWord(j) || notModifiers[l] || prepositions[l] ||
			lightVerbs[l] || addresseeVerbs[l] || a.boundary(j) {
			return j
		}
		n--
	}
	return j
}

// lightVerbBefore returns the token of the light verb whose object is the
// event noun at t ("announced a ground offensive", "carried out an
// attack"), or -1.
func (a *analysis) lightVerbBefore(t int, s textview.Sentence) int {
	j := a.skipModifiers(t-1, s.T0, 2)
	// An amount may come between: "provide $10 million in humanitarian
	// aid", "sent 200 tonnes of food aid".
	if k := j; k > s.T0 && (a.v.Low(k) == "in" || a.v.Low(k) == "of" || a.v.Low(k) == "worth") {
		for k--; k >= s.T0 && k > j-5 && amountWords[a.v.Low(k)] || k >= s.T0 && isNumber(a.v.Low(k)); k-- {
		}
		if k < j-1 {
			j = k
		}
	}
	if j >= s.T0 && (a.v.Low(j) == "out" || a.v.Low(j) == "up") {
		j--
	}
	if j >= s.T0 && lightVerbs[a.v.Low(j)] {
		return j
	}
	return -1
}

// addresseeVerbBefore returns the token of the verb whose object is a
// request noun at t ("responding to a call by …"), or -1.
func (a *analysis) addresseeVerbBefore(t int, s textview.Sentence) int {
	j := a.skipModifiers(t-1, s.T0, 2)
	if j >= s.T0 && (a.v.Low(j) == "to" || a.v.Low(j) == "with") {
		j--
	}
	if j >= s.T0 && addresseeVerbs[a.v.Low(j)] {
		return j
	}
	return -1
}

// passive reports whether the verb at t follows a form of "be" ("was
// attacked"), and is not an -ing form ("was meeting").
func (a *analysis) passive(t int, s textview.Sentence) bool {
	if l := a.v.Low(t); len(l) > 4 && l[len(l)-3:] == "ing" {
		return false
	}
	for j := t - 1; j >= s.T0 && j >= t-3; j-- {
		l := a.v.Low(j)
		if beForms[l] {
			return true
		}
		if !adverbs[l] {
			return false
		}
	}
	return false
}

// group returns actor i with the actors coordinated with it by "and", a
// comma or "&" ("US and Israeli officials", "Israel and Hamas"), and the
// other parts of a hyphenated token ("US-Israel"), at most six.
func (a *analysis) group(i int, s textview.Sentence) []int {
	out := []int{i}
	add := func(k int) {
		out = append(out, k)
		out = append(out, a.extra[a.actors[k].t0]...)
	}
	out = append(out, a.extra[a.actors[i].t0]...)
	// Titles may stand between "and" and a name ("Modi and President
	// Biden"), not after a comma, which as often as not opens an
	// appositive or a reporting clause (", Foreign Minister X said").
	for j := a.actors[i].t0 - 1; len(out) < 6; {
		if t := a.skipTitles(j, s.T0, -1); t != j && a.v.Low(t) == "and" {
			j = t
		}
		if j-1 < s.T0 || !coordinator(a.v.Low(j)) || a.actorAt[j-1] < 0 {
			break
		}
		k := a.actorAt[j-1]
		add(k)
		j = a.actors[k].t0 - 1
	}
	for j := a.actors[i].t1; j+1 < s.T1 && len(out) < 6 && coordinator(a.v.Low(j)); {
		next := j + 1
		if a.v.Low(j) == "and" {
			next = a.skipTitles(j+1, s.T1-1, +1)
		}
		k := a.actorAt[next]
		if k < 0 {
			break
		}
		add(k)
		j = a.actors[k].t1
	}
	out = dedupActors(a, out)
	sort.SliceStable(out, func(x, y int) bool { return a.actors[out[x]].Start < a.actors[out[y]].Start })
	return out
}

// skipTitles steps from token j in direction dir (-1 or +1) over at most
// three title words that are not actors ("President", "Prime Minister"),
// stopping at the bound.
func (a *analysis) skipTitles(j, bound, dir int) int {
	for n := 0; n < 3 && j >= 0 && j < len(a.v.Toks) && (dir < 0 && j > bound || dir > 0 && j < bound); n++ {
		if a.actorAt[j] >= 0 || !a.v.IsWord(j) || !capitalised(a.v.Toks[j].Text) && a.tab.agents[a.v.Low(j)] == "" {
			break
		}
		j += dir
	}
	return j
}

func coordinator(l string) bool { return l == "and" || l == "," || l == "&" }

// groupEnd returns the token after the last actor of a group.
func (a *analysis) groupEnd(g []int) int {
	end := 0
	for _, i := range g {
		end = max(end, a.actors[i].t1)
	}
	return end
}

// dedupActors keeps the first actor of each key, in order.
func dedupActors(a *analysis, ids []int) []int {
	seen := map[string]bool{}
	out := ids[:0:0]
	for _, i := range ids {
		if k := a.actorKey(a.actors[i].Actor); !seen[k] {
			seen[k] = true
			out = append(out, i)
		}
	}
	return out
}

// sameClause reports whether no clause boundary stands between tokens i
// and j (i < j). Commas do not count: "asked X to send a team of
// military, intelligence and aid officials for meetings" is one clause.
func (a *analysis) sameClause(i, j int) bool {
	if j-i > window {
		return false
	}
	for k := i + 1; k < j; k++ {
		if a.boundary(k) {
			return false
		}
	}
	return true
}
