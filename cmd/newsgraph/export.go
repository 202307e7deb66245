package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/sqlite"
)

const exportSynopsis = "newsgraph export articles|events|quotes|entities [--format jsonl|csv] [--store PATH] [--out FILE] [--site S] [--language L] [--country ISO3] [--from DATE] [--to DATE]"

// exportFormats lists the formats each kind accepts. plover and gdelt are
// the event-data formats the events package will provide; until then
// they are accepted names that exit with a usage error saying so.
var exportFormats = map[string][]string{
	"articles": {"jsonl", "csv"},
	"events":   {"jsonl", "csv", "plover", "gdelt"},
	"quotes":   {"jsonl", "csv"},
	"entities": {"jsonl", "csv"},
}

// runExport streams one kind of record out of the store. With --out the
// output goes to a temporary file renamed into place at the end, so a
// failed export never leaves a half-written file.
func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "jsonl", "output format: jsonl or csv (events: plover and gdelt are not yet implemented)")
	storeFlag := fs.String("store", "", "the store file (default $NEWSGRAPH_STORE, else "+defaultStorePath+")")
	out := fs.String("out", "", "write to FILE instead of standard output")
	var f store.Filter
	fs.StringVar(&f.Site, "site", "", "only articles of this site")
	fs.StringVar(&f.Language, "language", "", "only articles in this language (ISO 639-1)")
	fs.StringVar(&f.Country, "country", "", "only articles naming a place or entity of this country (ISO 3166-1 alpha-3)")
	fs.StringVar(&f.From, "from", "", "only articles published on or after DATE (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "only articles published on or before DATE (YYYY-MM-DD)")
	pos, err := parseInterspersed(fs, exportSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export: want one of articles, events, quotes, entities (usage: %s)", exportSynopsis)
	}
	kind := pos[0]
	formats, ok := exportFormats[kind]
	if !ok {
		return usagef("export: unknown kind %q: want articles, events, quotes or entities", kind)
	}
	if !contains(formats, *format) {
		return usagef("export %s: --format %q: want %s", kind, *format, strings.Join(formats, ", "))
	}
	if *format == "plover" || *format == "gdelt" {
		return usagef("export events: --format %s is not yet implemented (the events package will provide it); use jsonl or csv", *format)
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" {
			if err := checkDate(d.v); err != nil {
				return usagef("export: --%s %q: %v", d.name, d.v, err)
			}
		}
	}
	path := storePath(*storeFlag)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("export: store %s: %w", path, unwrapPathError(err))
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()

	w := stdout
	var tmp *os.File
	if *out != "" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		w = tmp
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := export(context.Background(), st, kind, *format, f, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(tmp.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(stderr, "export: %d %s → %s\n", n, kind, *out)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// exportWriter writes records as JSON lines or CSV rows.
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

func export(ctx context.Context, st store.Store, kind, format string, f store.Filter, w io.Writer) (int, error) {
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
	return 0, errors.New("unknown kind")
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
