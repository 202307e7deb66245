package perceptron

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync/atomic"
)

// Model is a trained perceptron: per feature, one weight per class. It is
// read-only and safe for concurrent use.
//
// The weights sit in an open-addressing hash table of buckets, one 64-byte
// cache line each. Prediction is look-ups almost entirely (some 50 to 200
// a word), and their cache misses are what it costs, so the layout is
// about touching few cache lines:
//
//   - A bucket holds the keys of its entries first, then their values,
//     so a look-up reads one line (two when the bucket has overflowed
//     into the next), and no entry straddles two lines.
//   - With few classes (the parser's three transitions) the weights sit
//     in the bucket beside the keys: a look-up is one line.
//   - With more, an entry holds a reference to a sparse row: the classes
//     whose weight is not zero, then those weights. Most features move
//     a few classes only (the parser's relations: 12 of 54 on average),
//     so a row is a line or two, where the dense row of 54 floats was
//     four, and the rows of a model take megabytes where they took tens.
//
// Scores add a feature's non-zero weights only; a zero weight leaves a
// float32 sum exactly as it was, so the scores are those of the dense
// sums to the bit.
type Model struct {
	Classes []string
	nc      int
	n       int    // features stored
	nb      uint64 // buckets
	per     int    // entries a bucket
	inline  bool   // weights in the buckets, else sparse rows
	// table holds the buckets, bucketWords words each: per keys (0 marks
	// an empty entry), then per values. Inline, the values are the
	// entries' weights as float32 pairs, entry e's weight of class c the
	// (e*nc + c)th float32; otherwise entry e's value is a row reference
	// offset<<16 | count into rows.
	table []uint64
	// rows holds the sparse rows: ceil(count/4) words of class indices
	// (one byte each), then count float32 weights as bits.
	rows   []uint32
	nrows  int     // words of rows in use
	mapped *mapped // where table and rows lie outside the Go heap
}

// entriesPerFeature is how many entries the table has for each feature
// it holds. A bucket that overflows costs every look-up that passes it a
// second cache miss after the first; in a table shaped like the parser's
// (buckets of three, one look-up in five for a feature it lacks) look-ups
// read 1.42 buckets each with 1.5 entries a feature, 1.14 with 2. With 4,
// BenchmarkNLP gave 27-35% more tokens per CPU-second than with 2 (medians
// of interleaved runs on the shared machine), for 45 MB more memory, most
// of it the parser's.
const entriesPerFeature = 4

// bucketWords is the size of a bucket in uint64 words: a cache line.
const bucketWords = 8

// MaxClasses is the most classes a model can have: a sparse row names
// each class in a byte.
const MaxClasses = 256

// mapped holds the unmapping of a model's tables that mapTable placed
// outside the Go heap (nil where they are on it). A cleanup unmaps them
// once the model is unreachable: training makes many models.
type mapped struct{ table, rows func() }

func (m *mapped) free() {
	for _, f := range []func(){m.table, m.rows} {
		if f != nil {
			f()
		}
	}
}

// allocate returns n zeroed values for a table, from mapTable where it
// gives them, replacing the table freed by *free.
func allocate[T uint64 | uint32](n int, free *func()) []T {
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

// newModel returns an empty model sized for about n features, over 1 to
// MaxClasses classes.
func newModel(classes []string, n int) *Model {
	nc := len(classes)
	m := &Model{Classes: slices.Clone(classes), nc: nc, mapped: &mapped{}}
	runtime.AddCleanup(m, (*mapped).free, m.mapped)
	// An inline entry is a key and nc float32s; keep them inline while
	// two or more fit in a bucket.
	m.per = bucketWords * 8 / (8 + 4*nc)
	m.inline = m.per >= 2
	if !m.inline {
		m.per = bucketWords / 2
	}
	m.resize(n)
	return m
}

// resize makes room for n features, at most a quarter of the entries
// full, and moves what is there into the new buckets.
func (m *Model) resize(n int) {
	old := m.table
	if m.mapped.table != nil {
		old = slices.Clone(old) // allocate unmaps it
	}
	m.nb = uint64(max(1, (entriesPerFeature*n+m.per-1)/m.per))
	m.table = allocate[uint64](int(m.nb)*bucketWords, &m.mapped.table)
	for b := 0; b < len(old); b += bucketWords {
		ob := old[b:][:bucketWords]
		for e, f := range ob[:m.per] {
			if f == 0 {
				break
			}
			nb, ne := m.free(f)
			nb[ne] = f
			if m.inline {
				for c := range m.nc {
					setHalf(nb, m.per, ne*m.nc+c, half(ob, m.per, e*m.nc+c))
				}
			} else {
				nb[m.per+ne] = ob[m.per+e]
			}
		}
	}
}

// half returns the ith float32 of a bucket's inline weights as bits.
func half(b []uint64, per, i int) uint32 { return uint32(b[per+i/2] >> (32 * (i % 2))) }

func setHalf(b []uint64, per, i int, v uint32) { b[per+i/2] |= uint64(v) << (32 * (i % 2)) }

// home returns the bucket where the probe for f starts.
func (m *Model) home(f uint64) uint64 {
	hi, _ := bits.Mul64(f*0x9e3779b97f4a7c15, m.nb)
	return hi
}

// free returns the bucket and entry where f goes, or a nil bucket when f
// is there.
func (m *Model) free(f uint64) ([]uint64, int) {
	for b := m.home(f); ; b = m.next(b) {
		bk := m.table[b*bucketWords:][:bucketWords]
		for e, k := range bk[:m.per] {
			switch k {
			case f:
				return nil, -1
			case 0:
				return bk, e
			}
		}
	}
}

func (m *Model) next(b uint64) uint64 {
	if b++; b == m.nb {
		return 0
	}
	return b
}

// insert stores the weights of feature f, growing the table as needed.
// Key 0 marks empty entries, so the one feature that hashes to 0 (odds
// 2⁻⁶⁴ for each) is dropped.
func (m *Model) insert(f Feature, w []float32) error {
	if f == 0 {
		return nil
	}
	if entriesPerFeature*(m.n+1) > int(m.nb)*m.per {
		m.resize(2 * (m.n + 1))
	}
	bk, e := m.free(uint64(f))
	if bk == nil {
		return fmt.Errorf("%w: feature %x twice", ErrFormat, uint64(f))
	}
	bk[e] = uint64(f)
	if m.inline {
		for c, v := range w {
			setHalf(bk, m.per, e*m.nc+c, math.Float32bits(v))
		}
	} else {
		bk[m.per+e] = m.addRow(w)
	}
	m.n++
	return nil
}

// addRow appends the sparse row of w to rows and returns its reference.
func (m *Model) addRow(w []float32) uint64 {
	count := 0
	for _, v := range w {
		if v != 0 {
			count++
		}
	}
	size := (count+3)/4 + count
	if m.nrows+size > len(m.rows) {
		rows := m.rows[:m.nrows]
		if m.mapped.rows != nil {
			rows = slices.Clone(rows) // allocate unmaps it
		}
		m.rows = allocate[uint32](max(2*len(m.rows), m.nrows+size, 1024), &m.mapped.rows)
		copy(m.rows, rows)
	}
	off := m.nrows
	row := m.rows[off:][:size]
	k := 0
	for c, v := range w {
		if v != 0 {
			row[k/4] |= uint32(c) << (8 * (k % 4))
			row[(count+3)/4+k] = math.Float32bits(v)
			k++
		}
	}
	m.nrows += size
	return uint64(off)<<16 | uint64(count)
}

// NumFeatures returns how many features carry weights.
func (m *Model) NumFeatures() int { return m.n }

// features returns the stored features, sorted.
func (m *Model) features() []Feature {
	fs := make([]Feature, 0, m.n)
	for b := 0; b < len(m.table); b += bucketWords {
		for _, f := range m.table[b:][:m.per] {
			if f != 0 {
				fs = append(fs, Feature(f))
			}
		}
	}
	runtime.KeepAlive(m) // as in Scores
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
	scores = scores[:m.nc]
	if !m.inline {
		// Sum into an array that a class byte indexes without a bounds
		// check; the sums are the same, in the same order.
		var acc [MaxClasses]float32
		copy(acc[:], scores)
		for len(feats) > 0 {
			n := min(len(feats), chunk)
			m.scoreRows(feats[:n], &acc)
			feats = feats[n:]
		}
		copy(scores, acc[:])
	} else {
		for len(feats) > 0 {
			n := min(len(feats), chunk)
			m.scoreChunk(feats[:n], scores)
			feats = feats[n:]
		}
	}
	// The tables may lie outside the Go heap, unmapped by a cleanup once
	// m is unreachable: m must outlive every read of them.
	runtime.KeepAlive(m)
}

// chunk is how many look-ups scoreChunk starts at once.
const chunk = 128

// untouched counts the chunks whose loads summed to 1: none in practice.
// Using the sum keeps the compiler from dropping the loads.
var untouched atomic.Int64

// scoreChunk looks up at most chunk features, whose weights are inline,
// in two passes. The first only loads each feature's home bucket: the
// loads are independent and branch-free, so the processor keeps many
// cache misses in flight at once, where the probing loop, whose branches
// depend on each load, would wait for them one by one. The second pass
// then finds the entries in cache. Weights are added in the order of
// feats, as a plain loop would add them, so scores do not depend on the
// layout.
func (m *Model) scoreChunk(feats []Feature, scores []float32) {
	var homes [chunk]uint64
	m.touchHomes(feats, &homes)
	for j, ff := range feats {
		if bk, e := m.find(uint64(ff), homes[j]); bk != nil {
			i := e * m.nc
			for c := range scores {
				scores[c] += math.Float32frombits(half(bk, m.per, i+c))
			}
		}
	}
}

// touchHomes is the first pass of scoreChunk and scoreRows: it sets the
// home bucket of each feature and loads it.
func (m *Model) touchHomes(feats []Feature, homes *[chunk]uint64) {
	var touch uint64
	for j, ff := range feats {
		b := m.home(uint64(ff))
		homes[j] = b
		touch += m.table[b*bucketWords]
	}
	if touch == 1 { // never true in practice; keeps the loads alive
		untouched.Add(1)
	}
}

// scoreRows is scoreChunk for weights in rows, in three passes: the
// second finds the entries and only loads each row's cache lines, for
// the same reason as the first, and the third adds the rows.
func (m *Model) scoreRows(feats []Feature, acc *[MaxClasses]float32) {
	var homes, refs [chunk]uint64
	m.touchHomes(feats, &homes)
	var touch uint32
	for j, ff := range feats {
		refs[j] = 0 // a row of no weights
		if bk, e := m.find(uint64(ff), homes[j]); bk != nil {
			ref := bk[m.per+e]
			refs[j] = ref
			count := int(ref & 0xffff)
			row := m.rows[ref>>16:][:(count+3)/4+count]
			for i := 0; i < len(row); i += 16 { // 16 words a cache line
				touch += row[i]
			}
		}
	}
	if touch == 1 { // as in touchHomes
		untouched.Add(1)
	}
	for _, ref := range refs[:len(feats)] {
		count := int(ref & 0xffff)
		row := m.rows[ref>>16:][:(count+3)/4+count]
		classes, weights := row[:(count+3)/4], row[(count+3)/4:]
		k := 0
		for ; k+4 <= count; k += 4 {
			cs, w := classes[k/4], weights[k:k+4:k+4]
			acc[byte(cs)] += math.Float32frombits(w[0])
			acc[byte(cs>>8)] += math.Float32frombits(w[1])
			acc[byte(cs>>16)] += math.Float32frombits(w[2])
			acc[byte(cs>>24)] += math.Float32frombits(w[3])
		}
		for ; k < count; k++ {
			acc[byte(classes[k/4]>>(8*(k%4)))] += math.Float32frombits(weights[k])
		}
	}
}

// find returns the bucket and entry of feature f, probing from its home
// bucket, or a nil bucket when f has no weights.
func (m *Model) find(f, home uint64) ([]uint64, int) {
	for b := home; ; b = m.next(b) {
		bk := m.table[b*bucketWords:][:bucketWords]
		for e, k := range bk[:m.per] {
			switch k {
			case f:
				return bk, e
			case 0:
				return nil, -1
			}
		}
	}
}
