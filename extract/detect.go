package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// source is an input that passed the checks shared by every format.
type source struct {
	// data is the input without its byte order mark. When the input was
	// UTF-16 it has already been decoded to UTF-8; otherwise it is in an
	// ASCII-compatible character set still to be decoded.
	data []byte
	// utf16 records that data was decoded from UTF-16.
	utf16 bool
}

// prepare strips a byte order mark, decodes UTF-16 and refuses empty and
// binary inputs.
func prepare(input []byte) (*source, error) {
	if len(bytes.TrimSpace(input)) == 0 {
		return nil, ErrEmpty
	}
	data, enc := stripBOM(input)
	if enc == nil {
		enc = sniffUTF16(data)
	}
	src := &source{data: data}
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode UTF-16: %w: %w", ErrInvalidText, err)
		}
		src.data, src.utf16 = out, true
	}
	if looksBinary(src.data) {
		return nil, ErrBinary
	}
	if len(bytes.TrimSpace(src.data)) == 0 {
		return nil, ErrEmpty
	}
	return src, nil
}

// stripBOM removes a byte order mark. It returns the encoding the mark
// names when that is UTF-16, nil for UTF-8 or no mark.
func stripBOM(b []byte) ([]byte, encoding.Encoding) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return b[2:], unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return b[2:], unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return b, nil
}

// sniffUTF16 recognises UTF-16 without a byte order mark by its pattern of
// zero bytes: mostly-ASCII text (as markup and Latin-script text are) has a
// zero in every other byte. Without this such files would be refused as
// binary for their NUL bytes.
func sniffUTF16(b []byte) encoding.Encoding {
	n := min(len(b), 1024) &^ 1
	if n < 8 {
		return nil
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*9 && even*10 < pairs:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case even*10 >= pairs*9 && odd*10 < pairs:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return nil
}

// binaryMagic are the opening bytes of common non-text formats that a
// caller might hand over by mistake.
var binaryMagic = [][]byte{
	[]byte("%PDF-"),
	[]byte("\x89PNG"),
	[]byte("GIF87a"),
	[]byte("GIF89a"),
	[]byte("\xFF\xD8\xFF"),     // JPEG
	[]byte("PK\x03\x04"),       // zip, docx, epub
	[]byte("\x1F\x8B"),         // gzip
	[]byte("BZh"),              // bzip2
	[]byte("\xFD7zXZ\x00"),     // xz
	[]byte("\x28\xB5\x2F\xFD"), // zstd
	[]byte("\x7FELF"),
	[]byte("OggS"),
	[]byte("\x1A\x45\xDF\xA3"), // Matroska, WebM
	[]byte("RIFF"),
	[]byte("wOFF"),
	[]byte("wOF2"),
}

// looksBinary reports whether b is not text: it starts with a known binary
// signature, or its opening 64 KB hold more than a trace of NUL bytes
// (0.1%) or more than 5% control characters other than white space. Real
// pages do carry the odd stray NUL or control character, and stay far under
// those rates; random binary data has about 11% control bytes.
func looksBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
	sample := b[:min(len(b), 64<<10)]
	nul, ctrl := 0, 0
	for _, c := range sample {
		switch {
		case c == 0:
			nul++
			ctrl++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B:
			ctrl++
		}
	}
	return nul*1000 > len(sample) || ctrl*20 > len(sample)
}

// htmlStart matches the opening of a page or fragment: a doctype, a
// comment, an XML declaration or one of the tags a page starts with.
var htmlStart = regexp.MustCompile(`^(?i)<(!doctype\s+html|!--|\?xml|html|head|body|meta|title|link|script|style|base|p|div|article|section|main|header|nav|span|a|br|h[1-6]|table|ul|ol|figure|form|iframe|noscript)[\s>/]`)

// htmlTag matches a tag that only a page has. It catches pages that carry
// junk (a stray byte, a server banner) before their markup.
var htmlTag = regexp.MustCompile(`(?i)<(!doctype\s+html|html[\s>]|head>|body[\s>])`)

func (s *source) isHTML() bool {
	head := bytes.TrimLeft(s.data[:min(len(s.data), 4096)], " \t\r\n\f")
	return htmlStart.Match(head) || htmlTag.Match(head)
}

// metaCharset matches a declared character set: <meta charset=x>, the
// http-equiv content type, or an XML declaration's encoding.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.\-]+)`)

// declaredCharset returns the character set a page declares in its head,
// or "". The HTML standard limits the prescan to 1024 bytes, but many real
// pages declare it later in a long head, so the head is searched whole,
// up to 64 KB.
func declaredCharset(b []byte) string {
	head := b[:min(len(b), 64<<10)]
	if i := bytes.Index(bytes.ToLower(head), []byte("</head")); i >= 0 {
		head = head[:i]
	}
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return ""
	}
	if len(m[1]) > 0 {
		return strings.ToLower(string(m[1]))
	}
	return strings.ToLower(string(m[2]))
}

// decodeHTML returns the page as UTF-8. Valid UTF-8 is taken as such even
// when the page declares another character set: pages often keep an old
// declaration after moving to UTF-8, and multi-byte UTF-8 sequences almost
// never occur by chance in text of another encoding.
func (s *source) decodeHTML() (string, error) {
	if s.utf16 || utf8.Valid(s.data) {
		return string(s.data), nil
	}
	if name := declaredCharset(s.data); name != "" {
		if enc, canon := charset.Lookup(name); enc != nil && canon != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(s.data); err == nil {
				return string(out), nil
			}
		}
	}
	out, _, err := decodeUnknown(s.data, chardet.NewHtmlDetector())
	return out, err
}

// decodeText returns plain text as UTF-8, or ErrInvalidText when it is in
// no character set that can be recognised.
func (s *source) decodeText() (string, error) {
	if s.utf16 || utf8.Valid(s.data) {
		return string(s.data), nil
	}
	// A text file that holds valid multi-byte UTF-8 sequences is UTF-8:
	// legacy encodings almost never form them by chance. Broken bytes
	// beside them mean a corrupted file, which we refuse rather than read
	// in a wrong character set or with holes in it.
	if valid, _ := utf8Counts(s.data); valid > 0 {
		return "", fmt.Errorf("%w (UTF-8 text with broken bytes, the first at byte %d)", ErrInvalidText, firstInvalid(s.data))
	}
	out, guessed, err := decodeUnknown(s.data, chardet.NewTextDetector())
	if err != nil {
		return "", err
	}
	if guessed && !plausibleText(s.data, out) {
		return "", ErrInvalidText
	}
	return out, nil
}

// decodeUnknown decodes b, which is not valid UTF-8, when no declaration
// says what it is. Mostly-UTF-8 input with a few broken sequences (a
// truncated download, one pasted byte) stays UTF-8 with the broken bytes
// replaced; otherwise a confident detection wins, and windows-1252, the
// commonest legacy encoding of the web, is the last resort. guessed
// reports that last resort.
func decodeUnknown(b []byte, det *chardet.Detector) (out string, guessed bool, err error) {
	valid, invalid := utf8Counts(b)
	if valid > invalid {
		return strings.ToValidUTF8(string(b), "\uFFFD"), false, nil
	}
	if r, derr := det.DetectBest(b); derr == nil && r.Confidence >= 50 {
		if enc, canon := charset.Lookup(r.Charset); enc != nil && canon != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				return string(out), false, nil
			}
		}
	}
	out8, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", false, fmt.Errorf("decode charset windows-1252: %w: %w", ErrInvalidText, err)
	}
	return string(out8), true, nil
}

// firstInvalid returns the offset of the first byte of b that is not part
// of a valid UTF-8 sequence, or -1.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Counts counts the valid multi-byte UTF-8 sequences in b and the
// bytes that are not part of any valid sequence.
func utf8Counts(b []byte) (valid, invalid int) {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[size:]
	}
	return valid, invalid
}

// plausibleText reports whether raw, decoded by the last-resort guess into
// out, reads as text. Text in a Latin-script legacy encoding is mostly
// ASCII, with a byte above 0x7F now and then; when such bytes make up more
// than a third of the visible bytes, or more than 2% of them decode to
// unassigned characters, the guess is wrong and the input is no text we
// know.
func plausibleText(raw []byte, out string) bool {
	high, ascii := 0, 0
	for _, c := range raw {
		switch {
		case c >= 0x80:
			high++
		case c > ' ':
			ascii++
		}
	}
	if high*2 > ascii {
		return false
	}
	bad := 0
	for _, r := range out {
		if r == utf8.RuneError || (r >= 0x80 && r < 0xA0) {
			bad++
		}
	}
	return bad*50 <= high+1
}
