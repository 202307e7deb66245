// Package ner finds the names of people, organisations, places and other
// named things in tokenised English text: the CoNLL-2003 types PER, ORG,
// LOC and MISC.
//
// It is a greedy left-to-right sequence labeller over BILOU tags, an
// averaged perceptron (package perceptron) with the features of Ratinov
// and Roth (2009, "Design challenges and misconceptions in named entity
// recognition"): the word and its neighbours, shapes, affixes, the
// previous tags, membership of newsgraph's own gazetteer and word lists,
// and, across a document, how capitalised words are used elsewhere and
// how they were labelled before. Input is raw tokens only; no
// part-of-speech tags are needed.
//
// The model is trained by Train on CoNLL-2003 (whose weights, not text,
// newsgraph may ship) and embedded as models/data/ner.model.gz; rebuild it
// (deterministic, about a minute on one core) with
//
//	GOMAXPROCS=1 go run ./cmd/newsgraph train ner --data ../shared/data/nlp
//
// and measure it with `newsgraph eval nlp --data ../shared/data/nlp`.
// The word clusters it uses come from GloVe vectors (see
// internal/genclusters).
package ner

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"

	"newsgraph/geo/gazetteer"
	"newsgraph/models"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/perceptron"
)

// ModelFile is the name of the shipped model under models/data.
const ModelFile = "ner.model.gz"

// Recognizer finds names. It is read-only and safe for concurrent use.
type Recognizer struct {
	model *perceptron.Model
	x     *extractor
}

var load = sync.OnceValues(func() (*Recognizer, error) {
	b, err := models.Open(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w", ModelFile, err)
	}
	return r, nil
})

// Load returns the recogniser with the shipped model, read once.
func Load() (*Recognizer, error) { return load() }

// Parse reads a model file written by Train.
func Parse(b []byte) (*Recognizer, error) {
	m, err := perceptron.Load(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if !slices.Equal(m.Classes, classNames) {
		return nil, errors.New("model classes are not this package's BILOU tags")
	}
	x, err := newExtractor()
	if err != nil {
		return nil, err
	}
	return &Recognizer{model: m, x: x}, nil
}

func newExtractor() (*extractor, error) {
	cl, err := loadClusters()
	if err != nil {
		return nil, err
	}
	return &extractor{gaz: gazetteer.Default(), lex: lexicon.Default(), cl: cl}, nil
}

// Find returns the names in one sentence, in order, without overlaps.
func (r *Recognizer) Find(words []string) []Span {
	return r.FindDoc([][]string{words})[0]
}

// FindDoc returns the names in each sentence of a document. It reads the
// document as a whole: a word capitalised mid-sentence elsewhere is likely
// a name at the start of a sentence too, a word written in lower case
// elsewhere likely is not, and a name is likely labelled the same way
// each time it comes ("Clinton ... Clinton").
func (r *Recognizer) FindDoc(sentences [][]string) [][]Span {
	tags := preparedDoc(r.x, sentences, nil).run(r.model)
	out := make([][]Span, len(sentences))
	for i, t := range tags {
		if len(t) > 0 {
			out[i] = decode(t)
		}
	}
	return propagate(sentences, out)
}

// scorer is a model or a trainer in the middle of training.
type scorer interface {
	Scores(feats []perceptron.Feature, scores []float32)
}

// labeller holds the buffers of greedy decoding.
type labeller struct {
	feats  []perceptron.Feature
	scores [numClasses]float32
}

// label tags a sentence left to right, each token taking the best class
// that may follow the previous one. With a trainer, it also learns from
// gold at each token (the tags it goes on from are its own guesses, as
// at prediction time).
func (l *labeller) label(s scorer, toks []token, static []perceptron.Feature, offs []int, doc *docInfo, tags, gold []int, tr *perceptron.Trainer) {
	prev, prev2 := 0, 0
	for i, t := range toks {
		l.feats = append(l.feats[:0], static[offs[i]:offs[i+1]]...)
		l.feats = dynamic(l.feats, t, prev, prev2, doc)
		clear(l.scores[:])
		s.Scores(l.feats, l.scores[:])
		best := -1
		for c, v := range l.scores {
			if allowed(prev, c) && (best < 0 || v > l.scores[best]) {
				best = c
			}
		}
		if tr != nil {
			tr.Update(l.feats, gold[i], best)
			tr.Tick()
		}
		tags[i] = best
		prev2, prev = prev, best
	}
	doc.remember(toks, tags)
}

// document is a document with everything fixed computed once: tokens,
// static features and, for training data, gold tags.
type document struct {
	toks   [][]token
	static [][]perceptron.Feature
	offs   [][]int
	gold   [][]int
	spans  [][]Span
	info   *docInfo
}

// preparedDoc reads a document's sentences; gold may be nil.
func preparedDoc(x *extractor, sentences [][]string, gold [][]Span) *document {
	d := &document{}
	for _, s := range sentences {
		d.toks = append(d.toks, x.tokens(s))
	}
	d.info = newDocInfo(d.toks)
	for i, s := range sentences {
		st, offs := x.sentence(d.toks[i], s, d.info)
		d.static = append(d.static, st)
		d.offs = append(d.offs, offs)
		if gold != nil {
			d.gold = append(d.gold, encode(len(s), gold[i]))
		}
	}
	d.spans = gold
	return d
}

// run labels the document with m. With a trainer as m, it learns from
// gold.
func (d *document) run(m scorer) [][]int {
	var l labeller
	tr, _ := m.(*perceptron.Trainer)
	d.info.hist = map[string]*[5]int32{}
	tags := make([][]int, len(d.toks))
	for i := range d.toks {
		tags[i] = make([]int, len(d.toks[i]))
		var gold []int
		if tr != nil {
			gold = d.gold[i]
		}
		l.label(m, d.toks[i], d.static[i], d.offs[i], d.info, tags[i], gold, tr)
	}
	return tags
}
