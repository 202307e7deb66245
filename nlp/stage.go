package nlp

import (
	"context"
	"errors"
	"fmt"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/tokenize"
)

// Places is what the name finder asks of a gazetteer; *gazetteer.Gazetteer
// has it.
type Places interface {
	Lookup(name string) []gazetteer.Entry
	Demonym(word string) (country string, ok bool)
}

// Stage is the nlp pipeline stage: it tokenises the text, splits it into
// sentences, tags and parses them and finds the names in them. It writes
// doc.Tokens (with POS, Tag, Lemma, Head and Dep), doc.Sentences and
// doc.Names. A Stage is read-only once made and safe for concurrent use.
type Stage struct {
	places Places
	lex    *lexicon.Lexicon
	models Models
}

// New returns the stage with the embedded gazetteer and the trained models
// shipped in the binary. The models are part of the build, so a failure to
// decode them is a defect of the build, not of any input: New panics then
// (the models package's tests catch it first). Load returns the error.
func New() *Stage {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

// Load returns the stage with the embedded gazetteer and the shipped
// models, or the error that decoding a model gave.
func Load() (*Stage, error) {
	m, err := LoadModels()
	if err != nil {
		return nil, err
	}
	return WithModels(gazetteer.Default(), m), nil
}

// NewWith returns the rule-based stage with the given gazetteer: sentences
// and names by rule, tokens untagged and unparsed. Tests use it with small
// gazetteers, and the evaluations as the baseline the models must beat.
func NewWith(places Places) *Stage {
	return &Stage{places: places, lex: lexicon.Default()}
}

// WithModels returns the stage with the given gazetteer and models; nil
// models leave their step to the rules or undone (see Models).
func WithModels(places Places, m Models) *Stage {
	if m.Tagger == nil {
		m.Parser = nil
	}
	return &Stage{places: places, lex: lexicon.Default(), models: m}
}

// Name returns "nlp".
func (s *Stage) Name() string { return "nlp" }

// Process tokenises doc.Text and writes doc.Tokens, doc.Sentences and
// doc.Names, replacing what was there. The models are English: text in
// another language (by doc.Language) gets the rule-based sentences and no
// tags, parse or names (the name rules lean on English word lists, and in
// German every noun is capitalised).
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if doc == nil {
		return errors.New("nlp: nil document")
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("nlp: %w", err)
	}
	english := doc.English()
	doc.Tokens = tokenize.Text(doc.Text)
	if english && s.models.Sentences != nil {
		doc.Sentences = sentencesFromSpans(doc.Tokens, s.models.Sentences.Split(doc.Text, doc.Tokens))
	} else {
		doc.Sentences = splitSentences(doc.Text, doc.Tokens)
	}
	doc.Names = nil
	if !english {
		return nil
	}
	if s.models.Tagger != nil {
		s.tagAndParse(doc.Tokens, doc.Sentences)
	}
	if s.models.Names != nil {
		doc.Names = s.modelNames(doc.Text, doc.Tokens, doc.Sentences)
	} else {
		doc.Names = s.findNames(doc.Text, doc.Tokens, doc.Sentences)
	}
	return nil
}
