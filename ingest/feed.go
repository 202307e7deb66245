package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// feedSource yields the entries of an RSS, Atom or JSON feed. With a
// fetcher it fetches each entry's link; without one (a feed read from a
// file) it yields the entry's content, or else its description, wrapped
// in a minimal HTML page, and fetches nothing.
type feedSource struct {
	name  string   // the feed's file or URL, for messages
	base  *url.URL // the feed's URL, against which relative links resolve; nil if none
	items []*gofeed.Item
	i     int
	f     *fetcher
	seen  map[string]bool // links already yielded: feeds repeat entries
	max   int64           // the largest body yielded
}

// newFeedSource parses body as a feed. base is the feed's own URL ("" for
// standard input); f is nil for a feed read from a file.
func newFeedSource(name, base string, body []byte, f *fetcher, opts Options) (Source, error) {
	feed, err := parseFeed(body)
	if err != nil {
		return nil, fmt.Errorf("parse feed %s: %w", name, err)
	}
	s := &feedSource{name: name, items: feed.Items, f: f, seen: map[string]bool{}, max: opts.MaxBytes}
	if base != "" {
		s.base, _ = url.Parse(base)
	}
	return s, nil
}

// parseFeed parses an RSS, Atom or JSON feed. A panic in the parser is
// turned into an error: the parser meets arbitrary bytes from the web, and
// one bad feed must not take the process down.
func parseFeed(body []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	p := gofeed.NewParser()
	p.AtomTranslator = &atomTranslator{}
	feed, err = p.Parse(bytes.NewReader(body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, fmt.Errorf("%w: %v", ErrNotFeed, err)
	}
	if err != nil {
		return nil, err
	}
	return feed, nil
}

// atomTranslator is gofeed's Atom translator without its fallback from
// <published> to <updated>: when an entry was last updated is not when it
// was published.
type atomTranslator struct{ gofeed.DefaultAtomTranslator }

func (t *atomTranslator) Translate(feed any) (*gofeed.Feed, error) {
	out, err := t.DefaultAtomTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	af, ok := feed.(*atom.Feed)
	if !ok || len(af.Entries) != len(out.Items) {
		return out, nil
	}
	for i, e := range af.Entries {
		if e != nil && out.Items[i] != nil && e.PublishedParsed == nil {
			out.Items[i].Published, out.Items[i].PublishedParsed = e.Published, nil
		}
	}
	return out, nil
}

func (s *feedSource) Next(ctx context.Context) (*Item, error) {
	for s.i < len(s.items) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it := s.items[s.i]
		s.i++
		if it == nil {
			continue
		}
		link := s.link(it)
		if link != "" {
			if s.seen[link] {
				continue
			}
			s.seen[link] = true
		}
		title := strings.TrimSpace(it.Title)
		pub := ""
		if t := it.PublishedParsed; t != nil && t.Year() >= 1900 {
			pub = t.Format(time.RFC3339)
		}

		if s.f != nil && link != "" {
			res, err := s.f.get(ctx, link, fetchPage)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				return nil, &ItemError{URL: link, Err: fmt.Errorf("feed %s: fetch entry: %w", s.name, err)}
			}
			return &Item{URL: res.URL, Body: res.Body, Published: pub, Title: title, ContentType: res.ContentType}, nil
		}

		u := link
		if u == "" && s.base != nil {
			u = s.base.String() + "#entry-" + strconv.Itoa(s.i)
		}
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			why := "no content or description, and no link"
			if link != "" {
				why = "no content or description (links in a feed read from a file are not fetched)"
			}
			return nil, &ItemError{URL: u, Err: fmt.Errorf("feed %s entry %d: %s", s.name, s.i, why)}
		}
		body := entryHTML(title, content)
		if int64(len(body)) > s.max {
			return nil, &ItemError{URL: u, Err: fmt.Errorf("feed %s entry %d: %w", s.name, s.i, ErrTooLarge)}
		}
		return &Item{URL: u, Body: body, Published: pub, Title: title, ContentType: "text/html"}, nil
	}
	return nil, io.EOF
}

// link is the entry's article URL, resolved against the feed's URL: its
// link, else its first link, else its GUID when that is a web URL (RSS
// permalinks).
func (s *feedSource) link(it *gofeed.Item) string {
	cands := append([]string{it.Link}, it.Links...)
	if g := strings.TrimSpace(it.GUID); hasScheme(g, "http") || hasScheme(g, "https") {
		cands = append(cands, g)
	}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if s.base != nil {
			u = s.base.ResolveReference(u)
		}
		u.Fragment = ""
		if u.Scheme == "" {
			continue
		}
		return u.String()
	}
	return ""
}

func (s *feedSource) Close() error {
	if s.f != nil {
		s.f.close()
	}
	return nil
}

var htmlTag = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)

// entryHTML makes a page of a feed entry's content, so that extract.Read
// finds the title in <title> and reads the content as the article body;
// handed bare text, it would take the first line for the title instead.
// Content that is plain text is escaped and split into paragraphs at
// blank lines.
func entryHTML(title, content string) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title></head>\n<body><article>\n")
	if htmlTag.MatchString(content) {
		b.WriteString(content)
	} else {
		for _, p := range strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>")
				b.WriteString(html.EscapeString(p))
				b.WriteString("</p>\n")
			}
		}
	}
	b.WriteString("\n</article></body></html>\n")
	return b.Bytes()
}
