package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"newsgraph/extract"
)

func init() { Register("extraction", runExtraction) }

// The extraction suite scores the readers on the trafilatura benchmark
// (adbar/trafilatura tests, 990 pages): for each page, snippets that must
// appear in the extracted text ("with") and snippets of boilerplate that
// must not ("without"). Scoring follows go-trafilatura's comparison script
// (scripts/comparison/content.go): a "with" snippet found is a true
// positive, else a false negative; a "without" snippet found is a false
// positive, else a true negative; precision, recall, F1 and accuracy are
// taken over the counts of all pages.
//
// Three deliberate differences from that script, applied to every system
// alike: white space is collapsed to single spaces in both text and
// snippets before matching (our text keeps paragraph breaks, the
// baselines' ContentText does not), soft hyphens are removed from both
// (see matchForm), and a page the extractor fails on
// counts as empty text (all "with" missed, all "without" avoided) rather
// than being left out, as trafilatura's Python evaluation does.

// extractionEntry is one page of evaldata.json.
type extractionEntry struct {
	benchPage
	With    []string        `json:"with"`
	Without []string        `json:"without"`
	Title   string          `json:"title"`
	Date    string          `json:"date"`
	Author  json.RawMessage `json:"author"` // a string, a list of strings or null
}

// extractionOutput is what one system read from one page.
type extractionOutput struct {
	Text    string
	Title   string
	Date    string
	Authors []string
	Err     error
}

// extractionSystem is one extractor under test.
type extractionSystem struct {
	name string
	run  func(page []byte, url string) extractionOutput
}

// pageScore is the per-page result written to extraction-pages.jsonl.
type pageScore struct {
	URL     string   `json:"url,omitempty"`
	File    string   `json:"file,omitempty"`
	TP      int      `json:"tp"`
	FN      int      `json:"fn"`
	FP      int      `json:"fp"`
	TN      int      `json:"tn"`
	Missing []string `json:"missing,omitempty"` // "with" snippets not found
	Leaked  []string `json:"leaked,omitempty"`  // "without" snippets found
	Title   string   `json:"title,omitempty"`
	Date    string   `json:"date,omitempty"`
	Authors []string `json:"authors,omitempty"`
	Error   string   `json:"error,omitempty"`
	// Baselines holds each baseline's reading of the page, by name, so
	// that a page where we fall behind shows who got it right and how.
	Baselines map[string]*pageScore `json:"baselines,omitempty"`
}

// tally accumulates one system's counts.
type tally struct {
	tp, fn, fp, tn      int
	titles, titleHits   int
	dates, dateHits     int
	authors, authorHits int
	pages, errors       int
	seconds             float64
}

func runExtraction(ctx context.Context, dir string, opts Options) (*Report, error) {
	root, err := findDataset(dir, "trafilatura-eval", "evaldata.json")
	if err != nil {
		return nil, err
	}
	entries, err := loadExtractionEntries(root, opts.Limit)
	if err != nil {
		return nil, err
	}
	systems := []extractionSystem{
		{"newsgraph", readNewsgraph},
		{"go-trafilatura", readTrafilatura(false)},
		{"go-trafilatura+fallback", readTrafilatura(true)},
		{"readeck-readability", readReadeck},
	}
	rep := &Report{
		Suite:     "extraction",
		Data:      root,
		Baselines: map[string]map[string]float64{},
	}
	var ours []pageScore
	for _, sys := range systems {
		t, pages, err := runExtractionSystem(ctx, sys, entries)
		if err != nil {
			return nil, err
		}
		m := t.metrics()
		if sys.name == "newsgraph" {
			rep.Metrics, ours = m, pages
			continue
		}
		rep.Baselines[sys.name] = m
		for i := range ours {
			if ours[i].Baselines == nil {
				ours[i].Baselines = map[string]*pageScore{}
			}
			b := pages[i]
			b.URL, b.File = "", ""
			ours[i].Baselines[sys.name] = &b
		}
	}
	if opts.Out != "" {
		path, err := writeJSONLines(filepath.Join(opts.Out, "extraction-pages.jsonl"), ours)
		if err != nil {
			return nil, err
		}
		rep.Notes = append(rep.Notes, "per-page results (ours, each baseline's beside it) in "+path)
	}
	rep.Notes = append(rep.Notes,
		"white space collapsed and soft hyphens removed before matching; failed pages count as empty text",
		"title/author exact: case-folded, white space collapsed, authors compared as sets of names; date exact: first 10 characters (YYYY-MM-DD)")
	return rep, nil
}

// loadExtractionEntries reads evaldata.json and the gzipped pages, sorted
// by URL so that a limited run always takes the same pages.
func loadExtractionEntries(root string, limit int) ([]*extractionEntry, error) {
	return loadPages[extractionEntry](root, "evaldata.json", limit)
}

// readPageFile returns a page's stored bytes, still gzipped when stored so.
func readPageFile(root, name string) ([]byte, error) {
	for _, sub := range []string{"cache", "eval"} {
		for _, n := range []string{name + ".gz", name} {
			b, err := os.ReadFile(filepath.Join(root, sub, n))
			if err == nil {
				return b, nil
			}
			if !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("read page: %w", err)
			}
		}
	}
	return nil, fmt.Errorf("page %s not found under %s/cache or %s/eval", name, root, root)
}

// gunzip returns b uncompressed when it is gzipped.
func gunzip(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	return out, nil
}

// runExtractionSystem runs one system over all pages on a pool of
// GOMAXPROCS workers and tallies its scores. The time taken is wall-clock
// time for the whole pool, decompression included.
func runExtractionSystem(ctx context.Context, sys extractionSystem, entries []*extractionEntry) (tally, []pageScore, error) {
	scores := make([]pageScore, len(entries))
	outs := make([]extractionOutput, len(entries))
	seconds, err := parallel(ctx, len(entries), func(i int) {
		e := entries[i]
		page, err := gunzip(e.raw)
		if err != nil {
			outs[i] = extractionOutput{Err: err}
		} else {
			outs[i] = sys.run(page, e.URL)
		}
		scores[i] = scorePage(e, outs[i])
	})
	if err != nil {
		return tally{}, nil, err
	}
	t := tally{seconds: seconds}
	for i, e := range entries {
		t.add(e, outs[i], scores[i])
	}
	return t, scores, nil
}

// readNewsgraph is our reader.
func readNewsgraph(page []byte, url string) extractionOutput {
	doc, err := extract.Read(page, extract.Options{URL: url})
	if err != nil {
		return extractionOutput{Err: err}
	}
	return extractionOutput{Text: doc.Text, Title: doc.Title, Date: doc.Published, Authors: doc.Authors}
}

// readTrafilatura is go-trafilatura as its comparison script runs it, on
// the raw bytes (its own charset detection), comments excluded.
func readTrafilatura(fallback bool) func([]byte, string) extractionOutput {
	return func(page []byte, url string) (out extractionOutput) {
		defer func() {
			if r := recover(); r != nil {
				out = extractionOutput{Err: fmt.Errorf("go-trafilatura panicked: %v", r)}
			}
		}()
		opts := trafilatura.Options{EnableFallback: fallback, ExcludeComments: true}
		if u, err := nurl.ParseRequestURI(url); err == nil {
			opts.OriginalURL = u
		}
		res, err := trafilatura.Extract(bytes.NewReader(page), opts)
		if err != nil {
			return extractionOutput{Err: err}
		}
		date := ""
		if !res.Metadata.Date.IsZero() {
			date = res.Metadata.Date.Format("2006-01-02")
		}
		return extractionOutput{
			Text:    res.ContentText,
			Title:   res.Metadata.Title,
			Date:    date,
			Authors: extract.SplitAuthors(res.Metadata.Author),
		}
	}
}

// readReadeck is codeberg.org/readeck/go-readability/v2 on the raw bytes,
// its text as its own InnerText renders it, with the page URL.
func readReadeck(page []byte, url string) (out extractionOutput) {
	defer func() {
		if r := recover(); r != nil {
			out = extractionOutput{Err: fmt.Errorf("readability panicked: %v", r)}
		}
	}()
	u, _ := nurl.ParseRequestURI(url)
	p := readability.NewParser()
	art, err := p.Parse(bytes.NewReader(page), u)
	if err != nil {
		return extractionOutput{Err: err}
	}
	var text strings.Builder
	if art.Node != nil {
		if err := art.RenderText(&text); err != nil {
			return extractionOutput{Err: err}
		}
	}
	date := ""
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		date = t.Format("2006-01-02")
	}
	return extractionOutput{Text: text.String(), Title: art.Title(), Date: date, Authors: extract.SplitAuthors(art.Byline())}
}

// collapse folds every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// matchForm is the form in which text and snippets are compared: white
// space collapsed and soft hyphens (U+00AD) removed. A soft hyphen only
// marks where a browser may break a word; six gold snippets keep them,
// and every extractor here removes them, as the title metric already
// ignores them.
func matchForm(s string) string { return collapse(strings.ReplaceAll(s, "\u00ad", "")) }

// scorePage counts the snippets found in one page's text.
func scorePage(e *extractionEntry, out extractionOutput) pageScore {
	ps := pageScore{URL: e.URL, File: e.File, Title: out.Title, Date: out.Date, Authors: out.Authors}
	if out.Err != nil {
		ps.Error = out.Err.Error()
	}
	text := matchForm(out.Text)
	for _, s := range e.With {
		if text != "" && strings.Contains(text, matchForm(s)) {
			ps.TP++
		} else {
			ps.FN++
			ps.Missing = append(ps.Missing, s)
		}
	}
	for _, s := range e.Without {
		if text != "" && strings.Contains(text, matchForm(s)) {
			ps.FP++
			ps.Leaked = append(ps.Leaked, s)
		} else {
			ps.TN++
		}
	}
	return ps
}

// add counts one page into t.
func (t *tally) add(e *extractionEntry, out extractionOutput, ps pageScore) {
	t.pages++
	if out.Err != nil {
		t.errors++
	}
	t.tp += ps.TP
	t.fn += ps.FN
	t.fp += ps.FP
	t.tn += ps.TN
	if g := normTitle(e.Title); g != "" {
		t.titles++
		if normTitle(out.Title) == g {
			t.titleHits++
		}
	}
	if g := strings.TrimSpace(e.Date); g != "" {
		t.dates++
		if len(out.Date) >= 10 && out.Date[:10] == g[:min(len(g), 10)] {
			t.dateHits++
		}
	}
	if g := normAuthors(goldAuthors(e.Author)); g != "" {
		t.authors++
		if normAuthors(out.Authors) == g {
			t.authorHits++
		}
	}
}

// normTitle compares titles case-folded with white space collapsed and
// soft hyphens (U+00AD, invisible break hints that some gold titles
// keep) removed.
func normTitle(s string) string {
	return strings.ToLower(collapse(strings.ReplaceAll(s, "\u00ad", "")))
}

// goldAuthors reads the gold author field, a string or a list of strings,
// into names split the same way as every system's.
func goldAuthors(raw json.RawMessage) []string {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return extract.SplitAuthors(one)
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err == nil {
		var names []string
		for _, s := range many {
			names = append(names, extract.SplitAuthors(s)...)
		}
		return names
	}
	return nil
}

// normAuthors compares author lists as sets of case-folded names.
func normAuthors(names []string) string {
	norm := make([]string, 0, len(names))
	for _, n := range names {
		if n = strings.ToLower(collapse(n)); n != "" {
			norm = append(norm, n)
		}
	}
	sort.Strings(norm)
	return strings.Join(norm, "; ")
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// metrics returns the report figures.
func (t tally) metrics() map[string]float64 {
	return map[string]float64{
		"precision":    ratio(t.tp, t.tp+t.fp),
		"recall":       ratio(t.tp, t.tp+t.fn),
		"f1":           ratio(2*t.tp, 2*t.tp+t.fp+t.fn),
		"accuracy":     ratio(t.tp+t.tn, t.tp+t.tn+t.fp+t.fn),
		"title_exact":  ratio(t.titleHits, t.titles),
		"date_exact":   ratio(t.dateHits, t.dates),
		"author_exact": ratio(t.authorHits, t.authors),
		"pages":        float64(t.pages),
		"errors":       float64(t.errors),
		"seconds":      t.seconds,
	}
}
