// Package parser is newsgraph's dependency parser: a greedy arc-hybrid
// transition parser (Kuhlmann et al. 2011) trained with a dynamic oracle
// and exploration (Goldberg & Nivre 2012, 2013), scoring transitions with
// an averaged perceptron over the rich non-local feature set of Zhang &
// Nivre (2011), adapted to the arc-hybrid stack and buffer. A second
// perceptron labels each arc with a Universal Dependencies relation as the
// arc is made, so that later transitions see the labels of children.
//
// The parser reads words with their UPOS and Penn Treebank (XPOS) tags and
// returns CoNLL-U style heads (1-based, 0 for the root) and relations.
//
// Training (Train, `newsgraph train parser`) reads UD English-EWT train and
// the GUM genres whose licence allows shipped weights (GUMGenres). The
// arc-hybrid system builds projective trees only, so non-projective arcs
// in training are lifted to their head's head until the tree is
// projective (Nivre & Nilsson 2005, without encoding lifts in the labels).
// Training tags are jackknifed: predicted by a tagger that did not see the
// sentence, so that the parser learns to read tags as errorful as those
// it gets at run time.
package parser

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"

	"newsgraph/models"
	"newsgraph/nlp/perceptron"
	"newsgraph/nlp/wordfeat"
)

// ModelName is the parser's file under models/data.
const ModelName = "parser.model.gz"

// Transitions of the arc-hybrid system, in the order of the transition
// model's classes.
const (
	shift = iota // push the buffer front onto the stack
	left         // s0 becomes a dependent of b0; pop s0
	right        // s0 becomes a dependent of s1; pop s0
	numTransitions
)

var transitionNames = []string{"SHIFT", "LEFT", "RIGHT"}

// rootLabel is the relation of the word attached to the artificial root.
const rootLabel = "root"

// Parser is a trained parser. It is read-only and safe for concurrent use.
type Parser struct {
	trans *perceptron.Model // scores transitions
	label *perceptron.Model // scores relations of a new arc
	root  int               // index of rootLabel in label.Classes, or -1
}

// Load returns the parser shipped in models/data, decoding it once.
var Load = sync.OnceValues(func() (*Parser, error) {
	b, err := models.Open(ModelName)
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	p, err := Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parser: decode %s: %w", ModelName, err)
	}
	return p, nil
})

// fromModels makes a parser of trained models.
func fromModels(trans, label *perceptron.Model) (*Parser, error) {
	if len(trans.Classes) != numTransitions {
		return nil, fmt.Errorf("transition model has %d classes, want %d", len(trans.Classes), numTransitions)
	}
	p := &Parser{trans: trans, label: label, root: -1}
	for i, c := range label.Classes {
		if c == rootLabel {
			p.root = i
		}
	}
	return p, nil
}

// Parse returns the head of each word (1-based, 0 for the root) and its
// relation. upos and xpos are the words' tags; missing tags (shorter
// slices) count as unknown. The result is always a tree with one root.
func (p *Parser) Parse(words, upos, xpos []string) (heads []int, labels []string) {
	n := len(words)
	heads = make([]int, n)
	labels = make([]string, n)
	if n == 0 {
		return heads, labels
	}
	s := newSentence(words, upos, xpos)
	st := newState(n)
	var (
		fb     featBuf
		tscore [numTransitions]float32
		lscore = make([]float32, len(p.label.Classes))
	)
	for !st.terminal() {
		t := st.forced()
		if t < 0 {
			fb.reset()
			transFeatures(&fb, s, st)
			clear(tscore[:])
			p.trans.Scores(fb.feats, tscore[:])
			t = st.best(tscore[:])
		}
		h, d := st.arc(t)
		lab := p.root
		if t != shift && h != 0 {
			fb.reset()
			labelFeatures(&fb, s, st, h, d)
			clear(lscore)
			p.label.Scores(fb.feats, lscore)
			lab = argmaxExcept(lscore, p.root)
		}
		st.apply(t, lab)
	}
	for i := 1; i <= n; i++ {
		heads[i-1] = st.heads[i]
		if l := st.labels[i]; l >= 0 && l < len(p.label.Classes) {
			labels[i-1] = p.label.Classes[l]
		} else {
			labels[i-1] = rootLabel
		}
	}
	return heads, labels
}

// argmaxExcept returns the best index of s other than skip (the root
// relation, which only the artificial root may give).
func argmaxExcept(s []float32, skip int) int {
	best := -1
	for i, v := range s {
		if i != skip && (best < 0 || v > s[best]) {
			best = i
		}
	}
	return max(best, 0)
}

// sentence holds hashes of each word's attributes; index 0 is the
// artificial root, so that indices match CoNLL-U ids.
type sentence struct {
	n                 int
	w, f, t, u, s, wt []uint64 // lowercase, form, XPOS, UPOS, suffix, w+t
}

// Hashes of attributes that are not there: an empty position, the root.
var (
	hNone = hashString("\x00none")
	hRoot = hashString("\x00root")
)

func hashString(s string) uint64 { return uint64(perceptron.Hash(s)) }

func newSentence(words, upos, xpos []string) *sentence {
	n := len(words)
	s := &sentence{n: n}
	buf := make([]uint64, 6*(n+1))
	for i, p := range []*[]uint64{&s.w, &s.f, &s.t, &s.u, &s.s, &s.wt} {
		*p = buf[i*(n+1) : (i+1)*(n+1)]
	}
	s.w[0], s.f[0], s.t[0], s.u[0], s.s[0] = hRoot, hRoot, hRoot, hRoot, hRoot
	s.wt[0] = mix(0, hRoot, hRoot, 0)
	var b strings.Builder
	for i, word := range words {
		low := normalize(&b, word)
		s.f[i+1] = hashString(word)
		s.w[i+1] = hashString(low)
		s.s[i+1] = hashString(wordfeat.Suffix(low, 3))
		s.u[i+1] = hashString(at(upos, i))
		s.t[i+1] = hashString(at(xpos, i))
		s.wt[i+1] = mix(0, s.w[i+1], s.t[i+1], 0)
	}
	return s
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// normalize lowercases w and writes every digit as 0, so that numbers of
// the same shape share features.
func normalize(b *strings.Builder, w string) string {
	b.Reset()
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			b.WriteByte('0')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// state is a parser configuration: the stack, the buffer (the words from
// b on) and the arcs made so far, with the children summaries that the
// features read.
type state struct {
	n        int
	stack    []int
	b        int
	heads    []int
	labels   []int
	lc1, lc2 []int    // leftmost and second leftmost child, -1 for none
	rc1, rc2 []int    // rightmost and second rightmost child
	nl, nr   []int    // number of left and right children
	ls, rs   []uint64 // sets of left and right children's labels
}

func newState(n int) *state {
	ints := make([]int, 8*(n+1))
	part := func(i int) []int { return ints[i*(n+1) : (i+1)*(n+1)] }
	sets := make([]uint64, 2*(n+1))
	st := &state{
		n: n, b: 1, stack: make([]int, 1, n+1),
		heads: part(0), labels: part(1), lc1: part(2), lc2: part(3),
		rc1: part(4), rc2: part(5), nl: part(6), nr: part(7),
		ls: sets[:n+1], rs: sets[n+1:],
	}
	for i := 0; i < 6*(n+1); i++ {
		ints[i] = -1
	}
	return st
}

// stackAt returns the i-th item from the top of the stack, or -1.
func (st *state) stackAt(i int) int {
	if i < len(st.stack) {
		return st.stack[len(st.stack)-1-i]
	}
	return -1
}

// bufAt returns the i-th word of the buffer, or -1.
func (st *state) bufAt(i int) int {
	if j := st.b + i; j <= st.n {
		return j
	}
	return -1
}

func (st *state) terminal() bool { return st.b > st.n && len(st.stack) == 1 }

// valid reports whether transition t may be taken. The artificial root
// stays at the bottom of the stack and takes its one dependent only once
// the buffer is empty, which keeps every output a tree with one root.
func (st *state) valid(t int) bool {
	switch t {
	case shift:
		return st.b <= st.n
	case left:
		return len(st.stack) >= 2 && st.b <= st.n
	case right:
		return len(st.stack) >= 2 && (st.stackAt(1) != 0 || st.b > st.n)
	}
	return false
}

// forced returns the one valid transition, or -1 when there is a choice
// to score: a shift when the stack holds only the root, a right arc once
// the buffer is empty. Scoring them would change nothing, as best picks
// among valid transitions only.
func (st *state) forced() int {
	switch {
	case st.b > st.n:
		return right
	case len(st.stack) < 2:
		return shift
	}
	return -1
}

// best returns the valid transition with the highest score.
func (st *state) best(scores []float32) int {
	best := -1
	for t := range numTransitions {
		if st.valid(t) && (best < 0 || scores[t] > scores[best]) {
			best = t
		}
	}
	return best
}

// arc returns the head and dependent of the arc that t makes (0, 0 for
// shift).
func (st *state) arc(t int) (h, d int) {
	switch t {
	case left:
		return st.b, st.stackAt(0)
	case right:
		return st.stackAt(1), st.stackAt(0)
	}
	return 0, 0
}

// apply takes transition t, giving a new arc the relation lab.
func (st *state) apply(t, lab int) {
	if t == shift {
		st.stack = append(st.stack, st.b)
		st.b++
		return
	}
	h, d := st.arc(t)
	st.stack = st.stack[:len(st.stack)-1]
	st.heads[d], st.labels[d] = h, lab
	bit := uint64(1) << (uint(lab) & 63)
	if d < h {
		st.nl[h]++
		st.ls[h] |= bit
		switch {
		case st.lc1[h] < 0 || d < st.lc1[h]:
			st.lc1[h], st.lc2[h] = d, st.lc1[h]
		case st.lc2[h] < 0 || d < st.lc2[h]:
			st.lc2[h] = d
		}
	} else {
		st.nr[h]++
		st.rs[h] |= bit
		switch {
		case st.rc1[h] < 0 || d > st.rc1[h]:
			st.rc1[h], st.rc2[h] = d, st.rc1[h]
		case st.rc2[h] < 0 || d > st.rc2[h]:
			st.rc2[h] = d
		}
	}
}

// Model file: a gzip stream (stored, since the parts are compressed
// already) holding fileMagic and two length-prefixed perceptron models,
// transitions then relations.
const fileMagic = "NGPARS01"

// ErrFormat reports a file that is not a parser model of this version.
var ErrFormat = errors.New("not a newsgraph parser model (format " + fileMagic + ")")

// Encode writes the parser in the format Decode reads.
func (p *Parser) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return fmt.Errorf("encode parser: %w", err)
	}
	if _, err := zw.Write([]byte(fileMagic)); err != nil {
		return fmt.Errorf("encode parser: %w", err)
	}
	for _, m := range []*perceptron.Model{p.trans, p.label} {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			return fmt.Errorf("encode parser: %w", err)
		}
		if err := binary.Write(zw, binary.LittleEndian, uint64(buf.Len())); err != nil {
			return fmt.Errorf("encode parser: %w", err)
		}
		if _, err := zw.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("encode parser: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode parser: %w", err)
	}
	return nil
}

// Decode reads a parser written by Encode.
func Decode(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, ErrFormat
	}
	var parts [2]*perceptron.Model
	for i := range parts {
		var size uint64
		if err := binary.Read(br, binary.LittleEndian, &size); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if size > 1<<30 {
			return nil, fmt.Errorf("%w: part of %d bytes", ErrFormat, size)
		}
		// Read the part whole: its reader buffers ahead, and must not eat
		// into the next part.
		part := make([]byte, size)
		if _, err := io.ReadFull(br, part); err != nil {
			return nil, fmt.Errorf("%w: model part %d: %w", ErrFormat, i, err)
		}
		m, err := perceptron.Load(bytes.NewReader(part))
		if err != nil {
			return nil, fmt.Errorf("model part %d: %w", i, err)
		}
		parts[i] = m
	}
	p, err := fromModels(parts[0], parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return p, nil
}
