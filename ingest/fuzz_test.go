package ingest

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// offlineOpts are options whose fetches never leave the process: every
// request is answered by answer (nil: refused), so that a fuzzed sitemap
// or feed naming URLs cannot reach the network.
func offlineOpts(answer func(*http.Request) []byte) Options {
	o := testOpts()
	o.AllowPrivate = false
	o.RespectRobots = false
	o.MaxBytes = 1 << 20
	o.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if answer == nil {
			return nil, errors.New("offline: no request leaves a fuzz test")
		}
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html"}},
			Body: io.NopCloser(bytes.NewReader(answer(r))), Request: r}, nil
	})}
	return o
}

// FuzzSitemap reads arbitrary bytes as a sitemap or sitemap index, with
// every sitemap and page it names answered by the same bytes (a sitemap
// index that lists itself, a page that is a sitemap): reading always
// ends, within the bounds on sitemaps and pages, and never panics.
//
//	go test ./ingest/ -run '^$' -fuzz '^FuzzSitemap$' -fuzztime 60s
func FuzzSitemap(f *testing.F) {
	f.Add([]byte(newsSitemap("https://x.example/a", "https://x.example/b")))
	f.Add([]byte(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.example/s1.xml</loc></sitemap><sitemap><loc>https://x.example/s2.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<urlset><url><loc>relative/path</loc><lastmod>2024-13-45</lastmod></url><url><loc>javascript:alert(1)</loc></url><url><loc>http://127.0.0.1/admin</loc></url></urlset>`))
	f.Add([]byte(`<urlset><url><loc>https://x.example/a</loc><news:news><news:publication_date>2024-03-20T09:30:00+01:00</news:publication_date><news:title>T</news:title></news:news></url>`))
	f.Add([]byte("<urlset><url><loc>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := offlineOpts(func(*http.Request) []byte { return data })
		src, err := newSitemapSource("fuzz", "https://x.example/sitemap.xml", data, newFetcher(opts))
		if err != nil {
			return
		}
		defer src.Close()
		items, _, _ := drain(t, src, 4*maxSitemaps+len(data)+10)
		for _, it := range items {
			if int64(len(it.Body)) > opts.MaxBytes {
				t.Fatalf("body of %d bytes over the limit", len(it.Body))
			}
		}
	})
}

// FuzzOpenReader feeds arbitrary bytes to the reader behind files and
// standard input, which sniffs what they are (gzip, WARC, feed, sitemap,
// page) and opens the matching source: every input is an error or a
// source that ends, and nothing is fetched.
//
//	go test ./ingest/ -run '^$' -fuzz '^FuzzOpenReader$' -fuzztime 60s
func FuzzOpenReader(f *testing.F) {
	f.Add([]byte(page(1)))
	f.Add([]byte(rss("https://x.example/a", "/b")))
	f.Add([]byte(newsSitemap("https://x.example/a")))
	f.Add(response("http://example.com/a", 200, "text/html", page(1)))
	f.Add(gzEach(response("http://example.com/a", 200, "text/html", page(1))))
	f.Add([]byte("\x1f\x8b\x08\x00garbage"))
	f.Add([]byte("Plain text article.\n\nSecond paragraph."))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, explicit := range []bool{true, false} {
			opts := offlineOpts(nil)
			src, err := openReader("fuzz", "", bytes.NewReader(data), nil, opts, explicit, false)
			if err != nil {
				if strings.Contains(err.Error(), "panic") {
					t.Fatal(err)
				}
				continue
			}
			items, _, _ := drain(t, src, 2*len(data)+10)
			src.Close()
			for _, it := range items {
				if int64(len(it.Body)) > opts.MaxBytes {
					t.Fatalf("body of %d bytes over the limit", len(it.Body))
				}
			}
		}
	})
}

// TestSitemapLocChainEnds: a sitemap index whose relative loc leads, via
// the same document, to an ever longer URL (found by FuzzSitemap: it
// made 10,000 fetches of URLs up to 200 KB) stops at the protocol's
// 2,048-character limit, and the fetcher refuses URLs over 8 KiB.
func TestSitemapLocChainEnds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		doc    string
		maxReq int
	}{
		{"relative index loc", `<sitemapindex><sitemap><loc>http//x.example/s1.xml</loc></sitemap></sitemapindex>`, 2048 / len("http//x.example/")},
		{"relative page loc", `<urlset><url><loc>a/` + strings.Repeat("b", 3000) + `</loc></url></urlset>`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requests := 0
			opts := offlineOpts(func(*http.Request) []byte { requests++; return []byte(tc.doc) })
			src, err := newSitemapSource("test", "https://x.example/sitemap.xml", []byte(tc.doc), newFetcher(opts))
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			drain(t, src, 100000)
			if requests > tc.maxReq {
				t.Errorf("%d requests, want at most %d", requests, tc.maxReq)
			}
		})
	}
	f := newFetcher(testOpts())
	defer f.close()
	if _, err := f.get(t.Context(), "http://x.example/"+strings.Repeat("a", maxURLLen), fetchPage); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("long URL: %v", err)
	}
}
