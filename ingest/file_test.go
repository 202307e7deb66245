package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("word "), 100)
	writeFiles(t, dir, map[string][]byte{
		"a.html":     []byte(page(1)),
		"b.txt":      []byte("Title\n\nText."),
		"c.html.gz":  gz([]byte(page(3))),
		"empty.html": nil,
		"big.txt":    big,
		"odd.bin":    []byte("Title\n\nNamed oddly, read anyway."),
	})
	tests := []struct {
		name    string
		spec    string
		max     int64
		wantCT  string
		wantErr error
		wantMsg string
	}{
		{name: "HTML", spec: "a.html", wantCT: "text/html"},
		{name: "text", spec: "b.txt", wantCT: "text/plain"},
		{name: "gzipped HTML", spec: "c.html.gz", wantCT: "text/html"},
		{name: "any name, when named", spec: "odd.bin", wantCT: "text/plain"},
		{name: "file URL", spec: "file://" + filepath.ToSlash(filepath.Join(dir, "a.html")), wantCT: "text/html"},
		{name: "empty", spec: "empty.html", wantMsg: "empty"},
		{name: "too large", spec: "big.txt", max: 100, wantErr: ErrTooLarge},
		{name: "missing", spec: "nope.html", wantErr: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := tt.spec
			if !strings.Contains(spec, "://") {
				spec = filepath.Join(dir, spec)
			}
			opts := testOpts()
			if tt.max > 0 {
				opts.MaxBytes = tt.max
			}
			src, err := Open(context.Background(), spec, opts)
			if tt.wantErr != nil || tt.wantMsg != "" {
				if err == nil {
					src.Close()
					t.Fatal("no error")
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("error %q does not mention %q", err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			items, ies, end := drain(t, src, 5)
			if len(items) != 1 || len(ies) != 0 || end != nil {
				t.Fatalf("items %q, errors %v, end %v", urls(items), ies, end)
			}
			it := items[0]
			if !strings.HasPrefix(it.URL, "file:///") || !strings.HasSuffix(it.URL, filepath.Base(filepath.FromSlash(tt.spec))) {
				t.Errorf("URL %q", it.URL)
			}
			if it.ContentType != tt.wantCT || len(it.Body) == 0 {
				t.Errorf("ContentType %q, body %d bytes", it.ContentType, len(it.Body))
			}
		})
	}
}

// TestFolder walks a folder: lexical order, hidden entries and other file
// names skipped, feeds and archives expanded, a failing file reported and
// the walk going on, nothing fetched.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	rec := func(u string) []byte { return response(u, 200, "text/html", page(9)) }
	writeFiles(t, dir, map[string][]byte{
		"1.html":             []byte(page(1)),
		"2.txt":              []byte("Title\n\nText."),
		"3.jpg":              []byte(pngHead),
		".hidden.html":       []byte(page(0)),
		".git/x.html":        []byte(page(0)),
		"4-bad.xml":          []byte("<html>not a feed</html>"),
		"5-sitemap.xml":      []byte(newsSitemap("https://x/a")),
		"sub/6.htm":          []byte(page(6)),
		"sub/7-feed.rss":     []byte(`<rss version="2.0"><channel><item><title>F</title><link>https://x/f</link><description>Feed body.</description></item></channel></rss>`),
		"sub/8.warc.gz":      gzEach(rec("https://x/w1"), rec("https://x/w2")),
		"sub/9-cut.warc":     rec("https://x/w3")[:100],
		"sub/deeper/10.html": []byte(page(10)),
		"zz.HTML":            []byte(page(11)),
	})
	src, err := Open(context.Background(), dir, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	items, ies, end := drain(t, src, 50)
	if end != nil {
		t.Fatal(end)
	}
	var got []string
	for _, it := range items {
		got = append(got, strings.TrimPrefix(it.URL, fileURL(dir)+"/"))
	}
	want := []string{"1.html", "2.txt", "sub/6.htm", "https://x/f", "https://x/w1", "https://x/w2", "sub/deeper/10.html", "zz.HTML"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
	wantErrs := []struct {
		file string
		err  error
	}{
		{"4-bad.xml", ErrNotFeed},
		{"5-sitemap.xml", errSitemapInFolder},
		{"sub/9-cut.warc", ErrTruncated},
	}
	if len(ies) != len(wantErrs) {
		t.Fatalf("item errors %v", ies)
	}
	for i, w := range wantErrs {
		if !strings.HasSuffix(ies[i].URL, w.file) || !errors.Is(ies[i], w.err) {
			t.Errorf("item error %d = %v, want %s: %v", i, ies[i], w.file, w.err)
		}
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		want  []string
		title string
	}{
		{"page", []byte(page(1)), []string{""}, ""},
		{"feed", []byte(`<rss version="2.0"><channel><item><title>F</title><link>https://x/f</link><description>Body.</description></item></channel></rss>`), []string{"https://x/f"}, "F"},
		{"warc.gz", gzEach(response("https://x/w", 200, "text/html", page(2))), []string{"https://x/w"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "stdin")
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			saved := os.Stdin
			os.Stdin = f
			defer func() { os.Stdin = saved }()
			src, err := Open(context.Background(), "-", testOpts())
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			items, ies, end := drain(t, src, 5)
			if strings.Join(urls(items), " ") != strings.Join(tt.want, " ") || len(ies) != 0 || end != nil {
				t.Fatalf("items %q, errors %v, end %v", urls(items), ies, end)
			}
			if items[0].Title != tt.title {
				t.Errorf("Title %q, want %q", items[0].Title, tt.title)
			}
		})
	}
}

func TestSniffDoc(t *testing.T) {
	tests := []struct {
		in   string
		want docKind
	}{
		{"WARC/1.0\r\n", kindWARC},
		{"\ufeff<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">", kindFeed},
		{`<feed xmlns="http://www.w3.org/2005/Atom">`, kindFeed},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, kindFeed},
		{`<?xml version="1.0" encoding="windows-1252"?><urlset>`, kindSitemap},
		{`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, kindSitemap},
		{`{"version": "https://jsonfeed.org/version/1", "items": []}`, kindFeed},
		{`{"a": 1}`, kindPage},
		{"<!DOCTYPE html><html><body>", kindPage},
		{"Plain text", kindPage},
		{"", kindPage},
	}
	for _, tt := range tests {
		if got := sniffDoc([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffDoc(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestOpenSpecErrors(t *testing.T) {
	for _, spec := range []string{"", "ftp://example.com/x", "gopher://x"} {
		if src, err := Open(context.Background(), spec, testOpts()); err == nil {
			src.Close()
			t.Errorf("Open(%q): no error", spec)
		}
	}
}

func TestItemError(t *testing.T) {
	base := errors.New("boom")
	tests := []struct {
		e    *ItemError
		want string
	}{
		{&ItemError{Err: base}, "boom"},
		{&ItemError{URL: "https://x/a", Err: base}, "https://x/a: boom"},
		{&ItemError{URL: "https://x/a", Err: fmt.Errorf("fetch https://x/a: %w", base)}, "fetch https://x/a: boom"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.e, base) {
			t.Errorf("%v does not unwrap to its cause", tt.e)
		}
	}
}

func TestHasScheme(t *testing.T) {
	for spec, want := range map[string]bool{"http://x": true, "HTTP://x": true, "http:x": false, "httpx://y": false, "http://": false} {
		if got := hasScheme(spec, "http"); got != want {
			t.Errorf("hasScheme(%q) = %v", spec, got)
		}
	}
}

// BenchmarkFolder walks a folder of 200 small pages.
func BenchmarkFolder(b *testing.B) {
	dir := b.TempDir()
	files := map[string][]byte{}
	for i := range 200 {
		files[fmt.Sprintf("d%d/%03d.html", i%10, i)] = []byte(page(i))
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		src, err := Open(context.Background(), dir, testOpts())
		if err != nil {
			b.Fatal(err)
		}
		if items, _, _ := drain(b, src, 300); len(items) != 200 {
			b.Fatalf("%d items", len(items))
		}
		src.Close()
	}
}
