package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		opts  Options
		want  error
	}{
		{"nil", nil, Options{}, ErrEmpty},
		{"white space", []byte(" \n\t\r\n  "), Options{}, ErrEmpty},
		{"byte order mark only", []byte("\xEF\xBB\xBF\n"), Options{}, ErrEmpty},
		{"plain white space", []byte("\n\n"), Options{Plain: true}, ErrEmpty},
		{"NUL bytes", []byte("abc\x00\x00\x00def"), Options{}, ErrBinary},
		{"PNG", []byte("\x89PNG\r\n\x1a\nsome bytes"), Options{}, ErrBinary},
		{"PDF", []byte("%PDF-1.7\n1 0 obj"), Options{}, ErrBinary},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), Options{}, ErrBinary},
		{"control characters", bytes.Repeat([]byte("a\x01\x02\x03"), 50), Options{}, ErrBinary},
		{"binary in plain mode", []byte("\x7FELF\x02\x01\x01"), Options{Plain: true}, ErrBinary},
		{"too large", make([]byte, MaxInputSize+1), Options{}, ErrTooLarge},
		{"undecodable text", bytes.Repeat([]byte("\xC3\xA9\xE9\xF1\xFC\xD6 "), 40), Options{}, ErrInvalidText},
		{"HTML without article", []byte("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"), Options{}, ErrNoArticle},
		{"HTML navigation only", []byte(`<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav></body></html>`), Options{}, ErrNoArticle},
		{"text with broken UTF-8", []byte("Zürich officials said the plan was sound.\n\nThe caf\xc3 closed early."), Options{}, ErrInvalidText},
		{"only furniture", []byte("Share\nFollow us on Twitter\nAdvertisement\n"), Options{}, ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.input, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read() error = %v, want %v", err, tt.want)
			}
			if doc != nil {
				t.Errorf("Read() returned a document with error %v", err)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{ErrEmpty, "empty input"},
		{ErrBinary, "not an HTML or text document"},
		{ErrTooLarge, "input larger than 50 MB"},
		{ErrNoArticle, "no article text found"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("error message %q, want %q", got, tt.want)
		}
	}
}

func TestReadPlain(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"as given", "  Title line\n\nBody “quoted”.\r\nAdvertisement\n", "  Title line\n\nBody “quoted”.\r\nAdvertisement\n"},
		{"byte order mark kept", "\xEF\xBB\xBFBody text.", "\xEF\xBB\xBFBody text."},
		{"windows-1252", "Caf\xe9 au lait, na\xefve r\xe9sum\xe9.", "Café au lait, naïve résumé."},
		{"UTF-16LE", "\xFF\xFEH\x00i\x00.\x00", "Hi."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read([]byte(tt.input), Options{Plain: true, URL: "https://example.com/a?utm_source=x", Published: "2024-03-20"})
			if err != nil {
				t.Fatalf("Read() error = %v", err)
			}
			if doc.Text != tt.want {
				t.Errorf("Text = %q, want %q", doc.Text, tt.want)
			}
			if doc.Title != "" || len(doc.Furniture) != 0 {
				t.Errorf("plain mode found title %q, furniture %q", doc.Title, doc.Furniture)
			}
			if doc.URL != "https://example.com/a" || doc.Site != "example.com" || doc.Published != "2024-03-20" {
				t.Errorf("URL, Site, Published = %q, %q, %q", doc.URL, doc.Site, doc.Published)
			}
		})
	}
}

func TestReadDetectsFormat(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Port reopens after storm</title></head><body><article>
<h1>Port reopens after storm</h1>` + strings.Repeat(`<p>The harbour authority said on Monday that ships could again enter the port after the storm passed, and that repairs to the main quay would take several weeks.</p>`, 3) + `</article></body></html>`
	text := "Port reopens after storm\n\nThe harbour authority said on Monday that ships could again enter the port.\n"
	for _, in := range []string{page, text, "\xEF\xBB\xBF" + page, "  \n" + page} {
		doc, err := Read([]byte(in), Options{})
		if err != nil {
			t.Fatalf("Read(%.30q) error = %v", in, err)
		}
		if doc.Title != "Port reopens after storm" {
			t.Errorf("Read(%.30q) Title = %q", in, doc.Title)
		}
		if strings.Contains(doc.Text, "<") || !strings.HasPrefix(doc.Text, "The harbour authority") {
			t.Errorf("Read(%.30q) Text = %.80q", in, doc.Text)
		}
		if doc.Schema == "" || doc.ID == "" || doc.Language != "en" {
			t.Errorf("Read(%.30q) Schema, ID, Language = %q, %q, %q", in, doc.Schema, doc.ID, doc.Language)
		}
	}
}

func TestReadStableID(t *testing.T) {
	in := []byte("Headline here\n\nBody sentence one.\n\nBody sentence two.\n")
	a, err := Read(in, Options{URL: "https://example.com/story?utm_campaign=x"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(in, Options{URL: "https://example.com/story?fbclid=y"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Read(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID {
		t.Errorf("tracking parameters changed the id: %s != %s", a.ID, b.ID)
	}
	if a.ID == c.ID || c.ID == "" {
		t.Errorf("id without URL %q should be the text's, not the URL's %q", c.ID, a.ID)
	}
}

// seedPath is the project's seed article, kept in the repository.
const seedPath = "../testdata/seed/rafah-talks.txt"

func TestReadSeed(t *testing.T) {
	input, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article %s missing: %v", filepath.Clean(seedPath), err)
	}
	doc, err := Read(input, Options{Published: "2024-03-20"})
	if err != nil {
		t.Fatalf("Read() error = %v", err)
	}
	if want := "US-Israel talks on Rafah ground offensive likely next week as Netanyahu refuses to budge"; doc.Title != want {
		t.Errorf("Title = %q, want %q", doc.Title, want)
	}
	for _, s := range []string{"White House spokesperson Karine Jean-Pierre said", "a maritime corridor from Cyprus to Gaza", "there’s no way to do that except by going in on the ground"} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("Text lacks %q", s)
		}
	}
	for _, line := range strings.Split(doc.Text, "\n") {
		switch line {
		case "More from this category", "Advertisment", "Follow us on Facebook", "Search":
			t.Errorf("Text keeps furniture line %q", line)
		}
	}
	if len(doc.Furniture) != 5 {
		t.Errorf("Furniture = %q, want the 5 trailing lines", doc.Furniture)
	}
	if strings.Count(doc.Text, "\n\n") != 8 {
		t.Errorf("Text has %d paragraph breaks, want 8", strings.Count(doc.Text, "\n\n"))
	}
	if doc.Published != "2024-03-20" || doc.Language != "en" {
		t.Errorf("Published, Language = %q, %q", doc.Published, doc.Language)
	}
	if !utf8.ValidString(doc.Text) {
		t.Error("Text is not valid UTF-8")
	}
}
