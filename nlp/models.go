package nlp

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"newsgraph/document"
	"newsgraph/nlp/ner"
	"newsgraph/nlp/parser"
	"newsgraph/nlp/sentences"
	"newsgraph/nlp/tagger"
)

// Models are the trained parts of the stage. A nil field leaves that step
// to the rules (sentences, names) or undone (tags, lemmas, parse).
type Models struct {
	Sentences *sentences.Splitter
	Tagger    *tagger.Tagger
	Names     *ner.Recognizer
	Parser    *parser.Parser // needs Tagger: it reads the words' tags
}

// LoadModels decodes the models shipped in the binary (package models),
// side by side: decoding is most of a short command's run time. Each is
// decoded once per process and shared by every stage made from it.
func LoadModels() (Models, error) {
	var m Models
	var wg sync.WaitGroup
	errs := make([]error, 4)
	wg.Go(func() { m.Sentences, errs[0] = sentences.Load() })
	wg.Go(func() { m.Tagger, errs[1] = tagger.Load() })
	wg.Go(func() { m.Names, errs[2] = ner.Load() })
	wg.Go(func() { m.Parser, errs[3] = parser.Load() })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Models{}, fmt.Errorf("nlp: %w", err)
	}
	return m, nil
}

// sentencesFromSpans turns the splitter's byte spans into sentences over
// toks, setting each token's Sentence. The splitter puts every token in
// exactly one span, in order.
func sentencesFromSpans(toks []document.Token, spans [][2]int) []document.Sentence {
	sents := make([]document.Sentence, 0, len(spans))
	k := 0
	for _, sp := range spans {
		start := k
		for k < len(toks) && toks[k].Start < sp[1] {
			toks[k].Sentence = len(sents)
			k++
		}
		if k == start {
			continue
		}
		sents = append(sents, document.Sentence{
			Start: toks[start].Start, End: toks[k-1].End,
			TokenStart: start, TokenEnd: k,
		})
	}
	return sents
}

// words returns the texts of a sentence's tokens.
func words(toks []document.Token, s document.Sentence) []string {
	w := make([]string, s.TokenEnd-s.TokenStart)
	for i := range w {
		w[i] = toks[s.TokenStart+i].Text
	}
	return w
}

// tagAndParse sets POS, Tag and Lemma on every token, and Head and Dep
// when the stage has a parser. Heads index doc-wide tokens; a sentence's
// root has Head -1 and Dep "root".
func (s *Stage) tagAndParse(toks []document.Token, sents []document.Sentence) {
	for _, sent := range sents {
		w := words(toks, sent)
		upos, xpos := s.models.Tagger.Tag(w)
		for i := range w {
			t := &toks[sent.TokenStart+i]
			t.POS, t.Tag = upos[i], xpos[i]
			t.Lemma = s.models.Tagger.Lemma(w[i], upos[i])
		}
		if s.models.Parser == nil {
			continue
		}
		heads, labels := s.models.Parser.Parse(w, upos, xpos)
		for i, h := range heads {
			t := &toks[sent.TokenStart+i]
			t.Dep = labels[i]
			t.Head = -1
			if h > 0 {
				t.Head = sent.TokenStart + h - 1
			}
		}
	}
}

// modelNames returns the names the recogniser finds, typed in the
// contract's scheme. The recogniser reads the document as a whole, so a
// name is labelled alike each time it comes.
func (s *Stage) modelNames(text string, toks []document.Token, sents []document.Sentence) []document.Name {
	f := &finder{s: s, lex: s.lex, text: text, toks: toks}
	ws := make([][]string, len(sents))
	for i, sent := range sents {
		if !f.furniture(sent) {
			ws[i] = words(toks, sent)
		}
	}
	var names []document.Name
	for si, spans := range s.models.Names.FindDoc(ws) {
		sent := sents[si]
		for _, sp := range spans {
			// The recogniser, trained on text with straight quotes, may
			// take a curly mark or a comma next to a name for part of it
			// ("” Cruz said", "the Daily Planet, investigators"); a name
			// never starts or ends with one.
			for sp.Start < sp.End && edgePunct(toks[sent.TokenStart+sp.Start].Text) {
				sp.Start++
			}
			for sp.End > sp.Start && edgePunct(toks[sent.TokenStart+sp.End-1].Text) {
				sp.End--
			}
			if sp.Start == sp.End {
				continue
			}
			a, b := toks[sent.TokenStart+sp.Start], toks[sent.TokenStart+sp.End-1]
			n := document.Name{Start: a.Start, End: b.End, Text: text[a.Start:b.End], Sentence: si}
			if !hasUpper(n.Text) {
				continue // "p.m.": a name has a capital somewhere
			}
			n.Type = s.contractType(n.Text, sp.Type)
			if k, ok := s.lex.Keyword(b.Text); ok && !k.First && n.Type == document.TypePerson && sp.End-sp.Start > 1 {
				// A head word that ends names of another kind outweighs
				// the recogniser's person: "Court Street", "Royal Free
				// Hospital" are no one's names.
				n.Type = k.Type
			}
			if n.Type == document.TypeLoc && acts(toks, sent.TokenStart+sp.End-1) {
				// A building or area that says or does something is the
				// body that sits there: "the White House urged", "the
				// Kremlin said". (Countries and cities that act stay
				// GPEs, as the contract has it.)
				n.Type = document.TypeOrg
			}
			names = append(names, n)
		}
	}
	return agreeTypes(names)
}

// edgePunct reports whether a token is punctuation that cannot start or
// end a name: quotation marks, commas, colons, brackets, dashes.
func edgePunct(tok string) bool {
	switch tok {
	case "“", "”", "\"", "‘", "’", "«", "»", "„", "‟", "''", "``", "'",
		",", ";", ":", "(", ")", "[", "]", "—", "–", "?", "!":
		return true
	}
	return false
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// acts reports whether token i, the head word of a name, is the subject of
// a verb in the parse.
func acts(toks []document.Token, i int) bool {
	t := toks[i]
	if t.Dep != "nsubj" || t.Head < 0 {
		return false
	}
	return toks[t.Head].POS == "VERB"
}

// contractType maps a CoNLL type (PER, ORG, LOC, MISC) onto the
// contract's: a location the gazetteer knows as a country, division or
// town is a GPE; a miscellaneous name that is a demonym or a people
// ("Israeli", "Palestinians") is NORP.
func (s *Stage) contractType(name, conll string) string {
	switch conll {
	case "PER":
		return document.TypePerson
	case "ORG":
		return document.TypeOrg
	case "LOC":
		if s.politicalPlace(name) {
			return document.TypeGPE
		}
		return document.TypeLoc
	}
	if s.places != nil {
		if _, ok := s.places.Demonym(name); ok {
			return document.TypeNORP
		}
		if people, ok := strings.CutSuffix(name, "s"); ok {
			if _, ok := s.places.Demonym(people); ok {
				return document.TypeNORP
			}
		}
	}
	return document.TypeMisc
}

// politicalPlace reports whether the gazetteer knows name as a country,
// an administrative division or a populated place: what the contract
// calls a GPE rather than a LOC (a river, a region, a sea).
func (s *Stage) politicalPlace(name string) bool {
	if s.places == nil {
		return false
	}
	for _, e := range s.places.Lookup(name) {
		if e.IsCountry() || strings.HasPrefix(e.Feature, "ADM") || strings.HasPrefix(e.Feature, "PPL") {
			return true
		}
	}
	return false
}

// agreeTypes gives every mention of the same name text one type: the one
// it has most often in the document (the first seen on a tie), except that
// a location read once as an organisation is one throughout: the metonymy
// above shows on one mention and holds for all. One name is one kind of thing throughout.
func agreeTypes(names []document.Name) []document.Name {
	counts := map[string]map[string]int{}
	first := map[string]string{}
	for _, n := range names {
		if counts[n.Text] == nil {
			counts[n.Text] = map[string]int{}
			first[n.Text] = n.Type
		}
		counts[n.Text][n.Type]++
	}
	for i, n := range names {
		best := first[n.Text]
		for typ, c := range counts[n.Text] {
			if c > counts[n.Text][best] {
				best = typ
			}
		}
		if best == document.TypeLoc && counts[n.Text][document.TypeOrg] > 0 {
			best = document.TypeOrg
		}
		names[i].Type = best
	}
	return names
}
