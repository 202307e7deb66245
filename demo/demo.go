// Package demo bundles a small corpus, 227 Wikinews articles (texts CC BY
// 2.5, credit Wikinews), so that `newsgraph serve --demo` and the tests
// have real news to show without anything downloaded. Load runs the
// analysis pipeline over it and stores the result.
//
// The corpus file, wikinews.jsonl.gz, is built by
//
//	go run ./demo/gen --in ../shared/data/geo/GeoVirus.xml --out demo/wikinews.jsonl.gz
//
// which takes the article texts and URLs of the GeoVirus set (Gritta et
// al. 2018) and none of its annotations.
package demo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
	"newsgraph/store"
)

//go:embed wikinews.jsonl.gz
var corpus []byte

// Credit is the attribution every demo article carries.
const Credit = "Wikinews, CC BY 2.5"

// Article is one article of the corpus file, one JSON object a line.
type Article struct {
	URL    string `json:"url"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Credit string `json:"credit"`
}

// Articles returns the bundled corpus.
func Articles() ([]Article, error) {
	return Read(bytes.NewReader(corpus))
}

// Read reads a gzipped JSON-lines corpus.
func Read(r io.Reader) ([]Article, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	defer zr.Close()
	var out []Article
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("demo corpus line %d: %w", len(out)+1, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	return out, nil
}

// Write writes articles as a gzipped JSON-lines corpus.
func Write(w io.Writer, arts []Article) error {
	zw := gzip.NewWriter(w)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return zw.Close()
}

// TitleFromURL turns a Wikinews page URL into its title:
// ".../wiki/Swine_flu_reaches_Peru" → "Swine flu reaches Peru".
func TitleFromURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	name := path.Base(p.Path)
	if un, err := url.PathUnescape(name); err == nil {
		name = un
	}
	return strings.TrimSpace(strings.ReplaceAll(name, "_", " "))
}

// Doc reads one corpus article into a document ready for the pipeline:
// the text exactly as bundled, the title, the URL and its site.
func (a Article) Doc() (*document.Document, error) {
	doc, err := extract.Read([]byte(a.Text), extract.Options{URL: a.URL, Plain: true})
	if err != nil {
		return nil, fmt.Errorf("demo article %s: %w", a.URL, err)
	}
	doc.Title = a.Title
	return doc, nil
}

// Options tune Load.
type Options struct {
	// Workers is the pipeline's worker count; 0 means one per CPU.
	Workers int
	// Limit loads only the first Limit articles; 0 means all.
	Limit int
	// Progress, when set, is called after each stored article.
	Progress func(done, total int)
}

// Stats says what Load did.
type Stats struct {
	Articles int // articles stored (new or replaced)
	New      int // of which new
	Failed   int // articles the pipeline or the store refused
}

// Load runs the default pipeline over the bundled corpus and puts every
// article into st, with its credit. It is idempotent: loading twice
// stores each article once. Errors on single articles are counted in
// Stats.Failed and joined into the returned error; the rest are stored.
func Load(ctx context.Context, st store.Store, opts Options) (Stats, error) {
	arts, err := Articles()
	if err != nil {
		return Stats{}, err
	}
	if opts.Limit > 0 && opts.Limit < len(arts) {
		arts = arts[:opts.Limit]
	}
	var stats Stats
	var errs []error
	docs := make([]*document.Document, 0, len(arts))
	src := make([]Article, 0, len(arts))
	for _, a := range arts {
		d, err := a.Doc()
		if err != nil {
			stats.Failed++
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
		src = append(src, a)
	}
	done := 0
	pipeline.Default().ProcessAll(ctx, docs, opts.Workers, func(r pipeline.Result) {
		done++
		if r.Err != nil {
			stats.Failed++
			errs = append(errs, fmt.Errorf("demo article %s: %w", src[r.Index].URL, r.Err))
			return
		}
		res, err := st.Put(ctx, r.Doc, store.PutOptions{SourceURL: src[r.Index].URL, Credit: src[r.Index].Credit})
		if err != nil {
			stats.Failed++
			errs = append(errs, err)
			return
		}
		stats.Articles++
		if res.New {
			stats.New++
		}
		if opts.Progress != nil {
			opts.Progress(done, len(docs))
		}
	})
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return stats, errors.Join(errs...)
}
