package extract

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPrepare(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		wantData  string
		wantUTF16 bool
		wantErr   error
	}{
		{"ASCII", "hello", "hello", false, nil},
		{"UTF-8 BOM", "\xEF\xBB\xBFhello", "hello", false, nil},
		{"UTF-16LE BOM", "\xFF\xFEh\x00i\x00", "hi", true, nil},
		{"UTF-16BE BOM", "\xFE\xFF\x00h\x00i", "hi", true, nil},
		{"UTF-16LE no BOM", "<\x00p\x00>\x00H\x00e\x00l\x00l\x00o\x00", "<p>Hello", true, nil},
		{"UTF-16BE no BOM", "\x00<\x00p\x00>\x00H\x00e\x00l\x00l\x00o", "<p>Hello", true, nil},
		{"stray NUL in long page", "<p>" + strings.Repeat("text ", 1000) + "\x00</p>", "", false, nil},
		{"NUL in short input", "ab\x00cd", "", false, ErrBinary},
		{"zip", "PK\x03\x04rest", "", false, ErrBinary},
		{"empty after BOM", "\xFF\xFE \x00", "", false, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := prepare([]byte(tt.input))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("prepare() error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if tt.wantData != "" && string(src.data) != tt.wantData {
				t.Errorf("data = %q, want %q", src.data, tt.wantData)
			}
			if src.utf16 != tt.wantUTF16 {
				t.Errorf("utf16 = %v, want %v", src.utf16, tt.wantUTF16)
			}
		})
	}
}

func TestLooksBinaryRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	if !looksBinary(b) {
		t.Error("random bytes not taken as binary")
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		input string
		want  bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"<!doctype HTML>\n<title>x</title>", true},
		{"  \n<html lang=en>", true},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"<!-- generated --><html>", true},
		{"<p>A fragment.</p><p>Another.</p>", true},
		{"<div class=story>Text</div>", true},
		{"junk before\n<html><body>x</body></html>", true},
		{"Plain headline\n\nA story that mentions <b> once.", false},
		{"5 < 6 and 7 > 3 in plain text", false},
		{"<3 love it", false},
	}
	for _, tt := range tests {
		src := &source{data: []byte(tt.input)}
		if got := src.isHTML(); got != tt.want {
			t.Errorf("isHTML(%q) = %v, want %v", tt.input, got, tt.want)
		}
	}
}

func TestDeclaredCharset(t *testing.T) {
	tests := []struct {
		input string
		want  string
	}{
		{`<meta charset="ISO-8859-1">`, "iso-8859-1"},
		{`<meta charset=utf-8>`, "utf-8"},
		{`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, "windows-1251"},
		{`<?xml version="1.0" encoding="Shift_JIS"?><html>`, "shift_jis"},
		{`<head>` + strings.Repeat(`<link rel=x>`, 200) + `<meta charset="koi8-r"></head>`, "koi8-r"},
		{`<head></head><body><meta charset="latin1"></body>`, ""},
		{`<html><body>no declaration</body></html>`, ""},
	}
	for _, tt := range tests {
		if got := declaredCharset([]byte(tt.input)); got != tt.want {
			t.Errorf("declaredCharset(%.40q) = %q, want %q", tt.input, got, tt.want)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string // must appear in the decoded page
	}{
		{"valid UTF-8 despite declaration", `<meta charset="iso-8859-1"><p>Café</p>`, "Café"},
		{"declared windows-1252", `<meta charset="windows-1252"><p>Caf` + "\xe9 \x93quoted\x94" + `</p>`, "Café “quoted”"},
		{"declared latin1 label", `<meta http-equiv="content-type" content="text/html;charset=latin1"><p>Gr` + "\xfc\xdf" + `e</p>`, "Grüße"},
		{"declared windows-1251", `<meta charset="windows-1251"><p>` + "\xcf\xf0\xe8\xe2\xe5\xf2" + `</p>`, "Привет"},
		{"undeclared latin-1", `<html><p>Stra` + "\xdf" + `e und Pl` + "\xe4" + `tze</p>`, "Straße und Plätze"},
		{"mostly UTF-8, one broken byte", `<p>Grüße aus München, schöne Grüße ` + "\xff" + `</p>`, "Grüße aus München"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &source{data: []byte(tt.input)}
			got, err := src.decodeHTML()
			if err != nil {
				t.Fatalf("decodeHTML() error = %v", err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("decodeHTML() = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    string
		wantErr error
	}{
		{"UTF-8", "naïve “quotes”", "naïve “quotes”", nil},
		{"windows-1252", "na\xefve \x93quotes\x94 and caf\xe9s", "naïve “quotes” and cafés", nil},
		{"high bytes only", strings.Repeat("\xe9\xf1\xfc\xd6\x81\x8d ", 30), "", ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := (&source{data: []byte(tt.input)}).decodeText()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("decodeText() error = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("decodeText() = %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	page := []byte(`<!DOCTYPE html><html><head><meta charset="windows-1252"><title>T</title></head><body>` +
		strings.Repeat("<p>Caf\xe9 society gathers in the square every evening.</p>\n", 2000) + `</body></html>`)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		src, err := prepare(bytes.Clone(page))
		if err != nil {
			b.Fatal(err)
		}
		if !src.isHTML() {
			b.Fatal("not HTML")
		}
		if _, err := src.decodeHTML(); err != nil {
			b.Fatal(err)
		}
	}
}
