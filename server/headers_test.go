package server

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestSecurityHeadersEverywhere: every kind of response (pages, API,
// static files, errors, refusals) carries the security headers and a CSP
// without inline script, framing or other origins.
func TestSecurityHeadersEverywhere(t *testing.T) {
	ts := newWriteServer(t, Options{Rate: 1000, Burst: 1000})
	want := map[string]func(string) bool{
		"Content-Security-Policy": func(v string) bool {
			return strings.Contains(v, "default-src 'none'") && strings.Contains(v, "script-src 'self'") &&
				strings.Contains(v, "frame-ancestors 'none'") && strings.Contains(v, "base-uri 'none'") &&
				strings.Contains(v, "object-src 'none'") &&
				!strings.Contains(v, "unsafe-inline") && !strings.Contains(v, "unsafe-eval") && !strings.Contains(v, "*")
		},
		"X-Content-Type-Options": func(v string) bool { return v == "nosniff" },
		"Referrer-Policy":        func(v string) bool { return v == "no-referrer" },
		"X-Frame-Options":        func(v string) bool { return v == "DENY" },
	}
	for _, tc := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", "/?q=talks"}, {"GET", "/entities"}, {"GET", "/map"}, {"GET", "/stories"},
		{"GET", "/static/style.css"}, {"GET", "/static/app.js"}, {"GET", "/no-such-page"},
		{"GET", "/api/v1/stats"}, {"GET", "/api/v1/nope"}, {"GET", "/api/v1/openapi.json"},
		{"POST", "/api/v1/articles"}, {"POST", "/api/v1/admin/backup"}, {"POST", "/api/v1/search"},
	} {
		req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for name, ok := range want {
			if v := resp.Header.Get(name); !ok(v) {
				t.Errorf("%s %s (%d): %s: %q", tc.method, tc.path, resp.StatusCode, name, v)
			}
		}
	}
}

// TestNoInlineScript renders the pages and checks that the CSP has
// nothing to forbid: every script is a file of this server, and no
// element carries an event handler, a javascript: URL or a style
// attribute.
func TestNoInlineScript(t *testing.T) {
	ts, _ := newTestServer(t)
	scriptTag := regexp.MustCompile(`(?is)<script\b[^>]*>`)
	handler := regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	for _, path := range []string{"/", "/?q=talks", "/entities", "/map", "/stories", "/topics",
		"/articles/" + fixtureID(t, 0), "/articles/" + fixtureID(t, 2), "/no-such-page"} {
		_, b, _ := get(t, ts.URL, path)
		page := string(b)
		for _, tag := range scriptTag.FindAllString(page, -1) {
			if !strings.Contains(tag, `src="/static/`) {
				t.Errorf("%s: inline or foreign script %s", path, tag)
			}
		}
		// The fixture with a planted <script> shows it escaped.
		if strings.Contains(page, "<script>window.__pwned") {
			t.Errorf("%s: the planted script is in the page unescaped", path)
		}
		if m := handler.FindString(page); m != "" {
			t.Errorf("%s: inline event handler %q", path, m)
		}
		if strings.Contains(strings.ToLower(page), "javascript:") {
			t.Errorf("%s: javascript: URL", path)
		}
		if regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`).MatchString(page) {
			t.Errorf("%s: style attribute (blocked by style-src 'self')", path)
		}
	}
}
