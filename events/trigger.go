package events

import (
	"slices"
	"strings"
	"unicode"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// trigger is a match of a verbs.tsv pattern: tokens [t0, t1).
type trigger struct {
	t0, t1 int
	p      *pattern
}

// triggers finds the triggers of a sentence, left to right, longest match
// first. Words inside names and actor mentions are not triggers ("Free
// Syrian Army", "Islamic Resistance Movement").
func (a *analysis) triggers(s textview.Sentence) []trigger {
	var out []trigger
	for t := s.T0; t < s.T1; t++ {
		if a.nameTok[t] || a.actorAt[t] >= 0 || textview.AllCaps(a.v.Toks[t].Text) {
			continue
		}
		// The longest matching noun pattern and the longest matching
		// verb pattern (lists are sorted longest first).
		var noun, verb *pattern
		nounObj, verbObj := -1, -1
		for _, p := range a.tab.triggers[a.v.Low(t)] {
			if p.noun && noun != nil || !p.noun && verb != nil {
				continue
			}
			obj, ok := a.match(p, t, s)
			if !ok {
				continue
			}
			if p.noun {
				noun, nounObj = p, obj
			} else {
				verb, verbObj = p, obj
			}
		}
		// A verb form after a determiner is an adjective ("the occupied
		// territory"); one tagged a noun is a noun ("held separate talks
		// with", not "talks with").
		verbOK := func() bool {
			return !(t > s.T0 && determiners[a.v.Low(t-1)] || a.taggedNoun(t) || verb.weak && (!a.verbal(t, s) || !a.lemmaIs(t, verb.base)))
		}
		p, obj := noun, nounObj
		switch {
		case noun != nil && verb != nil && len(verb.words) > len(noun.words):
			if verbOK() {
				p, obj = verb, verbObj
			}
		case noun != nil && verb != nil && len(verb.words) == len(noun.words) && !a.nounish(t, s):
			p, obj = verb, verbObj
		case noun == nil && verb != nil:
			if !verbOK() {
				continue
			}
			p, obj = verb, verbObj
		case p == nil:
			continue
		}
		if p.neutral {
			t += len(p.words) - 1 // a statement or appeal: no event
			continue
		}
		out = append(out, trigger{t0: t, t1: t + len(p.words), p: p})
		if obj >= 0 {
			// "suspended humanitarian aid": the object is part of this
			// event, not an aid event of its own.
			t = obj
			continue
		}
		t += len(p.words) - 1
	}
	return out
}

// nextWord reports whether word w is one of a pattern's next words, or
// the plural of one: the CAMEO dictionary lists "express (concern)", and
// news writes "expressed concerns".
func nextWord(next []string, w string) bool {
	if slices.Contains(next, w) {
		return true
	}
	sing, ok := strings.CutSuffix(w, "s")
	return ok && len(sing) > 2 && slices.Contains(next, sing)
}

// allCauses reports whether every actor is a phrase that names a cause
// with no one behind it (a word of data/causes.tsv: "the H5N1 strain", "a
// cholera epidemic in Angola"), whatever country the phrase names.
func (a *analysis) allCauses(actors []document.Actor) bool {
	for _, act := range actors {
		if !a.causeWords(act.Text) {
			return false
		}
	}
	return true
}

// agentIsCause reports whether the parse's agent of trigger tr (its
// subject, or the "by" phrase of a passive) is a phrase naming a cause
// with no one behind it, where no actor was found there.
func (a *analysis) agentIsCause(tr trigger) bool {
	p := a.parse
	if p == nil || p.dtok[tr.t0] < 0 {
		return false
	}
	args := p.args(p.dtok[tr.t0], "")
	agent := args.subj
	if args.passive {
		agent = args.agent
	}
	if agent < 0 {
		return false
	}
	// The agent's words: its head and the words that hang on it.
	var b strings.Builder
	for _, d := range append([]int{agent}, p.children[agent]...) {
		b.WriteString(p.toks[d].Text)
		b.WriteByte(' ')
	}
	return a.causeWords(b.String())
}

// causeWords reports whether a phrase holds a word of data/causes.tsv.
func (a *analysis) causeWords(phrase string) bool {
	for _, w := range strings.FieldsFunc(textview.Fold(phrase), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if a.tab.causes[w] {
			return true
		}
	}
	return false
}

// dieForms are the forms of "die", whose subject is who died, not who
// killed: alone it names no attacker.
var dieForms = map[string]bool{"die": true, "dies": true, "died": true, "dying": true}

// lemmaIs reports whether view token t can be a form of the verb base by
// the nlp stage's lemma (see lemmaAllows); true without a parse.
func (a *analysis) lemmaIs(t int, base string) bool {
	p := a.parse
	if p == nil || base == "" || p.dtok[t] < 0 {
		return true
	}
	return lemmaAllows(a.v.Low(t), textview.Fold(p.toks[p.dtok[t]].Lemma), base)
}

// taggedNoun reports whether the nlp stage tagged view token t a noun,
// or proper noun ("signs of infection", "a need for aid"),
// which a verb pattern does not take; false without a parse.
func (a *analysis) taggedNoun(t int) bool {
	p := a.parse
	if p == nil || p.dtok[t] < 0 {
		return false
	}
	switch p.toks[p.dtok[t]].POS {
	case "NOUN", "PROPN":
		return true
	}
	return false
}

// lemmaAllows reports whether a word form with the given lemma can be a
// form of the verb base: "found" is a form of "found" (set up) and of
// "find", and the lemma tells which. Only a lemma that the form does not
// start with (an irregular form: find/found, my/mine) is trusted to say
// no; a stem the lemmatizer cut short ("freed" → "fre") is not. Some
// dictionary entries are written inflected ("killed and"): a regular
// form of the lemma is the lemma too.
func lemmaAllows(form, lemma, base string) bool {
	return lemma == "" || lemma == base || slices.Contains(verbForms(lemma), base) || strings.HasPrefix(form, lemma)
}

// match reports whether pattern p matches the tokens from t, and returns
// the token of the word its "(a|b)" list matched, or -1 when it has none.
func (a *analysis) match(p *pattern, t int, s textview.Sentence) (obj int, ok bool) {
	n := len(p.words)
	if t+n > s.T1 {
		return -1, false
	}
	for k, w := range p.words {
		if a.v.Low(t+k) != w || (k > 0 && a.nameTok[t+k]) {
			return -1, false
		}
	}
	if p.next == nil {
		return -1, true
	}
	if t+n < s.T1 && nextWord(p.next, a.v.Low(t+n)) {
		return t + n, true
	}
	// The CAMEO dictionary's "VERB * OBJECT" lets words stand between:
	// "suspended humanitarian aid", "released a statement".
	for j := t + n; (p.weak || p.gap) && j < s.T1 && j < t+n+5; j++ {
		l := a.v.Low(j)
		if nextWord(p.next, l) {
			return j, true
		}
		if l == "of" && p.gap && j > t+n && quantities[a.v.Low(j-1)] {
			continue // "released dozens of activists"
		}
		if !a.v.IsWord(j) && l != "'s" && l != "’s" || prepositions[l] || a.boundary(j) || l == "and" || l == "to" {
			return -1, false // a possessive may stand between: "suspended Germany's aid"
		}
	}
	return -1, false
}

// nounish reports whether a word that can be a noun or a verb ("attack",
// "meeting") is a noun here: after a determiner, a possessive, an
// adjective or a demonym, rather than after "to", a modal or a pronoun.
func (a *analysis) nounish(t int, s textview.Sentence) bool {
	if t <= s.T0 {
		return false
	}
	l := a.v.Low(t - 1)
	switch {
	case determiners[l] || l == "'s":
		return true
	case verbContext[l]:
		return false
	case a.actorAt[t-1] >= 0:
		return a.isDemonym(a.actorAt[t-1])
	}
	return a.v.IsWord(t - 1)
}

// verbal reports whether the word at t reads as a verb of its own, for
// the broad CAMEO lexicon: after a subject, an auxiliary or an adverb,
// not after a determiner, a possessive, a preposition, a demonym or a
// verb whose object it would be ("discuss trade").
func (a *analysis) verbal(t int, s textview.Sentence) bool {
	if t <= s.T0 {
		return true
	}
	l := a.v.Low(t - 1)
	switch {
	case determiners[l] || l == "'s" || prepositions[l] && l != "to":
		return false
	case verbContext[l] || beForms[l] || auxiliaries[l] || adverbs[l] || l == ",":
		return true
	case a.actorAt[t-1] >= 0:
		return !a.isDemonym(a.actorAt[t-1])
	}
	// After another word: a verb when that word can be its subject, a
	// capitalised word ("Police", a name the recogniser missed) or an
	// agent word ("troops", "protesters"); after a lower-case word of
	// another kind it is more often that word's object ("discuss trade").
	return capitalised(a.v.Toks[t-1].Text) || a.tab.agents[l] != ""
}

// Where an event's source came from, for its confidence.
const (
	fromNone    = iota
	fromSyntax  // subject, agent, possessor or light verb
	fromSpeaker // the speaker of the quote the event is in
	fromPlace   // a target read from the event's place
	// fromAgentless: no source, as the passive names none ("prisoners
	// were released"): the sentence, not the coder, leaves it unknown.
	fromAgentless
)

// event codes trigger tr of sentence si; prior are the triggers before it
// in the sentence.
func (a *analysis) event(tr trigger, prior []trigger, si int, s textview.Sentence) (candidate, bool) {
	p := tr.p
	pl, ok := a.tab.ploverOf(p.cameo)
	if !ok || (p.needTo && !a.toFollows(tr.t1, s) && !a.hasComplement(tr)) {
		return candidate{}, false
	}
	quad := quadClass(p.cameo)
	under := a.underIntent(tr, prior) || a.intentComplement(tr, prior)
	if under && (p.weak || quad <= 2) {
		// "urged Israel to allow aid": the broad lexicon's verb, or any
		// cooperation, in the complement of a demand or threat is part of
		// that event.
		return candidate{}, false
	}
	srcA, tgtA, how := a.roles(tr, s, pl, quad, under)
	if len(srcA) > 0 && a.allCauses(srcA) || len(srcA) == 0 && a.agentIsCause(tr) {
		// "The virus has killed 20 people": a disease or a disaster
		// does it, not an actor.
		return candidate{}, false
	}
	if p.weak && (len(srcA) == 0 || len(tgtA) == 0 && dieForms[a.v.Low(tr.t0)]) {
		// The broad dictionary's verbs ("found", "expected", "died",
		// "accord") need an actor who does them, and "die" someone it
		// was done to: without, they are mostly no event at all ("cases
		// were found", "according to", "a soldier who died in Texas").
		return candidate{}, false
	}
	// An event whose source the rules cannot name is still an event
	// ("protesters were arrested", "the blast killed five people", "if the
	// talks fail"): it is kept, with an empty source and a lower
	// confidence, so that finding the event does not depend on finding
	// who did it. Not in the complement of a demand or threat, which is
	// part of that event.
	if len(srcA) == 0 {
		if under {
			return candidate{}, false
		}
		srcA = []document.Actor{}
	}
	tgtHow := fromNone
	if len(tgtA) > 0 {
		tgtHow = fromSyntax
	}

	ev := document.Event{
		Type: pl.typ, Mode: pl.mode, CAMEO: p.cameo, Quad: quad,
		Sentence: si,
		Trigger:  document.Span{Start: a.v.Toks[tr.t0].Start, End: a.v.Toks[tr.t1-1].End},
	}
	ev.Trigger.Text = a.v.Text[ev.Trigger.Start:ev.Trigger.End]
	if pm, ok := a.placeFor(tr, s, srcA, tgtA); ok {
		place := &a.doc.Places[pm.place]
		id := place.ID
		ev.Place = &id
		// Material conflict with no target hits where it happens: "an
		// incursion by Israeli forces into Rafah" targets the PSE.
		if quad == 4 && len(tgtA) == 0 && place.Country != "" && !hasCountry(srcA, place.Country) {
			tgtA = []document.Actor{{Text: pm.span.Text, Start: pm.span.Start, End: pm.span.End,
				Entity: place.Entity, Country: place.Country, Code: place.Country}}
			tgtHow = fromPlace
		}
	}
	if tm, ok := a.timeFor(tr, s); ok {
		id := tm.ID
		ev.Time = &id
	}
	ev.Source, ev.Target = srcA, tgtA
	if ev.Target == nil {
		ev.Target = []document.Actor{}
	}
	ev.Negated = a.negated(tr, s)
	ev.Hypothetical = under || a.hypothetical(tr, s)
	ev.Future = a.future(tr, s) || (ev.Time != nil && a.afterPublication(ev.Time))
	if code, ok := intentCode(p.cameo, ev.Future, ev.Negated); ok {
		if pl, ok := a.tab.ploverOf(code); ok {
			ev.Type, ev.Mode, ev.CAMEO, ev.Quad = pl.typ, pl.mode, code, quadClass(code)
		}
	}
	ev.Confidence = confidence(!p.noun, how, tgtHow, a.mainVerb(tr), ev)
	if under {
		// Part of the demand, appeal or threat that holds it: that one is
		// the sentence's event.
		ev.Confidence = round2(max(0.05, ev.Confidence-0.2))
	}
	return candidate{ev: ev, key: a.eventKey(ev.Type, ev.Source, ev.Target)}, true
}

// roles returns the source and target of trigger tr, and where the source
// came from.
func (a *analysis) roles(tr trigger, s textview.Sentence, pl plover, quad int, under bool) (src, tgt []document.Actor, how int) {
	p := tr.p
	var srcIDs, tgtIDs []int
	passive := false
	if ds, dt, dpass, ok := a.depRoles(tr, s); ok {
		srcIDs, tgtIDs, passive = ds, dt, dpass
	} else if !p.noun {
		subj := a.subjectBefore(tr.t0, s)
		passive = a.passive(tr.t0, s)
		if len(subj) == 0 {
			subj = a.phrase(a.phraseBefore(tr.t0, s))
		}
		if passive {
			tgtIDs = subj
			srcIDs, _ = a.agentAfter(tr.t1, s)
			if len(srcIDs) == 0 && a.v.Low(tr.t1) == "by" {
				srcIDs = a.phrase(a.phraseAfter(tr.t1+1, s))
			}
		} else {
			srcIDs = subj
			tgtIDs = a.objectAfter(tr.t1, tr.t1, s)
			if len(tgtIDs) == 0 && !(p.recip && len(srcIDs) >= 2) {
				tgtIDs = a.phrase(a.phraseAfter(tr.t1, s))
			}
		}
	} else {
		k := tr.t1
		if g, end := a.agentAfter(tr.t1, s); g != nil {
			srcIDs, k = g, end
		} else if g := a.modifierBefore(tr.t0, s); g != nil {
			srcIDs = g
		} else if lv := a.lightVerbBefore(tr.t0, s); lv >= 0 {
			srcIDs = a.subjectBefore(lv, s)
		} else if gs := a.governingSubject(tr); gs >= 0 {
			srcIDs = a.argActors(gs, s)
		}
		tgtIDs = a.objectAfter(k, tr.t1, s)
		if len(tgtIDs) == 0 && pl.typ == "REQUEST" {
			if av := a.addresseeVerbBefore(tr.t0, s); av >= 0 {
				tgtIDs = a.subjectBefore(av, s)
			}
		}
	}
	if len(tgtIDs) == 0 && !p.noun && intentRoot(p.cameo) {
		// "threatened to shell Haifa", "refused to meet Obama": the
		// intent is aimed at the object of its complement.
		tgtIDs = a.complementObject(tr, s)
	}
	srcIDs, tgtIDs = a.wholePhrase(srcIDs, s), a.wholePhrase(tgtIDs, s)
	src, tgt = a.actorsOf(srcIDs), a.actorsOf(tgtIDs)
	if len(src) > 0 {
		how = fromSyntax
	} else if q := a.quoteAt(tr.t0); q != nil && ((!p.noun && !passive && a.subjectless(tr.t0, s)) || (p.noun && quad <= 2 && !under)) {
		// "Netanyahu said destroying Hamas …": the speaker destroys; but
		// in "police arrested protesters, according to a rights group"
		// the police do, though they are no actor. An event noun takes
		// the speaker only for cooperation ("the talks would start soon,
		// she said"); an attack with no agent in a quote is not the
		// speaker's.
		if sp, ok := a.speaker(q); ok {
			src, how = []document.Actor{sp}, fromSpeaker
		}
	}
	if len(src) == 0 && passive {
		how = fromAgentless
	}
	tgt = a.withoutKeys(tgt, src)
	if p.recip && len(tgt) == 0 && len(src) >= 2 {
		src, tgt = src[:1], src[1:]
	}
	return src, tgt, how
}

// phrase wraps a phrase actor index as a group; nil for none.
func (a *analysis) phrase(i int) []int {
	if i < 0 {
		return nil
	}
	return []int{i}
}

// confidence is a simple score of how much of the event the rules read
// from the sentence itself: 0.4 to start; +0.1 for a verb trigger (event
// nouns are more often mentions than reports); +0.2 for a source read from
// the syntax, +0.1 for one taken from the quote's speaker, -0.1 for no
// source at all where the sentence could have named one (not in an
// agentless passive); +0.15 for a target read from the syntax, +0.05 for one
// read from the place; +0.05 when the source is a known entity; +0.3 when
// the trigger is the sentence's main verb by the parse (mainVerb); -0.1
// when negated or hypothetical. Each repetition of the event in the
// article adds 0.05 later (finish), up to 0.95.
func confidence(verb bool, how, tgtHow int, main bool, ev document.Event) float64 {
	c := 0.4
	if verb {
		c += 0.1
	}
	switch how {
	case fromSyntax:
		c += 0.2
	case fromSpeaker:
		c += 0.1
	case fromNone:
		c -= 0.1
	}
	if main {
		c += 0.3
	}
	switch tgtHow {
	case fromSyntax:
		c += 0.15
	case fromPlace:
		c += 0.05
	}
	if len(ev.Source) > 0 && ev.Source[0].Entity != "" {
		c += 0.05
	}
	if ev.Negated || ev.Hypothetical {
		c -= 0.1
	}
	return round2(max(0.05, min(0.9, c)))
}

// actorsOf returns the document actors of actor indices; a code without a
// country is dropped, as the contract's codes start with one.
func (a *analysis) actorsOf(ids []int) []document.Actor {
	if len(ids) == 0 {
		return nil
	}
	out := make([]document.Actor, 0, len(ids))
	for _, i := range ids {
		x := a.actors[i].Actor
		if x.Country == "" {
			x.Code = ""
		}
		out = append(out, x)
	}
	return out
}

// speaker returns the speaker of a quote as an actor, at the speaker's
// mention nearest to the cue.
func (a *analysis) speaker(q *document.Quote) (document.Actor, bool) {
	if q.Speaker == nil {
		return document.Actor{}, false
	}
	e := a.doc.EntityByID(*q.Speaker)
	if e == nil {
		return document.Actor{}, false
	}
	country, code := a.entityCode(e)
	if country == "" {
		code = ""
	}
	at := q.CueStart
	if q.Cue == "" {
		at = q.Start
	}
	x := document.Actor{Text: e.Name, Entity: e.ID, Country: country, Code: code}
	best := -1
	for _, m := range e.Mentions {
		if m.Start < 0 || m.End > len(a.v.Text) || m.Start >= m.End {
			continue
		}
		if d := abs(m.Start - at); best < 0 || d < best {
			best = d
			x.Text, x.Start, x.End = a.v.Text[m.Start:m.End], m.Start, m.End
		}
	}
	return x, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// withoutKeys drops from targets the actors that are also sources.
func (a *analysis) withoutKeys(targets, sources []document.Actor) []document.Actor {
	keys := map[string]bool{}
	for _, s := range sources {
		keys[a.actorKey(s)] = true
	}
	var out []document.Actor
	for _, t := range targets {
		if !keys[a.actorKey(t)] {
			out = append(out, t)
		}
	}
	return out
}

func hasCountry(as []document.Actor, country string) bool {
	for _, x := range as {
		if x.Country == country {
			return true
		}
	}
	return false
}

// toFollows reports whether a "to" follows within the clause: "asked X to
// send", as opposed to "asked whether".
func (a *analysis) toFollows(k int, s textview.Sentence) bool {
	for j := k; j < s.T1 && j < k+10; j++ {
		if a.v.Low(j) == "to" {
			return true
		}
		if a.boundary(j) {
			return false
		}
	}
	return false
}

// underIntent reports whether an earlier trigger of the clause is a
// demand, threat, rejection or promise whose complement holds tr: a verb
// after a "to" ("urged Israel to allow humanitarian aid", "refused to
// meet"), or an event noun as its object ("opposed a ground incursion").
// After "and" comes a verb of its own ("rejected the proposal and accused
// …"), unless a "to" follows.
func (a *analysis) underIntent(tr trigger, prior []trigger) bool {
	for i := len(prior) - 1; i >= 0 && tr.t0-prior[i].t1 <= window; i-- {
		pt := prior[i]
		if pt.p.weak || !intentRoot(pt.p.cameo) || !a.sameClause(pt.t1-1, tr.t0) {
			continue
		}
		object, to := tr.p.noun, false
		for k := pt.t1; k < tr.t0; k++ {
			switch a.v.Low(k) {
			case "to":
				to = true
			case "and", "or":
				object, to = false, false
			}
		}
		if to || object {
			return true
		}
	}
	return false
}
