// Package perceptron is the learner under newsgraph's tagger, name
// recogniser and parser: a multi-class averaged perceptron (Collins 2002)
// over hashed string features. It trains in minutes on two cores, predicts
// with one cache miss per feature, and is deterministic: the same
// examples in the same order give the same weights.
package perceptron

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Feature is a hashed feature. Hash features with Hash so that training
// and prediction agree across processes.
type Feature uint64

// Hash returns the feature for a string such as "w=obama" or "p1=NNP|w=said".
func Hash(s string) Feature { return Feature(HashAdd(HashOffset, s)) }

// HashOffset starts a hash for HashAdd.
const HashOffset = 14695981039346656037

// HashAdd is FNV-1a over s, continuing from h (start with HashOffset), so
// that HashAdd(HashAdd(HashOffset, a), b) equals uint64(Hash(a + b))
// without building a + b. It is inlined FNV-1a: stable across processes
// and Go versions (so saved models stay valid), and without the
// allocation of hash/fnv.
func HashAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Predict returns the best class for feats.
func (m *Model) Predict(feats []Feature, scores []float32) int {
	clear(scores)
	m.Scores(feats, scores)
	return argmax(scores)
}

func argmax(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// Trainer learns a Model. It is not safe for concurrent use.
type Trainer struct {
	classes []string
	weights map[Feature][]float32
	// totals and stamps implement lazy averaging: totals accumulate each
	// weight's value times the number of updates it stood for.
	totals map[Feature][]float64
	stamps map[Feature][]int
	step   int
}

// NewTrainer returns a trainer over the given classes, at most
// MaxClasses of them.
func NewTrainer(classes []string) *Trainer {
	if len(classes) == 0 || len(classes) > MaxClasses {
		panic(fmt.Sprintf("perceptron: %d classes, want 1 to %d", len(classes), MaxClasses))
	}
	return &Trainer{
		classes: append([]string(nil), classes...),
		weights: map[Feature][]float32{},
		totals:  map[Feature][]float64{},
		stamps:  map[Feature][]int{},
	}
}

// Classes returns the trainer's classes.
func (t *Trainer) Classes() []string { return t.classes }

// Scores computes the current (not averaged) scores of feats.
func (t *Trainer) Scores(feats []Feature, scores []float32) {
	clear(scores)
	for _, f := range feats {
		if w, ok := t.weights[f]; ok {
			for c, v := range w {
				scores[c] += v
			}
		}
	}
}

// Predict returns the best class for feats under the current weights.
func (t *Trainer) Predict(feats []Feature, scores []float32) int {
	t.Scores(feats, scores)
	return argmax(scores)
}

// Tick counts one training example; call it once per example, whether or
// not it led to an update, so that averaging weighs weights by how long
// they stood.
func (t *Trainer) Tick() { t.step++ }

// Update moves weight towards truth and away from guess for feats.
func (t *Trainer) Update(feats []Feature, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.add(f, truth, 1)
		t.add(f, guess, -1)
	}
}

// UpdateBy adds delta to the weight of (f, class), for structured updates
// (a Viterbi path against the gold path) that are not one-vs-one.
func (t *Trainer) UpdateBy(f Feature, class int, delta float32) { t.add(f, class, delta) }

func (t *Trainer) add(f Feature, c int, delta float32) {
	w, ok := t.weights[f]
	if !ok {
		n := len(t.classes)
		w = make([]float32, n)
		t.weights[f] = w
		t.totals[f] = make([]float64, n)
		t.stamps[f] = make([]int, n)
	}
	tot, st := t.totals[f], t.stamps[f]
	tot[c] += float64(t.step-st[c]) * float64(w[c])
	st[c] = t.step
	w[c] += delta
}

// Average returns the averaged model, dropping weights whose magnitude is
// below prune (0 keeps all): most features are rare and near zero, and
// pruning them shrinks the model several times over at little cost.
func (t *Trainer) Average(prune float32) *Model {
	steps := float64(max(t.step, 1))
	kept := make(map[Feature][]float32, len(t.weights))
	for f, w := range t.weights {
		tot, st := t.totals[f], t.stamps[f]
		avg := make([]float32, len(w))
		keep := false
		for c := range w {
			total := tot[c] + float64(t.step-st[c])*float64(w[c])
			avg[c] = float32(total / steps)
			if a := avg[c]; a > prune || a < -prune {
				keep = true
			} else {
				avg[c] = 0
			}
		}
		if keep {
			kept[f] = avg
		}
	}
	m := newModel(t.classes, len(kept))
	for f, w := range kept {
		m.insert(f, w) // keys are distinct: no error
	}
	return m
}

// magic opens every saved model; the version changes when the format does.
const magic = "NGPERC01"

// Save writes the model gzipped: magic, classes, then the features in
// sorted order with their float32 weights, so that the same model always
// gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	put := func(v any) error { return binary.Write(bw, binary.LittleEndian, v) }
	if _, err := bw.WriteString(magic); err != nil {
		return err
	}
	if err := put(uint32(len(m.Classes))); err != nil {
		return err
	}
	for _, c := range m.Classes {
		if err := put(uint16(len(c))); err != nil {
			return err
		}
		if _, err := bw.WriteString(c); err != nil {
			return err
		}
	}
	feats := m.features()
	if err := put(uint64(len(feats))); err != nil {
		return err
	}
	weights := make([]float32, m.nc)
	for _, f := range feats {
		if err := put(uint64(f)); err != nil {
			return err
		}
		m.weightsOf(f, weights)
		if err := put(weights); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ErrFormat reports a file that is not a saved model of this version.
var ErrFormat = errors.New("not a newsgraph perceptron model (format " + magic + ")")

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	var b8 [8]byte
	if _, err := io.ReadFull(br, b8[:4]); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	nc := binary.LittleEndian.Uint32(b8[:4])
	if nc == 0 || nc > MaxClasses {
		return nil, fmt.Errorf("%w: bad class count", ErrFormat)
	}
	classes := make([]string, nc)
	for i := range classes {
		if _, err := io.ReadFull(br, b8[:2]); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		b := make([]byte, binary.LittleEndian.Uint16(b8[:2]))
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		classes[i] = string(b)
	}
	if _, err := io.ReadFull(br, b8[:]); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	nf := binary.LittleEndian.Uint64(b8[:])
	if nf > 1<<28 {
		return nil, fmt.Errorf("%w: bad feature count", ErrFormat)
	}
	// Size the table for nf features, up to a bound past the shipped
	// models (the parser's 1.06M): beyond it the table grows with what is
	// read rather than trusting nf, so that a corrupt count cannot make
	// Load allocate gigabytes up front (at most about 180 MB, of which a
	// short corrupt file touches little). Growing doubles, and would
	// leave the shipped parser's table twice the size it needs.
	m := newModel(classes, int(min(nf, 1<<21)))
	rec := make([]byte, 8+4*nc)
	w := make([]float32, nc)
	for range nf {
		if _, err := io.ReadFull(br, rec); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		f := Feature(binary.LittleEndian.Uint64(rec))
		for c := range w {
			v := math.Float32frombits(binary.LittleEndian.Uint32(rec[8+4*c:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("%w: weight not finite", ErrFormat)
			}
			w[c] = v
		}
		if err := m.insert(f, w); err != nil {
			return nil, err
		}
	}
	return m, nil
}
