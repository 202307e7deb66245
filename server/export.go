package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"newsgraph/document"
	"newsgraph/store"
)

// exportKinds are the tables /api/v1/export/{kind} streams, with their CSV
// header rows. Each row of events, quotes and entities names its article.
var exportKinds = map[string][]string{
	"articles": {"id", "url", "site", "title", "published", "language", "authors", "story", "credit", "topics", "entities", "quotes", "events", "text"},
	"events": {"article", "published", "event", "type", "mode", "cameo", "quad", "source", "source_code", "source_country",
		"target", "target_code", "target_country", "place", "lat", "lon", "time", "negated", "hypothetical", "future",
		"confidence", "trigger", "trigger_start", "trigger_end", "sentence"},
	"quotes":   {"article", "published", "quote", "kind", "speaker", "speaker_key", "speaker_text", "cue", "start", "end", "text"},
	"entities": {"article", "published", "entity", "key", "name", "type", "country", "actor", "titles", "mentions"},
}

// apiExport streams every matching article's rows of one kind as JSON
// lines or CSV, one article at a time, so memory stays flat however large
// the store.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	header, ok := exportKinds[kind]
	if !ok {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no export %q: want articles, events, quotes or entities", clip(kind)))
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "jsonl"
	}
	if format != "jsonl" && format != "csv" {
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("format %q: want jsonl or csv", clip(format)))
		return
	}
	p, err := parseParams(q)
	if err == nil && (p.Q != "" || p.Cursor != "" || q.Has("limit") || q.Has("offset")) {
		err = badRequest("exports take filters only (source, country, language, from, to, event_type, entity, place, story, topic)")
	}
	if err != nil {
		status, msg := statusOf(err)
		writeJSONError(w, status, msg)
		return
	}
	ew := &exportWriter{w: w, kind: kind, format: format}
	if format == "csv" {
		ew.csv = csv.NewWriter(w)
		ew.header = header
	} else {
		ew.json = json.NewEncoder(w)
		ew.json.SetEscapeHTML(true)
	}
	err = s.store.Scan(r.Context(), p.filter(), ew.article)
	if err == nil {
		err = ew.flush()
	}
	if err != nil {
		if !ew.started {
			status, msg := statusOf(s.storeError(err))
			writeJSONError(w, status, msg)
			return
		}
		// The status is sent; all we can do is stop. The client sees a
		// truncated body without the final newline or CSV record.
		slog.Warn("export stopped", "kind", kind, "err", err)
	}
}

type exportWriter struct {
	w       http.ResponseWriter
	kind    string
	format  string
	csv     *csv.Writer
	json    *json.Encoder
	header  []string
	started bool
	rows    int
}

func (e *exportWriter) start() error {
	if e.started {
		return nil
	}
	e.started = true
	h := e.w.Header()
	if e.format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
	}
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="newsgraph-%s.%s"`, e.kind, e.format))
	e.w.WriteHeader(http.StatusOK)
	if e.csv != nil {
		return e.csv.Write(e.header)
	}
	return nil
}

func (e *exportWriter) flush() error {
	if err := e.start(); err != nil {
		return err
	}
	if e.csv != nil {
		e.csv.Flush()
		return e.csv.Error()
	}
	return nil
}

// row writes one record: rec for JSON lines, cells for CSV.
func (e *exportWriter) row(rec any, cells func() []string) error {
	if err := e.start(); err != nil {
		return err
	}
	e.rows++
	if e.csv != nil {
		if err := e.csv.Write(cells()); err != nil {
			return err
		}
	} else if err := e.json.Encode(rec); err != nil {
		return err
	}
	if e.rows%256 == 0 {
		if e.csv != nil {
			e.csv.Flush()
		}
		if f, ok := e.w.(http.Flusher); ok {
			f.Flush()
		}
	}
	return nil
}

func (e *exportWriter) article(a *store.Article) error {
	d := a.Doc
	d.Normalize()
	switch e.kind {
	case "articles":
		return e.row(d, func() []string {
			return []string{d.ID, d.URL, d.Site, d.Title, d.Published, d.Language, strings.Join(d.Authors, "; "), a.Story, a.Credit,
				strings.Join(a.Topics, "; "), strconv.Itoa(len(d.Entities)), strconv.Itoa(len(d.Quotes)), strconv.Itoa(len(d.Events)), d.Text}
		})
	case "events":
		for i := range d.Events {
			ev := &d.Events[i]
			place := placeByID(d, ev.Place)
			sentence := sentenceText(d, ev.Sentence)
			rec := map[string]any{"article": d.ID, "published": d.Published, "event": ev, "sentence": sentence}
			if place != nil {
				rec["place"] = place
			}
			err := e.row(rec, func() []string {
				src, tgt := actorCells(ev.Source), actorCells(ev.Target)
				cells := []string{d.ID, d.Published, ev.ID, ev.Type, ev.Mode, ev.CAMEO, strconv.Itoa(ev.Quad)}
				cells = append(cells, src[:]...)
				cells = append(cells, tgt[:]...)
				if place != nil {
					cells = append(cells, place.Name, ftoa(place.Lat), ftoa(place.Lon))
				} else {
					cells = append(cells, "", "", "")
				}
				return append(cells, timeValue(d, ev.Time), strconv.FormatBool(ev.Negated), strconv.FormatBool(ev.Hypothetical),
					strconv.FormatBool(ev.Future), ftoa(ev.Confidence), ev.Trigger.Text,
					strconv.Itoa(ev.Trigger.Start), strconv.Itoa(ev.Trigger.End), sentence)
			})
			if err != nil {
				return err
			}
		}
	case "quotes":
		for i := range d.Quotes {
			qt := &d.Quotes[i]
			speaker, key := "", ""
			if qt.Speaker != nil {
				speaker = *qt.Speaker
				if ent := d.EntityByID(speaker); ent != nil {
					key = store.EntityKey(*ent)
				}
			}
			rec := map[string]any{"article": d.ID, "published": d.Published, "speaker_key": key, "quote": qt}
			err := e.row(rec, func() []string {
				return []string{d.ID, d.Published, qt.ID, qt.Kind, speaker, key, qt.SpeakerText, qt.Cue,
					strconv.Itoa(qt.Start), strconv.Itoa(qt.End), qt.Text}
			})
			if err != nil {
				return err
			}
		}
	case "entities":
		for i := range d.Entities {
			ent := &d.Entities[i]
			key := store.EntityKey(*ent)
			rec := map[string]any{"article": d.ID, "published": d.Published, "key": key, "entity": ent}
			err := e.row(rec, func() []string {
				return []string{d.ID, d.Published, ent.ID, key, ent.Name, ent.Type, ent.Country, ent.Actor,
					strings.Join(ent.Titles, "; "), strconv.Itoa(len(ent.Mentions))}
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// actorCells joins one side of an event into text, codes and countries.
func actorCells(as []document.Actor) [3]string {
	var text, code, country []string
	for _, a := range as {
		text = append(text, a.Text)
		code = append(code, a.Code)
		country = append(country, a.Country)
	}
	return [3]string{strings.Join(text, "; "), strings.Join(code, "; "), strings.Join(country, "; ")}
}

func placeByID(d *document.Document, id *string) *document.Place {
	if id == nil {
		return nil
	}
	for i := range d.Places {
		if d.Places[i].ID == *id {
			return &d.Places[i]
		}
	}
	return nil
}

func timeValue(d *document.Document, id *string) string {
	if id == nil {
		return ""
	}
	for _, t := range d.Times {
		if t.ID == *id {
			return t.Value
		}
	}
	return ""
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

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
