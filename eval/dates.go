package eval

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/markusmobius/go-htmldate"

	"newsgraph/extract"
)

func init() { Register("dates", runDates) }

// The dates suite scores the publication date of a page on the htmldate
// evaluation set (adbar/htmldate tests, eval_default.json: 800 pages, each
// with the URL it was fetched from and its gold date). Our date is
// extract.Read's doc.Published, cut to its first 10 characters
// (YYYY-MM-DD); a date is right when those equal the gold date exactly.
//
// Counts follow htmldate's comparison script (scripts/comparison in
// go-htmldate): a right date is a true positive, a wrong one a false
// positive, no date where the gold has one a false negative, no date where
// the gold has none a true negative. Accuracy is (tp+tn)/pages, so a
// missing date is wrong; precision is tp/(tp+fp), right among the pages
// where a date was found; recall is tp/(tp+fn). A page a system fails on
// counts as no date found.
//
// Baselines, run in the same pass over the same pages, with the page URL:
// "go-htmldate" is htmldate.FromReader with the library's default options
// (extensive search on, the most recent date preferred); and
// "go-htmldate-extensive" is the extensive mode of htmldate's comparison
// script (extensive search on, the original date preferred).

// dateEntry is one page of eval_default.json.
type dateEntry struct {
	benchPage
	Date string `json:"date"`
}

// dateOutput is what one system found on one page.
type dateOutput struct {
	Date string // as the system gives it; scored on its first 10 characters
	Err  error
}

// dateSystem is one date finder under test.
type dateSystem struct {
	name string
	run  func(page []byte, url string) dateOutput
}

// datePage is the per-page result written to dates-pages.jsonl. Dates are
// cut to YYYY-MM-DD, as scored; "" where none was found.
type datePage struct {
	URL       string            `json:"url"`
	File      string            `json:"file"`
	Gold      string            `json:"gold"`
	Ours      string            `json:"ours"`
	Baselines map[string]string `json:"baselines"`
	// Errors holds each system's error on this page, by name
	// ("newsgraph" for ours).
	Errors map[string]string `json:"errors,omitempty"`
}

// dateTally accumulates one system's counts.
type dateTally struct {
	tp, fp, fn, tn int
	errors         int
	seconds        float64
}

// day returns the date part of s, its first 10 characters (YYYY-MM-DD),
// or s itself when shorter.
func day(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// add counts one page into t.
func (t *dateTally) add(gold string, out dateOutput) {
	if out.Err != nil {
		t.errors++
	}
	gold, got := day(gold), day(out.Date)
	switch {
	case got == "" && gold == "":
		t.tn++
	case got == "":
		t.fn++
	case got == gold:
		t.tp++
	default:
		t.fp++
	}
}

// metrics returns the report figures.
func (t dateTally) metrics() map[string]float64 {
	pages := t.tp + t.fp + t.fn + t.tn
	return map[string]float64{
		"accuracy":  ratio(t.tp+t.tn, pages),
		"precision": ratio(t.tp, t.tp+t.fp),
		"recall":    ratio(t.tp, t.tp+t.fn),
		"found":     float64(t.tp + t.fp),
		"pages":     float64(pages),
		"errors":    float64(t.errors),
		"seconds":   t.seconds,
	}
}

func runDates(ctx context.Context, dir string, opts Options) (*Report, error) {
	root, err := findDataset(dir, "htmldate-eval", "eval_default.json")
	if err != nil {
		return nil, err
	}
	entries, err := loadDateEntries(root, opts.Limit)
	if err != nil {
		return nil, err
	}
	systems := []dateSystem{
		{"newsgraph", readNewsgraphDate},
		{"go-htmldate", readHtmldate(htmldate.Options{})},
		{"go-htmldate-extensive", readHtmldate(htmldate.Options{UseOriginalDate: true})},
		{"readeck-readability", readReadeckDate},
	}
	rep := &Report{
		Suite:     "dates",
		Data:      root,
		Baselines: map[string]map[string]float64{},
	}
	outs := make([][]dateOutput, len(systems))
	for s, sys := range systems {
		var t dateTally
		outs[s], t.seconds, err = runDateSystem(ctx, sys, entries)
		if err != nil {
			return nil, err
		}
		for i, e := range entries {
			t.add(e.Date, outs[s][i])
		}
		if s == 0 {
			rep.Metrics = t.metrics()
		} else {
			rep.Baselines[sys.name] = t.metrics()
		}
	}
	if opts.Out != "" {
		path, err := writeJSONLines(filepath.Join(opts.Out, "dates-pages.jsonl"), datePages(entries, systems, outs))
		if err != nil {
			return nil, err
		}
		rep.Notes = append(rep.Notes, "per-page results in "+path)
	}
	rep.Notes = append(rep.Notes,
		"date exact: first 10 characters (YYYY-MM-DD) equal to the gold date; no date found counts as wrong in accuracy",
		"go-htmldate: library defaults (extensive search, latest date); go-htmldate-extensive: UseOriginalDate, as htmldate's comparison script; both given the page URL",
		"readeck-readability: the published time of codeberg.org/readeck/go-readability/v2 (metadata only)")
	return rep, nil
}

// loadDateEntries reads eval_default.json and the pages, sorted by URL so
// that a limited run always takes the same pages.
func loadDateEntries(root string, limit int) ([]*dateEntry, error) {
	return loadPages[dateEntry](root, "eval_default.json", limit)
}

// runDateSystem runs one system over all pages on a pool of GOMAXPROCS
// workers. The time taken is wall-clock time for the whole pool,
// decompression included.
func runDateSystem(ctx context.Context, sys dateSystem, entries []*dateEntry) ([]dateOutput, float64, error) {
	outs := make([]dateOutput, len(entries))
	seconds, err := parallel(ctx, len(entries), func(i int) {
		page, err := gunzip(entries[i].raw)
		if err != nil {
			outs[i] = dateOutput{Err: err}
			return
		}
		outs[i] = sys.run(page, entries[i].URL)
	})
	if err != nil {
		return nil, 0, err
	}
	return outs, seconds, nil
}

// readNewsgraphDate is our date: the one extract.Read gives the document.
func readNewsgraphDate(page []byte, url string) dateOutput {
	doc, err := extract.Read(page, extract.Options{URL: url})
	if err != nil {
		return dateOutput{Err: err}
	}
	return dateOutput{Date: doc.Published}
}

// readHtmldate is go-htmldate on the raw bytes (its own charset
// detection) with opts and the page URL.
func readHtmldate(opts htmldate.Options) func([]byte, string) dateOutput {
	return func(page []byte, url string) (out dateOutput) {
		defer func() {
			if r := recover(); r != nil {
				out = dateOutput{Err: fmt.Errorf("go-htmldate panicked: %v", r)}
			}
		}()
		opts := opts
		opts.URL = url
		res, err := htmldate.FromReader(bytes.NewReader(page), opts)
		if err != nil {
			return dateOutput{Err: err}
		}
		if res.IsZero() {
			return dateOutput{}
		}
		return dateOutput{Date: res.DateTime.Format("2006-01-02")}
	}
}

// readReadeckDate is the published time readeck's go-readability reads
// from the page's metadata (JSON-LD, meta tags).
func readReadeckDate(page []byte, url string) dateOutput {
	out := readReadeck(page, url)
	return dateOutput{Date: out.Date, Err: out.Err}
}

// datePages puts every system's date for each page side by side; the
// first system is ours.
func datePages(entries []*dateEntry, systems []dateSystem, outs [][]dateOutput) []datePage {
	pages := make([]datePage, len(entries))
	for i, e := range entries {
		p := datePage{URL: e.URL, File: e.File, Gold: day(e.Date), Baselines: map[string]string{}}
		for s, sys := range systems {
			o := outs[s][i]
			if s == 0 {
				p.Ours = day(o.Date)
			} else {
				p.Baselines[sys.name] = day(o.Date)
			}
			if o.Err != nil {
				if p.Errors == nil {
					p.Errors = map[string]string{}
				}
				p.Errors[sys.name] = o.Err.Error()
			}
		}
		pages[i] = p
	}
	return pages
}
