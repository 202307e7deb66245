package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rss is an RSS 2.0 feed with one item per link, "Story 1", "Story 2" …,
// published on 20 March 2024 at 10:00 UTC plus the item's number in
// minutes.
func rss(links ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title>`)
	for i, l := range links {
		fmt.Fprintf(&b, "<item><title>Story %d</title><link>%s</link><pubDate>Wed, 20 Mar 2024 10:%02d:00 GMT</pubDate></item>\n", i+1, l, i+1)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// TestFeedFetched reads a feed over HTTP: each entry's link is fetched,
// titles and dates come from the feed, a repeated link is read once, an
// entry whose page fails is an item error and the rest go on.
func TestFeedFetched(t *testing.T) {
	var srv *server
	srv = newServer(t, map[string]http.HandlerFunc{
		"/feed.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			feed := rss("/a", srv.URL+"/b", "/a", "/missing")
			feed = strings.Replace(feed, "</channel>",
				"<item><title>No link</title><description>Only a summary.</description></item></channel>", 1)
			fmt.Fprint(w, feed)
		},
		"/a": serve("text/html", page(1)),
		"/b": serve("text/html", page(2)),
	})
	src, err := Open(context.Background(), srv.URL+"/feed.xml", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 20)
	if end != nil {
		t.Fatal(end)
	}
	want := []struct{ url, title, published, body string }{
		{srv.URL + "/a", "Story 1", "2024-03-20T10:01:00Z", page(1)},
		{srv.URL + "/b", "Story 2", "2024-03-20T10:02:00Z", page(2)},
		{srv.URL + "/feed.xml#entry-5", "No link", "", "Only a summary."},
	}
	if len(items) != len(want) {
		t.Fatalf("items %q, want %d", urls(items), len(want))
	}
	for i, w := range want {
		it := items[i]
		if it.URL != w.url || it.Title != w.title || it.Published != w.published || !strings.Contains(string(it.Body), w.body) {
			t.Errorf("item %d = %q %q %q %.40q, want %q %q %q %q", i, it.URL, it.Title, it.Published, it.Body, w.url, w.title, w.published, w.body)
		}
	}
	if len(ies) != 1 || ies[0].URL != srv.URL+"/missing" || !strings.Contains(ies[0].Error(), "HTTP 404") {
		t.Errorf("item errors %v, want one for /missing", ies)
	}
}

// TestFeedFile reads feeds from files: no network, the entry's content
// (or description) is the body.
func TestFeedFile(t *testing.T) {
	tests := []struct {
		name       string
		feed       string
		wantTitles []string
		wantURLs   []string
		wantPub    string // of the first item
		wantBody   string // in the first item's body
		itemErrs   int
	}{
		{
			name: "RSS with content:encoded and description",
			feed: `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<item><title>One &amp; only</title><link>https://news.example/one</link><pubDate>Tue, 19 Mar 2024 08:30:00 +0100</pubDate>
<description>Short.</description><content:encoded><![CDATA[<p>The full story.</p>]]></content:encoded></item>
<item><title>Two</title><link>https://news.example/two</link><description>Plain summary.

Second paragraph.</description></item>
<item><title>Three</title><link>https://news.example/three</link></item>
</channel></rss>`,
			wantTitles: []string{"One & only", "Two"},
			wantURLs:   []string{"https://news.example/one", "https://news.example/two"},
			wantPub:    "2024-03-19T07:30:00Z", // gofeed gives UTC
			wantBody:   "<p>The full story.</p>",
			itemErrs:   1, // Three has no content, and its link is not fetched
		},
		{
			name: "Atom",
			feed: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Atom story</title><link href="https://news.example/atom"/><id>tag:x,2024:1</id>
<published>2024-03-20T12:00:00Z</published><updated>2024-03-21T12:00:00Z</updated><summary>Summary text.</summary></entry></feed>`,
			wantTitles: []string{"Atom story"},
			wantURLs:   []string{"https://news.example/atom"},
			wantPub:    "2024-03-20T12:00:00Z",
			wantBody:   "<p>Summary text.</p>",
		},
		{
			name: "Atom with only updated: no publication date",
			feed: `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>U</title><link href="https://news.example/u"/><updated>2024-03-21T12:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>`,
			wantTitles: []string{"U"},
			wantURLs:   []string{"https://news.example/u"},
			wantBody:   "<p>Body</p>",
		},
		{
			name:       "JSON Feed",
			feed:       `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": "1", "url": "https://news.example/j", "title": "JSON story", "content_html": "<p>JSON body.</p>", "date_published": "2024-03-20T09:00:00Z"}]}`,
			wantTitles: []string{"JSON story"},
			wantURLs:   []string{"https://news.example/j"},
			wantPub:    "2024-03-20T09:00:00Z",
			wantBody:   "<p>JSON body.</p>",
		},
		{
			name:       "ISO-8859-1",
			feed:       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Caf\xe9</title><description>Cr\xe8me.</description></item></channel></rss>",
			wantTitles: []string{"Café"},
			wantURLs:   []string{"#entry-1"},
			wantBody:   "Crème.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "feed.xml")
			if err := os.WriteFile(path, []byte(tt.feed), 0o644); err != nil {
				t.Fatal(err)
			}
			src, err := Open(context.Background(), path, testOpts())
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			items, ies, end := drain(t, src, 20)
			if end != nil {
				t.Fatal(end)
			}
			if len(ies) != tt.itemErrs {
				t.Errorf("item errors %v, want %d", ies, tt.itemErrs)
			}
			if len(items) != len(tt.wantTitles) {
				t.Fatalf("items %q, want %d", urls(items), len(tt.wantTitles))
			}
			for i, it := range items {
				if it.Title != tt.wantTitles[i] || !strings.HasSuffix(it.URL, tt.wantURLs[i]) {
					t.Errorf("item %d: %q %q, want %q %q", i, it.Title, it.URL, tt.wantTitles[i], tt.wantURLs[i])
				}
				if it.ContentType != "text/html" || !strings.Contains(string(it.Body), "<title>") {
					t.Errorf("item %d: %q %q, want an HTML page", i, it.ContentType, it.Body)
				}
			}
			if items[0].Published != tt.wantPub {
				t.Errorf("Published %q, want %q", items[0].Published, tt.wantPub)
			}
			if !strings.Contains(string(items[0].Body), tt.wantBody) {
				t.Errorf("body %q does not hold %q", items[0].Body, tt.wantBody)
			}
		})
	}
}

func TestFeedErrors(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                error
	}{
		{"not XML", "feed.xml", "this is not a feed", ErrNotFeed},
		{"XML that is not a feed", "feed.rss", `<?xml version="1.0"?><html><body>x</body></html>`, ErrNotFeed},
		{"broken RSS", "feed.xml", `<rss version="2.0"><channel><item><title>x</ti`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			src, err := Open(context.Background(), path, testOpts())
			if err == nil {
				src.Close()
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestFeedContextCancelled(t *testing.T) {
	src, err := newFeedSource("f", "", []byte(rss("https://x/a")), nil, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	// A cancelled call does not end the source.
	items, _, end := drain(t, src, 5)
	if len(items) != 0 || end != nil {
		// The entry has no content and is reported, not yielded.
		t.Errorf("items %q, end %v", urls(items), end)
	}
}

func TestEntryHTML(t *testing.T) {
	tests := []struct{ title, content, want string }{
		{"A <b>", "Para one.\n\nPara <two>.", "<title>A &lt;b&gt;</title>"},
		{"A", "Para one.\n\nPara two.", "<p>Para one.</p>\n<p>Para two.</p>"},
		{"A", "<p>Already HTML</p>", "<article>\n<p>Already HTML</p>"},
		{"A", "1 < 2 and 3 > 2", "<p>1 &lt; 2 and 3 &gt; 2</p>"},
	}
	for _, tt := range tests {
		if got := string(entryHTML(tt.title, tt.content)); !strings.Contains(got, tt.want) {
			t.Errorf("entryHTML(%q, %q) = %q, want it to hold %q", tt.title, tt.content, got, tt.want)
		}
	}
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rss("https://x/a", "/b")))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link href="/a"/><content>x</content></entry></feed>`))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "/j", "content_text": "t"}]}`))
	f.Add([]byte(newsSitemap("https://x/a", "https://x/b")))
	f.Add([]byte(`<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item><title>x</title></item></rdf:RDF>`))
	f.Add([]byte("<rss><channel><item><title>x</ti"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sniffDoc(data)
		if src, err := newFeedSource("fuzz", "https://example.com/feed", data, nil, testOpts()); err == nil {
			drain(t, src, len(data)+10)
		}
		doc, err := newSitemapDoc("https://example.com/sitemap.xml", data)
		if err != nil {
			return
		}
		for i := 0; ; i++ {
			if i > len(data) {
				t.Fatal("sitemap decoding does not end")
			}
			if _, ok, err := doc.next(); !ok || err != nil {
				break
			}
		}
	})
}

// BenchmarkFeed reads a 200-entry feed from memory, as from a file.
func BenchmarkFeed(b *testing.B) {
	var links []string
	for i := range 200 {
		links = append(links, fmt.Sprintf("https://news.example/%d", i))
	}
	feed := []byte(strings.ReplaceAll(rss(links...), "</pubDate>", "</pubDate><description>A summary of the story, a sentence or two long.</description>"))
	opts := testOpts()
	b.SetBytes(int64(len(feed)))
	for b.Loop() {
		src, err := newFeedSource("bench", "", feed, nil, opts)
		if err != nil {
			b.Fatal(err)
		}
		if items, _, _ := drain(b, src, 300); len(items) != 200 {
			b.Fatalf("%d items", len(items))
		}
	}
}
