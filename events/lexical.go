package events

import (
	"fmt"

	"newsgraph/document"
)

// Lexical returns the events that the trigger table alone finds in doc:
// every trigger word or phrase, coded in CAMEO, PLOVER and quad class,
// with no source, target, place, time or flags. It is the
// "verb dictionary only" baseline that `newsgraph eval events` sets beside
// the coder, so that the figures show what the role rules add.
func (s *Stage) Lexical(doc *document.Document) ([]document.Event, error) {
	if s.err != nil {
		return nil, fmt.Errorf("events: tables: %w", s.err)
	}
	a := newAnalysis(doc, s)
	var out []document.Event
	for si, sent := range a.v.Sents {
		for _, tr := range a.triggers(sent) {
			pl, ok := a.tab.ploverOf(tr.p.cameo)
			if !ok {
				continue
			}
			ev := document.Event{
				ID: fmt.Sprintf("V%d", len(out)+1), Type: pl.typ, Mode: pl.mode,
				CAMEO: tr.p.cameo, Quad: quadClass(tr.p.cameo), Sentence: si,
				Source: []document.Actor{}, Target: []document.Actor{},
				Trigger: document.Span{Start: a.v.Toks[tr.t0].Start, End: a.v.Toks[tr.t1-1].End},
			}
			ev.Trigger.Text = a.v.Text[ev.Trigger.Start:ev.Trigger.End]
			out = append(out, ev)
		}
	}
	return out, nil
}
