package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/geo/gazetteer"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/perceptron"
)

// Features are hashed as FNV-1a over a prefix naming the template and the
// template's values, computed in place so that extracting them allocates
// nothing. Every prefix ends in '=' and none is a prefix of another, so
// two templates cannot spell the same string.

func f1(prefix, a string) perceptron.Feature {
	return perceptron.Feature(perceptron.HashAdd(perceptron.HashAdd(perceptron.HashOffset, prefix), a))
}

func f2(prefix, a, b string) perceptron.Feature {
	h := perceptron.HashAdd(perceptron.HashAdd(perceptron.HashOffset, prefix), a)
	h = perceptron.HashAdd(h, "\x1f")
	return perceptron.Feature(perceptron.HashAdd(h, b))
}

// token is what the features read of one word.
type token struct {
	word, lower, shape string
	cap                bool     // starts with an upper-case letter
	upper              bool     // has letters, all upper case
	cl                 []string // word clusters, finest first; nil if unknown
}

func newToken(w string, cl *clusters) token {
	t := token{word: w, lower: strings.ToLower(w), shape: shape(w)}
	t.cl = cl.of(t.lower)
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	letters := false
	t.upper = true
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters = true
			if !unicode.IsUpper(r) {
				t.upper = false
				break
			}
		}
	}
	t.upper = t.upper && letters
	return t
}

// shape maps letters to X or x and digits to d, keeps other characters
// and collapses runs ("McDonald's" -> "XxXx'x", "1996-08-22" -> "d-d-d"),
// so that the shape generalises over words of any length.
func shape(w string) string {
	var b [24]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
}

// docInfo is what the whole document says about its words: capital
// letters mid-sentence mark names, lower-case uses mark common words, and
// the names already found tell how a repeated word was read (the
// "extended prediction history" of Ratinov and Roth 2009).
type docInfo struct {
	lower  map[string]bool // seen in lower case
	capMid map[string]int  // seen capitalised, not first in its sentence
	// hist counts how each capitalised word (by its lower case) was
	// labelled so far in this reading: O, then each of Types.
	hist map[string]*[5]int32
}

func newDocInfo(sents [][]token) *docInfo {
	d := &docInfo{lower: map[string]bool{}, capMid: map[string]int{}, hist: map[string]*[5]int32{}}
	for _, s := range sents {
		for i, t := range s {
			switch {
			case t.cap && !t.upper && i > 0:
				d.capMid[t.lower]++
			case !t.cap && t.lower == t.word && t.shape == "x":
				d.lower[t.lower] = true
			}
		}
	}
	return d
}

// remember records the types given to a sentence's capitalised words,
// O only for words not first in their sentence (where a capital says
// little).
func (d *docInfo) remember(toks []token, tags []int) {
	for i, t := range toks {
		if !t.cap {
			continue
		}
		h := d.hist[t.lower]
		if h == nil {
			h = new([5]int32)
			d.hist[t.lower] = h
		}
		if typ, _, ok := split(tags[i]); ok {
			h[1+typ]++
		} else if i > 0 {
			h[0]++ // a sentence-initial O says little
		}
	}
}

// extractor computes features. It holds look-ups only and is safe for
// concurrent use.
type extractor struct {
	gaz *gazetteer.Gazetteer
	lex *lexicon.Lexicon
	cl  *clusters
}

// tokens reads the words of a sentence.
func (x *extractor) tokens(words []string) []token {
	t := make([]token, len(words))
	for i, w := range words {
		t[i] = newToken(w, x.cl)
	}
	return t
}

// maxGazWords bounds the names looked up in the gazetteer and org list.
const maxGazWords = 5

// connectors may stand inside a place or organisation name.
var connectors = map[string]bool{
	"of": true, "de": true, "the": true, "and": true, "&": true, "du": true,
	"la": true, "le": true, "el": true, "al": true, "von": true, "van": true,
	"der": true, "da": true, "do": true, "dos": true, "for": true, "on": true,
}

// lists marks the tokens covered by names in the gazetteer and word
// lists, with their BILU position: gz[i] holds "kind|pos" strings.
func (x *extractor) lists(toks []token, words []string) [][]string {
	gz := make([][]string, len(toks))
	for i := range toks {
		if !toks[i].cap {
			continue
		}
		for n := 1; n <= maxGazWords && i+n <= len(toks); n++ {
			last := toks[i+n-1]
			if n > 1 && !last.cap && !connectors[last.lower] {
				break
			}
			if !last.cap {
				continue
			}
			name := words[i]
			if n > 1 {
				name = strings.Join(words[i:i+n], " ")
			}
			if kind := x.placeKind(name); kind != "" {
				mark(gz, i, n, kind)
			}
			if o, ok := x.lex.Org(name); ok {
				mark(gz, i, n, "org"+o.Type)
			}
		}
	}
	return gz
}

func mark(gz [][]string, i, n int, kind string) {
	if n == 1 {
		gz[i] = append(gz[i], kind+"|U")
		return
	}
	gz[i] = append(gz[i], kind+"|B")
	for j := i + 1; j < i+n-1; j++ {
		gz[j] = append(gz[j], kind+"|I")
	}
	gz[i+n-1] = append(gz[i+n-1], kind+"|L")
}

// placeKind says what kind of place name is, "" for none. Names known
// only as GeoNames alternate names (any language) are a kind of their
// own: they collide with ordinary words and names.
func (x *extractor) placeKind(name string) string {
	ms := x.gaz.Find(name)
	if len(ms) == 0 {
		return ""
	}
	m := ms[0]
	switch {
	case m.Alternate:
		return "galt"
	case m.IsCountry():
		return "gcountry"
	case m.IsAdmin():
		return "gadmin"
	case m.IsPopulated() && m.Population >= 100000:
		return "gcity"
	case m.IsPopulated():
		return "gtown"
	}
	return "ggeo"
}

// sentence returns the features of every token that do not depend on the
// labels: feats[offs[i]:offs[i+1]] are token i's.
func (x *extractor) sentence(toks []token, words []string, doc *docInfo) (feats []perceptron.Feature, offs []int) {
	n := len(toks)
	feats = make([]perceptron.Feature, 0, n*48)
	offs = make([]int, 0, n+1)
	gz := x.lists(toks, words)
	upperSent := 0
	for _, t := range toks {
		if t.upper && len(t.word) > 1 {
			upperSent++
		}
	}
	headline := n > 1 && upperSent*2 >= n
	at := func(i int) token {
		switch {
		case i < 0:
			return token{word: "<s>", lower: "<s>", shape: "<s>"}
		case i >= n:
			return token{word: "</s>", lower: "</s>", shape: "</s>"}
		}
		return toks[i]
	}
	for i, t := range toks {
		offs = append(offs, len(feats))
		add := func(f perceptron.Feature) { feats = append(feats, f) }
		p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
		add(f1("b=", ""))
		add(f1("w=", t.word))
		add(f1("l=", t.lower))
		add(f1("s=", t.shape))
		for k := 1; k <= 4 && k < len(t.lower); k++ {
			add(f2("pre=", string(rune('0'+k)), t.lower[:k]))
			add(f2("suf=", string(rune('0'+k)), t.lower[len(t.lower)-k:]))
		}
		add(f1("l-1=", p1.lower))
		add(f1("l-2=", p2.lower))
		add(f1("l+1=", n1.lower))
		add(f1("l+2=", n2.lower))
		add(f1("s-1=", p1.shape))
		add(f1("s+1=", n1.shape))
		add(f2("sp=", p1.shape, t.shape))
		add(f2("sn=", t.shape, n1.shape))
		add(f2("bp=", p1.lower, t.lower))
		add(f2("bn=", t.lower, n1.lower))
		for _, c := range t.cl {
			add(f1("c=", c))
		}
		if len(p1.cl) > 1 {
			add(f1("c-1=", p1.cl[1]))
		}
		if len(n1.cl) > 1 {
			add(f1("c+1=", n1.cl[1]))
		}
		if i == 0 {
			add(f1("ini=", t.shape))
		}
		if headline {
			add(f1("hl=", t.lower))
			add(f1("hs=", t.shape))
		}
		if x.lex.Common(t.word) {
			add(f1("cm=", capClass(t, i)))
		}
		if _, ok := x.lex.FirstName(t.word); ok {
			add(f1("fn=", ""))
		}
		if _, ok := x.lex.FirstName(p1.word); ok && i > 0 {
			add(f1("fn-1=", t.shape))
		}
		if _, ok := x.lex.FirstName(n1.word); ok && i+1 < n {
			add(f1("fn+1=", t.shape))
		}
		if i > 0 {
			if ti, _ := x.lex.MatchTitleEnding(words[max(0, i-3):i]); ti != nil {
				add(f1("tt=", t.shape))
			}
		}
		for k := 0; k <= 2 && i+k < n; k++ {
			if kw, ok := x.lex.Keyword(toks[i+k].word); ok {
				add(f2("kw=", string(rune('0'+k)), kw.Type))
			}
		}
		if t.cap {
			if _, ok := x.gaz.Demonym(t.word); ok {
				add(f1("dm=", ""))
			}
		}
		for _, g := range gz[i] {
			add(f1("gz=", g))
		}
		if i > 0 {
			for _, g := range gz[i-1] {
				add(f1("gz-1=", g))
			}
		}
		if i+1 < n {
			for _, g := range gz[i+1] {
				add(f1("gz+1=", g))
			}
		}
		if t.cap || t.upper {
			self := 0
			if t.cap && !t.upper && i > 0 {
				self = 1
			}
			if doc.capMid[t.lower] > self {
				add(f1("dc=", capClass(t, i)))
			}
			if doc.lower[t.lower] {
				add(f1("dl=", capClass(t, i)))
			}
		}
	}
	offs = append(offs, len(feats))
	return feats, offs
}

// capClass is a token's capitalisation and position in brief.
func capClass(t token, i int) string {
	c := "l"
	switch {
	case t.upper:
		c = "u"
	case t.cap:
		c = "c"
	}
	if i == 0 {
		return c + "0"
	}
	return c
}

// dynamic appends the features that depend on the labels already given:
// the previous two tags and how the document labelled this word before.
func dynamic(feats []perceptron.Feature, t token, prev, prev2 int, doc *docInfo) []perceptron.Feature {
	pc, pc2 := classNames[prev], classNames[prev2]
	feats = append(feats,
		f1("t1=", pc),
		f2("t2=", pc2, pc),
		f2("tw=", pc, t.lower),
		f2("ts=", pc, t.shape),
	)
	if t.cap {
		if h := doc.hist[t.lower]; h != nil {
			best := 0
			for k, c := range h {
				if c > 0 {
					feats = append(feats, f1("h=", histName[k]))
				}
				if c > h[best] {
					best = k
				}
			}
			feats = append(feats, f1("hm=", histName[best]))
		}
	}
	return feats
}

var (
	classNames = classNameList()
	histName   = append([]string{"O"}, Types...)
)
