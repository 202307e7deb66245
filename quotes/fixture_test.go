package quotes

import (
	"fmt"

	"newsgraph/document"
	"newsgraph/internal/stagetest"
	"newsgraph/internal/textview"
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
	doc := stagetest.Doc(text)
	for _, e := range ents {
		de := document.Entity{ID: e.id, Name: e.id, Type: e.typ}
		for _, s := range e.surfaces {
			for _, sp := range stagetest.Occurrences(text, s) {
				de.Mentions = append(de.Mentions, sp)
				if !pronouns[textview.Fold(sp.Text)] {
					doc.Names = append(doc.Names, document.Name{Start: sp.Start, End: sp.End, Text: sp.Text, Type: e.typ, Entity: e.id})
				}
			}
		}
		doc.Entities = append(doc.Entities, de)
	}
	for i, s := range times {
		for _, sp := range stagetest.Occurrences(text, s) {
			doc.Times = append(doc.Times, document.Time{ID: fmt.Sprintf("T%d", i+1), Text: sp.Text, Start: sp.Start, End: sp.End, Type: document.TimeDate})
		}
	}
	return doc
}

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
