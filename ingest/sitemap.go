package ingest

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// maxSitemaps bounds how many sitemaps one source fetches, so that an
// index of indexes (or a site that generates sitemap URLs) cannot keep a
// source busy for ever.
const maxSitemaps = 10000

// sitemapSource yields the pages a sitemap lists, fetched. A sitemap index
// is expanded into its sitemaps, and those into their pages, lazily: one
// sitemap is held at a time, decoded entry by entry. Google News sitemaps
// give each page's news:publication_date and news:title; lastmod says when
// a page changed, not when it was published, and is ignored.
type sitemapSource struct {
	name      string
	f         *fetcher
	doc       *sitemapDoc // the sitemap being read, nil between sitemaps
	queue     []string    // sitemaps still to fetch
	seenMaps  map[string]bool
	seenPages map[string]bool
}

// newSitemapSource reads body, the sitemap or sitemap index at base.
func newSitemapSource(name, base string, body []byte, f *fetcher) (Source, error) {
	doc, err := newSitemapDoc(base, body)
	if err != nil {
		f.close()
		return nil, fmt.Errorf("parse sitemap %s: %w", name, err)
	}
	return &sitemapSource{
		name:      name,
		f:         f,
		doc:       doc,
		seenMaps:  map[string]bool{base: true},
		seenPages: map[string]bool{},
	}, nil
}

func (s *sitemapSource) Next(ctx context.Context) (*Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.doc == nil {
			if len(s.queue) == 0 {
				return nil, io.EOF
			}
			u := s.queue[0]
			s.queue = s.queue[1:]
			doc, err := s.fetchSitemap(ctx, u)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				return nil, &ItemError{URL: u, Err: err}
			}
			s.doc = doc
			continue
		}

		e, ok, err := s.doc.next()
		if err != nil {
			u := s.doc.url
			s.doc = nil
			return nil, &ItemError{URL: u, Err: fmt.Errorf("parse sitemap: %w", err)}
		}
		if !ok {
			s.doc = nil
			continue
		}
		if s.doc.index {
			if !s.seenMaps[e.url] && len(s.seenMaps) < maxSitemaps {
				s.seenMaps[e.url] = true
				s.queue = append(s.queue, e.url)
			}
			continue
		}
		if s.seenPages[e.url] {
			continue
		}
		s.seenPages[e.url] = true
		res, err := s.f.get(ctx, e.url, fetchPage)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &ItemError{URL: e.url, Err: fmt.Errorf("sitemap %s: fetch entry: %w", s.doc.url, err)}
		}
		return &Item{URL: res.URL, Body: res.Body, Published: e.published, Title: e.title, ContentType: res.ContentType}, nil
	}
}

// fetchSitemap fetches and opens one sitemap of an index.
func (s *sitemapSource) fetchSitemap(ctx context.Context, u string) (*sitemapDoc, error) {
	res, err := s.f.get(ctx, u, fetchDoc)
	if err != nil {
		return nil, fmt.Errorf("fetch sitemap: %w", err)
	}
	body, err := gunzipIfGzip(res.Body, s.f.opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	doc, err := newSitemapDoc(res.URL, body)
	if err != nil {
		return nil, fmt.Errorf("parse sitemap: %w", err)
	}
	return doc, nil
}

func (s *sitemapSource) Close() error {
	s.f.close()
	s.doc, s.queue = nil, nil
	return nil
}

// sitemapDoc decodes one sitemap or sitemap index entry by entry.
type sitemapDoc struct {
	url   string
	base  *url.URL // nil when url does not parse
	dec   *xml.Decoder
	index bool
}

// sitemapEntry is one <url> of a sitemap or one <sitemap> of an index.
type sitemapEntry struct {
	url, published, title string
}

// xmlEntry matches both <url> and <sitemap>. Tags without a namespace
// match any, so news:news, news:publication_date and news:title are found
// whatever prefix the sitemap binds the news namespace to.
type xmlEntry struct {
	Loc  string `xml:"loc"`
	News struct {
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

// newSitemapDoc starts decoding body and checks its root element.
func newSitemapDoc(u string, body []byte) (*sitemapDoc, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	// Sitemaps in the wild have bare ampersands in URLs and HTML entities;
	// reading them leniently loses nothing that matters here.
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	doc := &sitemapDoc{url: u, dec: d}
	doc.base, _ = url.Parse(u)
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: no root element: %v", ErrNotFeed, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "urlset":
			case "sitemapindex":
				doc.index = true
			default:
				return nil, fmt.Errorf("%w: root element <%s>", ErrNotFeed, se.Name.Local)
			}
			return doc, nil
		}
	}
}

// next returns the next entry; ok is false at the end of the document.
// maxLocLen is the longest loc the sitemap protocol allows (2,048
// characters); longer ones are skipped.
const maxLocLen = 2048

func (d *sitemapDoc) next() (e sitemapEntry, ok bool, err error) {
	want := "url"
	if d.index {
		want = "sitemap"
	}
	for {
		tok, err := d.dec.Token()
		if err == io.EOF {
			return e, false, nil
		}
		if err != nil {
			return e, false, err
		}
		se, isStart := tok.(xml.StartElement)
		if !isStart || se.Name.Local != want {
			continue
		}
		var x xmlEntry
		if err := d.dec.DecodeElement(&x, &se); err != nil {
			return e, false, err
		}
		loc := strings.TrimSpace(x.Loc)
		if loc == "" {
			continue
		}
		if lu, err := url.Parse(loc); err == nil {
			if d.base != nil {
				lu = d.base.ResolveReference(lu)
			}
			lu.Fragment = ""
			loc = lu.String()
		}
		if len(loc) > maxLocLen {
			// Past the protocol's limit. Skipping it also ends chains of
			// relative locs that grow with each sitemap they lead to.
			continue
		}
		return sitemapEntry{
			url:       loc,
			published: w3cDate(x.News.PublicationDate),
			title:     strings.TrimSpace(x.News.Title),
		}, true, nil
	}
}

// w3cDateLayouts are the forms of the W3C Datetime profile of ISO 8601
// that sitemaps use.
var w3cDateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01",
	"2006",
}

// w3cDate returns s, trimmed, when it is a W3C Datetime, else "": a date
// that does not parse is not one to pass on as ISO 8601.
func w3cDate(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range w3cDateLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return s
		}
	}
	return ""
}
