package coref

import (
	"sort"
	"strings"

	"newsgraph/document"
	"newsgraph/nlp/lexicon"
)

// adjectives may stand between a title and what qualifies it: "the
// former US president", "Israel's top negotiator".
var adjectives = map[string]bool{
	"former": true, "then": true, "acting": true, "interim": true, "outgoing": true,
	"incoming": true, "new": true, "late": true, "top": true, "senior": true,
	"current": true, "veteran": true, "longtime": true, "long-time": true, "chief": true,
}

// cues is what the words around one name say about a person.
type cues struct {
	titles  []*lexicon.Title
	gender  lexicon.Gender
	country string
	affil   *group
}

// attributes sets every group's country, titles, affiliations and gender.
// Peoples, places and organisations go first, so that a person can take a
// country from the organisation or place named before a title.
func (r *resolver) attributes() {
	for _, g := range r.groups {
		switch g.typ {
		case document.TypeNORP:
			g.country = r.firstCountry(g, func(i int) string { return r.demonymCountry(r.name(i).Text) })
		case document.TypeGPE, document.TypeLoc, document.TypeFac:
			g.country = r.firstCountry(g, r.placeCountry)
		case document.TypePerson:
		default:
			g.country = r.orgCountry(g)
		}
	}
	for _, g := range r.groups {
		if g.typ != document.TypePerson {
			continue
		}
		if words := strings.Fields(r.longest(g)); len(words) > 1 {
			g.gender, _ = r.s.lex.FirstName(words[0])
		}
		for _, i := range g.names {
			c := r.personCues(i)
			for _, t := range c.titles {
				g.addTitle(t.Canon)
			}
			if g.gender == lexicon.Unknown {
				g.gender = c.gender
			}
			if g.country == "" {
				g.country = c.country
			}
			if c.affil != nil {
				if g.affil == nil {
					g.affil = map[*group]bool{}
				}
				g.affil[c.affil] = true
			}
		}
		if g.country == "" {
			// The organisation the person speaks for, when it has one
			// country.
			for _, a := range r.affiliations(g) {
				if a.country != "" {
					g.country = a.country
					break
				}
			}
		}
	}
}

func (g *group) addTitle(t string) {
	for _, old := range g.titles {
		if strings.EqualFold(old, t) {
			return
		}
	}
	g.titles = append(g.titles, t)
}

// affiliations returns g's organisations in a stable order.
func (r *resolver) affiliations(g *group) []*group {
	out := make([]*group, 0, len(g.affil))
	for a := range g.affil {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return r.firstStart(out[i]) < r.firstStart(out[j]) })
	return out
}

func (r *resolver) firstStart(g *group) int {
	if len(g.names) == 0 {
		return -1
	}
	return r.name(g.names[0]).Start
}

// firstCountry returns the first country that fn gives one of g's names.
func (r *resolver) firstCountry(g *group, fn func(i int) string) string {
	for _, i := range g.names {
		if c := fn(i); c != "" {
			return c
		}
	}
	return ""
}

// demonymCountry returns the country of a people's name ("Israeli",
// "Palestinians", "US"), or "".
func (r *resolver) demonymCountry(text string) string {
	if r.s.countryOf != nil {
		if c, ok := r.s.countryOf(text); ok {
			return c
		}
		if strings.HasSuffix(text, "s") && len(text) > 3 {
			if c, ok := r.s.countryOf(text[:len(text)-1]); ok {
				return c
			}
		}
	}
	// "US" typed as a people is also a country's name.
	if r.s.lookup != nil {
		for _, e := range r.s.lookup(text) {
			if strings.HasPrefix(e.Feature, "PCL") {
				return e.Country
			}
		}
	}
	return ""
}

// nationalPlace returns the country of a country, division or capital
// called name, or "".
func (r *resolver) nationalPlace(name string) string {
	if r.s.lookup == nil {
		return ""
	}
	for _, e := range r.s.lookup(name) {
		if strings.HasPrefix(e.Feature, "PCL") || strings.HasPrefix(e.Feature, "ADM") || e.Feature == "PPLC" {
			return e.Country
		}
	}
	return ""
}

// placeCountry returns the country of the place that name i is: the geo
// stage's reading of that very mention when there is one, else the
// gazetteer's likeliest place of that name.
func (r *resolver) placeCountry(i int) string {
	n := r.name(i)
	for _, p := range r.doc.Places {
		for _, m := range p.Mentions {
			if m.Start == n.Start && m.End == n.End && p.Country != "" {
				return p.Country
			}
		}
	}
	if r.s.lookup != nil {
		if es := r.s.lookup(n.Text); len(es) > 0 {
			return es[0].Country
		}
	}
	return ""
}

// orgCountry returns an organisation's country: from the list of known
// organisations, from a country or people that starts its name ("Israel
// Defense Forces", "Palestinian Authority"), or from one named right
// before a mention ("the Israeli Knesset").
func (r *resolver) orgCountry(g *group) string {
	for _, i := range g.names {
		if o, ok := r.s.lex.Org(r.name(i).Text); ok && o.Country != "" {
			return o.Country
		}
	}
	if words := strings.Fields(r.longest(g)); len(words) > 1 {
		if c := r.demonymCountry(words[0]); c != "" {
			return c
		}
		// "Bank of England", "University of Tokyo".
		for k := 1; k+1 < len(words); k++ {
			if words[k] == "of" {
				if c := r.nationalPlace(strings.Join(words[k+1:], " ")); c != "" {
					return c
				}
			}
		}
	}
	for _, i := range g.names {
		a := r.tokenAt(r.name(i).Start)
		if a <= 0 {
			continue
		}
		if c, _, _ := r.modifierBefore(a-1, r.sentenceStart(a)); c != "" {
			return c
		}
	}
	return ""
}

// personCues reads the titles, gender, country and organisation that the
// words before name i ("Italian Prime Minister", "White House
// spokesperson") and an apposition after it (", the US president") give.
func (r *resolver) personCues(i int) cues {
	var c cues
	if t, _ := r.leadingTitle(i); t != nil {
		c.add(t)
	}
	n := r.name(i)
	a := r.tokenAt(n.Start)
	if a < 0 {
		return c
	}
	ts := r.sentenceStart(a)
	j := a - 1
	for j >= ts {
		if adjectives[strings.ToLower(r.toks[j].Text)] {
			j--
			continue
		}
		t, k := r.s.lex.MatchTitleEnding(r.words(max(ts, j-3), j+1))
		if t == nil {
			break
		}
		c.add(t)
		j -= k
	}
	if len(c.titles) == 0 && j == a-1 && j > ts && r.toks[j].Text == "," {
		// "its chief executive, Kenichiro Yoshida,"
		if t, k := r.s.lex.MatchTitleEnding(r.words(max(ts, j-4), j)); t != nil {
			c.add(t)
			j -= k + 1
		}
	}
	country, affil, norp := r.modifierBefore(j, ts)
	if len(c.titles) > 0 || norp && j == a-1 {
		c.country, c.affil = country, affil
	}
	r.apposition(r.tokenAfter(n.End), &c)
	return c
}

// add records a title; courtesy titles ("Mr.") tell only the gender.
func (c *cues) add(t *lexicon.Title) {
	if c.gender == lexicon.Unknown {
		c.gender = t.Gender
	}
	if !t.Abbr {
		c.titles = append(c.titles, t)
	}
}

// apposition reads ", the US president", ", Italy's prime minister", ",
// a spokeswoman for the White House" starting at token b.
func (r *resolver) apposition(b int, c *cues) {
	if b < 0 || b+1 >= len(r.toks) || r.toks[b].Text != "," {
		return
	}
	te := r.sentenceEnd(b)
	k := b + 1
	switch strings.ToLower(r.toks[k].Text) {
	case "the", "a", "an":
		k++
	}
	country, affil := "", (*group)(nil)
	for k < te {
		if adjectives[strings.ToLower(r.toks[k].Text)] {
			k++
			continue
		}
		gi, end := r.nameStartingAt(k)
		if gi < 0 {
			break
		}
		g := r.groups[gi]
		switch g.typ {
		case document.TypeNORP, document.TypeGPE, document.TypeOrg:
			country = g.country
			if g.typ == document.TypeOrg {
				affil = g
			}
		default:
			return
		}
		k = end
		if k < te && isPossessive(r.toks[k].Text) {
			k++
		}
	}
	t, n := r.s.lex.MatchTitle(r.words(k, min(te, k+4)))
	if t == nil || t.Abbr {
		return
	}
	c.add(t)
	k += n
	if k+1 < te && (r.toks[k].Text == "of" || r.toks[k].Text == "for" || r.toks[k].Text == "at") {
		k++
		if strings.EqualFold(r.toks[k].Text, "the") {
			k++
		}
		if gi, _ := r.nameStartingAt(k); gi >= 0 {
			g := r.groups[gi]
			if g.typ == document.TypeOrg {
				affil = g
			}
			if country == "" {
				country = g.country
			}
		}
	}
	if c.country == "" {
		c.country = country
	}
	if c.affil == nil {
		c.affil = affil
	}
}

// modifierBefore reads the people, place or organisation name that ends
// at token j (with or without "'s"): its country, the organisation, and
// whether it was a people ("Israeli").
func (r *resolver) modifierBefore(j, ts int) (country string, affil *group, norp bool) {
	if j < ts || j < 0 {
		return "", nil, false
	}
	if isPossessive(r.toks[j].Text) {
		j--
		if j < ts {
			return "", nil, false
		}
	}
	gi := r.nameEndingAt(r.toks[j].End)
	if gi < 0 {
		return "", nil, false
	}
	g := r.groups[gi]
	switch g.typ {
	case document.TypeNORP:
		return g.country, nil, true
	case document.TypeGPE, document.TypeLoc:
		return g.country, nil, false
	case document.TypeOrg:
		return g.country, g, false
	case document.TypePerson:
		if isPossessive(r.toks[j+1].Text) {
			return g.country, nil, false // "Ruto's spokesman"
		}
	}
	return "", nil, false
}

func isPossessive(t string) bool { return t == "'s" || t == "’s" || t == "'" || t == "’" }

// tokenAt returns the index of the token that starts at offset, or -1.
func (r *resolver) tokenAt(offset int) int {
	i := sort.Search(len(r.toks), func(i int) bool { return r.toks[i].Start >= offset })
	if i < len(r.toks) && r.toks[i].Start == offset {
		return i
	}
	return -1
}

// tokenAfter returns the index of the first token at or after offset, or
// -1.
func (r *resolver) tokenAfter(offset int) int {
	i := sort.Search(len(r.toks), func(i int) bool { return r.toks[i].Start >= offset })
	if i < len(r.toks) {
		return i
	}
	return -1
}

func (r *resolver) sentenceStart(i int) int {
	if s := r.toks[i].Sentence; s >= 0 && s < len(r.sents) {
		return r.sents[s].TokenStart
	}
	return 0
}

func (r *resolver) sentenceEnd(i int) int {
	if s := r.toks[i].Sentence; s >= 0 && s < len(r.sents) {
		return min(r.sents[s].TokenEnd, len(r.toks))
	}
	return len(r.toks)
}

// nameEndingAt returns the group of the name that ends at offset, or -1.
func (r *resolver) nameEndingAt(offset int) int {
	if i, ok := r.endAt[offset]; ok {
		return r.nameGrp[i]
	}
	return -1
}

// nameStartingAt returns the group of the name that starts at token k and
// the token after it, or -1.
func (r *resolver) nameStartingAt(k int) (int, int) {
	if k < 0 || k >= len(r.toks) {
		return -1, k
	}
	i, ok := r.startAt[r.toks[k].Start]
	if !ok {
		return -1, k
	}
	end := r.tokenAfter(r.name(i).End)
	if end < 0 {
		end = len(r.toks)
	}
	return r.nameGrp[i], end
}

// words returns the texts of tokens [a, b).
func (r *resolver) words(a, b int) []string {
	w := make([]string, 0, max(0, b-a))
	for i := max(a, 0); i < b && i < len(r.toks); i++ {
		w = append(w, r.toks[i].Text)
	}
	return w
}
