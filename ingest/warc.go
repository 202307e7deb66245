package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/nlnwa/gowarc/v2"
)

const (
	// warcBufSize is the read buffer of a WARC source; it must hold a
	// whole header window.
	warcBufSize = 256 << 10
	// warcHeadWindow is the most bytes of header (the WARC header, then
	// the HTTP header of a response) a record may have. Real headers are
	// a few hundred bytes; the limit keeps a corrupt record from making
	// the parser buffer a line without end.
	warcHeadWindow = 64 << 10
)

// warcSource streams the HTML and text records of a WARC archive (WARC
// 1.0 or 1.1, plain or gzip, one gzip member per record or the whole
// file in one): response records with a 2xx HTTP status, their payload
// with the HTTP header stripped and transfer and content encodings
// undone, and resource records. Every other record is skipped unread.
//
// Records are parsed by gowarc. Before each record a pre-scan reads its
// header from the buffer and checks the framing that the library trusts:
// a header of bounded size and a sane Content-Length, and, after the
// record, that the next record (or the end) starts where Content-Length
// says. A record that fails is reported as an *ItemError and the source
// resynchronises at the next line starting with "WARC/". Input that ends
// inside a record, or a gzip stream that breaks, ends the source with an
// error once every complete record before it has been yielded.
//
// Memory is bounded whatever the archive's size: the buffer, one header
// window and one record (gowarc keeps a record's block in memory up to
// 1 MiB and in a temporary file beyond).
type warcSource struct {
	name string
	br   *bufio.Reader
	st   *stream // under br
	c    io.Closer
	u    gowarc.Unmarshaler
	max  int64

	err     error // what ended the source; returned by every later Next
	skipped int64 // bytes skipped since the last record, not a record
	skipAt  int64 // where the skipping began
	resync  bool  // skipping the rest of a record already reported
}

func newWARCSource(name string, br *bufio.Reader, st *stream, c io.Closer, opts Options) *warcSource {
	return &warcSource{
		name: name,
		br:   br,
		st:   st,
		c:    c,
		max:  opts.MaxBytes,
		u: gowarc.NewUnmarshaler(
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
			// ErrWarn, not ErrIgnore: with ErrIgnore gowarc discards a
			// block unread before returning the record.
			gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
			gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
			gowarc.WithFixContentLength(false),
			gowarc.WithFixDigest(false),
			gowarc.WithAddMissingDigest(false),
			gowarc.WithAddMissingRecordId(false),
			gowarc.WithAddMissingContentLength(false),
		),
	}
}

func (s *warcSource) Next(ctx context.Context) (*Item, error) {
	for s.err == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it, err := s.next()
		switch {
		case it != nil:
			return it, nil
		case err == nil:
			continue // a record skipped
		case errors.As(err, new(*ItemError)):
			return nil, err
		default:
			s.err = err
		}
	}
	return nil, s.err
}

func (s *warcSource) Close() error {
	if s.err == nil {
		s.err = errors.New("source closed")
	}
	if s.c != nil {
		return s.c.Close()
	}
	return nil
}

// offset is the position of the next unread byte in the (uncompressed)
// stream.
func (s *warcSource) offset() int64 { return s.st.n - int64(s.br.Buffered()) }

// recordHead is what the pre-scan reads of a record's header.
type recordHead struct {
	start  int64  // offset of "WARC/"
	hdrLen int    // bytes of WARC header, blank line included
	length int64  // Content-Length
	typ    string // WARC-Type, lower case
	ctype  string // Content-Type of the block
	target string // WARC-Target-URI
}

// next reads one record. It returns an item, or an error, or neither when
// the record was skipped.
func (s *warcSource) next() (*Item, error) {
	// Blank lines between records (the end-of-record marker, and extra
	// ones some writers leave) are not garbage.
	for {
		b, err := s.br.Peek(1)
		if len(b) == 0 {
			if errors.Is(err, io.EOF) && s.st.err == nil {
				if err := s.reportSkipped(); err != nil {
					return nil, err
				}
				return nil, io.EOF
			}
			return nil, s.fail(s.offset(), "record")
		}
		if b[0] != '\r' && b[0] != '\n' {
			break
		}
		s.br.Discard(1)
	}

	off := s.offset()
	win, _ := s.br.Peek(warcHeadWindow)
	full := len(win) == warcHeadWindow
	if !bytes.HasPrefix(win, warcMagic) {
		// Not a record: skip to the next line that starts one.
		if s.skipped == 0 {
			s.skipAt = off
		}
		n := len(win)
		if i := bytes.Index(win, []byte("\nWARC/")); i >= 0 {
			n = i + 1
		} else if full {
			n = len(win) - len(warcMagic)
		}
		s.br.Discard(n)
		s.skipped += int64(n)
		return nil, nil
	}
	if err := s.reportSkipped(); err != nil {
		return nil, err
	}

	h, err := parseRecordHead(win, full)
	if err != nil {
		if errors.Is(err, ErrTruncated) {
			return nil, s.fail(off, "record header")
		}
		return nil, s.corrupt(off, "", err)
	}
	h.start = off
	return s.record(h, win[h.hdrLen:])
}

// record decides on one record whose header has been pre-scanned; rest
// is what the window holds of its block.
func (s *warcSource) record(h *recordHead, rest []byte) (*Item, error) {
	inWindow := int64(len(rest)) >= h.length
	if int64(len(rest)) > h.length {
		rest = rest[:h.length]
	}
	payloadType := h.ctype
	switch {
	case h.typ == "response" && strings.HasPrefix(h.ctype, "application/http"):
		st, ctype, ok := parseHTTPHead(rest)
		if !ok {
			if !inWindow {
				return nil, s.skipRecord(h, fmt.Errorf("HTTP header missing or longer than %d KiB", warcHeadWindow>>10))
			}
			payloadType = "" // let gowarc make what it can of it
			break
		}
		if st < 200 || st > 299 {
			return nil, s.skipRecord(h, nil)
		}
		payloadType = ctype
	case h.typ == "response", h.typ == "resource":
	default:
		return nil, s.skipRecord(h, nil)
	}
	if payloadType != "" && !pageTypes[mediaType(payloadType)] {
		return nil, s.skipRecord(h, nil)
	}
	if h.length > s.max+warcHeadWindow {
		return nil, s.skipRecord(h, fmt.Errorf("%w: record of %d bytes", ErrTooLarge, h.length))
	}

	rec, err := s.unmarshal()
	if rec != nil {
		defer rec.Close()
	}
	// Whatever the parser made of the record, the next one starts where
	// the pre-scanned Content-Length says.
	end := h.start + int64(h.hdrLen) + h.length
	if cur := s.offset(); cur < end {
		if d, _ := discardN(s.br, end-cur); d < end-cur {
			return nil, s.fail(h.start, "record")
		}
		if err == nil {
			err = errors.New("parser stopped before the end of the block")
		}
	}
	if err != nil {
		if s.st.err != nil {
			return nil, s.fail(h.start, "record")
		}
		return nil, s.corrupt(h.start, h.target, err)
	}
	if !s.framed() && !digestOK(rec) {
		// Either Content-Length is wrong, and so is the block, or junk
		// follows a good record. Only a matching block digest tells the
		// second from the first; without one the record is suspect. (Junk
		// after a good record is reported by the next call.)
		return nil, s.corrupt(h.start, h.target,
			fmt.Errorf("Content-Length %d does not end at a record boundary", h.length))
	}
	it, err := s.payload(rec, h)
	if err != nil {
		return nil, &ItemError{URL: h.target, Err: fmt.Errorf("read warc %s: record at offset %d: %w", s.name, h.start, err)}
	}
	return it, nil
}

// unmarshal parses the record at the reader's position. A panic in the
// parser becomes an error: archives come from anywhere, and one bad record
// must not take the process down.
func (s *warcSource) unmarshal() (rec gowarc.WarcRecord, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, fmt.Errorf("WARC parser failed: %v", r)
		}
	}()
	rec, _, _, err = s.u.Unmarshal(s.br)
	return rec, err
}

// payload turns a parsed record into an item, or nil for a record that
// turns out not to be an HTML or text page.
func (s *warcSource) payload(rec gowarc.WarcRecord, h *recordHead) (*Item, error) {
	var (
		body []byte
		ct   string
	)
	switch b := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if b.HttpHeader() == nil {
			return nil, errors.New("HTTP response header does not parse")
		}
		if c := b.HttpStatusCode(); c < 200 || c > 299 {
			return nil, nil
		}
		ct = b.HttpHeader().Get("Content-Type")
		r, err := b.PayloadBytes()
		if err != nil {
			return nil, err
		}
		if body, err = readSized(r, b.Size(), s.max); err != nil {
			return nil, err
		}
		// net/http moves Transfer-Encoding out of the parsed header, so
		// it is read from the raw one.
		te := headerValue(b.ProtocolHeaderBytes(), "Transfer-Encoding")
		if body, err = decodeHTTPBody(body, te, b.HttpHeader().Get("Content-Encoding"), s.max); err != nil {
			return nil, err
		}
	default:
		ct = h.ctype
		r, err := rec.Block().RawBytes()
		if err != nil {
			return nil, err
		}
		if body, err = readSized(r, rec.Block().Size(), s.max); err != nil {
			return nil, err
		}
	}
	mt := mediaType(ct)
	if mt == "" {
		mt = sniffMediaType(body)
		ct = mt
	}
	if !pageTypes[mt] {
		return nil, nil
	}
	return &Item{URL: h.target, Body: body, ContentType: ct}, nil
}

// readSized is readCapped for a reader whose size is known to be at most
// size: it allocates once instead of growing, which halves what a WARC
// source allocates.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	if size < 0 || size > limit {
		return readCapped(r, limit)
	}
	// One byte more than size, so that the final read sees io.EOF
	// without growing the buffer.
	buf := make([]byte, size+1)
	n, err := io.ReadFull(r, buf)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return buf[:n], nil
	case err != nil:
		return nil, err
	}
	// More than size after all: fall back to reading the rest.
	rest, err := readCapped(r, limit-int64(n))
	if err != nil {
		return nil, err
	}
	return append(buf[:n], rest...), nil
}

// skipRecord moves past a record without parsing it; why, when not nil,
// is reported.
func (s *warcSource) skipRecord(h *recordHead, why error) error {
	n := int64(h.hdrLen) + h.length
	if d, _ := discardN(s.br, n); d < n {
		return s.fail(h.start, "record")
	}
	if why != nil {
		return &ItemError{URL: h.target, Err: fmt.Errorf("read warc %s: record at offset %d: %w", s.name, h.start, why)}
	}
	return nil
}

// digestOK reports whether the record has a WARC-Block-Digest and the
// block matches it.
func digestOK(rec gowarc.WarcRecord) bool {
	_, want, ok := strings.Cut(rec.WarcHeader().Get(gowarc.WarcBlockDigest), ":")
	if !ok || want == "" {
		return false
	}
	_, got, _ := strings.Cut(rec.Block().BlockDigest(), ":")
	return strings.EqualFold(strings.TrimSpace(want), got)
}

// discardN skips n bytes of br, which may be more than an int holds.
func discardN(br *bufio.Reader, n int64) (int64, error) {
	var done int64
	for done < n {
		d, err := br.Discard(int(min(n-done, 1<<30)))
		done += int64(d)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// framed reports whether the reader stands where a record boundary
// should be: at the end, or (after blank lines) at "WARC/".
func (s *warcSource) framed() bool {
	p, _ := s.br.Peek(512)
	t := bytes.TrimLeft(p, "\r\n")
	if len(t) >= len(warcMagic) {
		return bytes.HasPrefix(t, warcMagic)
	}
	// Too little left to tell: the end, or the start of a truncated
	// record, which the next call reports.
	return bytes.HasPrefix(warcMagic, t)
}

// corrupt reports a record that cannot be read and starts resynchronising
// at the next record.
func (s *warcSource) corrupt(off int64, target string, err error) error {
	if s.offset() == off {
		// Move past this "WARC/" so the scan finds the next one.
		s.br.Discard(1)
	}
	s.resync = true
	return &ItemError{URL: target, Err: fmt.Errorf("read warc %s: corrupt record at offset %d: %w", s.name, off, err)}
}

// reportSkipped reports bytes skipped between records, unless they are
// the remains of a corrupt record already reported.
func (s *warcSource) reportSkipped() error {
	n, at, resync := s.skipped, s.skipAt, s.resync
	s.skipped, s.resync = 0, false
	if n == 0 || resync {
		return nil
	}
	return &ItemError{Err: fmt.Errorf("read warc %s: skipped %d bytes at offset %d that are not a WARC record", s.name, n, at)}
}

// fail is the error that ends the source when the input stops inside
// something (what) that starts at off.
func (s *warcSource) fail(off int64, what string) error {
	switch err := s.st.err; {
	case err == nil:
		return fmt.Errorf("read warc %s: %s at offset %d: %w", s.name, what, off, ErrTruncated)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("read warc %s: %s at offset %d: %w (compressed stream ends early)", s.name, what, off, ErrTruncated)
	case s.st.gz:
		return fmt.Errorf("read warc %s: %s at offset %d: gzip: %w", s.name, what, off, err)
	default:
		return fmt.Errorf("read warc %s: %s at offset %d: %w", s.name, what, off, err)
	}
}

// parseRecordHead reads a WARC record header from the start of win. full
// says whether win is a whole window (else the input ends within it).
func parseRecordHead(win []byte, full bool) (*recordHead, error) {
	end := headerEnd(win)
	if end < 0 {
		if !full {
			return nil, ErrTruncated
		}
		return nil, fmt.Errorf("header longer than %d KiB or without an end", warcHeadWindow>>10)
	}
	lines := strings.Split(string(win[:end]), "\n")
	if v := strings.TrimSpace(lines[0]); len(v) <= len(warcMagic) || strings.ContainsAny(v, " \t") {
		return nil, fmt.Errorf("bad version line %q", v)
	}
	h := &recordHead{hdrLen: end, length: -1}
	for _, l := range lines[1:] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			continue // blank, continuation or junk: gowarc judges it
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "content-length":
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			h.length = n
		case "warc-type":
			h.typ = strings.ToLower(value)
		case "content-type":
			h.ctype = strings.ToLower(value)
		case "warc-target-uri":
			// WARC/1.0 examples put the URI in angle brackets.
			h.target = strings.TrimSuffix(strings.TrimPrefix(value, "<"), ">")
		}
	}
	if h.length < 0 {
		return nil, errors.New("no Content-Length")
	}
	return h, nil
}

// headerEnd returns the length of the header at the start of b up to and
// including the blank line that ends it, or -1.
// A line of nothing but white space ends a header, as it does for gowarc,
// so that both agree on where the block starts.
func headerEnd(b []byte) int {
	pos := 0
	for first := true; ; first = false {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			return -1
		}
		line := b[pos : pos+i]
		pos += i + 1
		if !first && len(bytes.Trim(line, " \t\r")) == 0 {
			return pos
		}
	}
}

// parseHTTPHead reads the status and Content-Type of an HTTP response
// header at the start of b; ok is false when b does not hold a whole one.
func parseHTTPHead(b []byte) (status int, ctype string, ok bool) {
	end := headerEnd(b)
	if end < 0 || !bytes.HasPrefix(b, []byte("HTTP/")) {
		return 0, "", false
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 2 {
		return 0, "", false
	}
	status, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, "", false
	}
	return status, headerValue(b[:end], "Content-Type"), true
}

// headerValue returns the value of the first field called name in a raw
// MIME-style header, or "".
func headerValue(hdr []byte, name string) string {
	for _, l := range strings.Split(string(hdr), "\n") {
		n, v, ok := strings.Cut(l, ":")
		if ok && strings.EqualFold(strings.TrimSpace(n), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// mediaType is the lower-case media type of a Content-Type value, or "".
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}

// decodeHTTPBody undoes the transfer and content encodings of an archived
// HTTP payload, refusing output larger than limit.
func decodeHTTPBody(body []byte, te, ce string, limit int64) ([]byte, error) {
	if strings.Contains(strings.ToLower(te), "chunked") {
		d, err := readCapped(httputil.NewChunkedReader(bytes.NewReader(body)), limit)
		switch {
		case err == nil:
			body = d
		case errors.Is(err, ErrTooLarge):
			return nil, err
		}
		// Otherwise the archive holds the body already de-chunked under
		// the original header, as some crawlers write it: keep it.
	}
	var r io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(ce)); enc {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		if !bytes.HasPrefix(body, gzipMagic) {
			return body, nil // stored decoded under the original header
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding %s: %w", enc, err)
		}
		r = zr
	case "deflate":
		// "deflate" is meant to be zlib but is often raw DEFLATE.
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(body))
		}
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(body), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)+1<<20))
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding %s: %w", enc, err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	out, err := readCapped(r, limit)
	if err != nil {
		return nil, fmt.Errorf("Content-Encoding %s: %w", ce, err)
	}
	return out, nil
}
