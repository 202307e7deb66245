// Package ingest finds raw articles: it reads files, folders, standard
// input, WARC archives, RSS/Atom feeds, sitemaps and web pages, and yields
// each article's bytes as an [Item] for extract.Read. It does not run the
// pipeline.
//
// [Open] is the single entry point. It decides what a spec names (a path,
// "-" for standard input, or an http(s) URL) and, for files and fetched
// documents, what the bytes are by sniffing them rather than trusting
// names or Content-Type headers, since both are often wrong in the wild.
//
// Everything fetched over the network goes through one polite fetcher per
// source: it identifies itself, obeys robots.txt, spaces requests to each
// host, caps sizes and redirects, refuses content that is not a page, and
// refuses private, loopback and link-local addresses unless told otherwise.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"newsgraph/extract"
)

// Item is one raw article as a source found it.
type Item struct {
	// URL is where the article came from: the page's final URL after
	// redirects, the entry's link for feed content, the record's target
	// URI for WARC records, or a file:// URL for files. It is "" for
	// standard input.
	URL string
	// Body is the raw bytes as fetched or stored (for WARC records, the
	// HTTP payload with headers stripped and transfer and content
	// encodings undone). It is never larger than Options.MaxBytes.
	Body []byte
	// Published is the publication date in ISO 8601 when the source
	// states one (a feed entry's date, a news sitemap's
	// news:publication_date), else "". Dates that only say when something
	// was crawled or modified (WARC-Date, lastmod) are not publication
	// dates and are never used.
	Published string
	// Title is the title the source states (feed entry, news sitemap),
	// else "".
	Title string
	// ContentType is the media type when known (a Content-Type header or
	// what sniffing found), else "".
	ContentType string
}

// Source yields items one at a time. A Source is not safe for concurrent
// use.
//
// Next returns the next item. At the end it returns io.EOF. When one item
// fails (a corrupt WARC record, one feed entry whose page cannot be
// fetched) it returns an *ItemError and the source goes on: the caller logs
// it and calls Next again. Any other error ends the source, and later calls
// return it again; a context error is returned as is and does not end the
// source.
//
// Close releases the source's files and connections.
type Source interface {
	Next(ctx context.Context) (*Item, error)
	Close() error
}

// ItemError reports that one item could not be read; the source goes on.
type ItemError struct {
	// URL is the item's URL or file when known, else "".
	URL string
	// Err says what went wrong.
	Err error
}

func (e *ItemError) Error() string {
	msg := e.Err.Error()
	if e.URL == "" || strings.Contains(msg, e.URL) {
		return msg
	}
	return e.URL + ": " + msg
}

func (e *ItemError) Unwrap() error { return e.Err }

// Errors that sources and the fetcher wrap. They are sentinels: test with
// errors.Is.
var (
	// ErrTooLarge: a body is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("body larger than the size limit")
	// ErrUnsupportedType: fetched content is not HTML or text (nor, where
	// one is expected, a feed or sitemap).
	ErrUnsupportedType = errors.New("content type is not HTML or text")
	// ErrPrivateAddress: the target is a private, loopback, link-local or
	// otherwise non-public address and Options.AllowPrivate is false.
	ErrPrivateAddress = errors.New("refused: the address is not public (private, loopback, link-local, unspecified, multicast or reserved)")
	// ErrDisallowed: robots.txt forbids the fetch.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrRedirectLoop: a redirect leads back to a URL already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects: more redirects than Options.MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrNotFeed: a document expected to be a feed or sitemap is not one.
	ErrNotFeed = errors.New("not an RSS, Atom, JSON feed or sitemap")
	// ErrTruncated: the input ends in the middle of a record or stream.
	ErrTruncated = errors.New("input truncated")
)

// StatusError reports an HTTP response whose status is not a success.
type StatusError struct {
	Code   int
	Status string
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// DefaultUserAgent is the User-Agent sent with every request unless
// Options.UserAgent says otherwise. Its first word is also the name
// matched against robots.txt groups.
const DefaultUserAgent = "newsgraph/1 (news analysis; contact via operator)"

// Defaults used for zero-valued Options fields.
const (
	DefaultTimeout         = 30 * time.Second
	DefaultMaxRedirects    = 10
	DefaultPerHostInterval = time.Second
)

// Options control how sources read and fetch. Start from DefaultOptions:
// zero numeric fields take the defaults, but a zero RespectRobots means
// robots.txt is not consulted.
type Options struct {
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// Timeout bounds one request, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects is how many redirects one fetch follows; 0 means
	// DefaultMaxRedirects and a negative value means none.
	MaxRedirects int
	// PerHostInterval is the least time between two requests to one host;
	// 0 means DefaultPerHostInterval and a negative value means no limit.
	PerHostInterval time.Duration
	// AllowPrivate permits fetching from private, loopback and link-local
	// addresses. Leave it false for URLs from the outside world: a feed
	// or redirect must not be able to reach internal services.
	AllowPrivate bool
	// MaxBytes caps one body (and one feed or sitemap, decompressed); 0 or
	// anything larger means extract.MaxInputSize, since extract.Read
	// refuses larger input anyway.
	MaxBytes int64
	// HTTPClient, when set, sends the requests (tests use it). A copy is
	// used, with the redirect policy replaced, since the fetcher follows
	// redirects itself. Unless AllowPrivate, a Transport that is an
	// *http.Transport (or nil) is copied and made to refuse non-public
	// addresses at dial time; any other RoundTripper is used as it is,
	// and only URLs naming a non-public address literally are refused.
	HTTPClient *http.Client
	// RespectRobots makes the fetcher obey robots.txt.
	RespectRobots bool
}

// DefaultOptions returns the options for fetching from the open web:
// robots.txt obeyed, one request per second per host, 30 s timeout, 10
// redirects, public addresses only, bodies up to extract.MaxInputSize.
func DefaultOptions() Options {
	return Options{
		UserAgent:       DefaultUserAgent,
		Timeout:         DefaultTimeout,
		MaxRedirects:    DefaultMaxRedirects,
		PerHostInterval: DefaultPerHostInterval,
		MaxBytes:        extract.MaxInputSize,
		RespectRobots:   true,
	}
}

// withDefaults fills zero fields, so the rest of the package reads
// resolved values only.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.PerHostInterval == 0 {
		o.PerHostInterval = DefaultPerHostInterval
	}
	if o.MaxBytes <= 0 || o.MaxBytes > extract.MaxInputSize {
		o.MaxBytes = extract.MaxInputSize
	}
	return o
}

// Open returns a source for spec:
//
//   - "-": standard input, sniffed like a file.
//   - an http or https URL: the page is fetched; a feed yields its
//     entries, each entry's link fetched; a sitemap or sitemap index
//     yields the pages it lists, fetched; anything else must be HTML or
//     text and is one item.
//   - a folder: walked in lexical order, hidden entries skipped; files
//     named *.html, *.htm, *.xhtml, *.txt, *.warc, *.warc.gz, *.xml,
//     *.rss and *.atom are read as below, other files are ignored. A
//     folder never causes network access: a sitemap found in one is
//     reported as an *ItemError, not fetched.
//   - a file (or file:// URL): a WARC archive (plain or gzip) streams its
//     HTML and text response records; a feed yields each entry's content
//     (or description) as the body without fetching anything; a sitemap,
//     which holds nothing but URLs, has those URLs fetched; anything else
//     is one item.
//
// Open fetches an http(s) spec before it returns, so a page that cannot be
// fetched is an error from Open.
func Open(ctx context.Context, spec string, opts Options) (Source, error) {
	opts = opts.withDefaults()
	switch {
	case spec == "":
		return nil, errors.New("open: empty spec")
	case spec == "-":
		return openReader("stdin", "", os.Stdin, nil, opts, true, false)
	case hasScheme(spec, "http"), hasScheme(spec, "https"):
		return openURL(ctx, spec, opts)
	case hasScheme(spec, "file"):
		u, err := url.Parse(spec)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", spec, err)
		}
		return openPath(u.Path, opts)
	case strings.Contains(spec, "://"):
		return nil, fmt.Errorf("open %s: only http, https and file URLs are supported", spec)
	}
	return openPath(spec, opts)
}

// hasScheme reports whether spec starts with scheme followed by "://",
// ignoring case as URL schemes do.
func hasScheme(spec, scheme string) bool {
	return len(spec) > len(scheme)+3 && strings.EqualFold(spec[:len(scheme)], scheme) &&
		spec[len(scheme):len(scheme)+3] == "://"
}

// one is a source of a single item.
type one struct {
	item *Item
	done bool
}

func (s *one) Next(ctx context.Context) (*Item, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.done {
		return nil, io.EOF
	}
	s.done = true
	return s.item, nil
}

func (s *one) Close() error { return nil }
