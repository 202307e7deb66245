package perceptron

import (
	"fmt"
	"math"
	"slices"
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
	n       int      // features stored
	shift   uint     // 64 - log2(slots)
	mask    uint64   // slots - 1
	inline  bool     // weights in the slots, else in rows
	stride  int      // uint64 words per slot: the key, then weights in pairs or the row
	slots   []uint64 // key 0 marks an empty slot
	rows    []float32
}

// maxInlineStride is the largest slot, in uint64 words, that keeps its
// weights inline: a 64-byte cache line.
const maxInlineStride = 8

// newModel returns an empty model sized for about n features.
func newModel(classes []string, n int) *Model {
	m := &Model{Classes: slices.Clone(classes), nc: len(classes)}
	m.stride = 1 + (m.nc+1)/2
	m.inline = m.stride <= maxInlineStride
	if !m.inline {
		m.stride = 2
		m.rows = make([]float32, 0, n*m.nc)
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
	m.shift, m.mask = 64-bits, 1<<bits-1
	m.slots = make([]uint64, (1<<bits)*m.stride)
	for i := 0; i < len(old); i += m.stride {
		if f := old[i]; f != 0 {
			copy(m.slots[m.free(f)*m.stride:][:m.stride], old[i:i+m.stride])
		}
	}
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
		s[1] = uint64(len(m.rows) / m.nc)
		m.rows = append(m.rows, w...)
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

// scoreChunk looks up at most chunk features in two passes. The first
// only loads each feature's home slot: the loads are independent and
// branch-free, so the processor keeps many cache misses in flight at
// once, where the probing loop, whose branches depend on each load,
// would wait for them one by one. The second pass then finds the slots
// in cache. Weights are added in the order of feats, as a plain loop
// would add them, so scores do not depend on the layout.
func (m *Model) scoreChunk(feats []Feature, scores []float32) {
	var homes [chunk]uint64
	var touch uint64
	for j, ff := range feats {
		h := m.home(uint64(ff))
		homes[j] = h
		touch += m.slots[int(h)*m.stride]
	}
	if touch == 1 { // never true in practice; keeps the loads alive
		homes[0] = m.home(uint64(feats[0]))
	}
	for j, ff := range feats {
		f := uint64(ff)
		for i := homes[j]; ; i = (i + 1) & m.mask {
			s := m.slots[int(i)*m.stride:][:m.stride]
			if s[0] == f {
				if m.inline {
					for c := range scores {
						scores[c] += math.Float32frombits(uint32(s[1+c/2] >> (32 * (c % 2))))
					}
				} else {
					row := m.rows[int(s[1])*m.nc:][:len(scores)]
					for c, v := range row {
						scores[c] += v
					}
				}
				break
			}
			if s[0] == 0 {
				break
			}
		}
	}
}
