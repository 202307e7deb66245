package events

import (
	"strings"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// The dependency rules read a verb trigger's source and target from the
// nlp stage's parse (doc.Tokens with Head and Dep, Universal Dependencies
// relations), where there is one: the subject (nsubj) acts on the object
// (obj, iobj); a passive subject (nsubj:pass) is acted on by the agent
// (obl:agent, or an obl with "by"); "met with X", "a lawsuit against X"
// and a particle of the trigger ("called on X") give objects too. A verb
// with no subject of its own takes its head's: "agreed to share" (xcomp:
// the object of "urged Israel to allow", else the subject), "attacked and
// killed" (conj), a relative clause's noun ("the group that attacked").
// Where the parse names no argument the word-order rules of roles.go
// apply, as they do for an unparsed document (Head -1 everywhere).

// parse is the dependency view of the document for the rules.
type parse struct {
	toks     []document.Token
	dtok     []int   // per view token: the doc token at its start, or -1
	vtok     []int   // per doc token: the view token at its start, or -1
	children [][]int // per doc token: its dependents, in order
}

// newParse returns the parse of doc, or nil when no token has a head.
func newParse(doc *document.Document, v *textview.View) *parse {
	parsed := false
	for _, t := range doc.Tokens {
		if t.Head >= 0 {
			parsed = true
			break
		}
	}
	if !parsed {
		return nil
	}
	p := &parse{toks: doc.Tokens, dtok: make([]int, len(v.Toks)), vtok: make([]int, len(doc.Tokens)),
		children: make([][]int, len(doc.Tokens))}
	for i := range p.dtok {
		p.dtok[i] = -1
	}
	for i, t := range doc.Tokens {
		p.vtok[i] = -1
		if vt := v.TokenAt(t.Start); vt >= 0 {
			p.vtok[i] = vt
			if p.dtok[vt] < 0 {
				p.dtok[vt] = i
			}
		}
		if t.Head >= 0 && t.Head < len(doc.Tokens) && t.Head != i {
			p.children[t.Head] = append(p.children[t.Head], i)
		}
	}
	return p
}

// dep returns the relation of doc token d without its subtype ("nsubj" of
// "nsubj:pass") and the subtype.
func (p *parse) dep(d int) (string, string) {
	rel, sub, _ := strings.Cut(p.toks[d].Dep, ":")
	return rel, sub
}

// caseOf returns the folded case marker (preposition) of doc token d.
func (p *parse) caseOf(d int) string {
	for _, c := range p.children[d] {
		if p.toks[c].Dep == "case" {
			return textview.Fold(p.toks[c].Text)
		}
	}
	return ""
}

// depArgs are what the parse says of a verb's arguments: doc tokens of
// the heads of its subject, objects and agent, -1 when absent.
type depArgs struct {
	subj, obj, agent int
	passive          bool
}

// args reads the arguments of the verb at doc token d. particle is the
// trigger's last word when it is a preposition ("on" of "call on").
func (p *parse) args(d int, particle string) depArgs {
	a := depArgs{subj: -1, obj: -1, agent: -1}
	var obl []int
	for _, c := range p.children[d] {
		rel, sub := p.dep(c)
		switch {
		case rel == "nsubj" || rel == "csubj":
			a.subj, a.passive = c, sub == "pass"
		case rel == "aux" && sub == "pass":
			a.passive = true
		case rel == "obj" || rel == "iobj":
			if a.obj < 0 || rel == "iobj" {
				a.obj = c
			}
		case rel == "obl" && sub == "agent":
			a.agent = c
		case rel == "obl" || rel == "nmod":
			obl = append(obl, c)
		}
	}
	for _, c := range obl {
		switch cs := p.caseOf(c); {
		case cs == "by" && a.passive && a.agent < 0:
			a.agent = c
		case a.obj < 0 && (cs == particle && particle != "" || cs == "with" || cs == "against"):
			a.obj = c
		}
	}
	return a
}

// inheritedSubject returns the subject that a verb without one takes from
// its head: the object of a verb it complements ("urged Israel to allow"),
// else that verb's subject ("agreed to share", "attacked and killed"); the
// noun a relative clause qualifies ("the group that attacked"). -1 when
// there is none.
func (p *parse) inheritedSubject(d int) int {
	for n := 0; n < 3 && d >= 0; n++ {
		h := p.toks[d].Head
		if h < 0 || h >= len(p.toks) {
			return -1
		}
		rel, sub := p.dep(d)
		switch {
		case rel == "acl" && sub == "relcl":
			return h
		case rel == "acl":
			// "issued a statement calling on X": the one who issued
			// the statement calls.
			if hh := p.toks[h].Head; hh >= 0 && hh < len(p.toks) {
				if ha := p.args(hh, ""); ha.subj >= 0 && !ha.passive && ha.obj == h {
					return ha.subj
				}
			}
			return -1
		case rel == "xcomp":
			ha := p.args(h, "")
			if ha.obj >= 0 {
				return ha.obj
			}
			if ha.subj >= 0 && !ha.passive {
				return ha.subj
			}
		case rel == "advcl" && p.marker(d) == "to":
			// A purpose clause: "issued a statement to call for X":
			// the one who issued calls.
			if ha := p.args(h, ""); ha.subj >= 0 && !ha.passive {
				return ha.subj
			}
			return -1
		case rel == "conj":
			if ha := p.args(h, ""); ha.subj >= 0 {
				if ha.passive {
					return -1 // "was arrested and charged": no agent
				}
				return ha.subj
			}
		default:
			return -1
		}
		d = h
	}
	return -1
}

// relativePronouns stand for the noun their clause qualifies.
var relativePronouns = set("that", "which", "who", "whom")

// depRoles reads the source and target of a verb trigger from the parse.
// ok is false when the parse has nothing to say (no parse, or no argument
// of the trigger), and the word-order rules should be used instead.
func (a *analysis) depRoles(tr trigger, s textview.Sentence) (srcIDs, tgtIDs []int, passive, ok bool) {
	p := a.parse
	if p == nil || tr.p.noun {
		return nil, nil, false, false
	}
	d := p.dtok[tr.t0]
	if d < 0 {
		return nil, nil, false, false
	}
	particle := ""
	if len(tr.p.words) > 1 {
		if l := tr.p.words[len(tr.p.words)-1]; prepositions[l] {
			particle = l
		}
	}
	args := p.args(d, particle)
	if args.subj >= 0 && relativePronouns[textview.Fold(p.toks[args.subj].Text)] {
		args.subj = p.inheritedSubject(d)
	}
	if args.subj < 0 {
		args.subj = p.inheritedSubject(d)
	}
	if args.subj < 0 && args.obj < 0 && args.agent < 0 {
		return nil, nil, false, false
	}
	subj := a.argActors(args.subj, s)
	if args.subj >= 0 && p.vtok[args.subj] >= 0 && a.timeTok[p.vtok[args.subj]] {
		// "Meloni on Tuesday opposed": the parser took the date for the
		// subject; the nearest actor before the verb is it, as without
		// a parse.
		subj = a.subjectBefore(tr.t0, s)
	}
	if args.passive {
		return a.argActors(args.agent, s), subj, true, true
	}
	return subj, a.argActors(args.obj, s), false, true
}

// argActors returns the actors of an argument headed by doc token h: the
// actor at its head, else the first actor among its modifiers before the
// head ("the Nigerian military"), else in the rest of its phrase ("the
// president of France"), else the phrase itself when it can name an actor.
// Actors coordinated with the one found come along (group).
func (a *analysis) argActors(h int, s textview.Sentence) []int {
	p := a.parse
	if h < 0 {
		return nil
	}
	vh := p.vtok[h]
	if vh < 0 || vh < s.T0 || vh >= s.T1 || a.timeTok[vh] {
		return nil // "on Tuesday opposed": a date is no one
	}
	if i := a.actorAt[vh]; i >= 0 {
		g := a.group(i, s)
		if len(g) == 1 {
			if w := a.widen(h, i, s); w >= 0 {
				return []int{w}
			}
		}
		return g
	}
	// The core phrase ends before the modifiers after the head ("the
	// Nigerian military" of "… of mass slaughter"), unless only those hold
	// the actor ("the president of France").
	lo, hi := a.phraseSpan(h, true)
	if lo < s.T0 || hi > s.T1 || lo >= hi {
		return nil
	}
	found := -1
	for j := lo; j < hi && found < 0; j++ {
		found = a.actorAt[j]
	}
	if found < 0 && a.tab.agents[a.v.Low(vh)] == "" {
		// The head names a thing, and the actor is in its modifier:
		// "sanctions on the Iranian regime", "relations with San Marino"
		// are aimed at the regime, at San Marino. An agent head keeps
		// its modifier: "the president of France".
		for _, c := range p.children[h] {
			if rel, _ := p.dep(c); (rel == "nmod" || rel == "obl") && c > h && a.holdsActor(c) {
				return a.argActors(c, s)
			}
		}
	}
	if found < 0 {
		if flo, fhi := a.phraseSpan(h, false); flo >= s.T0 && fhi <= s.T1 && flo < fhi {
			for j := flo; j < fhi && found < 0; j++ {
				found = a.actorAt[j]
			}
			if found >= 0 {
				lo, hi = flo, fhi
			}
		}
	}
	if found < 0 {
		// An apposition names the head: "the journalist, Moussa
		// Tchangari," or "The jornalist Moussa Tchangari".
		for _, c := range p.children[h] {
			if rel, _ := p.dep(c); rel == "appos" && p.vtok[c] >= 0 && a.actorAt[p.vtok[c]] >= 0 {
				return a.group(a.actorAt[p.vtok[c]], s)
			}
		}
		if pronouns[a.v.Low(vh)] {
			return nil
		}
		return a.phrase(a.phraseActor(lo, hi))
	}
	// One actor modifying the head: the phrase is the actor, with its
	// code ("the Nigerian military" NGAMIL). Coordinated ones stay apart:
	// "US and Israeli officials" are two.
	if g := a.group(found, s); len(g) > 1 {
		return g
	}
	if i := a.phraseActor(lo, hi); i >= 0 {
		return []int{i}
	}
	return a.group(found, s)
}

// phraseSpan returns the view tokens [lo, hi) of the phrase headed by doc
// token h: its subtree without relative clauses, clausal modifiers,
// appositions, coordination, punctuation and its own preposition, at most
// maxPhrase*2 tokens; the core phrase leaves out the nominal modifiers
// after the head too.
func (a *analysis) phraseSpan(h int, core bool) (int, int) {
	p := a.parse
	lo, hi := h, h
	var walk func(d, depth int)
	walk = func(d, depth int) {
		if depth > 8 {
			return
		}
		lo, hi = min(lo, d), max(hi, d)
		for _, c := range p.children[d] {
			rel, _ := p.dep(c)
			switch rel {
			case "acl", "punct", "appos", "parataxis", "advcl", "conj", "cc", "dep", "case", "mark":
				continue
			case "nmod", "obl":
				if core && d == h && c > h {
					continue
				}
			}
			walk(c, depth+1)
		}
	}
	walk(h, 0)
	if hi-lo >= maxPhrase*2 {
		lo, hi = max(lo, h-maxPhrase), min(hi, h+maxPhrase)
	}
	vlo, vhi := p.vtok[lo], p.vtok[hi]
	if vlo < 0 || vhi < 0 {
		return 0, 0
	}
	if vlo > 0 && a.v.Low(vlo-1) == "at" && (a.v.Low(vlo) == "least" || a.v.Low(vlo) == "most") {
		vlo-- // "at least 75 people": the parse hangs "at" on "least" as a case marker
	}
	// The view may split a doc token ("U.S.-backed"): take every view
	// token up to the end of the last doc token.
	end := p.toks[hi].End
	vhi++
	for vhi < len(a.v.Toks) && a.v.Toks[vhi].End <= end {
		vhi++
	}
	return vlo, vhi
}

// mainVerb reports whether trigger tr is its sentence's main event by the
// parse: the root, or the complement of a root that only reports or
// frames it ("officials said Israel attacked …", "decided to attack").
// Without a parse no trigger is.
func (a *analysis) mainVerb(tr trigger) bool {
	p := a.parse
	if p == nil {
		return false
	}
	d := p.dtok[tr.t0]
	if d < 0 {
		return false
	}
	if tr.p.noun && p.toks[d].Dep == "compound" && p.toks[d].Head >= 0 {
		d = p.toks[d].Head // "a mediation effort"
	}
	rel, _ := p.dep(d)
	if rel == "root" {
		return true
	}
	h := p.toks[d].Head
	if h < 0 || h >= len(p.toks) || p.toks[h].Dep != "root" {
		return false
	}
	plain := p.vtok[h] < 0 || !a.trigStart[p.vtok[h]]
	switch {
	case rel == "ccomp" || rel == "xcomp":
		return reportWords[textview.Fold(p.toks[h].Text)] || plain
	case rel == "obj" && tr.p.noun:
		// "launched a mediation effort", "declared a ceasefire": the
		// event noun is what the root verb does.
		return plain
	}
	return false
}

// governingSubject returns the subject of the verb whose object is the
// event noun of trigger tr, when that verb is no trigger itself:
// "Haftar has declared a ceasefire", "launched a mediation effort". -1
// when there is none.
func (a *analysis) governingSubject(tr trigger) int {
	p := a.parse
	if p == nil || p.dtok[tr.t0] < 0 {
		return -1
	}
	d := p.dtok[tr.t0]
	if p.toks[d].Dep == "compound" && p.toks[d].Head >= 0 {
		d = p.toks[d].Head
	}
	h := p.toks[d].Head
	if p.toks[d].Dep != "obj" || h < 0 || h >= len(p.toks) || p.vtok[h] >= 0 && a.trigStart[p.vtok[h]] {
		return -1
	}
	if ha := p.args(h, ""); ha.subj >= 0 && !ha.passive {
		return ha.subj
	}
	return -1
}

// complementObject returns the actors of the object of the verb that
// complements trigger tr ("threatened to shell Haifa": Haifa), by the
// parse; nil without one.
func (a *analysis) complementObject(tr trigger, s textview.Sentence) []int {
	p := a.parse
	if p == nil {
		return nil
	}
	d := p.dtok[tr.t0]
	if d < 0 {
		return nil
	}
	for _, c := range p.children[d] {
		if rel, _ := p.dep(c); rel == "xcomp" {
			if ca := p.args(c, ""); ca.obj >= 0 && !ca.passive {
				return a.argActors(ca.obj, s)
			}
		}
	}
	return nil
}

// holdsActor reports whether the core phrase of doc token d holds an
// actor.
func (a *analysis) holdsActor(d int) bool {
	lo, hi := a.phraseSpan(d, true)
	for j := max(lo, 0); j < hi; j++ {
		if a.actorAt[j] >= 0 {
			return true
		}
	}
	return false
}

// widen returns actor i, which stands at the head of an argument headed by
// doc token h, as the whole core phrase of that argument, the way the
// phrase is written: with its determiner and titles ("The United States",
// "Interior Minister Horst Seehofer", "Russia's Supreme Court"), past no
// time expression. It returns the new actor's index, or -1 when the
// phrase is the actor already or holds another actor that is not a
// possessor or qualifier before the head.
func (a *analysis) widen(h, i int, s textview.Sentence) int {
	if w := a.titledName(h, i, s); w >= 0 {
		return w
	}
	lo, hi := a.trimmed(a.phraseSpan(h, true))
	act := a.actors[i]
	if lo < s.T0 || hi > s.T1 || lo > act.t0 || hi < act.t1 || lo == act.t0 && hi == act.t1 || hi-lo > maxPhrase {
		return -1
	}
	other := false
	person := -1
	for j := lo; j < hi; j++ {
		if k := a.actorAt[j]; k >= 0 && k != i {
			if k == person {
				continue
			}
			if j >= act.t0 {
				if person < 0 && a.actors[k].t1 == hi && a.isPerson(k) {
					// "NATO Secretary General Jens Stoltenberg": the
					// name that ends the phrase is who it is; the
					// organisation and title before it qualify him.
					person = k
					continue
				}
				return -1
			}
			other = true
		}
	}
	if person >= 0 {
		return a.addSpanned(titled(a.actors[person], act), lo, hi)
	}
	if other && act.Country == "" {
		return a.phraseActor(lo, hi) // "Russia's Supreme Court": RUS
	}
	return a.addSpanned(act, lo, hi)
}

// trimmed narrows view tokens [lo, hi) to the words of a phrase: no
// punctuation at either end, no time expression at the end.
func (a *analysis) trimmed(lo, hi int) (int, int) {
	for hi > lo && (a.timeTok[hi-1] || !a.v.IsWord(hi-1)) {
		hi--
	}
	for lo < hi && !a.v.IsWord(lo) {
		lo++
	}
	return lo, hi
}

// addSpanned adds actor x stretched over view tokens [lo, hi) as a new
// actor and returns its index.
func (a *analysis) addSpanned(x actor, lo, hi int) int {
	start, end := a.v.Toks[lo].Start, a.v.Toks[hi-1].End
	x.t0, x.t1 = lo, hi
	x.Text, x.Start, x.End = a.v.Text[start:end], start, end
	a.actors = append(a.actors, x)
	return len(a.actors) - 1
}

// titled returns a person's actor with the code of the title phrase it
// ends when the person has none of their own.
func titled(person, title actor) actor {
	if person.Code == "" {
		person.Country, person.Code = title.Country, title.Code
	}
	return person
}

// titledName returns the actor for a title phrase headed by doc token h
// that ends with a person's name, as the parse hangs it from the title's
// "of" phrase: "US Secretary of State Rex Tillerson" is Tillerson, with
// the title's code when his own has none. -1 when the phrase is not one.
func (a *analysis) titledName(h, i int, s textview.Sentence) int {
	lo, hi := a.trimmed(a.phraseSpan(h, false))
	act := a.actors[i]
	if lo < s.T0 || hi > s.T1 || lo > act.t0 || hi <= act.t1 || hi-lo > maxPhrase {
		return -1
	}
	k := a.actorAt[hi-1]
	if k < 0 || k == i || a.actors[k].t1 != hi || !a.isPerson(k) {
		return -1
	}
	for j := act.t1; j < a.actors[k].t0; j++ {
		if !a.v.IsWord(j) || a.actorAt[j] >= 0 {
			return -1 // only title words between: "of State", not "and" or a comma
		}
	}
	return a.addSpanned(titled(a.actors[k], act), lo, hi)
}

// isPerson reports whether actor k is a mention of a person entity.
func (a *analysis) isPerson(k int) bool {
	e := a.doc.EntityByID(a.actors[k].Entity)
	return e != nil && e.Type == document.TypePerson
}

// nounModifiers are the relations of a word inside a noun phrase to the
// phrase's head.
var nounModifiers = set("compound", "flat", "amod", "det", "nummod", "nmod:poss", "compound:prt", "flat:name")

// wholePhrase returns a lone actor as the whole noun phrase it stands in
// by the parse: a name that modifies a head ("Russia's government", "The
// United States", "Interior Minister Horst Seehofer") is the phrase, with
// the name's codes. Coordinated actors, and any actor without a parse,
// stay as they are.
func (a *analysis) wholePhrase(ids []int, s textview.Sentence) []int {
	p := a.parse
	if p == nil || len(ids) != 1 {
		return ids
	}
	i := ids[0]
	act := a.actors[i]
	d := p.dtok[act.t1-1]
	if d < 0 {
		return ids
	}
	for n := 0; n < 4; n++ {
		h := p.toks[d].Head
		if h < 0 || h >= len(p.toks) || !nounModifiers[p.toks[d].Dep] {
			break
		}
		d = h
	}
	if w := a.widen(d, i, s); w >= 0 {
		return []int{w}
	}
	return ids
}

// intentComplement reports whether the parse puts trigger tr in the
// complement of an earlier trigger that is a demand, threat, rejection or
// intent, through coordination too: "agreed to share information and
// cooperate" (cooperate is a conj of the xcomp share); an event noun as
// the complement's object too ("threatened to halt the talks").
func (a *analysis) intentComplement(tr trigger, prior []trigger) bool {
	p := a.parse
	if p == nil || len(prior) == 0 {
		return false
	}
	d := p.dtok[tr.t0]
	for n := 0; n < 4 && d >= 0; n++ {
		h := p.toks[d].Head
		if h < 0 || h >= len(p.toks) {
			return false
		}
		switch rel, _ := p.dep(d); rel {
		case "conj":
		case "obj", "obl":
			if n > 0 || !tr.p.noun {
				return false
			}
			// "threatened to halt the talks": the event noun is the
			// object of the complement.
		case "xcomp":
			for _, pt := range prior {
				if p.dtok[pt.t0] == h {
					return !pt.p.weak && intentRoot(pt.p.cameo)
				}
			}
		default:
			return false
		}
		d = h
	}
	return false
}

// hasComplement reports whether the parse gives trigger tr a clausal
// complement ("asked a coalition of groups, the Cotton Campaign, to end
// …"), however far its "to" stands.
func (a *analysis) hasComplement(tr trigger) bool {
	p := a.parse
	if p == nil || p.dtok[tr.t0] < 0 {
		return false
	}
	for _, c := range p.children[p.dtok[tr.t0]] {
		if rel, _ := p.dep(c); rel == "xcomp" || rel == "advcl" && p.marker(c) == "to" {
			return true
		}
	}
	return false
}

// marker returns the folded subordinating marker of doc token d ("to",
// "that", "if"), or "".
func (p *parse) marker(d int) string {
	for _, c := range p.children[d] {
		if p.toks[c].Dep == "mark" {
			return textview.Fold(p.toks[c].Text)
		}
	}
	return ""
}
