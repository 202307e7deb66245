package nlp

import (
	"context"
	"errors"
	"fmt"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp/lexicon"
)

// Places is what the name finder asks of a gazetteer; *gazetteer.Gazetteer
// has it.
type Places interface {
	Lookup(name string) []gazetteer.Entry
	Demonym(word string) (country string, ok bool)
}

// Stage is the nlp pipeline stage: it tokenises the text, splits it into
// sentences and finds the names in it. It writes doc.Tokens,
// doc.Sentences and doc.Names. A Stage is read-only once made and safe for
// concurrent use.
type Stage struct {
	places Places
	lex    *lexicon.Lexicon
}

// New returns the stage with the embedded gazetteer and word lists.
func New() *Stage { return NewWith(gazetteer.Default()) }

// NewWith returns the stage with the given gazetteer, for tests and for
// callers that load their own.
func NewWith(places Places) *Stage {
	return &Stage{places: places, lex: lexicon.Default()}
}

// Name returns "nlp".
func (s *Stage) Name() string { return "nlp" }

// Process tokenises doc.Text and writes doc.Tokens, doc.Sentences and
// doc.Names, replacing what was there. Names are found in English text
// only (or text of unknown language): the rules lean on English word lists,
// and in German every noun is capitalised.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if doc == nil {
		return errors.New("nlp: nil document")
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("nlp: %w", err)
	}
	doc.Tokens = Tokenize(doc.Text)
	doc.Sentences = splitSentences(doc.Text, doc.Tokens)
	doc.Names = nil
	if doc.English() {
		doc.Names = s.findNames(doc.Text, doc.Tokens, doc.Sentences)
	}
	return nil
}
