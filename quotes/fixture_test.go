package quotes

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// ent describes an entity of a test document by the surfaces of its
// mentions. A surface matches every whole-word occurrence in the text;
// "she@2" matches only the second.
type ent struct {
	id, typ  string
	surfaces []string
}

// build makes a document as the stages before quotes would leave it:
// sentences (from the fallback splitter), entities with their mentions,
// names for the mentions that are not pronouns, and the given times.
func build(text string, times []string, ents ...ent) *document.Document {
	doc := document.New()
	doc.Text = text
	for _, s := range splitSentences(text) {
		doc.Sentences = append(doc.Sentences, document.Sentence{Start: s[0], End: s[1]})
	}
	for _, e := range ents {
		de := document.Entity{ID: e.id, Name: e.id, Type: e.typ}
		for _, s := range e.surfaces {
			for _, sp := range occurrences(text, s) {
				de.Mentions = append(de.Mentions, sp)
				if !pronouns[fold(sp.Text)] {
					doc.Names = append(doc.Names, document.Name{Start: sp.Start, End: sp.End, Text: sp.Text, Type: e.typ, Entity: e.id})
				}
			}
		}
		doc.Entities = append(doc.Entities, de)
	}
	for i, s := range times {
		for _, sp := range occurrences(text, s) {
			doc.Times = append(doc.Times, document.Time{ID: fmt.Sprintf("T%d", i+1), Text: sp.Text, Start: sp.Start, End: sp.End, Type: document.TimeDate})
		}
	}
	return doc
}

// occurrences returns the whole-word occurrences of surface in text; a
// suffix "@N" keeps only the Nth.
func occurrences(text, surface string) []document.Span {
	nth := 0
	if at := strings.LastIndex(surface, "@"); at > 0 {
		if n, err := strconv.Atoi(surface[at+1:]); err == nil {
			surface, nth = surface[:at], n
		}
	}
	var out []document.Span
	for from := 0; ; {
		i := strings.Index(text[from:], surface)
		if i < 0 {
			break
		}
		s := from + i
		e := s + len(surface)
		from = e
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if (s > 0 && isLetterOrDigit(before)) || (e < len(text) && isLetterOrDigit(after)) {
			continue
		}
		out = append(out, document.Span{Start: s, End: e, Text: surface})
	}
	if nth > 0 {
		if nth > len(out) {
			return nil
		}
		return out[nth-1 : nth]
	}
	return out
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// got is a quote reduced to what the tests compare.
type got struct {
	kind, text, cue, speaker, speakerText string
}

func (g got) String() string {
	return fmt.Sprintf("%s %q cue=%q by %s (%q)", g.kind, g.text, g.cue, g.speaker, g.speakerText)
}

func reduce(qs []document.Quote) []got {
	var out []got
	for _, q := range qs {
		sp := "nil"
		if q.Speaker != nil {
			sp = *q.Speaker
		}
		out = append(out, got{q.Kind, q.Text, q.Cue, sp, q.SpeakerText})
	}
	return out
}
