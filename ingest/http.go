package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// robotsMaxBytes is how much of a robots.txt is read; RFC 9309 asks
// crawlers to parse at least the first 500 KiB.
const robotsMaxBytes = 512 << 10

// robotsMaxRedirects is how many redirects a robots.txt fetch follows
// (RFC 9309 §2.3.1.2 asks for at least five).
const robotsMaxRedirects = 5

// fetchKind says what a fetch expects, which decides the content types it
// accepts.
type fetchKind int

const (
	// fetchPage expects an article: HTML or text.
	fetchPage fetchKind = iota
	// fetchDoc expects a page, a feed or a sitemap (possibly gzipped).
	fetchDoc
	// fetchRobots fetches robots.txt: any type, any status, a short body.
	fetchRobots
)

// fetched is one successful response.
type fetched struct {
	URL         string // final URL, after redirects
	Status      int
	Body        []byte
	ContentType string // the Content-Type header as sent, "" if none
	MediaType   string // its media type, lower case, or the sniffed one
}

// fetcher makes every request of one source. It is polite (User-Agent,
// robots.txt, per-host spacing) and defensive (sizes, redirects, content
// types, non-public addresses).
type fetcher struct {
	client *http.Client
	owned  bool // the transport is ours, so Close may drop its connections
	opts   Options
	agent  string // the product token matched against robots.txt groups

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]*robotstxt.RobotsData
}

// newFetcher builds the fetcher for resolved opts.
func newFetcher(opts Options) *fetcher {
	f := &fetcher{
		opts:     opts,
		agent:    robotsAgent(opts.UserAgent),
		limiters: map[string]*rate.Limiter{},
		robots:   map[string]*robotstxt.RobotsData{},
	}
	var c http.Client
	if opts.HTTPClient != nil {
		c = *opts.HTTPClient
	} else {
		f.owned = true
	}
	switch t := c.Transport.(type) {
	case nil:
		c.Transport = newTransport(opts)
		f.owned = true
	case *http.Transport:
		if !opts.AllowPrivate {
			t = t.Clone()
			guardTransport(t)
			c.Transport = t
		}
	}
	// Redirects are followed by get, hop by hop, so that each hop is
	// checked against robots.txt, the rate limit and the loop detector.
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	f.client = &c
	return f
}

// newTransport is the transport for the open web. It dials through a
// guarded dialer and ignores proxy settings, because a proxy would do the
// dialling and so bypass the address check.
func newTransport(opts Options) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		d.Control = guardControl
	}
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
	}
}

// guardTransport makes a caller's transport refuse non-public addresses:
// with a guarded net.Dialer when it dials by default, else by checking the
// peer of each connection its own dialer makes.
func guardTransport(t *http.Transport) {
	t.Proxy = nil
	if t.DialContext == nil {
		d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: guardControl}
		t.DialContext = d.DialContext
		return
	}
	dial := t.DialContext
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if ta, ok := conn.RemoteAddr().(*net.TCPAddr); ok && !publicAddr(ta.AddrPort().Addr()) {
			conn.Close()
			return nil, fmt.Errorf("dial %s: %w", ta, ErrPrivateAddress)
		}
		return conn, nil
	}
}

// guardControl refuses a connection to a non-public address. It runs after
// name resolution, on the address actually dialled, so a name that
// resolves (or re-resolves, as in DNS rebinding) to an internal address
// is refused too.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// An address we cannot read is an address we cannot vouch for.
		return fmt.Errorf("dial %s %s: %w", network, address, ErrPrivateAddress)
	}
	if !publicAddr(ap.Addr()) {
		return fmt.Errorf("dial %s %s: %w", network, address, ErrPrivateAddress)
	}
	return nil
}

// nonPublic lists special-purpose ranges that the netip predicates do not
// cover (RFC 6890 and successors): shared address space, documentation,
// benchmarking, reserved.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// Prefixes whose addresses embed an IPv4 address, which is checked instead.
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// publicAddr reports whether a is a globally routable unicast address.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsUnspecified() || a.IsLoopback() || a.IsPrivate() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() {
		return false
	}
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return publicAddr(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case sixTo4.Contains(a):
			return publicAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// robotsAgent is the product token of a User-Agent ("newsgraph" for
// "newsgraph/1 (…)"), the name robots.txt groups are matched against.
func robotsAgent(ua string) string {
	tok := ua
	if i := strings.IndexAny(tok, "/ "); i >= 0 {
		tok = tok[:i]
	}
	return strings.ToLower(tok)
}

// close drops idle connections of a transport the fetcher owns.
func (f *fetcher) close() {
	if f.owned {
		f.client.CloseIdleConnections()
	}
}

// get fetches rawURL, following redirects itself. Errors do not name
// rawURL; callers add it.
func (f *fetcher) get(ctx context.Context, rawURL string, kind fetchKind) (*fetched, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	u.Fragment = ""
	maxRedirects := f.opts.MaxRedirects
	if kind == fetchRobots {
		maxRedirects = robotsMaxRedirects
	}
	seen := map[string]bool{}
	for hops := 0; ; hops++ {
		if err := f.checkURL(u); err != nil {
			return nil, err
		}
		if f.opts.RespectRobots && kind != fetchRobots {
			ok, err := f.allowed(ctx, u)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fmt.Errorf("%s: %w", u.Redacted(), ErrDisallowed)
			}
		}
		seen[u.String()] = true
		res, next, err := f.hop(ctx, u, kind)
		if err != nil {
			return nil, err
		}
		if next == nil {
			return res, nil
		}
		next.Fragment = ""
		if seen[next.String()] {
			return nil, fmt.Errorf("%s redirects to %s: %w", u.Redacted(), next.Redacted(), ErrRedirectLoop)
		}
		if hops+1 > maxRedirects {
			return nil, fmt.Errorf("%s redirects to %s after %d redirects: %w", u.Redacted(), next.Redacted(), hops, ErrTooManyRedirects)
		}
		u = next
	}
}

// maxURLLen bounds the URLs the fetcher requests (and redirects it
// follows): far beyond any real page's, and what common servers accept.
const maxURLLen = 8 << 10

// checkURL refuses what the fetcher will not request: schemes other than
// http(s), and literal non-public addresses (refused here with a clear
// error rather than at dial time).
func (f *fetcher) checkURL(u *url.URL) error {
	if n := len(u.String()); n > maxURLLen {
		return fmt.Errorf("URL of %d bytes: longer than %d bytes", n, maxURLLen)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s: only http and https URLs are fetched", u.Redacted())
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%s: URL has no host", u.Redacted())
	}
	if f.opts.AllowPrivate {
		return nil
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil && !publicAddr(a) {
		return fmt.Errorf("%s: %w", u.Host, ErrPrivateAddress)
	}
	return nil
}

// hop makes one request. It returns the response, or the URL a redirect
// points to.
func (f *fetcher) hop(ctx context.Context, u *url.URL, kind fetchKind) (*fetched, *url.URL, error) {
	if err := f.wait(ctx, u); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader[kind])
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		// Drain a little of what was not read, so that the connection can
		// be reused for the next request to the host (usually a redirect
		// target or the next article).
		io.CopyN(io.Discard, resp.Body, 4<<10)
		resp.Body.Close()
	}()

	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		loc := resp.Header.Get("Location")
		if loc == "" {
			return nil, nil, fmt.Errorf("%s: HTTP %s without a Location", u.Redacted(), resp.Status)
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: bad redirect Location %q: %w", u.Redacted(), loc, err)
		}
		return nil, next, nil
	}
	if kind != fetchRobots && (resp.StatusCode < 200 || resp.StatusCode > 299) {
		return nil, nil, fmt.Errorf("%s: %w", u.Redacted(), &StatusError{Code: resp.StatusCode, Status: resp.Status})
	}

	res := &fetched{URL: u.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	if res.ContentType != "" {
		if mt, _, err := mime.ParseMediaType(res.ContentType); err == nil {
			res.MediaType = strings.ToLower(mt)
		}
	}
	// Refuse by the header before reading, so that a large image or video
	// costs one round trip and not its download.
	verdict := typeVerdict(res.MediaType, kind)
	if verdict == refuse {
		return nil, nil, fmt.Errorf("%s: %w: %q", u.Redacted(), ErrUnsupportedType, res.MediaType)
	}
	limit := f.opts.MaxBytes
	if kind == fetchRobots {
		limit = robotsMaxBytes
	}
	if kind != fetchRobots && resp.ContentLength > limit {
		return nil, nil, fmt.Errorf("%s: %w: Content-Length %d, limit %d", u.Redacted(), ErrTooLarge, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: read body: %w", u.Redacted(), err)
	}
	if int64(len(body)) > limit {
		if kind != fetchRobots {
			return nil, nil, fmt.Errorf("%s: %w: more than %d bytes", u.Redacted(), ErrTooLarge, limit)
		}
		// A robots.txt is parsed as far as the limit, as RFC 9309 allows.
		body = body[:limit]
	}
	res.Body = body
	if verdict == sniffIt {
		mt := sniffMediaType(body)
		if typeVerdict(mt, kind) != accept {
			return nil, nil, fmt.Errorf("%s: %w: %q sniffed as %q", u.Redacted(), ErrUnsupportedType, res.MediaType, mt)
		}
		res.MediaType = mt
	}
	return res, nil, nil
}

var acceptHeader = map[fetchKind]string{
	fetchPage:   "text/html,application/xhtml+xml,text/plain;q=0.9",
	fetchDoc:    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8",
	fetchRobots: "text/plain,*/*;q=0.5",
}

type verdict int

const (
	accept verdict = iota
	refuse
	sniffIt // the header says nothing useful: read the body and sniff
)

var (
	pageTypes = map[string]bool{"text/html": true, "application/xhtml+xml": true, "text/plain": true}
	docTypes  = map[string]bool{
		"application/xml": true, "text/xml": true, "application/rss+xml": true,
		"application/atom+xml": true, "application/rdf+xml": true,
		"application/feed+json": true, "application/json": true,
		"application/gzip": true, "application/x-gzip": true,
	}
)

// typeVerdict decides on a media type for a kind of fetch.
func typeVerdict(mt string, kind fetchKind) verdict {
	switch {
	case kind == fetchRobots:
		return accept
	case mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream":
		return sniffIt
	case pageTypes[mt]:
		return accept
	case kind == fetchDoc && docTypes[mt]:
		return accept
	}
	return refuse
}

// sniffMediaType guesses a media type from the first bytes of a body.
func sniffMediaType(b []byte) string {
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(b))
	return mt
}

// wait blocks until the host of u may be sent another request.
func (f *fetcher) wait(ctx context.Context, u *url.URL) error {
	if f.opts.PerHostInterval < 0 {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	f.mu.Lock()
	lim := f.limiters[host]
	if lim == nil {
		lim = rate.NewLimiter(rate.Every(f.opts.PerHostInterval), 1)
		f.limiters[host] = lim
	}
	f.mu.Unlock()
	return lim.Wait(ctx)
}

// allowed reports whether robots.txt lets the fetcher request u. Each
// host's robots.txt is fetched once per source and cached. Following RFC
// 9309: a 4xx means no restrictions, a 5xx means nothing is allowed; a
// file that does not parse is treated as no restrictions, as the large
// crawlers do. A robots.txt that cannot be reached at all is an error and
// is not cached, so a later item tries again.
func (f *fetcher) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	f.mu.Lock()
	rd := f.robots[key]
	f.mu.Unlock()
	if rd == nil {
		res, err := f.get(ctx, key+"/robots.txt", fetchRobots)
		switch {
		case errors.Is(err, ErrRedirectLoop), errors.Is(err, ErrTooManyRedirects):
			rd, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		case err != nil:
			return false, fmt.Errorf("robots.txt: %w", err)
		default:
			rd, err = robotstxt.FromStatusAndBytes(res.Status, res.Body)
			if err != nil || rd == nil {
				rd, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
			}
		}
		f.mu.Lock()
		f.robots[key] = rd
		f.mu.Unlock()
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return rd.TestAgent(path, f.agent), nil
}

// openURL fetches spec and returns the source its body calls for: a feed,
// a sitemap, or one page.
func openURL(ctx context.Context, spec string, opts Options) (Source, error) {
	f := newFetcher(opts)
	src, err := openFetched(ctx, f, spec)
	if err != nil {
		f.close()
		return nil, fmt.Errorf("fetch %s: %w", spec, err)
	}
	return src, nil
}

func openFetched(ctx context.Context, f *fetcher, spec string) (Source, error) {
	res, err := f.get(ctx, spec, fetchDoc)
	if err != nil {
		return nil, err
	}
	body, err := gunzipIfGzip(res.Body, f.opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	switch sniffDoc(body) {
	case kindFeed:
		return newFeedSource(spec, res.URL, body, f, f.opts)
	case kindSitemap:
		return newSitemapSource(spec, res.URL, body, f)
	case kindWARC:
		// Served as text or octet-stream, and small enough to be here.
		f.close()
		st := &stream{r: bytes.NewReader(body)}
		return newWARCSource(spec, bufio.NewReaderSize(st, warcBufSize), st, nil, f.opts), nil
	}
	mt := res.MediaType
	if len(body) != len(res.Body) || !pageTypes[mt] {
		// Gzipped, or declared as XML or JSON: only a page by sniffing.
		if docTypes[mt] && !bytes.HasPrefix(res.Body, gzipMagic) {
			return nil, fmt.Errorf("%w: served as %q", ErrNotFeed, mt)
		}
		mt = sniffMediaType(body)
		if !pageTypes[mt] {
			return nil, fmt.Errorf("%w: %q", ErrUnsupportedType, mt)
		}
	}
	ct := res.ContentType
	if len(body) != len(res.Body) {
		ct = mt
	}
	f.close()
	return &one{item: &Item{URL: res.URL, Body: body, ContentType: ct}}, nil
}
