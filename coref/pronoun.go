package coref

import (
	"strings"

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
// that of its best mention in the window.
const (
	recencyWeight = 100 // the pronoun's own sentence; halved for each sentence back
	subjectWeight = 80  // the mention is a clause's subject
	objectWeight  = 40  // a direct or indirect object
	possWeight    = 20  // a possessor ("Meloni's office")
	genderWeight  = 20  // the person's gender is known and agrees
	margin        = 1   // the best person must outscore the next by this much
)

// reflexives must take a co-argument of their verb, other object
// pronouns must not ("Biden told him": him is not Biden).
var reflexives = map[string]bool{"himself": true, "herself": true}

// pronouns resolves he/she/his/her … outside quotations by salience. A
// pronoun's candidates are the people mentioned before it in its sentence
// and the two before, whose gender agrees or is not known, and who are
// not a co-argument of a non-reflexive object pronoun. The most salient
// wins when it leads the next by the margin; otherwise the pronoun stays
// unresolved. A person of unknown gender takes the pronoun's.
func (r *resolver) pronouns() {
	for i, t := range r.toks {
		pg, ok := pronounGender[strings.ToLower(t.Text)]
		if !ok || r.quoted[i] {
			continue
		}
		s := t.Sentence
		if s < 0 || s >= len(r.sents) {
			continue
		}
		from := max(0, s-window)
		var best, second int
		var g *group
		for _, c := range r.groups {
			if c.typ != document.TypePerson || c.gender != lexicon.Unknown && c.gender != pg {
				continue
			}
			score := r.salience(c, i, from)
			if score <= 0 {
				continue
			}
			if c.gender == pg {
				score += genderWeight
			}
			switch {
			case score > best:
				best, second, g = score, best, c
			case score > second:
				second = score
			}
		}
		if g == nil || best-second < margin {
			continue
		}
		if g.gender == lexicon.Unknown {
			g.gender = pg
		}
		g.extra = append(g.extra, document.Span{Start: t.Start, End: t.End, Text: t.Text})
	}
}

// salience returns the score of g's best mention before pronoun token p
// in sentences from on, or 0 when g has none there or is barred.
func (r *resolver) salience(g *group, p, from int) int {
	pron := r.toks[p]
	reflexive := reflexives[strings.ToLower(pron.Text)]
	objectPron := !reflexive && pron.Tag != "PRP$" && pron.Dep != "nmod:poss" && pron.Dep != "" && !isSubject(pron.Dep)
	best := 0
	score := func(start, end int) {
		if start >= pron.Start {
			return
		}
		h := r.headToken(start, end)
		if h < 0 {
			return
		}
		ht := r.toks[h]
		if ht.Sentence < from {
			return
		}
		coArg := ht.Head >= 0 && ht.Head == pron.Head && ht.Sentence == pron.Sentence
		if objectPron && coArg {
			best = -1 << 20 // "Biden told him": not Biden
			return
		}
		sc := recencyWeight >> (pron.Sentence - ht.Sentence)
		switch {
		case isSubject(ht.Dep):
			sc += subjectWeight
		case ht.Dep == "obj" || ht.Dep == "iobj":
			sc += objectWeight
		case ht.Dep == "nmod:poss":
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
	return max(best, 0)
}

func isSubject(dep string) bool { return dep == "nsubj" || dep == "nsubj:pass" }

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
