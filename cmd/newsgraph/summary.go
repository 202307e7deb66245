package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"newsgraph/document"
)

// writeSummary prints a document for a person: title, who, where, when,
// who said what, and who did what to whom, each event with its sentence.
func writeSummary(w io.Writer, doc *document.Document) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("%s\n", orDash(doc.Title))
	var meta []string
	for _, m := range []struct{ k, v string }{{"published", doc.Published}, {"site", doc.Site}, {"url", doc.URL}, {"language", doc.Language}} {
		if m.v != "" {
			meta = append(meta, m.k+" "+m.v)
		}
	}
	if len(doc.Authors) > 0 {
		meta = append(meta, "by "+strings.Join(doc.Authors, ", "))
	}
	if len(meta) > 0 {
		p("%s\n", strings.Join(meta, " · "))
	}
	p("%d paragraphs, %d sentences, %d words\n", strings.Count(doc.Text, "\n\n")+1, len(doc.Sentences), len(strings.Fields(doc.Text)))

	p("\nWho\n")
	for _, e := range doc.Entities {
		if e.Type != document.TypePerson && e.Type != document.TypeOrg && e.Type != document.TypeNORP {
			continue
		}
		extra := e.Type
		if e.Country != "" {
			extra += ", " + e.Country
		}
		if e.Actor != "" {
			extra += ", " + e.Actor
		}
		if len(e.Titles) > 0 {
			extra += ", " + strings.Join(e.Titles, "; ")
		}
		p("  %-4s %s (%s) ×%d\n", e.ID, e.Name, extra, len(e.Mentions))
	}
	p("\nWhere\n")
	for _, pl := range doc.Places {
		p("  %-4s %s, %s (%.3f, %.3f) ×%d\n", pl.ID, pl.Name, orDash(pl.Country), pl.Lat, pl.Lon, len(pl.Mentions))
	}
	p("\nWhen\n")
	for _, t := range doc.Times {
		p("  %-4s %q = %s (%s)\n", t.ID, t.Text, t.Value, t.Type)
	}
	p("\nQuotes\n")
	for _, q := range doc.Quotes {
		speaker := "(unknown)"
		if q.Speaker != nil {
			if e := doc.EntityByID(*q.Speaker); e != nil {
				speaker = e.Name
			}
		} else if q.SpeakerText != "" {
			speaker = q.SpeakerText + " (unresolved)"
		}
		p("  %-4s %s, %s %s: %q\n", q.ID, speaker, q.Kind, q.Cue, clip(q.Text, 160))
	}
	p("\nEvents\n")
	for _, e := range doc.Events {
		what := e.Type
		if e.Mode != "" {
			what += "/" + e.Mode
		}
		p("  %-4s %s %s (CAMEO %s) %s\n", e.ID, actors(doc, e.Source), what, e.CAMEO, actors(doc, e.Target))
		details := []string{fmt.Sprintf("trigger %q", e.Trigger.Text)}
		if e.Place != nil {
			for _, pl := range doc.Places {
				if pl.ID == *e.Place {
					details = append(details, "in "+pl.Name)
				}
			}
		}
		if e.Time != nil {
			for _, t := range doc.Times {
				if t.ID == *e.Time {
					details = append(details, fmt.Sprintf("%s (%s)", t.Value, t.Text))
				}
			}
		}
		for _, f := range []struct {
			on   bool
			name string
		}{{e.Negated, "negated"}, {e.Hypothetical, "hypothetical"}, {e.Future, "future"}} {
			if f.on {
				details = append(details, f.name)
			}
		}
		details = append(details, fmt.Sprintf("confidence %.2f", e.Confidence))
		p("       %s\n", strings.Join(details, " · "))
		if e.Sentence >= 0 && e.Sentence < len(doc.Sentences) {
			s := doc.Sentences[e.Sentence]
			p("       sentence %d: %q\n", e.Sentence, clip(doc.Text[s.Start:s.End], 160))
		}
	}
	return bw.Flush()
}

// actors names each actor by its entity's canonical name where it has one,
// with its code (or country) in brackets.
func actors(doc *document.Document, as []document.Actor) string {
	if len(as) == 0 {
		return "?"
	}
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Text
		if e := doc.EntityByID(a.Entity); e != nil {
			parts[i] = e.Name
		}
		if a.Code != "" {
			parts[i] += " [" + a.Code + "]"
		} else if a.Country != "" {
			parts[i] += " [" + a.Country + "]"
		}
	}
	return strings.Join(parts, " + ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
