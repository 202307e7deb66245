package coref

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/nlp/lexicon"
)

// resolver holds one document's state.
type resolver struct {
	s      *Stage
	doc    *document.Document
	toks   []document.Token
	sents  []document.Sentence
	quoted []bool // token is inside a direct quotation

	groups  []*group
	nameGrp []int       // doc.Names index -> group index
	norm    [][]string  // doc.Names index -> folded words of the name
	byStart []int       // doc.Names indices ordered by start
	startAt map[int]int // name start offset -> doc.Names index
	endAt   map[int]int // name end offset -> doc.Names index
}

// group is an entity being built.
type group struct {
	typ      string
	names    []int // doc.Names indices, in text order
	extra    []document.Span
	country  string
	titles   []string
	gender   lexicon.Gender
	affil    map[*group]bool // organisations a person speaks for
	merged   *group          // set when this group was folded into another
	lastSeen int             // byte offset of the latest mention so far
}

// name returns doc.Names[i].
func (r *resolver) name(i int) document.Name { return r.doc.Names[i] }

// cluster puts every name into a group.
func (r *resolver) cluster() {
	r.nameGrp = make([]int, len(r.doc.Names))
	r.startAt = make(map[int]int, len(r.doc.Names))
	r.endAt = make(map[int]int, len(r.doc.Names))
	for i, n := range r.doc.Names {
		if _, dup := r.startAt[n.Start]; !dup {
			r.startAt[n.Start] = i
		}
		if _, dup := r.endAt[n.End]; !dup {
			r.endAt[n.End] = i
		}
	}
	r.norm = make([][]string, len(r.doc.Names))
	for i, n := range r.doc.Names {
		r.norm[i] = strings.Fields(normName(n.Text))
		if _, k := r.leadingTitle(i); k > 0 {
			r.norm[i] = r.norm[i][k:]
		}
	}
	byKey := map[string]int{}
	r.byStart = make([]int, len(r.doc.Names))
	for i := range r.byStart {
		r.byStart[i] = i
	}
	sort.SliceStable(r.byStart, func(a, b int) bool { return r.name(r.byStart[a]).Start < r.name(r.byStart[b]).Start })
	for _, i := range r.byStart {
		n := r.doc.Names[i]
		key := r.key(i)
		g, ok := byKey[key]
		if !ok {
			g = r.attach(i)
		}
		if g < 0 {
			g = len(r.groups)
			r.groups = append(r.groups, &group{typ: n.Type})
		}
		if _, ok := byKey[key]; !ok {
			byKey[key] = g
		}
		r.nameGrp[i] = g
		r.groups[g].names = append(r.groups[g].names, i)
		r.groups[g].lastSeen = n.Start
	}
	r.mergeSurnames()
	for _, g := range r.groups {
		g.typ = r.majorityType(g)
	}
}

// key is the exact-match key of a name: its folded text, or for a people
// ("Israeli", "Israelis") its country.
func (r *resolver) key(i int) string {
	n := r.name(i)
	if n.Type == document.TypeNORP {
		if c := r.demonymCountry(n.Text); c != "" {
			return "norp:" + c
		}
	}
	return "name:" + strings.Join(r.norm[i], " ")
}

// attach returns the group a new name joins other than by exact match:
// the person whose full name it ends ("Netanyahu", the most recently seen
// when several do), the organisation whose initials it is ("IDF"), or -1.
func (r *resolver) attach(i int) int {
	n, words := r.name(i), r.norm[i]
	place := n.Type == document.TypeNORP || n.Type == document.TypeGPE || n.Type == document.TypeLoc
	if n.Type == document.TypePerson || len(words) == 1 && !place {
		best := -1
		for gi, g := range r.groups {
			if g.typ != document.TypePerson || !r.endsWith(g, words) {
				continue
			}
			if best < 0 || g.lastSeen > r.groups[best].lastSeen {
				best = gi
			}
		}
		if best >= 0 {
			return best
		}
	}
	if n.Type == document.TypeOrg && len(words) == 1 && isAcronym(n.Text) {
		for gi, g := range r.groups {
			if g.typ == document.TypeOrg && r.initials(g) == n.Text {
				return gi
			}
		}
	}
	return -1
}

// endsWith reports whether one of g's names has more words than words and
// ends with them, or, for a single word, has it after the first word of
// three or more ("Lula" in "Luiz Inácio Lula da Silva").
func (r *resolver) endsWith(g *group, words []string) bool {
	for _, i := range g.names {
		full := r.norm[i]
		if len(full) <= len(words) {
			continue
		}
		if slices.Equal(full[len(full)-len(words):], words) {
			return true
		}
		if len(words) == 1 && len(full) >= 3 && slices.Contains(full[1:], words[0]) {
			return true
		}
	}
	return false
}

// initials returns the capital initials of g's longest name: "Israel
// Defense Forces" → "IDF".
func (r *resolver) initials(g *group) string {
	var b strings.Builder
	for _, w := range strings.Fields(r.longest(g)) {
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(c) {
			b.WriteRune(c)
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// mergeSurnames folds a group of lone surnames that came before the full
// name ("Netanyahu refuses …" then "Benjamin Netanyahu") into the one
// person whose name ends with them.
func (r *resolver) mergeSurnames() {
	for gi, g := range r.groups {
		if g.merged != nil || g.typ != document.TypePerson && g.typ != document.TypeMisc && g.typ != document.TypeOrg && !r.titled(g) {
			continue
		}
		var words []string // the longest name's words, less a leading title
		for _, i := range g.names {
			if len(r.norm[i]) > len(words) {
				words = r.norm[i]
			}
		}
		if len(words) != 1 {
			continue
		}
		target := -1
		for hi, h := range r.groups {
			if hi == gi || h.merged != nil || h.typ != document.TypePerson || !r.endsWith(h, words) {
				continue
			}
			if target >= 0 {
				target = -2 // two people end so: leave it
				break
			}
			target = hi
		}
		if target < 0 {
			continue
		}
		h := r.groups[target]
		h.names = append(h.names, g.names...)
		sort.SliceStable(h.names, func(a, b int) bool { return r.name(h.names[a]).Start < r.name(h.names[b]).Start })
		for _, i := range g.names {
			r.nameGrp[i] = target
		}
		g.names, g.merged = nil, h
	}
	var kept []*group
	index := map[*group]int{}
	for _, g := range r.groups {
		if g.merged == nil {
			index[g] = len(kept)
			kept = append(kept, g)
		}
	}
	for i, gi := range r.nameGrp {
		g := r.groups[gi]
		for g.merged != nil {
			g = g.merged
		}
		r.nameGrp[i] = index[g]
	}
	r.groups = kept
}

// majorityType returns the type most of g's names have; a person's full
// name decides over guesses at its surname.
func (r *resolver) majorityType(g *group) string {
	count := map[string]int{}
	best := ""
	for _, i := range g.names {
		n := r.name(i)
		w := 1
		if n.Type == document.TypePerson && len(strings.Fields(n.Text)) > 1 {
			w = 3
		}
		count[n.Type] += w
		if best == "" || count[n.Type] > count[best] {
			best = n.Type
		}
	}
	if best == "" {
		return g.typ
	}
	return best
}

// longest returns g's longest name, without a possessive; one that does
// not begin with a title when g has such ("Joshua Norton", not "Emperor
// Norton").
func (r *resolver) longest(g *group) string {
	best, bestTitled := "", true
	for _, i := range g.names {
		t := stripPossessive(r.name(i).Text)
		_, k := r.leadingTitle(i)
		titled := k > 0
		n, m := utf8.RuneCountInString(t), utf8.RuneCountInString(best)
		// Longest, and written as in running text rather than as a
		// dateline in capitals ("Nairobi", not "NAIROBI").
		if bestTitled && !titled || titled == bestTitled && (n > m || n == m && isAcronym(best) && !isAcronym(t)) {
			best, bestTitled = t, titled
		}
	}
	return best
}

// canonical returns the name an entity is known by: a people's most
// frequent form, else the longest.
func (r *resolver) canonical(g *group) string {
	if g.typ != document.TypeNORP {
		return r.longest(g)
	}
	count := map[string]int{}
	best := ""
	for _, i := range g.names {
		t := r.name(i).Text
		count[t]++
		if best == "" || count[t] > count[best] {
			best = t
		}
	}
	return best
}

// normName folds a name for matching: lower case, curly apostrophes
// straightened, "the" and a possessive dropped, spaces collapsed.
func normName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.TrimPrefix(s, "the ")
	s = stripPossessive(s)
	return strings.Join(strings.Fields(s), " ")
}

func stripPossessive(s string) string {
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, p) && len(s) > len(p) {
			return s[:len(s)-len(p)]
		}
	}
	return s
}

func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, c := range s {
		if !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// leadingTitle returns the title that name i begins with and its number
// of words ("Professor" in "Professor Cres Eastman", "Mr." in "Mr.
// Yoshida"), when words remain after it; else nil, 0. Matching ignores
// it, so that "Professor Eastman" is "Cres Eastman". A name of another
// type counts only as a title and one more word.
func (r *resolver) leadingTitle(i int) (*lexicon.Title, int) {
	n := r.name(i)
	if n.Type == document.TypeNORP {
		return nil, 0
	}
	words := strings.Fields(n.Text)
	t, k := r.s.lex.MatchTitle(words)
	if t == nil || k >= len(words) || k > len(r.norm[i]) || len(strings.Fields(normName(n.Text))) != len(words) {
		return nil, 0
	}
	if n.Type != document.TypePerson && (t.Abbr || len(words)-k != 1) {
		// A title and one word, though typed a place or organisation, is
		// a person ("Emperor Norton"); "General Electric Company" is not.
		return nil, 0
	}
	return t, k
}

// titled reports whether every name of g begins with a title.
func (r *resolver) titled(g *group) bool {
	for _, i := range g.names {
		if _, k := r.leadingTitle(i); k == 0 {
			return false
		}
	}
	return len(g.names) > 0
}
