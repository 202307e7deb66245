package perceptron

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync/atomic"
)

// Model is a trained perceptron: per feature, one weight per class. It is
// read-only and safe for concurrent use.
//
// The weights sit in an open-addressing hash table. Prediction is look-ups
// almost entirely (some 50 to 200 a word), and their cache misses are what
// it costs, so the layout depends on the number of classes. With few
// classes (the parser's transitions) a slot keeps a feature's key beside
// its weights, one cache line, one miss per look-up, where a Go map of
// slices costs two or three. With many (the tagger's 78), the weights span
// several cache lines anyway, so a slot keeps the key and a row number
// into one dense array of rows: the table stays small, and loading does
// not write a sparse table several times the weights' size.
type Model struct {
	Classes []string
	nc      int
	n       int       // features stored
	shift   uint      // 64 - log2(slots)
	mask    uint64    // slots - 1
	inline  bool      // weights in the slots, else in rows
	stride  int       // uint64 words per slot: the key, then weights in pairs or the row
	slots   []uint64  // key 0 marks an empty slot
	rows    []float32 // row r is rows[r*nc:][:nc], r < n
	mapped  *mapped   // where slots and rows lie outside the Go heap
}

// mapped holds the unmapping of a model's tables that mapTable placed
// outside the Go heap (nil where they are on it). A cleanup unmaps them
// once the model is unreachable: training makes many models.
type mapped struct{ slots, rows func() }

func (m *mapped) free() {
	for _, f := range []func(){m.slots, m.rows} {
		if f != nil {
			f()
		}
	}
}

// allocate returns n zeroed values for a table, from mapTable where it
// gives them, replacing the table freed by *free.
func allocate[T uint64 | float32](n int, free *func()) []T {
	if *free != nil {
		(*free)()
	}
	t, f := mapTable[T](n)
	*free = f
	if t == nil {
		t = make([]T, n)
	}
	return t
}

// maxInlineStride is the largest slot, in uint64 words, that keeps its
// weights inline: a 64-byte cache line.
const maxInlineStride = 8

// newModel returns an empty model sized for about n features.
func newModel(classes []string, n int) *Model {
	m := &Model{Classes: slices.Clone(classes), nc: len(classes), mapped: &mapped{}}
	runtime.AddCleanup(m, (*mapped).free, m.mapped)
	m.stride = 1 + (m.nc+1)/2
	m.inline = m.stride <= maxInlineStride
	if !m.inline {
		m.stride = 2
		m.growRows(n)
	}
	m.resize(n)
	return m
}

// resize makes room for n features, at most two thirds full so that
// probes stay short, and moves what is there into the new slots.
func (m *Model) resize(n int) {
	bits := uint(4)
	for 1<<bits < n*3/2 {
		bits++
	}
	old := m.slots
	if m.mapped.slots != nil {
		old = slices.Clone(old) // allocate unmaps it
	}
	m.shift, m.mask = 64-bits, 1<<bits-1
	m.slots = allocate[uint64]((1<<bits)*m.stride, &m.mapped.slots)
	for i := 0; i < len(old); i += m.stride {
		if f := old[i]; f != 0 {
			copy(m.slots[m.free(f)*m.stride:][:m.stride], old[i:i+m.stride])
		}
	}
}

// growRows makes room for the rows of n features.
func (m *Model) growRows(n int) {
	rows := m.rows[:m.n*m.nc]
	if m.mapped.rows != nil {
		rows = slices.Clone(rows) // allocate unmaps it
	}
	m.rows = allocate[float32](n*m.nc, &m.mapped.rows)
	copy(m.rows, rows)
}

func (m *Model) home(f uint64) uint64 { return (f * 0x9e3779b97f4a7c15) >> m.shift }

// free returns the empty slot where f goes, or -1 when f is there.
func (m *Model) free(f uint64) int {
	for i := m.home(f); ; i = (i + 1) & m.mask {
		switch m.slots[int(i)*m.stride] {
		case f:
			return -1
		case 0:
			return int(i)
		}
	}
}

// insert stores the weights of feature f, growing the table as needed.
// Key 0 marks empty slots, so the one feature that hashes to 0 (odds
// 2⁻⁶⁴ for each) is dropped.
func (m *Model) insert(f Feature, w []float32) error {
	if f == 0 {
		return nil
	}
	if (m.n+1)*3 > int(m.mask+1)*2 {
		m.resize(2 * (m.n + 1))
	}
	if !m.inline && (m.n+1)*m.nc > len(m.rows) {
		m.growRows(2 * (m.n + 1))
	}
	i := m.free(uint64(f))
	if i < 0 {
		return fmt.Errorf("%w: feature %x twice", ErrFormat, uint64(f))
	}
	s := m.slots[i*m.stride:][:m.stride]
	s[0] = uint64(f)
	if m.inline {
		for c, v := range w {
			s[1+c/2] |= uint64(math.Float32bits(v)) << (32 * (c % 2))
		}
	} else {
		s[1] = uint64(m.n)
		copy(m.rows[m.n*m.nc:][:m.nc], w)
	}
	m.n++
	return nil
}

// NumFeatures returns how many features carry weights.
func (m *Model) NumFeatures() int { return m.n }

// features returns the stored features, sorted.
func (m *Model) features() []Feature {
	fs := make([]Feature, 0, m.n)
	for i := 0; i < len(m.slots); i += m.stride {
		if f := m.slots[i]; f != 0 {
			fs = append(fs, Feature(f))
		}
	}
	slices.Sort(fs)
	return fs
}

// weightsOf sets w to the weights of f (zeros when f has none).
func (m *Model) weightsOf(f Feature, w []float32) {
	clear(w)
	m.Scores([]Feature{f}, w)
}

// Scores adds the weights of feats into scores (len(scores) ==
// len(m.Classes)), which the caller zeroes.
func (m *Model) Scores(feats []Feature, scores []float32) {
	for len(feats) > 0 {
		n := min(len(feats), chunk)
		m.scoreChunk(feats[:n], scores)
		feats = feats[n:]
	}
}

// chunk is how many look-ups scoreChunk starts at once.
const chunk = 128

// scoreChunk looks up at most chunk features in passes. The first only
// loads each feature's home slot: the loads are independent and
// branch-free, so the processor keeps many cache misses in flight at
// once, where the probing loop, whose branches depend on each load,
// would wait for them one by one. The second pass then finds the slots
// in cache. Where weights lie in rows, the second pass only loads each
// row's cache lines, for the same reason, and a third adds them. Weights
// are added in the order of feats, as a plain loop would add them, so
// scores do not depend on the layout.
func (m *Model) scoreChunk(feats []Feature, scores []float32) {
	var homes [chunk]uint64
	var touch uint64
	for j, ff := range feats {
		h := m.home(uint64(ff))
		homes[j] = h
		touch += m.slots[int(h)*m.stride]
	}
	if !m.inline {
		m.scoreRows(feats, &homes, touch, scores)
		return
	}
	if touch == 1 { // never true in practice; keeps the loads alive
		untouched.Add(1)
	}
	for j, ff := range feats {
		if s := m.find(uint64(ff), homes[j]); s != nil {
			for c := range scores {
				scores[c] += math.Float32frombits(uint32(s[1+c/2] >> (32 * (c % 2))))
			}
		}
	}
}

// untouched counts the chunks whose loads summed to 1: none in practice.
// Using the sum keeps the compiler from dropping the loads.
var untouched atomic.Int64

// scoreRows is scoreChunk's second and third passes for weights in rows.
func (m *Model) scoreRows(feats []Feature, homes *[chunk]uint64, touch uint64, scores []float32) {
	var rows [chunk]int32
	for j, ff := range feats {
		rows[j] = -1
		if s := m.find(uint64(ff), homes[j]); s != nil {
			rows[j] = int32(s[1])
			row := m.rows[int(s[1])*m.nc:][:m.nc]
			for c := 0; c < len(row); c += 16 { // 16 weights a cache line
				touch += uint64(math.Float32bits(row[c]))
			}
		}
	}
	if touch == 1 { // as in scoreChunk
		untouched.Add(1)
	}
	for _, r := range rows[:len(feats)] {
		if r >= 0 {
			row := m.rows[int(r)*m.nc:][:len(scores)]
			for c, v := range row {
				scores[c] += v
			}
		}
	}
}

// find returns the slot of feature f, probing from its home slot, or nil
// when f has no weights.
func (m *Model) find(f, home uint64) []uint64 {
	for i := home; ; i = (i + 1) & m.mask {
		s := m.slots[int(i)*m.stride:][:m.stride]
		switch s[0] {
		case f:
			return s
		case 0:
			return nil
		}
	}
}
