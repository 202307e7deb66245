// Package tagger is newsgraph's part-of-speech tagger and lemmatizer.
//
// The tagger is a greedy left-to-right averaged perceptron (Collins 2002,
// in the manner of Honnibal's "perceptron tagger"): each word gets one
// joint class "UPOS|XPOS" (Universal and Penn Treebank tags together, so
// one pass gives both and they never disagree), from features of the word,
// its affixes and shape, the words around it, a tag dictionary of frequent
// unambiguous words, and the two tags it has just predicted.
//
// The lemmatizer looks a word up in a table of (form, UPOS) exceptions
// learnt from the same treebanks, and otherwise applies rules for regular
// English inflection, checked against the lemmas the treebanks know.
//
// The model is trained by `newsgraph train tagger` (Train) on UD
// English-EWT and the openly licensed genres of UD English-GUM, and is
// embedded in the binary as models/data/tagger.model.gz.
package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"newsgraph/models"
	"newsgraph/nlp/perceptron"
)

// ModelFile is the name of the tagger's model among the shipped models.
const ModelFile = "tagger.model.gz"

// Tagger tags words with UPOS and PTB tags and lemmatizes them. It is
// read-only after loading and safe for concurrent use.
type Tagger struct {
	model *perceptron.Model
	upos  []string // per class
	xpos  []string // per class
	// dict maps frequent words that nearly always take one class to that
	// class. Such a word takes its class without scoring (a third of
	// running text, so tagging is that much faster), and the class is a
	// feature of the words beside it.
	dict map[string]int32
	// clusters maps lower-case words to their GloVe clusters (packed,
	// see clusterStride).
	clusters map[string]int32
	lem      lemmatizer
	pool     sync.Pool // of *sentence
}

// Load returns the tagger shipped in this build. The model is decoded
// once; later calls return the same Tagger.
func Load() (*Tagger, error) { return loadOnce() }

var loadOnce = sync.OnceValues(func() (*Tagger, error) {
	b, err := models.Open(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	t, err := Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("tagger: %s: %w", ModelFile, err)
	}
	return t, nil
})

// Tag returns the UPOS and PTB tag of each word. The returned strings are
// shared with the model; the slices are the caller's.
func (t *Tagger) Tag(words []string) (upos, xpos []string) {
	upos = make([]string, len(words))
	xpos = make([]string, len(words))
	if len(words) == 0 {
		return upos, xpos
	}
	s := t.getSentence()
	defer t.pool.Put(s)
	classes := t.tagClasses(s, words)
	for i, c := range classes {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	return upos, xpos
}

// getSentence returns a scratch sentence from the pool.
func (t *Tagger) getSentence() *sentence {
	if s, ok := t.pool.Get().(*sentence); ok {
		return s
	}
	return &sentence{
		feats:  make([]perceptron.Feature, 0, numFeatures),
		scores: make([]float32, len(t.model.Classes)),
	}
}

// tagClasses predicts the class of each word, greedily left to right.
func (t *Tagger) tagClasses(s *sentence, words []string) []int {
	s.prepare(words, t.dict, t.clusters)
	s.classes = s.classes[:0]
	p1, p2 := -1, -1
	for i := range words {
		c := int(s.words[i].dict) - 1
		if c < 0 || !dictShortcut {
			c = t.model.Predict(s.features(i, p1, p2), s.scores)
		}
		s.classes = append(s.classes, c)
		p1, p2 = c, p1
	}
	return s.classes
}

// Lemma returns the lemma of word tagged upos ("went", "VERB" → "go").
func (t *Tagger) Lemma(word, upos string) string { return t.lem.lemma(word, upos) }

// The model file, after gunzip: magic; the tag dictionary; the lemma
// exceptions and known lemmas; then the perceptron as its own Save wrote
// it (length-prefixed). Strings are a uint16 length and bytes;
// everything is little-endian and written in sorted order, so the same
// model gives the same bytes.
const fileMagic = "NGTAGR01"

// errFormat reports a file that is not a tagger model of this version.
var errFormat = errors.New("not a newsgraph tagger model (format " + fileMagic + ")")

// maxString is the longest string the format holds.
const maxString = 1<<16 - 1

// Write saves the tagger.
func (t *Tagger) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	enc := &encoder{w: bw}
	enc.bytes([]byte(fileMagic))
	enc.stringMapInt(t.dict)
	enc.stringMapInt(t.clusters)
	enc.stringMapString(t.lem.exceptions)
	enc.stringSet(t.lem.known)
	var model bytes.Buffer
	if err := t.model.Save(&model); err != nil {
		return fmt.Errorf("save perceptron: %w", err)
	}
	enc.u64(uint64(model.Len()))
	enc.bytes(model.Bytes())
	if enc.err != nil {
		return enc.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read loads a tagger written by Write.
func Read(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errFormat, err)
	}
	dec := &decoder{r: bufio.NewReader(zr)}
	if string(dec.bytes(len(fileMagic))) != fileMagic || dec.err != nil {
		return nil, errFormat
	}
	t := &Tagger{dict: dec.stringMapInt(), clusters: dec.stringMapInt()}
	t.lem.exceptions = dec.stringMapString()
	t.lem.known = dec.stringSet()
	n := dec.u64()
	if dec.err == nil && n > 1<<30 {
		dec.err = errors.New("perceptron too long")
	}
	// Read through a limit rather than allocating n up front, so that a
	// corrupt length costs no more memory than the file holds.
	var blob []byte
	if dec.err == nil {
		blob, dec.err = io.ReadAll(io.LimitReader(dec.r, int64(n)))
		if dec.err == nil && uint64(len(blob)) != n {
			dec.err = io.ErrUnexpectedEOF
		}
	}
	if dec.err != nil {
		return nil, fmt.Errorf("%w: %w", errFormat, dec.err)
	}
	m, err := perceptron.Load(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	if err := t.setModel(m); err != nil {
		return nil, err
	}
	return t, nil
}

// setModel installs m and splits its joint classes into UPOS and XPOS.
func (t *Tagger) setModel(m *perceptron.Model) error {
	t.model = m
	t.upos = make([]string, len(m.Classes))
	t.xpos = make([]string, len(m.Classes))
	for i, c := range m.Classes {
		u, x, ok := strings.Cut(c, "|")
		if !ok {
			return fmt.Errorf("%w: class %q is not UPOS|XPOS", errFormat, c)
		}
		t.upos[i], t.xpos[i] = u, x
	}
	for w, c := range t.dict {
		if c < 0 || int(c) >= len(m.Classes) {
			return fmt.Errorf("%w: tag dictionary class %d for %q out of range", errFormat, c, w)
		}
	}
	return nil
}

// encoder writes the model's little-endian fields, keeping the first
// error so that callers check once.
type encoder struct {
	w   io.Writer
	err error
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	e.bytes(b[:])
}

func (e *encoder) str(s string) {
	if len(s) > maxString {
		if e.err == nil {
			e.err = fmt.Errorf("string of %d bytes too long for the model format", len(s))
		}
		return
	}
	var b [2]byte
	binary.LittleEndian.PutUint16(b[:], uint16(len(s)))
	e.bytes(b[:])
	e.bytes([]byte(s))
}

func (e *encoder) stringMapInt(m map[string]int32) {
	keys := sortedKeys(m)
	e.u64(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.u64(uint64(m[k]))
	}
}

func (e *encoder) stringMapString(m map[string]string) {
	keys := sortedKeys(m)
	e.u64(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

func (e *encoder) stringSet(m map[string]bool) {
	keys := sortedKeys(m)
	e.u64(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
	}
}

// decoder reads what encoder wrote, keeping the first error.
type decoder struct {
	r   io.Reader
	err error
}

// maxEntries bounds table sizes read from a file, so that a corrupt count
// cannot make Read allocate without limit.
const maxEntries = 1 << 24

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	b := make([]byte, n)
	_, d.err = io.ReadFull(d.r, b)
	return b
}

func (d *decoder) u64() uint64 {
	b := d.bytes(8)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (d *decoder) count() int {
	n := d.u64()
	if d.err == nil && n > maxEntries {
		d.err = fmt.Errorf("table of %d entries", n)
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	b := d.bytes(2)
	if d.err != nil {
		return ""
	}
	return string(d.bytes(int(binary.LittleEndian.Uint16(b))))
}

func (d *decoder) stringMapInt() map[string]int32 {
	n := d.count()
	m := make(map[string]int32, min(n, 1<<16))
	for range n {
		k := d.str()
		v := d.u64()
		if d.err != nil {
			return nil
		}
		if v > 1<<30 {
			d.err = fmt.Errorf("class %d out of range", v)
			return nil
		}
		m[k] = int32(v)
	}
	return m
}

func (d *decoder) stringMapString() map[string]string {
	n := d.count()
	m := make(map[string]string, min(n, 1<<16))
	for range n {
		k, v := d.str(), d.str()
		if d.err != nil {
			return nil
		}
		m[k] = v
	}
	return m
}

func (d *decoder) stringSet() map[string]bool {
	n := d.count()
	m := make(map[string]bool, min(n, 1<<16))
	for range n {
		k := d.str()
		if d.err != nil {
			return nil
		}
		m[k] = true
	}
	return m
}

// sortedKeys returns m's keys in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
