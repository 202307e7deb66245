// Package coref groups the name mentions that the nlp stage found into
// entities: "Benjamin Netanyahu", "Netanyahu" and a later "he" become one
// entity with its titles ("Prime Minister") and country (ISR).
//
// The rules, in order: a name joins the entity of the same name, or of
// the full name it ends ("Jean-Pierre" → "Karine Jean-Pierre"), or of the
// organisation whose initials it is; titles and countries come from the
// words before a name ("Italian Prime Minister X", "White House
// spokesperson X") or from an apposition after it ("X, the US
// president"); a title without a name ("the Italian leader") joins the one
// entity it fits (the one of several named in the last sentences); a
// pronoun joins the most salient person of agreeing gender in its
// sentence and the two before (subject over object, recent over earlier,
// after Lappin and Leass), or the text's topic.
//
// This is the first, rule-based version; a trained resolver replaces it.
package coref

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/nlp/lexicon"
)

// Stage is the coref pipeline stage. It writes doc.Entities, sets Entity
// on every doc.Names item and Entity on the doc.Places whose mentions are
// an entity's. A Stage is read-only once made and safe for concurrent use.
type Stage struct {
	countryOf func(word string) (string, bool)
	lookup    func(name string) []gazetteer.Entry
	lex       *lexicon.Lexicon
}

// New returns the stage. countryOf maps a demonym or adjective
// ("Israeli", "US") to an ISO alpha-3 code; the pipeline passes
// gazetteer.Default().Demonym. It may be nil, and then no country is read
// from demonyms.
func New(countryOf func(word string) (alpha3 string, ok bool)) *Stage {
	return &Stage{countryOf: countryOf, lookup: gazetteer.Default().Lookup, lex: lexicon.Default()}
}

// Name returns "coref".
func (s *Stage) Name() string { return "coref" }

// Process groups doc.Names into doc.Entities, replacing what was there.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if doc == nil {
		return errors.New("coref: nil document")
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("coref: %w", err)
	}
	r := s.newResolver(doc)
	r.cluster()
	r.attributes()
	r.titleMentions()
	r.pronouns()
	doc.Entities = r.entities()
	r.linkPlaces()
	return nil
}

// newResolver prepares one document. It reads the tokens and sentences
// the nlp stage wrote, or makes its own when they are missing.
func (s *Stage) newResolver(doc *document.Document) *resolver {
	r := &resolver{s: s, doc: doc, toks: doc.Tokens, sents: doc.Sentences}
	if len(r.toks) == 0 && doc.Text != "" {
		r.toks = nlp.Tokenize(doc.Text)
		r.sents = nlp.SplitSentences(doc.Text)
		for si, sent := range r.sents {
			for i := sent.TokenStart; i < sent.TokenEnd && i < len(r.toks); i++ {
				r.toks[i].Sentence = si
			}
		}
	}
	r.quoted = quoted(doc.Text, r.toks)
	return r
}

// entityID returns the id of the n-th entity (from 0).
func entityID(n int) string { return "E" + strconv.Itoa(n+1) }
