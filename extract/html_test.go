package extract

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// storyBody is invented article text long enough for the extractor to
// take it for the main content.
var storyBody = strings.Repeat(`<p>Rescue teams worked through the night to reach villages cut off by the landslide, regional officials said on Sunday, as more rain was forecast for the coming days.</p>
<p>The army sent helicopters with food and medicine, and engineers began clearing the main road, which they expect to reopen by <a href="/roads">Wednesday</a>.</p>
`, 3)

func TestReadHTML(t *testing.T) {
	page := `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Landslide cuts off villages | Example News</title>
<meta property="og:title" content="Landslide cuts off villages | Example News">
<meta property="og:site_name" content="Example News">
<meta name="author" content="By Jane Roe and John Doe">
<meta property="article:published_time" content="2024-03-20T08:15:00Z">
<link rel="canonical" href="https://news.example.com/world/landslide?utm_source=feed&id=7">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Landslide cuts off villages</h1>
` + storyBody + `
<p>Share this article</p>
</article>
<footer><p>© 2024 Example News. All rights reserved.</p></footer>
</body></html>`
	doc, err := Read([]byte(page), Options{URL: "https://news.example.com/world/landslide?fbclid=abc"})
	if err != nil {
		t.Fatalf("Read() error = %v", err)
	}
	if doc.Title != "Landslide cuts off villages" {
		t.Errorf("Title = %q", doc.Title)
	}
	if !strings.HasPrefix(doc.Text, "Rescue teams worked through the night") {
		t.Errorf("Text starts %.60q, want the first paragraph (no title)", doc.Text)
	}
	if strings.Contains(doc.Text, "Share this article") || strings.Contains(doc.Text, "All rights reserved") || strings.Contains(doc.Text, "Home") {
		t.Errorf("Text keeps furniture: %q", doc.Text)
	}
	if !strings.Contains(doc.Text, "reopen by Wednesday.") {
		t.Errorf("inline link text not joined: %q", doc.Text)
	}
	if n := strings.Count(doc.Text, "\n\n"); n != 5 {
		t.Errorf("Text has %d paragraph breaks, want 5", n)
	}
	if want := []string{"Jane Roe", "John Doe"}; !reflect.DeepEqual(doc.Authors, want) {
		t.Errorf("Authors = %q, want %q", doc.Authors, want)
	}
	if doc.Published != "2024-03-20T08:15:00Z" {
		t.Errorf("Published = %q", doc.Published)
	}
	if doc.URL != "https://news.example.com/world/landslide?id=7" {
		t.Errorf("URL = %q", doc.URL)
	}
	if doc.Site != "Example News" || doc.Language != "en" {
		t.Errorf("Site, Language = %q, %q", doc.Site, doc.Language)
	}

	doc, err = Read([]byte(page), Options{Published: "2024-03-21"})
	if err != nil {
		t.Fatalf("Read() error = %v", err)
	}
	if doc.Published != "2024-03-21" {
		t.Errorf("Published = %q, want the caller's date", doc.Published)
	}
}

func TestReadHTMLCharset(t *testing.T) {
	body := strings.ReplaceAll(storyBody, "officials", "Beh\xf6rden")
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Erdrutsch</title></head><body><article>` + body + `</article></body></html>`
	doc, err := Read([]byte(page), Options{})
	if err != nil {
		t.Fatalf("Read() error = %v", err)
	}
	if !strings.Contains(doc.Text, "Behörden") {
		t.Errorf("Text not decoded from ISO-8859-1: %.200q", doc.Text)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"blocks", `<p>One.</p><h2>Two</h2><ul><li>Three</li><li>Four</li></ul>`, []string{"One.", "Two", "Three", "Four"}},
		{"white space collapsed", "<p>  a\n\tb  </p>", []string{"a b"}},
		{"inline joined", `<p>See <a href="#">here</a>. And <b>bold</b>, <i>it</i>!</p>`, []string{"See here. And bold, it!"}},
		{"trimmed inline text gets its space back", `<p>in your<code>Dockerfile</code>to ensure</p>`, []string{"in your Dockerfile to ensure"}},
		{"possessive not split", `<p><a>Biden</a>'s plan</p>`, []string{"Biden's plan"}},
		{"single br is a line break", `<p>Line one<br>Line two</p>`, []string{"Line one\nLine two"}},
		{"double br ends a paragraph", `<div>Para one<br><br>Para two</div>`, []string{"Para one", "Para two"}},
		{"table rows", `<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>`, []string{"a b", "c"}},
		{"scripts skipped", `<p>Text<script>var x = 1;</script></p>`, []string{"Text"}},
		{"nbsp is white space", "<p>a\u00a0\u00a0b</p>", []string{"a b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := paragraphs(root); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("paragraphs() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name, page, title, site, url, want string
	}{
		{"h1 inside decorated title", `<h1>Storm hits coast</h1>`, "Storm hits coast - Daily Planet", "", "", "Storm hits coast"},
		{"site suffix", `<h1>Other</h1>`, "Storm hits coast | Daily Planet", "Daily Planet", "", "Storm hits coast"},
		{"host prefix", ``, "dailyplanet.com » Storm hits coast", "", "https://www.dailyplanet.com/x", "Storm hits coast"},
		{"title is the site name", `<h1>Storm hits coast</h1>`, "Daily Planet", "Daily Planet", "", "Storm hits coast"},
		{"dash inside title kept", ``, "Storm hits coast – and inland", "Daily Planet", "", "Storm hits coast – and inland"},
		{"empty", ``, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := cleanTitle(readPageMeta(root).h1, tt.title, tt.site, tt.url); got != tt.want {
				t.Errorf("cleanTitle(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Jane Roe", []string{"Jane Roe"}},
		{"By Jane Roe and John Doe", []string{"Jane Roe", "John Doe"}},
		{"Jane Roe; John Doe, Ann Lee", []string{"Jane Roe", "John Doe", "Ann Lee"}},
		{"Von Hans Muster und Eva Beispiel", []string{"Hans Muster", "Eva Beispiel"}},
		{"Author: Perry Bacon Jr.", []string{"Perry Bacon Jr."}},
		{"Jane Roe; jane roe", []string{"Jane Roe"}},
	}
	for _, tt := range tests {
		if got := SplitAuthors(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	day := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 3, 20, 8, 15, 0, 0, time.FixedZone("", 3600))
	tests := []struct {
		r    htmldate.Result
		want string
	}{
		{htmldate.Result{}, ""},
		{htmldate.Result{DateTime: day}, "2024-03-20"},
		{htmldate.Result{DateTime: at, HasTime: true}, "2024-03-20T08:15:00"},
		{htmldate.Result{DateTime: at, HasTime: true, HasTimezone: true}, "2024-03-20T08:15:00+01:00"},
	}
	for _, tt := range tests {
		if got := formatDate(tt.r); got != tt.want {
			t.Errorf("formatDate(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestURLs(t *testing.T) {
	clean := []struct{ in, want string }{
		{"https://example.com/a?utm_source=x&id=3&fbclid=y#top", "https://example.com/a?id=3"},
		{"https://example.com/a?gclid=1", "https://example.com/a"},
		{"https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"},
		{"ftp://example.com/a", ""},
		{"/relative/path", ""},
		{"", ""},
	}
	for _, tt := range clean {
		if got := cleanURL(tt.in); got != tt.want {
			t.Errorf("cleanURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	canon := []struct{ given, page, want string }{
		{"https://www.example.com/story?utm_medium=x", "https://example.com/story", "https://example.com/story"},
		{"https://example.com/story", "https://example.com/", "https://example.com/story"},
		{"https://example.com/story", "https://other.org/story", "https://example.com/story"},
		{"", "https://example.com/story", "https://example.com/story"},
		{"https://example.com/story", "", "https://example.com/story"},
	}
	for _, tt := range canon {
		if got := canonicalURL(tt.given, tt.page); got != tt.want {
			t.Errorf("canonicalURL(%q, %q) = %q, want %q", tt.given, tt.page, got, tt.want)
		}
	}
	if got := siteOf("https://WWW.Example.com:8080/x"); got != "example.com" {
		t.Errorf("siteOf() = %q", got)
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The government said on Monday that it would raise taxes for the third time this year.", "en"},
		{"Die Regierung hat am Montag angekündigt, dass sie die Steuern in diesem Jahr zum dritten Mal erhöhen wird.", "de"},
		{"Le gouvernement a annoncé lundi qu'il augmenterait les impôts pour la troisième fois cette année.", "fr"},
		{"ok", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage(tt.text); got != tt.want {
			t.Errorf("detectLanguage(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func BenchmarkReadHTML(b *testing.B) {
	page := []byte(`<!DOCTYPE html><html><head><title>Landslide</title></head><body><article><h1>Landslide</h1>` +
		strings.Repeat(storyBody, 5) + `</article></body></html>`)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Read(page, Options{URL: "https://example.com/landslide"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShortArticleKeepsParagraphs covers go-trafilatura's baseline
// fallback, which flattens a short <article> into one paragraph with the
// text nodes joined and no space between them.
func TestShortArticleKeepsParagraphs(t *testing.T) {
	page := `<html><head><title>Talks</title></head><body><article><p>Officials from both countries will meet next week to discuss the operation.</p><p>The minister said the army would go ahead with the plan anyway.</p></article></body></html>`
	doc, err := Read([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Officials from both countries will meet next week to discuss the operation.\n\nThe minister said the army would go ahead with the plan anyway."
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}
