// Package sentences is newsgraph's trained sentence splitter: an averaged
// perceptron that decides, at every token that could end a sentence,
// whether one ends there. Candidates are end punctuation (. ! ? … ; : and
// abbreviations with their period), closing quotes and brackets, and, since
// web text often lacks punctuation, any token followed by a line break or
// a capitalised word. A paragraph break (a blank line) always ends a
// sentence. It trains on UD English-EWT and the shippable genres of UD
// English-GUM (see Train).
package sentences

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/models"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/perceptron"
)

// ModelFile is the name of the shipped model under models/data.
const ModelFile = "sentences.model.gz"

// Classes of the binary decision at a candidate.
const (
	classNo  = 0
	classYes = 1
)

var classes = []string{"no", "yes"}

// Splitter splits tokenised text into sentences. It is read-only and
// safe for concurrent use.
type Splitter struct {
	model *perceptron.Model
}

// Load returns the shipped splitter, read once per process; the error
// wraps fs.ErrNotExist when this build ships no model.
func Load() (*Splitter, error) { return loadOnce() }

var loadOnce = sync.OnceValues(func() (*Splitter, error) {
	b, err := models.Open(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("sentences: %w", err)
	}
	m, err := perceptron.Load(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("sentences: %s: %w", ModelFile, err)
	}
	if len(m.Classes) != len(classes) {
		return nil, fmt.Errorf("sentences: %s: %d classes, want %d", ModelFile, len(m.Classes), len(classes))
	}
	return &Splitter{model: m}, nil
})

// Split returns the byte spans [start, end) of the sentences of text,
// given its tokens (tokenize.Text(text)), in order. Each span runs from
// its first token's start to its last token's end; every token falls in
// exactly one span. Empty input gives none.
func (s *Splitter) Split(text string, toks []document.Token) [][2]int {
	if len(toks) == 0 {
		return nil
	}
	var spans [][2]int
	fx := newFeaturizer(text, toks)
	scores := make([]float32, len(classes))
	start := 0
	for i := range toks {
		end := i == len(toks)-1
		if !end {
			switch fx.kind(i) {
			case candParagraph:
				end = true
			case candYes:
				end = s.model.Predict(fx.features(i, i-start), scores) == classYes
			}
		}
		if end {
			spans = append(spans, [2]int{toks[start].Start, toks[i].End})
			start = i + 1
		}
	}
	return spans
}

// Kinds of token position, by what decides a boundary after it.
const (
	candNone      = iota // no sentence ends here
	candYes              // a candidate: the model decides
	candParagraph        // a blank line follows: always a boundary
)

// featurizer computes candidates and features over one text's tokens.
type featurizer struct {
	text  string
	toks  []document.Token
	feats []perceptron.Feature
}

func newFeaturizer(text string, toks []document.Token) *featurizer {
	return &featurizer{text: text, toks: toks, feats: make([]perceptron.Feature, 0, 80)}
}

// gap returns the text between token i and the next (i < len-1), or ""
// when it is out of range or malformed.
func (f *featurizer) gap(i int) string {
	if i < 0 || i+1 >= len(f.toks) {
		return ""
	}
	a, b := f.toks[i].End, f.toks[i+1].Start
	if a < 0 || b > len(f.text) || a > b {
		return ""
	}
	return f.text[a:b]
}

// kind says whether a sentence may end after token i (not the last).
func (f *featurizer) kind(i int) int {
	g := f.gap(i)
	if paragraphBreak(g) {
		return candParagraph
	}
	t := f.toks[i].Text
	switch {
	case endPunct(t), closer(t), strings.IndexByte(g, '\n') >= 0:
		return candYes
	}
	// A word that is not lower case may open a sentence: a capital, a
	// number ("08/16/2000 12:05 PM"), a dash or bullet or opening quote.
	next := f.toks[i+1].Text
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) || strings.ContainsRune(",.;:!?)]}%", r) || strings.HasPrefix(next, "'") || strings.HasPrefix(next, "’") {
		return candNone
	}
	return candYes
}

// endPunct reports whether a token is punctuation that may end a
// sentence, or a word that keeps its period ("U.S.", "Inc.").
func endPunct(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case '.', '!', '?', ';', ':':
		return true
	}
	return t == "…" || strings.HasSuffix(t, ".")
}

// closer reports whether a token closes a quote or bracket.
func closer(t string) bool {
	switch t {
	case "”", "’", "»", "›", ")", "]", "}", "\"", "'", "''":
		return true
	}
	return false
}

// paragraphBreak reports whether white space holds a blank line.
func paragraphBreak(gap string) bool {
	i := strings.IndexByte(gap, '\n')
	if i < 0 {
		return false
	}
	for _, c := range gap[i+1:] {
		switch {
		case c == '\n':
			return true
		case !unicode.IsSpace(c):
			return false
		}
	}
	return false
}

// shape maps a word to its form: X upper, x lower, d digit, other runes
// as they are, runs collapsed, at most 6 runes.
func shape(t string) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range t {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		b.WriteRune(c)
		if n++; n == 6 {
			break
		}
	}
	return b.String()
}

// gapKind names the white space between token i and the next.
func (f *featurizer) gapKind(i int) string {
	g := f.gap(i)
	switch {
	case i < 0:
		return "bos"
	case i+1 >= len(f.toks):
		return "eos"
	case g == "":
		return "none"
	case strings.IndexByte(g, '\n') >= 0:
		return "nl"
	case g == " ":
		return "sp"
	}
	return "ws"
}

// word returns token i's text lowercased, or a padding mark.
func (f *featurizer) word(i int) string {
	switch {
	case i < 0:
		return "<s>"
	case i >= len(f.toks):
		return "</s>"
	}
	return strings.ToLower(f.toks[i].Text)
}

// wshape returns token i's shape, or a padding mark.
func (f *featurizer) wshape(i int) string {
	switch {
	case i < 0:
		return "<s>"
	case i >= len(f.toks):
		return "</s>"
	}
	return shape(f.toks[i].Text)
}

// sinceNewline counts the tokens from the last line break to token i.
func (f *featurizer) sinceNewline(i int) int {
	n := 0
	for k := i - 1; k >= 0 && n < 30; k-- {
		n++
		if strings.IndexByte(f.gap(k), '\n') >= 0 {
			break
		}
	}
	return n
}

// punctDistances buckets the tokens from token i to the next token of
// end punctuation ahead of it, and back to the one before it.
func (f *featurizer) punctDistances(i int) (next, prev string) {
	n := 25
	for k := i + 1; k < len(f.toks) && k <= i+25; k++ {
		if endPunct(f.toks[k].Text) {
			n = k - i - 1
			break
		}
	}
	p := 25
	for k := i - 1; k >= 0 && k >= i-25; k-- {
		if endPunct(f.toks[k].Text) {
			p = i - k - 1
			break
		}
	}
	return distBucket(n), distBucket(p)
}

// lenBucket buckets a token length.
func lenBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 3:
		return "2-3"
	case n <= 6:
		return "4-6"
	}
	return "7+"
}

// distBucket buckets the number of tokens since the sentence began.
func distBucket(n int) string {
	switch {
	case n < 3:
		return offsets[n+3]
	case n < 6:
		return "3-5"
	case n < 12:
		return "6-11"
	case n < 25:
		return "12-24"
	}
	return "25+"
}

var offsets = [7]string{"-3", "-2", "-1", "0", "1", "2", "3"}

// features returns the features of the candidate after token i, with
// sinceStart tokens before it in the current sentence. The slice is
// reused by the next call.
func (f *featurizer) features(i, sinceStart int) []perceptron.Feature {
	f.feats = f.feats[:0]
	add := func(parts ...string) {
		h := uint64(perceptron.HashOffset)
		for k, p := range parts {
			if k > 0 {
				h = perceptron.HashAdd(h, "\x1f")
			}
			h = perceptron.HashAdd(h, p)
		}
		f.feats = append(f.feats, perceptron.Feature(h))
	}
	w0, w1 := f.word(i), f.word(i+1)
	s0, s1 := f.wshape(i), f.wshape(i+1)
	raw1 := ""
	if i+1 < len(f.toks) {
		raw1 = f.toks[i+1].Text
	}
	g0 := f.gapKind(i)
	r1, _ := utf8.DecodeRuneInString(raw1)
	cap1 := "low"
	switch {
	case unicode.IsUpper(r1):
		cap1 = "cap"
	case unicode.IsDigit(r1):
		cap1 = "dig"
	case !unicode.IsLetter(r1):
		cap1 = "punct"
	}
	abbr := "no"
	if t := f.toks[i].Text; len(t) > 1 && strings.HasSuffix(t, ".") && t != "..." {
		abbr = "yes"
		if len(t) == 2 {
			abbr = "initial"
		} else if len(t) >= 4 && t[1] == '.' {
			abbr = "dots"
		}
	}
	add("bias")
	for k := -3; k <= 3; k++ {
		add("w", offsets[k+3], f.word(i+k))
		add("s", offsets[k+3], f.wshape(i+k))
	}
	add("raw1", raw1)
	add("w0w1", w0, w1)
	add("w0s1", w0, s1)
	add("s0w1", s0, w1)
	add("s0s1", s0, s1)
	add("w-1w0", f.word(i-1), w0)
	add("w1w2", w1, f.word(i+2))
	add("cap1", cap1)
	add("cap1g", cap1, g0)
	add("w0cap1g", w0, cap1, g0)
	add("raw1g", raw1, g0)
	add("g0", g0)
	add("g-1", f.gapKind(i-1))
	add("g1", f.gapKind(i+1))
	add("abbr", abbr, cap1)
	add("abbrw1", abbr, raw1)
	add("len0", lenBucket(utf8.RuneCountInString(f.toks[i].Text)), cap1)
	add("len-1", lenBucket(len(f.word(i-1))), w0)
	lex := lexicon.Default()
	common1 := "oov"
	if i+1 < len(f.toks) && lex.Common(raw1) {
		common1 = "common"
	}
	common0 := lex.Common(f.toks[i].Text)
	add("common1", common1, cap1, g0)
	add("common01", fmt.Sprint(common0), common1, cap1)
	add("w0common1", w0, common1, cap1)
	add("w-1w0w1", f.word(i-1), w0, w1)
	add("bol0", f.gapKind(i-1), g0, s0, s1)
	add("line", distBucket(f.sinceNewline(i)), g0, cap1)
	next, prev := f.punctDistances(i)
	add("punctnext", next, cap1)
	add("punctprev", prev, cap1)
	add("punctboth", prev, next, s0)
	first := f.word(i - sinceStart)
	add("first", first, w0)
	add("firstcap", first, cap1)
	add("distw0", distBucket(sinceStart), w0)
	add("dists", distBucket(sinceStart), s0, s1)
	add("dist", distBucket(sinceStart))
	add("distg", distBucket(sinceStart), g0, cap1)
	return f.feats
}
