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

// pronouns resolves he/she/his/her … outside quotations. A pronoun joins
// a person mentioned in its sentence (before it) or the two sentences
// before, whose gender agrees or is not known: the only such person, or
// the only one in the pronoun's own sentence. Otherwise it stays
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
		from := r.sents[max(0, s-window)].Start
		var all, here []*group
		for _, g := range r.groups {
			if g.typ != document.TypePerson || g.gender != lexicon.Unknown && g.gender != pg {
				continue
			}
			last := r.latestBefore(g, t.Start)
			if last < from {
				continue
			}
			all = append(all, g)
			if last >= r.sents[s].Start {
				here = append(here, g)
			}
		}
		var g *group
		switch {
		case len(all) == 1:
			g = all[0]
		case len(here) == 1:
			g = here[0]
		default:
			continue
		}
		if g.gender == lexicon.Unknown {
			g.gender = pg
		}
		g.extra = append(g.extra, document.Span{Start: t.Start, End: t.End, Text: t.Text})
	}
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
