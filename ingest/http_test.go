package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// server is an httptest server on 127.0.0.1 that records its requests.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	times  []time.Time
	agents map[string]bool
}

func newServer(t *testing.T, routes map[string]http.HandlerFunc) *server {
	t.Helper()
	s := &server{hits: map[string]int{}, agents: map[string]bool{}}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.times = append(s.times, time.Now())
		s.agents[r.UserAgent()] = true
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *server) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times)
}

// serve answers with a fixed content type and body.
func serve(ctype, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		fmt.Fprint(w, body)
	}
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
}

const pngHead = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

func TestFetch(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{
		"/robots.txt": serve("text/plain", "User-agent: *\nDisallow: /private/\n"),
		"/page":       serve("text/html; charset=utf-8", page(1)),
		"/text":       serve("text/plain", "Title\n\nSome text."),
		"/private/x":  serve("text/html", page(2)),
		"/r1":         redirect("/r2"),
		"/r2": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/page", http.StatusMovedPermanently)
		},
		"/loop-a": redirect("/loop-b"),
		"/loop-b": redirect("/loop-a"),
		"/chain/": func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chain/"))
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
		},
		"/to-file": redirect("file:///etc/passwd"),
		"/huge": func(w http.ResponseWriter, r *http.Request) {
			// Declares 100 MB and sends until the client hangs up.
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", strconv.Itoa(100<<20))
			chunk := []byte(strings.Repeat("<p>x</p>", 8<<10))
			for sent := 0; sent < 100<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		"/stream": func(w http.ResponseWriter, r *http.Request) {
			// No Content-Length: the limit must hold while reading.
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>x</p>", 8<<10))
			for range 32 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		},
		"/png":        serve("image/png", pngHead),
		"/octet-html": serve("application/octet-stream", page(3)),
		"/octet-png":  serve("application/octet-stream", pngHead),
		"/none":       serve("", page(4)),
		"/missing":    http.NotFound,
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		},
		"/notfeed":    serve("application/rss+xml", "this is not a feed at all"),
		"/brokenfeed": serve("application/rss+xml", "<rss><channel><item><title>x</ti"),
		"/json":       serve("application/json", `{"a": 1}`),
	})

	tests := []struct {
		name     string
		path     string
		opts     func(*Options)
		wantURL  string // path of the item's URL
		wantCT   string
		wantErr  error
		wantText string // in the error
	}{
		{name: "page", path: "/page", wantURL: "/page", wantCT: "text/html; charset=utf-8"},
		{name: "text", path: "/text", wantURL: "/text", wantCT: "text/plain"},
		{name: "redirects followed", path: "/r1", wantURL: "/page"},
		{name: "octet-stream sniffed as HTML", path: "/octet-html", wantURL: "/octet-html"},
		{name: "no content type, sniffed", path: "/none", wantURL: "/none"},
		{name: "redirect loop", path: "/loop-a", wantErr: ErrRedirectLoop, wantText: "/loop-a"},
		{name: "too many redirects", path: "/chain/0", opts: func(o *Options) { o.MaxRedirects = 3 }, wantErr: ErrTooManyRedirects},
		{name: "redirects refused", path: "/r1", opts: func(o *Options) { o.MaxRedirects = -1 }, wantErr: ErrTooManyRedirects},
		{name: "redirect to file", path: "/to-file", wantText: "only http and https"},
		{name: "100 MB page", path: "/huge", wantErr: ErrTooLarge, wantText: "Content-Length 104857600"},
		{name: "streamed past the limit", path: "/stream", opts: func(o *Options) { o.MaxBytes = 100 << 10 }, wantErr: ErrTooLarge},
		{name: "image", path: "/png", wantErr: ErrUnsupportedType, wantText: `"image/png"`},
		{name: "octet-stream sniffed as PNG", path: "/octet-png", wantErr: ErrUnsupportedType, wantText: "image/png"},
		{name: "JSON that is not a feed", path: "/json", wantErr: ErrNotFeed},
		{name: "not found", path: "/missing", wantText: "HTTP 404"},
		{name: "timeout", path: "/slow", opts: func(o *Options) { o.Timeout = 200 * time.Millisecond }, wantErr: context.DeadlineExceeded},
		{name: "robots.txt disallows", path: "/private/x", wantErr: ErrDisallowed},
		{name: "robots.txt ignored", path: "/private/x", opts: func(o *Options) { o.RespectRobots = false }, wantURL: "/private/x"},
		{name: "feed that is not XML", path: "/notfeed", wantErr: ErrNotFeed, wantText: "application/rss+xml"},
		{name: "feed that breaks off", path: "/brokenfeed", wantText: "parse feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOpts()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			src, err := Open(context.Background(), srv.URL+tt.path, opts)
			if tt.wantErr != nil || tt.wantText != "" {
				if err == nil {
					src.Close()
					t.Fatalf("no error, want %v %q", tt.wantErr, tt.wantText)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantText) {
					t.Errorf("error %q does not mention %q", err, tt.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			items, ies, end := drain(t, src, 10)
			if len(items) != 1 || len(ies) != 0 || end != nil {
				t.Fatalf("items %q, errors %v, end %v", urls(items), ies, end)
			}
			if items[0].URL != srv.URL+tt.wantURL {
				t.Errorf("URL %q, want %q", items[0].URL, srv.URL+tt.wantURL)
			}
			if tt.wantCT != "" && items[0].ContentType != tt.wantCT {
				t.Errorf("ContentType %q, want %q", items[0].ContentType, tt.wantCT)
			}
			if len(items[0].Body) == 0 || items[0].Published != "" || items[0].Title != "" {
				t.Errorf("item %+v", items[0])
			}
		})
	}
	if n := srv.hitCount("/robots.txt"); n == 0 {
		t.Error("robots.txt never fetched")
	}
	for ua := range srv.agents {
		if ua != DefaultUserAgent {
			t.Errorf("User-Agent %q, want %q", ua, DefaultUserAgent)
		}
	}
}

// TestFetchWARC reads a small WARC served as plain text.
func TestFetchWARC(t *testing.T) {
	recs := string(response("https://x/a", 200, "text/html", page(1))) + string(response("https://x/b", 200, "text/html", page(2)))
	srv := newServer(t, map[string]http.HandlerFunc{"/x.warc": serve("text/plain", recs)})
	src, err := Open(context.Background(), srv.URL+"/x.warc", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 5)
	if strings.Join(urls(items), " ") != "https://x/a https://x/b" || len(ies) != 0 || end != nil {
		t.Errorf("items %q, errors %v, end %v", urls(items), ies, end)
	}
}

// TestRobots checks group selection by the product token, the status
// rules of RFC 9309, and that robots.txt is fetched once per host.
func TestRobots(t *testing.T) {
	tests := []struct {
		name    string
		robots  http.HandlerFunc
		allowed bool
	}{
		{"our group disallows", serve("text/plain", "User-agent: newsgraph\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), false},
		{"other group disallows", serve("text/plain", "User-agent: otherbot\nDisallow: /\n"), true},
		{"all disallowed", serve("text/plain", "User-agent: *\nDisallow: /\n"), false},
		{"no robots.txt", http.NotFound, true},
		{"server error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) }, false},
		{"unparseable", serve("text/plain", "Disallow before agent\n\x00\x01"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, map[string]http.HandlerFunc{
				"/robots.txt": tt.robots,
				"/a":          serve("text/html", page(1)),
				"/b":          serve("text/html", page(2)),
				"/feed.xml":   serve("application/rss+xml", rss("/a", "/b")),
			})
			src, err := Open(context.Background(), srv.URL+"/feed.xml", testOpts())
			if !tt.allowed {
				if !errors.Is(err, ErrDisallowed) {
					t.Fatalf("error %v, want ErrDisallowed", err)
				}
				if n := srv.total(); n != 1 {
					t.Errorf("%d requests, want only robots.txt", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			items, ies, end := drain(t, src, 10)
			if len(items) != 2 || len(ies) != 0 || end != nil {
				t.Fatalf("items %q, errors %v, end %v", urls(items), ies, end)
			}
			if n := srv.hitCount("/robots.txt"); n != 1 {
				t.Errorf("robots.txt fetched %d times, want once", n)
			}
		})
	}
}

// TestPerHostInterval measures, loosely, that requests to one host are
// spaced by the interval.
func TestPerHostInterval(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{
		"/feed.xml": serve("application/rss+xml", rss("/a", "/b", "/c")),
		"/a":        serve("text/html", page(1)),
		"/b":        serve("text/html", page(2)),
		"/c":        serve("text/html", page(3)),
	})
	const interval = 100 * time.Millisecond
	opts := testOpts()
	opts.PerHostInterval = interval
	opts.RespectRobots = false
	src, err := Open(context.Background(), srv.URL+"/feed.xml", opts)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 10)
	if len(items) != 3 || len(ies) != 0 || end != nil {
		t.Fatalf("items %q, errors %v, end %v", urls(items), ies, end)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.times) != 4 {
		t.Fatalf("%d requests, want 4", len(srv.times))
	}
	for i := 1; i < len(srv.times); i++ {
		if gap := srv.times[i].Sub(srv.times[i-1]); gap < interval*8/10 {
			t.Errorf("request %d came %v after the one before, want about %v", i, gap, interval)
		}
	}
}

// TestPrivateRefused dials the test server on 127.0.0.1 without
// AllowPrivate: every way of reaching it must be refused before a request
// is sent.
func TestPrivateRefused(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{"/page": serve("text/html", page(1))})
	port := srv.Listener.Addr().(interface{ AddrPort() netip.AddrPort }).AddrPort().Port()
	tests := []struct {
		name string
		url  string
		opts func(*Options)
	}{
		{"literal IP", srv.URL + "/page", nil},
		{"name resolving to loopback, refused at dial", fmt.Sprintf("http://localhost:%d/page", port), func(o *Options) { o.RespectRobots = false }},
		{"caller's client", srv.URL + "/page", func(o *Options) { o.HTTPClient = srv.Client() }},
		{"caller's client, name resolving to loopback", fmt.Sprintf("http://localhost:%d/page", port), func(o *Options) {
			o.HTTPClient = srv.Client()
			o.RespectRobots = false
		}},
		// A public page that redirects to the loopback server: the hop is
		// checked like the first request.
		{"redirect from a public host", "http://news.example.com/story", func(o *Options) {
			o.RespectRobots = false
			o.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if r.URL.Host != "news.example.com" {
					return nil, fmt.Errorf("test transport: unexpected request to %s", r.URL)
				}
				return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {srv.URL + "/page"}},
					Body: http.NoBody, Request: r}, nil
			})}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOpts()
			opts.AllowPrivate = false
			if tt.opts != nil {
				tt.opts(&opts)
			}
			src, err := Open(context.Background(), tt.url, opts)
			if err == nil {
				src.Close()
			}
			if !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("error %v, want ErrPrivateAddress", err)
			}
		})
	}
	if n := srv.total(); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"127.0.0.1", false}, {"127.8.9.10", false}, {"10.1.2.3", false}, {"172.16.0.1", false},
		{"192.168.1.1", false}, {"169.254.169.254", false}, {"0.0.0.0", false}, {"100.64.0.1", false},
		{"224.0.0.1", false}, {"255.255.255.255", false}, {"192.0.2.1", false},
		{"::1", false}, {"::", false}, {"fe80::1", false}, {"fc00::1", false}, {"fd12:3456::1", false},
		{"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false}, {"64:ff9b::7f00:1", false}, {"2002:a00:1::1", false},
		{"8.8.8.8", true}, {"1.1.1.1", true}, {"93.184.216.34", true}, {"2606:4700:4700::1111", true},
		{"::ffff:8.8.8.8", true}, {"64:ff9b::808:808", true},
	}
	for _, tt := range tests {
		if got := publicAddr(netip.MustParseAddr(tt.addr)); got != tt.public {
			t.Errorf("publicAddr(%s) = %v, want %v", tt.addr, got, tt.public)
		}
	}
	// The dial-time check reads the address as the dialer gives it.
	for addr, ok := range map[string]bool{"127.0.0.1:80": false, "[::1]:443": false, "8.8.8.8:53": true, "nonsense": false} {
		if err := guardControl("tcp", addr, nil); (err == nil) != ok {
			t.Errorf("guardControl(%s) = %v", addr, err)
		}
	}
}

func TestRobotsAgent(t *testing.T) {
	for ua, want := range map[string]string{DefaultUserAgent: "newsgraph", "MyBot": "mybot", "a b/1": "a"} {
		if got := robotsAgent(ua); got != want {
			t.Errorf("robotsAgent(%q) = %q, want %q", ua, got, want)
		}
	}
}

func BenchmarkFetch(b *testing.B) {
	body := page(1)
	srv := httptest.NewServer(serve("text/html", body))
	defer srv.Close()
	opts := testOpts()
	opts.RespectRobots = false
	f := newFetcher(opts)
	defer f.close()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := f.get(context.Background(), srv.URL+"/", fetchPage); err != nil {
			b.Fatal(err)
		}
	}
}
