// Package export writes the stored articles, events, quotes and entities
// as JSON lines or CSV, streaming one article at a time from a store. The
// command line (newsgraph export) and the HTTP API (/api/v1/export/{kind})
// both write through it, so a file from either is the same.
package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"newsgraph/document"
	"newsgraph/events"
	"newsgraph/store"
)

// Kinds are the tables Write can export.
var Kinds = []string{"articles", "events", "quotes", "entities"}

// Formats are the output formats Write takes. plover (PLOVER JSON lines)
// and gdelt (GDELT 2.0 event table rows, tab-separated, no header) are for
// events only: the formats event-data users already load.
var Formats = []string{"jsonl", "csv", "plover", "gdelt"}

// FormatsOf returns the formats kind can be written in.
func FormatsOf(kind string) []string {
	if kind == "events" {
		return Formats
	}
	return []string{"jsonl", "csv"}
}

type exportWriter struct {
	json   *json.Encoder
	csv    *csv.Writer
	header []string
	n      int
}

func newExportWriter(w io.Writer, format string, header []string) *exportWriter {
	ew := &exportWriter{header: header}
	if format == "csv" {
		ew.csv = csv.NewWriter(w)
	} else {
		ew.json = json.NewEncoder(w)
		ew.json.SetEscapeHTML(false)
	}
	return ew
}

func (ew *exportWriter) write(obj any, row []string) error {
	ew.n++
	if ew.json != nil {
		return ew.json.Encode(obj)
	}
	if ew.n == 1 {
		if err := ew.csv.Write(ew.header); err != nil {
			return err
		}
	}
	if err := ew.csv.Write(row); err != nil {
		return err
	}
	return nil
}

func (ew *exportWriter) flush() error {
	if ew.csv != nil {
		if ew.n == 0 {
			if err := ew.csv.Write(ew.header); err != nil {
				return err
			}
		}
		ew.csv.Flush()
		return ew.csv.Error()
	}
	return nil
}

// Records of the jsonl exports beside the article itself.
type (
	eventRecord struct {
		Article   string         `json:"article"`
		URL       string         `json:"url"`
		Published string         `json:"published"`
		Sentence  string         `json:"sentence"`
		Event     document.Event `json:"event"`
	}
	quoteRecord struct {
		Article   string         `json:"article"`
		URL       string         `json:"url"`
		Published string         `json:"published"`
		Speaker   string         `json:"speaker_name"` // the speaker entity's canonical name, "" when unknown
		Quote     document.Quote `json:"quote"`
	}
)

// Write exports every row of one kind (see Kinds) of the articles that
// match f to w in format (see Formats), and returns how many rows it wrote.
// Events, quotes and entities name their article in each row; entities
// are the store's entity list, most-mentioned first.
func Write(ctx context.Context, st store.Store, kind, format string, f store.Filter, w io.Writer) (int, error) {
	if !slices.Contains(Formats, format) {
		return 0, fmt.Errorf("unknown format %q: want %s", format, strings.Join(Formats, ", "))
	}
	if !slices.Contains(FormatsOf(kind), format) {
		return 0, fmt.Errorf("format %q is for events only: want jsonl or csv for %s", format, kind)
	}
	if format == "plover" || format == "gdelt" {
		return exportEventData(ctx, st, format, f, w)
	}
	switch kind {
	case "entities":
		return exportEntities(ctx, st, format, f, w)
	case "articles":
		ew := newExportWriter(w, format, []string{"id", "url", "site", "title", "published", "language", "story", "credit",
			"entities", "places", "quotes", "events", "text"})
		err := st.Scan(ctx, f, func(a *store.Article) error {
			d := a.Doc
			return ew.write(d, []string{d.ID, d.URL, d.Site, d.Title, d.Published, d.Language, a.Story, a.Credit,
				strconv.Itoa(len(d.Entities)), strconv.Itoa(len(d.Places)), strconv.Itoa(len(d.Quotes)), strconv.Itoa(len(d.Events)), d.Text})
		})
		if err == nil {
			err = ew.flush()
		}
		return ew.n, err
	case "events":
		ew := newExportWriter(w, format, []string{"article", "published", "event", "type", "mode", "cameo", "quad",
			"source", "source_code", "source_country", "target", "target_code", "target_country",
			"negated", "hypothetical", "future", "trigger", "confidence", "sentence", "url"})
		err := st.Scan(ctx, f, func(a *store.Article) error {
			d := a.Doc
			for _, e := range d.Events {
				sent := sentenceText(d, e.Sentence)
				src, tgt := actorsCSV(e.Source), actorsCSV(e.Target)
				row := []string{d.ID, d.Published, e.ID, e.Type, e.Mode, e.CAMEO, strconv.Itoa(e.Quad),
					src[0], src[1], src[2], tgt[0], tgt[1], tgt[2],
					strconv.FormatBool(e.Negated), strconv.FormatBool(e.Hypothetical), strconv.FormatBool(e.Future),
					e.Trigger.Text, strconv.FormatFloat(e.Confidence, 'f', 3, 64), sent, d.URL}
				if err := ew.write(eventRecord{d.ID, d.URL, d.Published, sent, e}, row); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			err = ew.flush()
		}
		return ew.n, err
	case "quotes":
		ew := newExportWriter(w, format, []string{"article", "published", "quote", "kind", "speaker", "speaker_text", "cue", "text", "url"})
		err := st.Scan(ctx, f, func(a *store.Article) error {
			d := a.Doc
			for _, q := range d.Quotes {
				name := ""
				if q.Speaker != nil {
					if e := d.EntityByID(*q.Speaker); e != nil {
						name = e.Name
					}
				}
				row := []string{d.ID, d.Published, q.ID, q.Kind, name, q.SpeakerText, q.Cue, q.Text, d.URL}
				if err := ew.write(quoteRecord{d.ID, d.URL, d.Published, name, q}, row); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			err = ew.flush()
		}
		return ew.n, err
	}
	return 0, fmt.Errorf("unknown kind %q: want one of %s", kind, strings.Join(Kinds, ", "))
}

// exportEventData writes the events of every matching article in one of
// the event-data formats, through package events' writers, and returns the
// number of lines (PLOVER: one per event; GDELT: one per source-target
// pair).
func exportEventData(ctx context.Context, st store.Store, format string, f store.Filter, w io.Writer) (int, error) {
	lc := &lineCounter{w: w}
	write := events.WritePLOVER
	if format == "gdelt" {
		write = events.WriteGDELT
	}
	err := st.Scan(ctx, f, func(a *store.Article) error { return write(lc, a.Doc) })
	return lc.n, err
}

// lineCounter counts the newlines written through it.
type lineCounter struct {
	w io.Writer
	n int
}

func (l *lineCounter) Write(b []byte) (int, error) {
	n, err := l.w.Write(b)
	l.n += bytes.Count(b[:n], []byte{'\n'})
	return n, err
}

// exportEntities pages through the store's entity list, most-mentioned
// first.
func exportEntities(ctx context.Context, st store.Store, format string, f store.Filter, w io.Writer) (int, error) {
	ew := newExportWriter(w, format, []string{"key", "name", "type", "country", "actor", "articles", "mentions"})
	q := store.EntityQuery{Filter: f, Limit: 1000}
	for {
		list, err := st.Entities(ctx, q)
		if err != nil {
			return ew.n, err
		}
		for _, e := range list.Entities {
			row := []string{e.Key, e.Name, e.Type, e.Country, e.Actor, strconv.Itoa(e.Articles), strconv.Itoa(e.Mentions)}
			if err := ew.write(e, row); err != nil {
				return ew.n, err
			}
		}
		if list.NextCursor == "" {
			break
		}
		q.Cursor = list.NextCursor
	}
	return ew.n, ew.flush()
}

// actorsCSV joins the actors of one side: texts, codes and countries,
// each "; "-separated.
func actorsCSV(actors []document.Actor) [3]string {
	var t, c, k []string
	for _, a := range actors {
		t = append(t, a.Text)
		c = append(c, a.Code)
		k = append(k, a.Country)
	}
	return [3]string{strings.Join(t, "; "), strings.Join(c, "; "), strings.Join(k, "; ")}
}

func sentenceText(d *document.Document, i int) string {
	if i < 0 || i >= len(d.Sentences) {
		return ""
	}
	s := d.Sentences[i]
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}
