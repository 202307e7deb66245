package parser

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"newsgraph/nlp/perceptron"
)

// table holds a perceptron model's weights for parsing: an open-addressing
// hash table whose slots keep a feature's key beside its weights, so that
// a look-up costs one cache miss, where perceptron.Model's map costs two
// or three. Parsing is look-ups almost entirely (some 200 a word), so this
// is what makes the parser fast. It is read-only once built.
type table struct {
	classes []string
	nc      int
	shift   uint     // 64 - log2(slots)
	mask    uint64   // slots - 1
	stride  int      // uint64 words per slot: the key, then weights in pairs
	slots   []uint64 // key 0 marks an empty slot
}

// modelMagic opens a saved perceptron.Model (see perceptron.Save).
const modelMagic = "NGPERC01"

// tableOf converts a trained model through its saved form, the one
// exported view of all its weights.
func tableOf(m *perceptron.Model) (*table, error) {
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return nil, fmt.Errorf("save model: %w", err)
	}
	return readTable(&buf)
}

// readTable reads a model written by perceptron.Model.Save.
func readTable(r io.Reader) (*table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != modelMagic {
		return nil, fmt.Errorf("%w: model part is not %s", ErrFormat, modelMagic)
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	var nc uint32
	if err := get(&nc); err != nil || nc == 0 || nc > 1<<12 {
		return nil, fmt.Errorf("%w: bad class count", ErrFormat)
	}
	t := &table{nc: int(nc), classes: make([]string, nc), stride: 1 + (int(nc)+1)/2}
	for i := range t.classes {
		var n uint16
		if err := get(&n); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		t.classes[i] = string(b)
	}
	var nf uint64
	if err := get(&nf); err != nil || nf > 1<<28 {
		return nil, fmt.Errorf("%w: bad feature count", ErrFormat)
	}
	// At most two thirds full, so that probes stay short.
	bits := uint(4)
	for 1<<bits < nf*3/2 {
		bits++
	}
	t.shift, t.mask = 64-bits, 1<<bits-1
	t.slots = make([]uint64, (1<<bits)*t.stride)
	w := make([]float32, nc)
	for range nf {
		var f uint64
		if err := get(&f); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if err := get(w); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		for _, v := range w {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("%w: weight not finite", ErrFormat)
			}
		}
		if err := t.insert(f, w); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *table) home(f uint64) uint64 { return (f * 0x9e3779b97f4a7c15) >> t.shift }

// insert stores the weights of feature f. Key 0 marks empty slots, so the
// one feature that hashes to 0 (odds 2⁻⁶⁴ for each) is dropped.
func (t *table) insert(f uint64, w []float32) error {
	if f == 0 {
		return nil
	}
	for i, n := t.home(f), uint64(0); n <= t.mask; i, n = (i+1)&t.mask, n+1 {
		s := t.slots[int(i)*t.stride:][:t.stride]
		if s[0] == f {
			return fmt.Errorf("%w: feature %x twice", ErrFormat, f)
		}
		if s[0] == 0 {
			s[0] = f
			for c, v := range w {
				s[1+c/2] |= uint64(math.Float32bits(v)) << (32 * (c % 2))
			}
			return nil
		}
	}
	return errors.New("parser: weight table full")
}

// scores adds the weights of feats into scores (len(scores) == t.nc).
func (t *table) scores(feats []perceptron.Feature, scores []float32) {
	for len(feats) > 0 {
		n := min(len(feats), chunk)
		t.scoreChunk(feats[:n], scores)
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
// in cache.
func (t *table) scoreChunk(feats []perceptron.Feature, scores []float32) {
	var homes [chunk]uint64
	var touch uint64
	for j, ff := range feats {
		h := t.home(uint64(ff))
		homes[j] = h
		touch += t.slots[int(h)*t.stride]
	}
	if touch == 1 { // never true in practice; keeps the loads alive
		homes[0] = t.home(uint64(feats[0]))
	}
	for j, ff := range feats {
		f := uint64(ff)
		for i := homes[j]; ; i = (i + 1) & t.mask {
			s := t.slots[int(i)*t.stride:][:t.stride]
			if s[0] == f {
				for c := range scores {
					scores[c] += math.Float32frombits(uint32(s[1+c/2] >> (32 * (c % 2))))
				}
				break
			}
			if s[0] == 0 {
				break
			}
		}
	}
}

// numFeatures counts the features with weights.
func (t *table) numFeatures() int {
	n := 0
	for i := 0; i < len(t.slots); i += t.stride {
		if t.slots[i] != 0 {
			n++
		}
	}
	return n
}

// save writes the table in perceptron.Model's saved form, features in
// sorted order, so that the same weights always give the same bytes.
func (t *table) save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	put := func(v any) { err = errors.Join(err, binary.Write(bw, binary.LittleEndian, v)) }
	bw.WriteString(modelMagic)
	put(uint32(t.nc))
	for _, c := range t.classes {
		put(uint16(len(c)))
		bw.WriteString(c)
	}
	keys := make([]uint64, 0, t.numFeatures())
	for i := 0; i < len(t.slots); i += t.stride {
		if t.slots[i] != 0 {
			keys = append(keys, t.slots[i])
		}
	}
	slices.Sort(keys)
	put(uint64(len(keys)))
	scores := make([]float32, t.nc)
	for _, f := range keys {
		clear(scores)
		t.scores([]perceptron.Feature{perceptron.Feature(f)}, scores)
		put(f)
		put(scores)
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
