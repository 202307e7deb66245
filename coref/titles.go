package coref

import (
	"sort"
	"strings"

	"newsgraph/document"
	"newsgraph/nlp/lexicon"
)

// titleMentions adds the mentions made by a title alone: "the Italian
// leader", "the spokesperson", "the White House spokesperson's statement".
// Such a mention needs "the" or a possessive before it and joins a person
// only when exactly one person named earlier fits: holds the title (any
// head-of-government title for "leader"), and has the country or
// organisation named with it.
func (r *resolver) titleMentions() {
	for p := 0; p < len(r.toks); p++ {
		if !r.s.lex.StartsTitle(r.toks[p].Text) {
			continue
		}
		if _, inName := r.nameCovering(r.toks[p].Start); inName {
			continue
		}
		te := r.sentenceEnd(p)
		t, n := r.s.lex.MatchTitle(r.words(p, min(te, p+4)))
		if t == nil || t.Abbr {
			continue
		}
		q := p + n
		if q < te {
			if _, ok := r.startAt[r.toks[q].Start]; ok {
				p = q - 1
				continue // "spokesperson Karine Jean-Pierre": the name is the mention
			}
		}
		start, country, affil, ok := r.titleHead(p)
		if !ok {
			continue
		}
		g := r.onlyHolder(t, country, affil, r.toks[p].Start)
		if g == nil {
			continue
		}
		end := r.toks[q-1].End
		g.extra = append(g.extra, document.Span{Start: start, End: end, Text: r.doc.Text[start:end]})
		p = q - 1
	}
}

// titleHead reads what stands before the title at token p: "the", then
// any adjectives and names of a people, place or organisation; or such a
// name with "'s". It returns where the mention starts, the country and
// organisation named, and whether the words make a definite mention.
func (r *resolver) titleHead(p int) (start int, country string, affil *group, ok bool) {
	ts := r.sentenceStart(p)
	j := p - 1
	possessive := false
	for j >= ts {
		w := r.toks[j].Text
		if adjectives[strings.ToLower(w)] {
			j--
			continue
		}
		if isPossessive(w) && j > ts {
			if gi := r.nameEndingAt(r.toks[j-1].End); gi >= 0 {
				possessive = true
				j--
			}
		}
		gi := r.nameEndingAt(r.toks[j].End)
		if gi < 0 {
			break
		}
		g := r.groups[gi]
		switch g.typ {
		case document.TypeNORP, document.TypeGPE, document.TypeLoc:
			country = g.country
		case document.TypeOrg:
			affil = g
		default:
			return 0, "", nil, false
		}
		n := r.name(r.endAt[r.toks[j].End])
		start = n.Start
		j = r.tokenAt(n.Start) - 1
		if possessive {
			return start, country, affil, true
		}
	}
	if j >= ts && strings.EqualFold(r.toks[j].Text, "the") {
		return r.toks[j].Start, country, affil, true
	}
	return 0, "", nil, false
}

// onlyHolder returns the one person named before offset that fits the
// title, country and organisation; when several do, the one of them
// mentioned in the mention's sentence or the two before, if only one is;
// else nil.
func (r *resolver) onlyHolder(t *lexicon.Title, country string, affil *group, offset int) *group {
	var found []*group
	for _, g := range r.groups {
		if g.typ != document.TypePerson || r.firstStart(g) >= offset || !r.holds(g, t) {
			continue
		}
		if country != "" && g.country != country {
			continue
		}
		if affil != nil && !g.affil[affil] {
			continue
		}
		found = append(found, g)
	}
	if len(found) == 1 {
		return found[0]
	}
	p := r.tokenAfter(offset)
	if p < 0 {
		return nil
	}
	from := r.sents[max(0, r.toks[p].Sentence-window)].Start
	var near *group
	for _, g := range found {
		if r.latestBefore(g, offset) >= from {
			if near != nil {
				return nil
			}
			near = g
		}
	}
	return near
}

// holds reports whether g has title t, counting the spokes- words as one
// and any head-of-government title as a "leader".
func (r *resolver) holds(g *group, t *lexicon.Title) bool {
	want := titleFamily(t.Canon)
	for _, have := range g.titles {
		have = titleFamily(have)
		if have == want || !strings.Contains(want, " ") && strings.HasSuffix(have, " "+want) {
			return true // "the minister" for a Foreign Minister
		}
		if want == "leader" || want == "premier" {
			if ht := r.s.lex.LookupTitle(have); ht != nil && ht.Head {
				return true
			}
		}
	}
	return false
}

// titleFamily folds titles that name one role.
func titleFamily(t string) string {
	t = strings.ToLower(t)
	switch t {
	case "spokesman", "spokeswoman", "spokesperson":
		return "spokesperson"
	case "defense minister":
		return "defence minister"
	case "defense secretary":
		return "defence secretary"
	}
	return t
}

// nameCovering returns the index of the name whose span holds offset.
func (r *resolver) nameCovering(offset int) (int, bool) {
	// The last name starting at or before offset.
	k := sort.Search(len(r.byStart), func(k int) bool { return r.name(r.byStart[k]).Start > offset }) - 1
	if k >= 0 {
		if i := r.byStart[k]; offset < r.name(i).End {
			return i, true
		}
	}
	return -1, false
}
