package ingest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newsSitemap is a Google News sitemap listing locs; the first has a
// publication date and title, the others only a lastmod.
func newsSitemap(locs ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for i, l := range locs {
		if i == 0 {
			fmt.Fprintf(&b, `<url><loc>%s</loc><n:news><n:publication><n:name>Paper</n:name><n:language>en</n:language></n:publication>`+
				`<n:publication_date>2024-03-20T10:00:00+00:00</n:publication_date><n:title>Talks &amp; more</n:title></n:news></url>`+"\n", l)
			continue
		}
		fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>2024-03-21</lastmod></url>\n", l)
	}
	b.WriteString("</urlset>\n")
	return b.String()
}

// TestSitemap expands an index into sitemaps (one gzipped, one missing)
// and those into fetched pages.
func TestSitemap(t *testing.T) {
	var srv *server
	srv = newServer(t, map[string]http.HandlerFunc{
		"/sitemap_index.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
				`<sitemap><loc>%[1]s/news.xml</loc></sitemap><sitemap><loc>%[1]s/more.xml.gz</loc></sitemap>`+
				`<sitemap><loc>%[1]s/gone.xml</loc></sitemap><sitemap><loc>%[1]s/news.xml</loc></sitemap></sitemapindex>`, srv.URL)
		},
		"/news.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			fmt.Fprint(w, newsSitemap(srv.URL+"/a", srv.URL+"/b", srv.URL+"/a"))
		},
		"/more.xml.gz": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-gzip")
			w.Write(gz([]byte(newsSitemap(srv.URL + "/c"))))
		},
		"/a": serve("text/html", page(1)),
		"/b": serve("text/html", page(2)),
		"/c": serve("text/html", page(3)),
	})
	src, err := Open(context.Background(), srv.URL+"/sitemap_index.xml", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 20)
	if end != nil {
		t.Fatal(end)
	}
	want := []struct{ path, published, title string }{
		{"/a", "2024-03-20T10:00:00+00:00", "Talks & more"},
		{"/b", "", ""}, // lastmod is not a publication date
		{"/c", "2024-03-20T10:00:00+00:00", "Talks & more"},
	}
	if len(items) != len(want) {
		t.Fatalf("items %q", urls(items))
	}
	for i, w := range want {
		it := items[i]
		if it.URL != srv.URL+w.path || it.Published != w.published || it.Title != w.title || len(it.Body) == 0 {
			t.Errorf("item %d = %q %q %q, want %q %q %q", i, it.URL, it.Published, it.Title, w.path, w.published, w.title)
		}
	}
	if len(ies) != 1 || ies[0].URL != srv.URL+"/gone.xml" {
		t.Errorf("item errors %v, want one for gone.xml", ies)
	}
	if n := srv.hitCount("/news.xml"); n != 1 {
		t.Errorf("news.xml fetched %d times", n)
	}
}

// TestSitemapFile opens a sitemap file directly: it lists nothing but
// URLs, so they are fetched.
func TestSitemapFile(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{"/a": serve("text/html", page(1))})
	path := filepath.Join(t.TempDir(), "sitemap.xml")
	if err := os.WriteFile(path, []byte(newsSitemap(srv.URL+"/a")), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Open(context.Background(), path, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 5)
	if len(items) != 1 || len(ies) != 0 || end != nil || items[0].Title != "Talks & more" {
		t.Errorf("items %q, errors %v, end %v", urls(items), ies, end)
	}
}

func TestSitemapDoc(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		index   bool
		want    []string
		wantErr bool // from newSitemapDoc
		nextErr bool // from a later next
	}{
		{name: "urlset", doc: newsSitemap("https://x/a", "https://x/b"), want: []string{"https://x/a", "https://x/b"}},
		{name: "index", doc: `<sitemapindex><sitemap><loc> https://x/s1.xml </loc></sitemap><sitemap><loc></loc></sitemap></sitemapindex>`,
			index: true, want: []string{"https://x/s1.xml"}},
		{name: "relative loc and bare ampersand", doc: `<urlset><url><loc>/a?x=1&y=2</loc></url></urlset>`, want: []string{"https://x/a?x=1&y=2"}},
		{name: "not a sitemap", doc: `<rss><channel/></rss>`, wantErr: true},
		{name: "empty", doc: ``, wantErr: true},
		{name: "breaks off", doc: `<urlset><url><loc>https://x/a</loc></url><url><loc>https://x/b`, want: []string{"https://x/a"}, nextErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := newSitemapDoc("https://x/sitemap.xml", []byte(tt.doc))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v", err)
			}
			if err != nil {
				return
			}
			if d.index != tt.index {
				t.Errorf("index %v", d.index)
			}
			var got []string
			var nextErr error
			for {
				e, ok, err := d.next()
				if err != nil {
					nextErr = err
					break
				}
				if !ok {
					break
				}
				got = append(got, e.url)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || (nextErr != nil) != tt.nextErr {
				t.Errorf("got %q, %v; want %q", got, nextErr, tt.want)
			}
		})
	}
}

func TestW3CDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-20":                  "2024-03-20",
		" 2024-03-20T10:00:00Z ":      "2024-03-20T10:00:00Z",
		"2024-03-20T10:00+01:00":      "2024-03-20T10:00+01:00",
		"2024-03-20T10:00:00.5-05:00": "2024-03-20T10:00:00.5-05:00",
		"2024":                        "2024",
		"20 March 2024":               "",
		"":                            "",
	} {
		if got := w3cDate(in); got != want {
			t.Errorf("w3cDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkSitemapDoc decodes a news sitemap of 10,000 URLs.
func BenchmarkSitemapDoc(b *testing.B) {
	var locs []string
	for i := range 10000 {
		locs = append(locs, fmt.Sprintf("https://news.example/2024/03/20/story-%d", i))
	}
	doc := []byte(newsSitemap(locs...))
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		d, err := newSitemapDoc("https://news.example/sitemap.xml", doc)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, ok, err := d.next()
			if err != nil {
				b.Fatal(err)
			}
			if !ok {
				break
			}
			n++
		}
		if n != len(locs) {
			b.Fatalf("%d entries", n)
		}
	}
}
