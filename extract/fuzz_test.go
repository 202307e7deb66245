package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"newsgraph/document"
)

// checkRead runs Read and checks what must hold for any input: no panic,
// either a document or one of the package's errors, and valid UTF-8 in
// every text field.
func checkRead(t *testing.T, input []byte, opts Options) *document.Document {
	t.Helper()
	doc, err := Read(input, opts)
	if err != nil {
		if doc != nil {
			t.Fatalf("Read() returned a document and error %v", err)
		}
		for _, e := range []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrNoArticle, ErrInvalidText} {
			if errors.Is(err, e) {
				return nil
			}
		}
		t.Fatalf("Read() error %v wraps none of the package's errors", err)
	}
	if doc == nil {
		t.Fatal("Read() returned neither document nor error")
	}
	fields := append([]string{doc.Title, doc.Text, doc.URL, doc.Site, doc.Published, doc.Language, doc.ID}, doc.Authors...)
	for _, s := range append(fields, doc.Furniture...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in document: %q", s)
		}
	}
	if doc.Text == "" || strings.TrimSpace(doc.Text) == "" && !opts.Plain {
		t.Fatalf("document without text")
	}
	return doc
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("Headline here\n\nBody sentence one.\n\nAdvertisement\n\nSearch"), false)
	f.Add([]byte("By Jane Roe | March 20, 2024\nA line.\nShare\n"), false)
	f.Add([]byte("Caf\xe9 \x93quoted\x94 text."), true)
	f.Add([]byte("\xEF\xBB\xBFplain “text” with a BOM"), true)
	f.Add([]byte("\xFF\xFEh\x00i\x00"), false)
	f.Add([]byte("line one\r\nline two\rline three"), true)
	f.Add([]byte("发现社会。\n\n能过关。"), false)
	f.Add([]byte("\x000\x000\x000\x000"), true)
	f.Fuzz(func(t *testing.T, input []byte, plain bool) {
		doc := checkRead(t, input, Options{Plain: plain})
		if doc == nil || !plain {
			return
		}
		// Plain mode: offsets into the text are offsets into the input.
		// Valid UTF-8 with NUL bytes is UTF-16 without a byte order mark
		// and is decoded as such.
		if utf8.Valid(input) && !bytes.Contains(input, []byte{0}) && doc.Text != string(input) {
			t.Fatalf("plain text %q differs from valid UTF-8 input %q", doc.Text, input)
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html><head><title>T | Site</title><meta name="author" content="By A and B"></head><body><article><h1>T</h1><p>Body text, with <a href="#">a link</a>.</p><p>Share this</p></article></body></html>`))
	f.Add([]byte(`<html><head><meta charset="windows-1252"></head><body><p>Caf` + "\xe9" + `</p><br><br><p>x</p></body></html>`))
	f.Add([]byte(`<p>fragment<table><tr><td>a<td>b</table>`))
	f.Add([]byte(`<html><body><script>var x = "<p>";</script><p>` + strings.Repeat("word ", 80) + `</p></body></html>`))
	f.Add([]byte("<html>\x00<body>\xff\xfe</body>"))
	f.Fuzz(func(t *testing.T, input []byte) {
		checkRead(t, input, Options{URL: "https://example.com/story"})
	})
}
