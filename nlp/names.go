package nlp

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/tokenize"
)

// How sure the finder is of a name's type. A weaker reading of a name
// gives way to a stronger reading of the same name elsewhere in the
// document.
const (
	guess  = iota // by position only ("in X", two unknown capitalised words)
	weak          // a small town of that name, a lone head word
	cued          // a head word, a demonym, a first name, a cue word before it
	strong        // a known organisation, a country, a title before it
)

// maxNameWords bounds a run of capitalised words taken as one name (with
// its titles), so that a shouted or title-cased line costs linear time.
const maxNameWords = 12

// cand is a name found, before the document-level pass.
type cand struct {
	start, end int // byte offsets
	words      int // number of words
	typ        string
	strength   int
	sent       int
}

// finder holds one document's state while names are found in it.
type finder struct {
	s      *Stage
	lex    *lexicon.Lexicon
	text   string
	toks   []document.Token
	cap    []bool // token starts with a capital (or is "al-Sisi"-like)
	first  []bool // token opens a sentence, a quotation or a line
	capMid map[string]bool
	cands  []cand
}

// findNames returns the name mentions of a tokenised, sentence-split text,
// in text order.
func (s *Stage) findNames(text string, toks []document.Token, sents []document.Sentence) []document.Name {
	f := &finder{
		s: s, lex: s.lex, text: text, toks: toks,
		cap: make([]bool, len(toks)), first: make([]bool, len(toks)),
		capMid: map[string]bool{},
	}
	f.mark(sents)
	for si, sent := range sents {
		if f.furniture(sent) {
			continue
		}
		f.sentence(si, sent.TokenStart, sent.TokenEnd)
	}
	f.consistency()
	names := make([]document.Name, 0, len(f.cands))
	for _, c := range f.cands {
		names = append(names, document.Name{
			Start: c.start, End: c.end, Text: text[c.start:c.end],
			Type: c.typ, Sentence: c.sent,
		})
	}
	sort.SliceStable(names, func(i, j int) bool { return names[i].Start < names[j].Start })
	return names
}

// mark sets the per-token flags and collects the words seen capitalised
// where a capital means something (not at the start of a sentence).
func (f *finder) mark(sents []document.Sentence) {
	for _, sent := range sents {
		opening := true
		for i := sent.TokenStart; i < sent.TokenEnd; i++ {
			t := f.toks[i].Text
			r, _ := utf8.DecodeRuneInString(t)
			if i > sent.TokenStart && strings.Contains(f.text[f.toks[i-1].End:f.toks[i].Start], "\n") {
				opening = true
			}
			if !tokenize.IsWordRune(r) {
				// Quotes, brackets, dashes and colons leave the next
				// word at an opening position.
				if f.opensQuote(i) || r == '(' || r == '[' || r == ':' || r == '—' || r == '–' || r == '-' || r == '•' {
					opening = true
				}
				continue
			}
			f.cap[i] = unicode.IsUpper(r) || particlePrefixed(t)
			f.first[i] = opening
			opening = false
			if f.cap[i] && !f.first[i] {
				f.capMid[t] = true
			}
		}
	}
}

// opensQuote reports whether token i is an opening quotation mark.
func (f *finder) opensQuote(i int) bool {
	switch f.toks[i].Text {
	case "“", "‘", "«", "„", "‹":
		return true
	case "\"", "'", "`":
		// A straight quote opens when white space or the text's start is
		// before it.
		return i == 0 || f.toks[i-1].End < f.toks[i].Start
	}
	return false
}

// furniture reports whether a sentence is a short line of page furniture
// ("Follow us on Facebook", "More from this category"): a whole paragraph
// of a few words, without sentence punctuation, opening with a common
// word. Extraction should have dropped it; names in it are not news.
func (f *finder) furniture(sent document.Sentence) bool {
	n := sent.TokenEnd - sent.TokenStart
	if n == 0 {
		return true
	}
	if n > 6 || !paragraphEdge(f.text, sent.Start, -1) || !paragraphEdge(f.text, sent.End, 1) {
		return false
	}
	for i := sent.TokenStart; i < sent.TokenEnd; i++ {
		switch t := f.toks[i].Text; {
		case isTerminal(t), t == ",", t == ":":
			return false
		}
	}
	first := f.toks[sent.TokenStart].Text
	return f.lex.Common(first) && !f.known(first)
}

// paragraphEdge reports whether only white space holding a blank line, or
// the text's edge, lies from pos in direction dir (-1 back, +1 on).
func paragraphEdge(text string, pos, dir int) bool {
	newlines := 0
	for i := pos; ; i += dir {
		j := i
		if dir < 0 {
			j = i - 1
		}
		if j < 0 || j >= len(text) {
			return true
		}
		switch text[j] {
		case '\n':
			newlines++
			if newlines == 2 {
				return true
			}
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
}

// sentence finds the names of the tokens [ts, te) of sentence si.
func (f *finder) sentence(si, ts, te int) {
	for i := ts; i < te; {
		if !f.namePart(i) {
			f.hyphenParts(si, i)
			i++
			continue
		}
		a, b := i, f.extend(i, te)
		i = b
		a = f.trimOpening(a, b)
		for a < b && (isConnector(f.toks[a].Text) || isDeterminer(f.toks[a].Text)) {
			a++
		}
		for b > a && isConnector(f.toks[b-1].Text) {
			b--
		}
		if a < b {
			f.run(si, a, b)
		}
	}
}

// namePart reports whether token i can be a word of a name.
func (f *finder) namePart(i int) bool {
	if !f.cap[i] {
		return false
	}
	t := f.toks[i].Text
	if t == "I" || weekdays[t] {
		return false
	}
	if months[t] && (i == 0 || !f.cap[i-1] || f.first[i-1] && f.lex.Common(f.toks[i-1].Text)) {
		return false // "in May", but "Theresa May"
	}
	if k := strings.LastIndexByte(t, '-'); k > 0 && k+1 < len(t) {
		if r, _ := utf8.DecodeRuneInString(t[k+1:]); unicode.IsLower(r) {
			return false // "Hamas-run", "US-led": a modifier, see hyphenParts
		}
	}
	if len(t) > 1 && isUpperWord(t) && f.lex.Common(t) && !f.known(t) {
		return false // "THE", "NEWS" in a shouted line
	}
	return true
}

// extend returns the end of the run of name words that starts at token a:
// capitalised words, with particles ("bin", "van der"), "&", and "of" or
// "and" where the whole is a known name or "of" follows a head word
// ("Bank of England").
func (f *finder) extend(a, te int) int {
	b := a + 1
	for b < te && b-a < maxNameWords {
		if f.namePart(b) && f.adjacent(b) {
			b++
			continue
		}
		j := b
		for j < te && j-b < 2 && isConnector(f.toks[j].Text) && f.adjacent(j) {
			j++
		}
		if j == b || j >= te || !f.namePart(j) || !f.adjacent(j) || !f.connectorOK(a, b, j) {
			break
		}
		b = j + 1
	}
	return b
}

// adjacent reports whether token i follows token i-1 on the same line.
func (f *finder) adjacent(i int) bool {
	return !strings.Contains(f.text[f.toks[i-1].End:f.toks[i].Start], "\n")
}

// connectorOK reports whether the connectors toks[b:j] may join the name
// words toks[a:b] to the name word toks[j].
func (f *finder) connectorOK(a, b, j int) bool {
	switch c := f.toks[b].Text; c {
	case "&":
		return true
	case "the":
		return false
	case "of":
		if j-b == 2 && f.toks[b+1].Text != "the" {
			return false
		}
		if _, ok := f.lex.Keyword(f.toks[b-1].Text); ok {
			return true
		}
		words := f.words(a, b)
		if t, _ := f.lex.MatchTitleEnding(words); t != nil {
			return true // "Secretary of State", "Chief of Staff"
		}
		return f.known(f.span(a, j+1))
	case "and":
		return j-b == 1 && f.known(f.span(a, j+1))
	default:
		return j-b == 1 || particles[f.toks[b+1].Text]
	}
}

// trimOpening drops the first word of the run [a, b) when it is
// capitalised only because it opens the sentence: "Details are …",
// "Briefing lawmakers, …", "In Gaza …". It returns the new start.
func (f *finder) trimOpening(a, b int) int {
	if !f.first[a] {
		return a
	}
	t := f.toks[a].Text
	if isDeterminer(t) {
		return a + 1
	}
	if len(t) >= 2 && len(t) <= 5 && isUpperWord(t) && !f.lex.Common(t) {
		return a // an acronym: "(RSF)"
	}
	switch {
	case f.known(t) || b-a >= 2 && f.known(f.span(a, b)):
		return a
	case f.capMid[t]:
		return a
	}
	if title, n := f.lex.MatchTitle(f.words(a, b)); title != nil && a+n < b {
		return a // "President Biden said"
	}
	if f.lex.Common(t) {
		// "Will Smith said", but not "Despite Israel's …".
		if _, ok := f.lex.FirstName(t); ok && b-a >= 2 {
			next := f.toks[a+1].Text
			if !f.lex.Common(next) && !f.known(next) {
				return a
			}
		}
		return a + 1
	}
	if b-a >= 2 || b < len(f.toks) && speechVerbs[f.toks[b].Text] {
		return a
	}
	return a + 1
}

// run types the name run [a, b), splitting it at titles ("US President
// Joe Biden" is "US", a title, and "Joe Biden") and at a leading demonym
// ("Israeli forces"), and records the names.
func (f *finder) run(si, a, b int) {
	if f.known(f.span(a, b)) {
		f.segment(si, a, b, false)
		return
	}
	seg, titled := a, false
	for p := a; p < b; {
		if !f.lex.StartsTitle(f.toks[p].Text) {
			p++
			continue
		}
		t, n := f.lex.MatchTitle(f.words(p, b))
		if t == nil || !f.titleSplits(a, p, p+n, b) {
			p++
			continue
		}
		if seg < p {
			f.segment(si, seg, p, titled)
		}
		p += n
		seg, titled = p, true
	}
	if seg < b {
		f.segment(si, seg, b, titled)
	}
}

// titleSplits reports whether the title toks[p:q] inside the run [a, b)
// is a title rather than a word of a name: a name follows it and is not
// an organisation ("Justice Department", "General Assembly"), or it
// closes the run after a demonym or a known name ("Italian Prime
// Minister").
func (f *finder) titleSplits(a, p, q, b int) bool {
	if p > a && !f.known(f.span(a, p)) && !f.hasKeyword(a, p) {
		return false // "Martin Luther King Jr.": a title inside a name
	}
	if q < b {
		for i := q; i < b; i++ {
			if k, ok := f.lex.Keyword(f.toks[i].Text); ok && k.Type == document.TypeOrg {
				return false
			}
		}
		return !f.known(f.span(q, b))
	}
	if p == a {
		return true // the run is only a title: "President"
	}
	return f.known(f.span(a, p)) || f.demonym(f.toks[p-1].Text)
}

// segment types the name [a, b) (after any title, which titled tells)
// and records it.
func (f *finder) segment(si, a, b int, titled bool) {
	for a < b && (isConnector(f.toks[a].Text) || isDeterminer(f.toks[a].Text)) {
		a++
	}
	for b > a && isConnector(f.toks[b-1].Text) {
		b--
	}
	if a >= b {
		return
	}
	// A leading demonym is a name of its own unless the whole is an
	// organisation: "Israeli forces" but "Israeli Defense Forces".
	if b-a >= 2 && f.demonym(f.toks[a].Text) && !f.known(f.span(a, b)) && !f.hasKeyword(a, b) {
		f.add(si, f.toks[a].Start, f.toks[a].End, 1, document.TypeNORP, cued)
		f.segment(si, a+1, b, titled)
		return
	}
	if b-a == 1 && f.splitCompound(si, a) {
		return
	}
	typ, strength := f.classify(a, b, titled)
	f.add(si, f.toks[a].Start, f.toks[b-1].End, b-a, typ, strength)
}

// splitCompound records the parts of a hyphenated token whose parts are
// each a known place or people ("US-Israel") and reports whether it did.
func (f *finder) splitCompound(si, i int) bool {
	t := f.toks[i].Text
	if !strings.Contains(t, "-") || f.known(t) {
		return false
	}
	parts := strings.Split(t, "-")
	for _, p := range parts {
		if p == "" || !f.known(p) {
			return false
		}
	}
	off := f.toks[i].Start
	for _, p := range parts {
		typ, strength := f.classifyWord(p)
		f.add(si, off, off+len(p), 1, typ, strength)
		off += len(p) + 1
	}
	return true
}

// hyphenParts records the known names inside a hyphenated modifier:
// "Hamas" in "Hamas-run", "US" in "US-led", "Israel" in "anti-Israel".
func (f *finder) hyphenParts(si, i int) {
	t := f.toks[i].Text
	if !strings.Contains(t, "-") {
		return
	}
	off := f.toks[i].Start
	for _, p := range strings.Split(t, "-") {
		if r, _ := utf8.DecodeRuneInString(p); unicode.IsUpper(r) && f.known(p) {
			typ, strength := f.classifyWord(p)
			f.add(si, off, off+len(p), 1, typ, strength)
		}
		off += len(p) + 1
	}
}

// classifyWord types a single known word.
func (f *finder) classifyWord(w string) (string, int) {
	if o, ok := f.lex.Org(w); ok {
		return o.Type, strong
	}
	if f.demonym(w) {
		return document.TypeNORP, cued
	}
	if typ, s, ok := f.place(w); ok {
		return typ, s
	}
	return document.TypeMisc, guess
}

func (f *finder) add(si, start, end, words int, typ string, strength int) {
	f.cands = append(f.cands, cand{start: start, end: end, words: words, typ: typ, strength: strength, sent: si})
}

// classify returns the type of the name [a, b) and how sure it is.
func (f *finder) classify(a, b int, titled bool) (string, int) {
	name := f.span(a, b)
	last := f.toks[b-1].Text
	if o, ok := f.lex.Org(name); ok {
		return o.Type, strong
	}
	if titled {
		return document.TypePerson, strong
	}
	// "US officials", "US President": the adjective, not the country.
	if b-a == 1 && f.demonym(name) && b < len(f.toks) && f.adjectival(b) {
		return document.TypeNORP, cued
	}
	if typ, s, ok := f.place(name); ok && s == strong {
		return typ, s
	}
	if f.roleBefore(a) {
		return document.TypePerson, strong
	}
	if b-a >= 2 && nameSuffixes[last] {
		return document.TypePerson, cued
	}
	if typ, ok := f.keywordType(a, b); ok {
		if b-a == 1 {
			return typ, weak
		}
		return typ, cued
	}
	if f.demonym(name) {
		return document.TypeNORP, cued
	}
	if b-a >= 2 {
		if _, ok := f.lex.FirstName(f.toks[a].Text); ok {
			return document.TypePerson, cued // keywords are ruled out above
		}
	}
	if typ, s, ok := f.place(name); ok {
		return typ, s
	}
	return f.byContext(a, b)
}

// byContext guesses the type of an unknown name from the words around it.
func (f *finder) byContext(a, b int) (string, int) {
	prev := ""
	p := a - 1
	if p >= 0 {
		prev = strings.ToLower(f.toks[p].Text)
	}
	// "the militant group X", "the city of X".
	q := p
	if prev == "of" && q > 0 {
		q--
	}
	if q >= 0 {
		w := strings.ToLower(f.toks[q].Text)
		if orgNouns[w] && prev != "of" {
			return document.TypeOrg, cued
		}
		if placeNouns[w] {
			return document.TypeGPE, cued
		}
	}
	if (prev == "at" || prev == "for") && p > 0 && f.roleWord(p-1) {
		return document.TypeOrg, cued // "analysts at X", "a spokesman for X"
	}
	name := f.span(a, b)
	switch {
	case b-a == 1 && len(name) >= 2 && len(name) <= 6 && isUpperWord(name):
		return document.TypeOrg, guess // an acronym
	case locativePreps[prev]:
		return document.TypeGPE, guess
	case b-a == 1 && prev != "the" && b < len(f.toks) && speechVerbs[f.toks[b].Text]:
		return document.TypePerson, guess // "Sinwar said"
	case b-a == 1 && prev == "the":
		return document.TypeOrg, guess // "the Knesset"
	case b-a >= 2 && b-a <= 4 && !f.anyCommon(a, b):
		return document.TypePerson, guess
	}
	return document.TypeMisc, guess
}

// consistency makes each name's type agree across the document: a lone
// word that ends a person's name elsewhere is that person ("Netanyahu"
// after "Benjamin Netanyahu"), and a guessed type gives way to a surer
// reading of the same name.
func (f *finder) consistency() {
	surname := map[string]bool{}
	best := map[string]int{} // name -> index of its surest reading
	for i, c := range f.cands {
		name := f.text[c.start:c.end]
		if c.typ == document.TypePerson && c.words >= 2 && c.strength >= cued {
			// Any word but the first: "Netanyahu", "Jean-Pierre", and
			// "Lula" of "Luiz Inácio Lula da Silva".
			for _, w := range strings.Fields(name)[1:] {
				if !particles[w] {
					surname[w] = true
				}
			}
		}
		if j, ok := best[name]; !ok || surer(c, f.cands[j]) {
			best[name] = i
		}
	}
	for i := range f.cands {
		c := &f.cands[i]
		name := f.text[c.start:c.end]
		switch b := f.cands[best[name]]; {
		case c.words == 1 && surname[name] && c.strength <= weak:
			c.typ, c.strength = document.TypePerson, cued
		case surer(b, *c):
			c.typ, c.strength = b.typ, b.strength
		}
	}
}

// surer reports whether a is a surer reading than b: stronger, or as
// strong and typed where b is only MISC.
func surer(a, b cand) bool {
	return a.strength > b.strength ||
		a.strength == b.strength && b.typ == document.TypeMisc && a.typ != document.TypeMisc
}

// known reports whether a name is in the word lists or the gazetteer at a
// level that a capital letter cannot be doubted (countries, capitals,
// regions, well-known organisations, demonyms).
func (f *finder) known(name string) bool {
	if _, ok := f.lex.Org(name); ok {
		return true
	}
	if f.demonym(name) {
		return true
	}
	_, s, ok := f.place(name)
	return ok && s == strong
}

// demonym reports whether w names a people or nationality ("Israeli",
// "Palestinians").
func (f *finder) demonym(w string) bool {
	if f.s.places == nil {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	if _, ok := f.s.places.Demonym(w); ok {
		return true
	}
	if strings.HasSuffix(w, "s") && len(w) > 3 {
		_, ok := f.s.places.Demonym(w[:len(w)-1])
		return ok
	}
	return false
}

// place returns the type the gazetteer gives a name: GPE for countries,
// divisions and towns, LOC for regions, seas and other areas; strong for
// a country, capital, division or region, weak for a town.
func (f *finder) place(name string) (string, int, bool) {
	if f.s.places == nil {
		return "", 0, false
	}
	es := f.s.places.Lookup(name)
	if len(es) == 0 {
		return "", 0, false
	}
	e := es[0]
	typ := document.TypeGPE
	switch {
	case strings.HasPrefix(e.Feature, "PCL"), strings.HasPrefix(e.Feature, "ADM"), e.Feature == "TERR":
		return typ, strong, true
	case strings.HasPrefix(e.Feature, "PPL"):
		if e.Feature == "PPLC" || e.Feature == "PPLG" || e.Population >= 500000 {
			return typ, strong, true
		}
		return typ, weak, true
	}
	return document.TypeLoc, strong, true
}

// adjectival reports whether the word after a demonym shows it is used as
// an adjective: a lower-case word or a title ("US officials", "US
// President").
func (f *finder) adjectival(next int) bool {
	t := f.toks[next].Text
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) {
		return true
	}
	title, _ := f.lex.MatchTitle(f.words(next, min(next+3, len(f.toks))))
	return title != nil
}

// roleBefore reports whether a title or role word stands right before
// token a ("spokesperson Karine Jean-Pierre", "foreign minister X").
func (f *finder) roleBefore(a int) bool {
	lo := max(0, a-3)
	for s := lo; s < a; s++ {
		if f.toks[s].Sentence != f.toks[a].Sentence {
			continue
		}
		if t, n := f.lex.MatchTitle(f.words(s, a)); t != nil && s+n == a {
			return true
		}
	}
	return false
}

// roleWord reports whether token i is a title or role word, or its
// plural ("analysts", "officials").
func (f *finder) roleWord(i int) bool {
	w := f.toks[i].Text
	if t := f.lex.LookupTitle(w); t != nil && !t.Abbr {
		return true
	}
	if t := f.lex.LookupTitle(strings.TrimSuffix(w, "s")); t != nil && !t.Abbr {
		return true
	}
	return false
}

// keywordType returns the type a head word gives the name [a, b).
func (f *finder) keywordType(a, b int) (string, bool) {
	if k, ok := f.lex.Keyword(f.toks[b-1].Text); ok {
		return k.Type, true
	}
	if b-a >= 2 {
		if k, ok := f.lex.Keyword(f.toks[a].Text); ok && (k.First || f.toks[a+1].Text == "of") {
			return k.Type, true
		}
	}
	return "", false
}

func (f *finder) hasKeyword(a, b int) bool {
	for i := a; i < b; i++ {
		if _, ok := f.lex.Keyword(f.toks[i].Text); ok {
			return true
		}
	}
	return false
}

func (f *finder) anyCommon(a, b int) bool {
	for i := a; i < b; i++ {
		if f.lex.Common(f.toks[i].Text) {
			return true
		}
	}
	return false
}

// span returns the text of the tokens [a, b).
func (f *finder) span(a, b int) string { return f.text[f.toks[a].Start:f.toks[b-1].End] }

// words returns the texts of the tokens [a, b).
func (f *finder) words(a, b int) []string {
	w := make([]string, 0, b-a)
	for i := a; i < b; i++ {
		w = append(w, f.toks[i].Text)
	}
	return w
}

// particlePrefixed reports whether a lower-case token is a name part that
// starts with a particle: "al-Sisi", "bin-Salman", "el-Sheikh".
func particlePrefixed(t string) bool {
	k := strings.IndexByte(t, '-')
	if k <= 0 || k+1 >= len(t) || !particles[t[:k]] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[k+1:])
	return unicode.IsUpper(r)
}

func isConnector(t string) bool {
	return t == "of" || t == "and" || t == "&" || t == "the" || particles[t]
}

func isDeterminer(t string) bool { return determiners[t] }

func isUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}
