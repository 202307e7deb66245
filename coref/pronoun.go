package coref

import (
	"strings"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/nlp/lexicon"
)

// pronounGender is the gender of the third-person singular pronouns.
var pronounGender = map[string]lexicon.Gender{
	"he": lexicon.Male, "him": lexicon.Male, "his": lexicon.Male, "himself": lexicon.Male,
	"she": lexicon.Female, "her": lexicon.Female, "hers": lexicon.Female, "herself": lexicon.Female,
}

// window is how many sentences before a pronoun its antecedent may be.
const window = 2

// Salience weights, after Lappin and Leass (1994): a mention scores for
// how recent its sentence is and for its role there; a person's score is
// that of its best mention in the window, with bonuses for the nearest
// person, for the number of its mentions and for a known gender. Set on
// the GAP development set and GUM dev (`newsgraph eval coref --split
// dev`); the same role as the pronoun's (GAP's parallelism baseline) and
// a penalty for adverbials did not help there.
const (
	recencyWeight  = 100 // the pronoun's own sentence; halved for each sentence back
	subjectWeight  = 80  // the mention is a clause's subject
	objectWeight   = 40  // a direct or indirect object
	possWeight     = 20  // a possessor ("Meloni's office")
	nearWeight     = 30  // the person mentioned last before the pronoun
	possNearWeight = 60  // the same, for a possessive outside its clause's subject
	freqWeight     = 10  // for each further mention in the window, up to four
	genderWeight   = 20  // the person's gender is known and agrees
	cataWeight     = 200 // the subject after a pronoun that opens its clause
	margin         = 1   // the best person must outscore the next by this much
	quotedMargin   = 30  // the lead needed inside a quotation
)

// The topic of a text takes a pronoun with nobody in its window when it
// has this many mentions before it and this many times the next person's
// (set on GUM train and dev: 3 and 2 resolve more, less precisely).
const (
	topicMentions = 5
	topicLead     = 3
)

// reflexives must take a co-argument of their verb, other object
// pronouns must not ("Biden told him": him is not Biden).
var reflexives = map[string]bool{"himself": true, "herself": true}

// role is what a pronoun or mention is in its clause.
type role byte

const (
	otherRole role = iota
	subjectRole
	objectRole
	possRole
)

func roleOf(t document.Token) role {
	switch {
	case isSubject(t.Dep):
		return subjectRole
	case t.Dep == "obj" || t.Dep == "iobj":
		return objectRole
	case t.Dep == "nmod:poss" || t.Tag == "PRP$":
		return possRole
	}
	return otherRole
}

// pronouns resolves he/she/his/her … by salience. A pronoun's candidates
// are the people mentioned before it in its sentence and the two before
// (or, after it, the subject of the clause it opens), whose gender agrees
// or is not known, and who are not a co-argument of a non-reflexive
// object pronoun. The most salient wins when it leads the next by the
// margin (more inside a quotation); with nobody in the window, the text's
// topic may take it; otherwise the pronoun stays unresolved. A person of
// unknown gender takes the pronoun's. Without a parse, a pronoun takes
// only the one candidate, or the one in its own sentence.
func (r *resolver) pronouns() {
	for i, t := range r.toks {
		pg, ok := pronounGender[strings.ToLower(t.Text)]
		if !ok {
			continue
		}
		s := t.Sentence
		if s < 0 || s >= len(r.sents) {
			continue
		}
		cands := r.candidates(i, pg, max(0, s-window))
		if len(cands) == 0 {
			if g := r.topic(i, pg); g != nil {
				cands = []cand{{g: g, score: 1}}
			}
		}
		if t.Dep == "" && len(cands) > 1 {
			// Unparsed text has no roles to weigh: only the one person
			// named in the pronoun's own sentence takes it.
			cands = r.inSentence(cands, s)
		}
		near := -1
		for k, c := range cands {
			if near < 0 || c.last > cands[near].last {
				near = k
			}
		}
		if near >= 0 {
			if roleOf(t) == possRole && !r.inSubject(i) {
				cands[near].score += possNearWeight
			} else {
				cands[near].score += nearWeight
			}
		}
		var best, second int
		var g *group
		for _, c := range cands {
			switch {
			case c.score > best:
				best, second, g = c.score, best, c.g
			case c.score > second:
				second = c.score
			}
		}
		if g == nil || best-second < margin || r.quoted[i] && best-second < quotedMargin {
			continue
		}
		if g.gender == lexicon.Unknown {
			g.gender = pg
		}
		g.typ = document.TypePerson
		g.extra = append(g.extra, document.Span{Start: t.Start, End: t.End, Text: t.Text})
	}
}

// inSubject reports whether possessive pronoun token p belongs to its
// clause's subject ("his best response was …"): such a pronoun continues
// the topic rather than the nearest name.
func (r *resolver) inSubject(p int) bool {
	h := r.toks[p].Head
	return h >= 0 && h < len(r.toks) && isSubject(r.toks[h].Dep)
}

// candidates returns the people pronoun token p may take: named from
// sentence from on, of its gender pg or none known.
func (r *resolver) candidates(p int, pg lexicon.Gender, from int) []cand {
	var cands []cand
	cata := r.cataphor(p)
	for _, c := range r.groups {
		if !r.personLike(c) || c.gender != lexicon.Unknown && c.gender != pg {
			continue
		}
		score, last := r.salience(c, p, from)
		if c == cata {
			score += cataWeight
			if last < 0 {
				last = 0
			}
		}
		if score <= 0 {
			continue
		}
		if c.gender == pg {
			score += genderWeight
		}
		cands = append(cands, cand{c, score, last})
	}
	return cands
}

// topic returns the person a text is about, for a pronoun with nobody
// in its window ("Galois … five days before his death, he"): the person
// of the pronoun's gender or none known with the most mentions before it,
// at least topicMentions and topicLead times the next one's; or nil.
func (r *resolver) topic(p int, pg lexicon.Gender) *group {
	at := r.toks[p].Start
	var best *group
	most, next := 0, 0
	for _, g := range r.groups {
		if !r.personLike(g) || g.gender != lexicon.Unknown && g.gender != pg {
			continue
		}
		n := 0
		for _, i := range g.names {
			if r.name(i).Start < at {
				n++
			}
		}
		for _, m := range g.extra {
			if m.Start < at {
				n++
			}
		}
		switch {
		case n > most:
			best, most, next = g, n, most
		case n > next:
			next = n
		}
	}
	if most < topicMentions || most < topicLead*next {
		return nil
	}
	return best
}

// cand is a person a pronoun may take, with its salience and the start
// of its last mention before the pronoun.
type cand struct {
	g           *group
	score, last int
}

// inSentence returns the one candidate mentioned in sentence s, or none.
func (r *resolver) inSentence(cands []cand, s int) []cand {
	var here []cand
	for _, c := range cands {
		if c.last >= r.sents[s].Start {
			here = append(here, c)
		}
	}
	if len(here) != 1 {
		return nil
	}
	return here
}

// cataphor returns the person whose name is the subject of the clause
// that pronoun token p opens before it ("In her speech, Meloni said"),
// or nil.
func (r *resolver) cataphor(p int) *group {
	pron := r.toks[p]
	if roleOf(pron) == subjectRole && (pron.Head < 0 || r.toks[pron.Head].Dep != "advcl") {
		return nil // a subject pronoun only in a clause before the main one ("When he was 14, …")
	}
	// The clause's verb: the first head above the pronoun that lies after it.
	v := pron.Head
	for v >= 0 && v < len(r.toks) && v < p {
		v = r.toks[v].Head
	}
	for steps := 0; v >= 0 && v < len(r.toks) && steps < 4; steps++ {
		for k := p + 1; k < v; k++ {
			if r.toks[k].Head == v && isSubject(r.toks[k].Dep) {
				if i, ok := r.nameCovering(r.toks[k].Start); ok {
					return r.groups[r.nameGrp[i]]
				}
				return nil
			}
		}
		if r.toks[v].Sentence != pron.Sentence {
			break
		}
		v = r.toks[v].Head
	}
	return nil
}

// salience returns the score of g's best mention before pronoun token p
// in sentences from on, or 0 when g has none there or is barred, and the
// start of g's last mention there (-1 for none).
func (r *resolver) salience(g *group, p, from int) (int, int) {
	pron := r.toks[p]
	reflexive := reflexives[strings.ToLower(pron.Text)]
	prole := roleOf(pron)
	objectPron := !reflexive && pron.Dep != "" && prole != subjectRole && prole != possRole
	best, last, count := 0, -1, 0
	score := func(start, end int) {
		if start >= pron.Start {
			return
		}
		h := r.headToken(start, end)
		if h < 0 {
			return
		}
		ht := r.nameRole(h)
		if ht.Sentence < from {
			return
		}
		last = max(last, start)
		count++
		coArg := ht.Head >= 0 && ht.Head == pron.Head && ht.Sentence == pron.Sentence
		if objectPron && coArg {
			best = -1 << 20 // "Biden told him": not Biden
			return
		}
		sc := recencyWeight >> (pron.Sentence - ht.Sentence)
		switch roleOf(ht) {
		case subjectRole:
			sc += subjectWeight
		case objectRole:
			sc += objectWeight
		case possRole:
			sc += possWeight
		}
		if reflexive && coArg {
			sc += 4 * subjectWeight
		}
		if sc > best && best >= 0 {
			best = sc
		}
	}
	for _, i := range g.names {
		n := r.name(i)
		score(n.Start, n.End)
	}
	for _, m := range g.extra {
		score(m.Start, m.End)
	}
	if best <= 0 {
		return 0, last
	}
	return best + freqWeight*min(count-1, 4), last
}

// personLike reports whether g may be a pronoun's antecedent: a person,
// or a one-word name that the name finder took for something else but
// that is a known first name ("Alice", typed a place from Alice, Texas).
func (r *resolver) personLike(g *group) bool {
	if utf8.RuneCountInString(r.longest(g)) < 2 {
		return false // "I", taken for a name
	}
	if g.typ == document.TypePerson {
		return true
	}
	if g.typ == document.TypeNORP || len(g.names) == 0 {
		return false
	}
	for _, i := range g.names {
		if len(r.norm[i]) != 1 {
			return false
		}
		w := stripPossessive(r.name(i).Text)
		if _, ok := r.s.lex.FirstName(w); !ok || r.nationalPlace(w) != "" {
			return false // "Israel" is a first name too
		}
		if _, ok := r.s.lex.Org(w); ok {
			return false
		}
	}
	return true
}

// nameRole returns the token that stands for the name whose head is
// token h in its clause: h itself, or the word it is a compound, flat
// part or apposition of ("reviewer" in "reviewer Stephen Erlewine said").
func (r *resolver) nameRole(h int) document.Token {
	for range 3 {
		t := r.toks[h]
		switch t.Dep {
		case "compound", "flat", "appos", "flat:name":
		default:
			return t
		}
		if t.Head < 0 || t.Head >= len(r.toks) {
			return t
		}
		h = t.Head
	}
	return r.toks[h]
}

func isSubject(dep string) bool { return strings.HasPrefix(dep, "nsubj") }

// headToken returns the token of [start, end) whose head lies outside
// it (the first such), or -1 when no token starts in the span.
func (r *resolver) headToken(start, end int) int {
	a := r.tokenAfter(start)
	if a < 0 || r.toks[a].Start >= end {
		return -1
	}
	for i := a; i < len(r.toks) && r.toks[i].Start < end; i++ {
		if h := r.toks[i].Head; h < a || h >= len(r.toks) || r.toks[h].Start >= end {
			return i
		}
	}
	return a
}

// latestBefore returns the start of g's last mention before offset, or -1.
func (r *resolver) latestBefore(g *group, offset int) int {
	last := -1
	for _, i := range g.names {
		if n := r.name(i); n.Start < offset && n.Start > last {
			last = n.Start
		}
	}
	for _, m := range g.extra {
		if m.Start < offset && m.Start > last {
			last = m.Start
		}
	}
	return last
}

// quoted marks the tokens inside double quotation marks (“…”, "…", «…»).
// A paragraph break closes any quotation left open, as news style reopens
// it in the next paragraph.
func quoted(text string, toks []document.Token) []bool {
	in := make([]bool, len(toks))
	open := false
	for i, t := range toks {
		if i > 0 && strings.Count(text[toks[i-1].End:t.Start], "\n") >= 2 {
			open = false
		}
		switch t.Text {
		case "“", "«":
			open = true
			continue
		case "”", "»":
			open = false
			continue
		case "\"":
			open = i == 0 || toks[i-1].End < t.Start
			continue
		}
		in[i] = open
	}
	return in
}
