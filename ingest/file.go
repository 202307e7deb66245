package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	warcMagic = []byte("WARC/")
)

// sniffLen is how much of a document sniffing looks at: enough for an XML
// declaration, comments and a doctype before the root element.
const sniffLen = 4096

// docKind is what a document is, by its bytes.
type docKind int

const (
	kindPage docKind = iota
	kindWARC
	kindFeed
	kindSitemap
)

// sniffDoc tells a WARC archive, a feed or a sitemap from a page by the
// document's first bytes (after decompression).
func sniffDoc(b []byte) docKind {
	head := b
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	t := bytes.TrimLeft(head, "\ufeff \t\r\n")
	switch {
	case bytes.HasPrefix(t, warcMagic):
		return kindWARC
	case bytes.HasPrefix(t, []byte("{")):
		// Any JSON object is not a feed: JSON Feed names its version URL.
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return kindFeed
		}
	case bytes.HasPrefix(t, []byte("<")):
		switch strings.ToLower(xmlRoot(t)) {
		case "rss", "rdf", "feed":
			return kindFeed
		case "urlset", "sitemapindex":
			return kindSitemap
		}
	}
	return kindPage
}

// xmlRoot returns the local name of the first element of an XML (or HTML)
// prefix, or "".
func xmlRoot(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	// Only the element name matters, which is ASCII in any encoding that
	// an XML declaration can name; decoding is left to the real parsers.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 256 {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

// readCapped reads r to the end, refusing more than limit bytes.
func readCapped(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return b, nil
}

// gunzipIfGzip decompresses b when it is gzip, refusing more than limit
// bytes of output (a small gzip can expand enormously).
func gunzipIfGzip(b []byte, limit int64) ([]byte, error) {
	if !bytes.HasPrefix(b, gzipMagic) {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	out, err := readCapped(zr, limit)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	return out, nil
}

// fileURL returns the file:// URL of a path.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// errSitemapInFolder explains why a sitemap met in a folder walk is not
// expanded.
var errSitemapInFolder = errors.New("sitemap found in a folder is not fetched (open it directly to fetch the pages it lists)")

// openPath opens a file or a folder.
func openPath(path string, opts Options) (Source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if st.IsDir() {
		return &dirSource{opts: opts, stack: nil, root: path}, nil
	}
	return openFile(path, opts, true)
}

// openFile opens one file. explicit is false in folder walks, where a
// file must not cause network access.
func openFile(path string, opts Options, explicit bool) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	lower := strings.ToLower(path)
	wantFeed := strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rss") ||
		strings.HasSuffix(lower, ".atom") || strings.HasSuffix(lower, ".xml.gz")
	src, err := openReader(path, fileURL(path), f, f, opts, explicit, wantFeed)
	if err != nil {
		f.Close()
		return nil, err
	}
	return src, nil
}

// openReader sniffs r and returns the source its content calls for. name
// is for error messages, u is the item URL for a page ("" for stdin).
// WARC archives are streamed from r; anything else is read whole (up to
// opts.MaxBytes). c, when not nil, is closed with the source.
func openReader(name, u string, r io.Reader, c io.Closer, opts Options, explicit, wantFeed bool) (Source, error) {
	raw := bufio.NewReaderSize(r, 64<<10)
	head, err := raw.Peek(len(gzipMagic))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	st := &stream{r: raw}
	if bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, fmt.Errorf("read %s: gzip: %w", name, err)
		}
		st.r, st.gz = zr, true
	}
	br := bufio.NewReaderSize(st, warcBufSize)
	head, err = br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if sniffDoc(head) == kindWARC {
		return newWARCSource(name, br, st, c, opts), nil
	}

	body, err := readCapped(br, opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if c != nil {
		// Everything is in memory now; the file is not needed any more.
		c.Close()
	}
	switch sniffDoc(body) {
	case kindFeed:
		return newFeedSource(name, u, body, nil, opts)
	case kindSitemap:
		if !explicit {
			return nil, fmt.Errorf("read %s: %w", name, errSitemapInFolder)
		}
		return newSitemapSource(name, u, body, newFetcher(opts))
	}
	if wantFeed {
		return nil, fmt.Errorf("read %s: %w", name, ErrNotFeed)
	}
	if len(body) == 0 {
		return nil, fmt.Errorf("read %s: empty", name)
	}
	return &one{item: &Item{URL: u, Body: body, ContentType: sniffMediaType(body)}}, nil
}

// stream sits under a WARC source's buffer: it counts the bytes read, so
// that records can be located by offset, and keeps the first read error
// other than io.EOF (a truncated or corrupt gzip stream, a failing disk),
// which ends the source.
type stream struct {
	r   io.Reader
	gz  bool // r decompresses, so its errors are about the compression
	n   int64
	err error
}

func (s *stream) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// walkExts are the file names a folder walk reads.
var walkExts = []string{".html", ".htm", ".xhtml", ".txt", ".warc", ".warc.gz", ".xml", ".rss", ".atom"}

func wanted(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range walkExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// dirSource walks a folder lazily, one directory listing at a time, so
// that a folder of a million files does not need a million names in
// memory before the first item.
type dirSource struct {
	opts  Options
	root  string
	stack []*dirFrame
	cur   Source // the source of the file being read
	curF  string // its path
	done  bool   // the root has been listed
	err   error  // what ended the walk
}

type dirFrame struct {
	path    string
	entries []os.DirEntry
	i       int
}

func (s *dirSource) Next(ctx context.Context) (*Item, error) {
	for s.err == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.cur != nil {
			it, err := s.cur.Next(ctx)
			var ie *ItemError
			switch {
			case err == nil, errors.As(err, &ie), ctx.Err() != nil:
				return it, err
			case errors.Is(err, io.EOF):
				s.closeCur()
				continue
			default:
				// The file's source ended with an error (a truncated
				// archive): that is one file's failure, the walk goes on.
				path := s.curF
				s.closeCur()
				return nil, &ItemError{URL: fileURL(path), Err: err}
			}
		}
		path, err := s.nextFile()
		if errors.As(err, new(*ItemError)) {
			return nil, err
		}
		if err != nil {
			s.err = err
			break
		}
		if path == "" {
			s.err = io.EOF
			break
		}
		src, err := openFile(path, s.opts, false)
		if err != nil {
			return nil, &ItemError{URL: fileURL(path), Err: err}
		}
		s.cur, s.curF = src, path
	}
	return nil, s.err
}

// nextFile returns the next file to read, "" at the end. A directory that
// cannot be listed is an *ItemError.
func (s *dirSource) nextFile() (string, error) {
	if !s.done && s.stack == nil {
		s.done = true
		if err := s.push(s.root); err != nil {
			return "", fmt.Errorf("walk %s: %w", s.root, err)
		}
	}
	for len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		if top.i >= len(top.entries) {
			s.stack = s.stack[:len(s.stack)-1]
			continue
		}
		e := top.entries[top.i]
		top.i++
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(top.path, e.Name())
		switch {
		case e.IsDir():
			if err := s.push(path); err != nil {
				return "", &ItemError{URL: fileURL(path), Err: fmt.Errorf("walk: %w", err)}
			}
		case e.Type().IsRegular() && wanted(e.Name()):
			return path, nil
		case e.Type()&os.ModeSymlink != 0 && wanted(e.Name()):
			// Linked files are read; linked folders are not followed,
			// which keeps the walk free of cycles.
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				return path, nil
			}
		}
	}
	return "", nil
}

func (s *dirSource) push(path string) error {
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	s.stack = append(s.stack, &dirFrame{path: path, entries: entries})
	return nil
}

func (s *dirSource) closeCur() {
	if s.cur != nil {
		s.cur.Close()
		s.cur, s.curF = nil, ""
	}
}

func (s *dirSource) Close() error {
	s.closeCur()
	s.stack = nil
	if s.err == nil {
		s.err = errors.New("source closed")
	}
	return nil
}
