package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

// warcRec writes one WARC/1.0 record by hand: the format is a text header
// and a Content-Length block, then CRLF CRLF.
func warcRec(typ, target, ctype string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n", typ, len(block))
	b.WriteString("WARC-Date: 2024-03-20T10:00:00Z\r\n")
	sum := sha1.Sum(block)
	fmt.Fprintf(&b, "WARC-Block-Digest: sha1:%s\r\n", base32.StdEncoding.EncodeToString(sum[:]))
	if target != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", target)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResp is an archived HTTP response.
func httpResp(status int, ctype string, body []byte, extra ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d X\r\n", status)
	if ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", ctype)
	}
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

func response(target string, status int, ctype, body string, extra ...string) []byte {
	return warcRec("response", target, "application/http; msgtype=response", httpResp(status, ctype, []byte(body), extra...))
}

var digestField = regexp.MustCompile(`WARC-Block-Digest: [^\r]*\r\n`)

// noDigest removes the block digest from records.
func noDigest(b []byte) []byte { return digestField.ReplaceAll(b, nil) }

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// gzEach compresses each record as its own gzip member, as .warc.gz files
// are written.
func gzEach(recs ...[]byte) []byte {
	var out []byte
	for _, r := range recs {
		out = append(out, gz(r)...)
	}
	return out
}

func page(n int) string {
	return fmt.Sprintf("<html><head><title>Page %d</title></head><body><p>Story %d.</p></body></html>", n, n)
}

// drain reads a source to its end, keeping items, per-item errors and the
// error that ended it. It fails the test if the source does not end.
func drain(t testing.TB, src Source, limit int) (items []*Item, itemErrs []*ItemError, end error) {
	t.Helper()
	ctx := context.Background()
	for range limit {
		it, err := src.Next(ctx)
		var ie *ItemError
		switch {
		case err == nil:
			items = append(items, it)
		case errors.As(err, &ie):
			itemErrs = append(itemErrs, ie)
		case errors.Is(err, io.EOF):
			return items, itemErrs, nil
		default:
			return items, itemErrs, err
		}
	}
	t.Fatalf("source did not end after %d calls", limit)
	return
}

func urls(items []*Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.URL)
	}
	return out
}

func testOpts() Options {
	o := DefaultOptions()
	o.AllowPrivate = true
	o.PerHostInterval = -1
	o.Timeout = 5 * time.Second
	return o.withDefaults()
}

func TestWARC(t *testing.T) {
	a := response("http://example.com/a", 200, "text/html; charset=utf-8", page(1))
	b := response("http://example.com/b", 200, "text/html", page(2))
	c := response("http://example.com/c", 200, "text/html", page(3))
	mixed := [][]byte{
		warcRec("warcinfo", "", "application/warc-fields", []byte("software: test\r\nformat: WARC File Format 1.0\r\n")),
		warcRec("request", "http://example.com/a", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n")),
		a,
		response("http://example.com/logo.png", 200, "image/png", "\x89PNG\r\n\x1a\n...."),
		response("http://example.com/gone", 404, "text/html", "<html>not found</html>"),
		response("http://example.com/moved", 301, "text/html", "", "Location: /a"),
		warcRec("resource", "file:///notes.txt", "text/plain", []byte("Plain notes.\n")),
		warcRec("metadata", "http://example.com/a", "application/warc-fields", []byte("via: x\r\n")),
		warcRec("revisit", "http://example.com/a", "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\n\r\n")),
		response("<http://example.com/bracketed>", 200, "", page(4)), // no Content-Type: sniffed
	}
	mixedURLs := []string{"http://example.com/a", "file:///notes.txt", "http://example.com/bracketed"}
	cat := func(recs ...[]byte) []byte { return bytes.Join(recs, nil) }
	trunc := cat(a, b)
	longHeader := append([]byte("WARC/1.0\r\nWARC-Type: response\r\nX-Junk: "), bytes.Repeat([]byte("x"), warcHeadWindow+10)...)
	longHeader = append(longHeader, "\r\n\r\n"...)
	wrongLen := bytes.Replace(b, []byte("Content-Length: "), []byte("Content-Length: 1"), 1) // 1xxx: far too long
	shortLen := bytes.Replace(b, []byte(fmt.Sprintf("Content-Length: %d", len(httpResp(200, "text/html", []byte(page(2)))))), []byte("Content-Length: 40"), 1)
	badLen := bytes.Replace(b, []byte("Content-Length: "), []byte("Content-Length: x"), 1)
	corruptGz := gzEach(a, b, c)
	corruptGz[len(gz(a))+30] ^= 0xff // inside b's deflate data

	tests := []struct {
		name      string
		in        []byte
		max       int64
		want      []string
		itemErrs  int
		errSubstr string // in the first item error
		end       error  // errors.Is target of the ending error, nil for io.EOF
		endSubstr string
	}{
		{name: "mixed record types", in: cat(mixed...), want: mixedURLs},
		{name: "gzip per record", in: gzEach(mixed...), want: mixedURLs},
		{name: "gzip whole file", in: gz(cat(mixed...)), want: mixedURLs},
		{name: "empty", in: nil},
		{name: "blank lines between records", in: cat(a, []byte("\r\n\r\n\n"), b), want: []string{"http://example.com/a", "http://example.com/b"}},
		{name: "garbage between records", in: cat(a, []byte("this is not a record\r\n"), b),
			want: []string{"http://example.com/a", "http://example.com/b"}, itemErrs: 1, errSubstr: "not a WARC record"},
		{name: "garbage after a record without digest", in: cat(noDigest(a), []byte("this is not a record\r\n"), b),
			want: []string{"http://example.com/b"}, itemErrs: 1, errSubstr: "record boundary"},
		{name: "garbage at the start", in: cat([]byte("junk\nWARC/ junk\n"), a),
			want: []string{"http://example.com/a"}, itemErrs: 2, errSubstr: "not a WARC record"},
		{name: "Content-Length too long", in: cat(a, wrongLen, c), want: []string{"http://example.com/a"},
			end: ErrTruncated}, // 1xxx bytes run past the end of the input
		{name: "Content-Length too short", in: cat(a, shortLen, c),
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "record boundary"},
		{name: "Content-Length too short, no digest", in: cat(a, noDigest(shortLen), c),
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "record boundary"},
		{name: "Content-Length not a number", in: cat(a, badLen, c),
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "bad Content-Length"},
		{name: "header without end", in: cat(a, longHeader, c),
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "header longer"},
		{name: "version line broken", in: cat(a, []byte("WARC/\r\n\r\n"), c),
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "version line"},
		{name: "truncated warc", in: trunc[:len(trunc)-50], want: []string{"http://example.com/a"},
			end: ErrTruncated, endSubstr: "offset"},
		{name: "truncated in header", in: cat(a, b[:20]), want: []string{"http://example.com/a"}, end: ErrTruncated},
		{name: "truncated warc.gz", in: func() []byte { g := gzEach(a, b, c); return g[:len(g)-25] }(),
			want: []string{"http://example.com/a", "http://example.com/b"}, end: ErrTruncated, endSubstr: "compressed stream ends early"},
		{name: "corrupt gzip", in: corruptGz, want: []string{"http://example.com/a"}, endSubstr: "gzip"},
		{name: "too large", in: cat(a, response("http://example.com/big", 200, "text/html", strings.Repeat("x", 5000)), c), max: 1000,
			want: []string{"http://example.com/a", "http://example.com/c"}, itemErrs: 1, errSubstr: "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOpts()
			if tt.max > 0 {
				opts.MaxBytes = tt.max
			}
			src := warcFromBytes(tt.in, opts)
			defer src.Close()
			items, ies, end := drain(t, src, 1000)
			if got := urls(items); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("items %q, want %q", got, tt.want)
			}
			if len(ies) != tt.itemErrs {
				t.Errorf("%d item errors, want %d: %v", len(ies), tt.itemErrs, ies)
			} else if tt.errSubstr != "" && !strings.Contains(ies[0].Error(), tt.errSubstr) {
				t.Errorf("item error %q, want it to mention %q", ies[0], tt.errSubstr)
			}
			switch {
			case tt.end == nil && tt.endSubstr == "":
				if end != nil {
					t.Errorf("ended with %v, want io.EOF", end)
				}
			case end == nil:
				t.Errorf("ended cleanly, want an error")
			case tt.end != nil && !errors.Is(end, tt.end):
				t.Errorf("ended with %v, want %v", end, tt.end)
			case !strings.Contains(end.Error(), tt.endSubstr):
				t.Errorf("ended with %q, want it to mention %q", end, tt.endSubstr)
			}
			if end != nil {
				// The end is sticky.
				if _, err := src.Next(context.Background()); err != end {
					t.Errorf("after the end Next returned %v, want %v", err, end)
				}
			}
		})
	}
}

func TestWARCPayload(t *testing.T) {
	body := page(7)
	chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(body), body)
	tests := []struct {
		name string
		rec  []byte
	}{
		{"identity", response("http://x/1", 200, "text/html", body)},
		{"chunked", response("http://x/1", 200, "text/html", chunked, "Transfer-Encoding: chunked")},
		{"chunked header, body stored de-chunked", response("http://x/1", 200, "text/html", body, "Transfer-Encoding: chunked")},
		{"gzip", response("http://x/1", 200, "text/html", string(gz([]byte(body))), "Content-Encoding: gzip")},
		{"gzip and chunked", response("http://x/1", 200, "text/html",
			func() string { z := gz([]byte(body)); return fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(z), z) }(),
			"Transfer-Encoding: chunked", "Content-Encoding: gzip")},
		{"gzip header, body stored decoded", response("http://x/1", 200, "text/html", body, "Content-Encoding: gzip")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, ies, end := drain(t, warcFromBytes(tt.rec, testOpts()), 10)
			if len(items) != 1 || len(ies) != 0 || end != nil {
				t.Fatalf("got %d items, errors %v, end %v", len(items), ies, end)
			}
			it := items[0]
			if string(it.Body) != body {
				t.Errorf("body %q, want %q", it.Body, body)
			}
			if it.Published != "" || it.Title != "" {
				t.Errorf("Published %q Title %q: a WARC states neither", it.Published, it.Title)
			}
			if it.ContentType != "text/html" {
				t.Errorf("ContentType %q", it.ContentType)
			}
		})
	}
	// An encoding we cannot undo is reported, and the source goes on.
	in := bytes.Join([][]byte{
		response("http://x/br", 200, "text/html", "\x0b\x02\x80", "Content-Encoding: br"),
		response("http://x/2", 200, "text/html", body),
	}, nil)
	items, ies, end := drain(t, warcFromBytes(in, testOpts()), 10)
	if len(items) != 1 || len(ies) != 1 || end != nil || ies[0].URL != "http://x/br" {
		t.Errorf("got items %q, errors %v, end %v", urls(items), ies, end)
	}
}

// TestOpenWARCFile reads .warc and .warc.gz files through Open.
func TestOpenWARCFile(t *testing.T) {
	dir := t.TempDir()
	recs := [][]byte{response("http://example.com/a", 200, "text/html", page(1)), response("http://example.com/b", 200, "text/html", page(2))}
	files := map[string][]byte{"x.warc": bytes.Join(recs, nil), "x.warc.gz": gzEach(recs...)}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		src, err := Open(context.Background(), path, testOpts())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		items, ies, end := drain(t, src, 10)
		src.Close()
		if len(items) != 2 || len(ies) != 0 || end != nil {
			t.Errorf("%s: items %q, errors %v, end %v", name, urls(items), ies, end)
		}
	}
}

// warcFromBytes makes a WARC source over data the way openReader layers
// it, without sniffing: the fuzz target feeds it anything.
func warcFromBytes(data []byte, opts Options) Source {
	st := &stream{r: bytes.NewReader(data)}
	if bytes.HasPrefix(data, gzipMagic) {
		if zr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			st.r, st.gz = zr, true
		}
	}
	return newWARCSource("test", bufio.NewReaderSize(st, warcBufSize), st, nil, opts)
}

func FuzzWARC(f *testing.F) {
	a := response("http://example.com/a", 200, "text/html", page(1))
	b := warcRec("resource", "file:///n.txt", "text/plain", []byte("notes"))
	f.Add(bytes.Join([][]byte{a, b}, nil))
	f.Add(gzEach(a, b))
	f.Add(a[:len(a)-9])
	f.Add([]byte("WARC/\n\n"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -1\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 9\r\n\r\nHTTP/1.1\n\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := testOpts()
		opts.MaxBytes = 1 << 20
		src := warcFromBytes(data, opts)
		defer src.Close()
		items, _, _ := drain(t, src, 2*len(data)+10)
		for _, it := range items {
			if int64(len(it.Body)) > opts.MaxBytes {
				t.Fatalf("body of %d bytes over the limit", len(it.Body))
			}
		}
	})
}

// warcGen streams an endless-looking WARC of n identical-size response
// records from memory, so that a large archive can be read without one on
// disk or in memory.
type warcGen struct {
	rec  []byte
	left int // records still to send
	off  int
}

func newWARCGen(total int64) *warcGen {
	body := strings.Repeat("<p>A paragraph of a story, long enough to be worth reading.</p>\n", 300)
	rec := response("http://example.com/story", 200, "text/html", "<html><body>"+body+"</body></html>")
	return &warcGen{rec: rec, left: int(total / int64(len(rec)))}
}

func (g *warcGen) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && g.left > 0 {
		c := copy(p[n:], g.rec[g.off:])
		n += c
		g.off += c
		if g.off == len(g.rec) {
			g.off = 0
			g.left--
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// TestWARCMemoryBounded streams a 200 MB archive from a generator and
// checks that memory does not grow with it: records are read one at a
// time, never the whole archive. Heap figures are taken above the
// baseline before reading (the test binary's packages hold some 30 MB of
// tables of their own). What stays in use after a collection must stay
// small; the heap at any moment, which also holds the garbage of the
// records read since the last collection, must stay under 64 MB.
func TestWARCMemoryBounded(t *testing.T) {
	const (
		total     = 200 << 20
		liveLimit = 16 << 20 // growth in use right after a collection
		peakLimit = 64 << 20 // growth in use at any sample
	)
	gen := newWARCGen(total)
	want := gen.left
	src, err := openReader("generated", "", gen, nil, testOpts(), true, false)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var live, peak uint64
	growth := func() uint64 { return max(ms.HeapInuse, base) - base }
	n := 0
	start := time.Now()
	for {
		it, err := src.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Body) == 0 {
			t.Fatal("empty body")
		}
		n++
		switch {
		case n%2000 == 0:
			runtime.GC()
			runtime.ReadMemStats(&ms)
			live = max(live, growth())
		case n%100 == 0:
			runtime.ReadMemStats(&ms)
			peak = max(peak, growth())
		}
	}
	elapsed := time.Since(start)
	if n != want {
		t.Errorf("read %d records, want %d", n, want)
	}
	if live > liveLimit {
		t.Errorf("HeapInuse after a collection grew by %d MB, limit %d MB", live>>20, liveLimit>>20)
	}
	if peak > peakLimit {
		t.Errorf("HeapInuse grew by %d MB, limit %d MB", peak>>20, peakLimit>>20)
	}
	t.Logf("%d records, %d MB in %v; HeapInuse %d MB at the start, growth at most %d MB after collections and %d MB at any sample",
		n, total>>20, elapsed.Round(time.Millisecond), base>>20, live>>20, peak>>20)
}

func BenchmarkWARC(b *testing.B) {
	for _, compressed := range []bool{false, true} {
		name := "plain"
		if compressed {
			name = "gzip"
		}
		b.Run(name, func(b *testing.B) {
			gen := newWARCGen(8 << 20)
			var recs [][]byte
			for range gen.left {
				recs = append(recs, gen.rec)
			}
			data := bytes.Join(recs, nil)
			size := len(data)
			if compressed {
				data = gzEach(recs...)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			for b.Loop() {
				src, err := openReader("bench", "", bytes.NewReader(data), nil, testOpts(), true, false)
				if err != nil {
					b.Fatal(err)
				}
				items, _, end := drain(b, src, len(recs)+1)
				if len(items) != len(recs) || end != nil {
					b.Fatalf("%d items, end %v", len(items), end)
				}
			}
		})
	}
}

// TestWARCParserPanic checks that a panic inside gowarc (it indexes past
// the start of a version line that is only "WARC/\n") becomes an error.
// The pre-scan refuses such a line before gowarc sees it; this is the
// safety net behind it.
func TestWARCParserPanic(t *testing.T) {
	src := warcFromBytes([]byte("WARC/\nContent-Length: 0\n\n"), testOpts()).(*warcSource)
	if _, err := src.unmarshal(); err == nil || !strings.Contains(err.Error(), "parser failed") {
		t.Errorf("error %v, want a recovered parser failure", err)
	}
}
