package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/pipeline"
)

const testToken = "test-token-0123456789abcdef"

// newWriteServer serves the fixture store on loopback with opts; the
// posted articles run through the default pipeline.
func newWriteServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	st := newTestStore(t)
	srv, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// send makes one request and returns status, body and headers.
func send(t *testing.T, method, url, contentType, auth string, body io.Reader) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

const articleText = "Talks on the harbour project resumed in Lisbon on Tuesday.\n\n" +
	"The Portuguese prime minister said the government would fund the new terminal, and the port authority welcomed the decision. " +
	"Unions in Lisbon said they would study the plan before the vote next week."

// TestWriteEndpointsNeedToken: without a configured token the write and
// admin endpoints are 403 and say how to configure one; with one, a
// missing or wrong token is 401 with a Bearer challenge.
func TestWriteEndpointsNeedToken(t *testing.T) {
	readOnly := newWriteServer(t, Options{})
	withToken := newWriteServer(t, Options{Tokens: []string{testToken, "second-token-abcdefghijklmnop"}, BackupDir: t.TempDir()})
	for _, tc := range []struct {
		name   string
		ts     *httptest.Server
		path   string
		auth   string
		status int
		want   string
	}{
		{"read-only article", readOnly, "/api/v1/articles", "Bearer " + testToken, 403, "NEWSGRAPH_TOKEN"},
		{"read-only backup", readOnly, "/api/v1/admin/backup", "", 403, "--token-file"},
		{"no header", withToken, "/api/v1/articles", "", 401, "needs an API token"},
		{"no header, backup", withToken, "/api/v1/admin/backup", "", 401, "needs an API token"},
		{"wrong token", withToken, "/api/v1/articles", "Bearer wrong-token-0123456789abcdef", 401, "not valid"},
		{"token prefix", withToken, "/api/v1/articles", "Bearer " + testToken[:20], 401, "not valid"},
		{"token plus a byte", withToken, "/api/v1/articles", "Bearer " + testToken + "x", 401, "not valid"},
		{"basic auth", withToken, "/api/v1/admin/backup", "Basic " + testToken, 401, "needs an API token"},
		{"empty bearer", withToken, "/api/v1/admin/backup", "Bearer ", 401, "needs an API token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b, h := send(t, "POST", tc.ts.URL+tc.path, "text/plain", tc.auth, strings.NewReader(articleText))
			wantError(t, status, b, h, tc.status, tc.name)
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("body %s, want it to mention %q", b, tc.want)
			}
			if strings.Contains(string(b), testToken) {
				t.Errorf("the token is echoed: %s", b)
			}
			if status == 401 && !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without a Bearer challenge: %v", h)
			}
		})
	}
	// Reading stays open on both.
	for _, ts := range []*httptest.Server{readOnly, withToken} {
		if status, b, _ := get(t, ts.URL, "/api/v1/stats"); status != 200 {
			t.Errorf("stats: %d %s", status, b)
		}
	}
}

func TestPostArticle(t *testing.T) {
	ts := newWriteServer(t, Options{Tokens: []string{testToken}, Pipeline: pipeline.Default(), MaxArticleBytes: 64 << 10})
	auth := "Bearer " + testToken
	post := func(path, ct string, body []byte) (int, []byte, http.Header) {
		return send(t, "POST", ts.URL+path, ct, auth, bytes.NewReader(body))
	}
	// A raw text body, then the same article again: 201, then 200 and the same id.
	var first, again postedArticle
	status, b, h := post("/api/v1/articles?url=https://news.example.net/harbour&published=2024-05-07", "text/plain; charset=utf-8", []byte(articleText))
	if status != 201 || json.Unmarshal(b, &first) != nil || first.ID == "" || !first.New {
		t.Fatalf("first post: %d %s", status, b)
	}
	if h.Get("Location") != "/api/v1/articles/"+first.ID {
		t.Errorf("Location %q", h.Get("Location"))
	}
	status, b, _ = post("/api/v1/articles?url=https://news.example.net/harbour&published=2024-05-07", "text/plain", []byte(articleText))
	if status != 200 || json.Unmarshal(b, &again) != nil || again.ID != first.ID || again.New {
		t.Errorf("second post: %d %s (first id %s)", status, b, first.ID)
	}
	var doc struct {
		URL       string `json:"url"`
		Published string `json:"published"`
		Entities  []any  `json:"entities"`
	}
	getJSON(t, ts.URL, first.Location, &doc)
	if doc.URL != "https://news.example.net/harbour" || !strings.HasPrefix(doc.Published, "2024-05-07") || len(doc.Entities) == 0 {
		t.Errorf("stored document: %+v", doc)
	}
	// The JSON form, with an HTML page.
	page := `<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1><p>` +
		strings.Repeat("Dock workers in Rotterdam ended their strike on Monday after the union accepted a new offer from the port employers. ", 4) +
		`</p></article></body></html>`
	body, _ := json.Marshal(postArticle{Content: page, URL: "https://news.example.net/strike", Published: "2024-05-06T10:00:00Z"})
	var posted postedArticle
	status, b, _ = post("/api/v1/articles", "application/json", body)
	if status != 201 || json.Unmarshal(b, &posted) != nil || posted.ID == first.ID {
		t.Fatalf("JSON post: %d %s", status, b)
	}
	status, b, _ = get(t, ts.URL, "/api/v1/search?q=Rotterdam")
	if status != 200 || !strings.Contains(string(b), posted.ID) {
		t.Errorf("posted article not found by search: %d %s", status, b)
	}

	for _, tc := range []struct {
		name, path, ct string
		body           []byte
		status         int
		want           string
	}{
		{"empty body", "/api/v1/articles", "text/plain", nil, 400, "empty article"},
		{"white space only", "/api/v1/articles", "text/html", []byte(" \n\t "), 400, "empty article"},
		{"relative url", "/api/v1/articles?url=/x", "text/plain", []byte(articleText), 400, "url"},
		{"ftp url", "/api/v1/articles?url=ftp://example.net/x", "text/plain", []byte(articleText), 400, "url"},
		{"bad date", "/api/v1/articles?published=yesterday", "text/plain", []byte(articleText), 400, "published"},
		{"bad plain", "/api/v1/articles?plain=yes", "text/plain", []byte(articleText), 400, "plain"},
		{"unknown parameter", "/api/v1/articles?q=x", "text/plain", []byte(articleText), 400, "unknown parameter"},
		{"params with JSON", "/api/v1/articles?url=https://x.example/", "application/json", []byte(`{"content":"x"}`), 400, "unknown parameter"},
		{"JSON unknown field", "/api/v1/articles", "application/json", []byte(`{"content":"text","author":"x"}`), 400, "unknown field"},
		{"JSON two values", "/api/v1/articles", "application/json", []byte(`{"content":"text"} {}`), 400, "more than one"},
		{"JSON wrong type", "/api/v1/articles", "application/json", []byte(`{"content":1}`), 400, "bad JSON"},
		{"JSON empty", "/api/v1/articles", "application/json", nil, 400, "empty body"},
		{"JSON no content", "/api/v1/articles", "application/json", []byte(`{"url":"https://x.example/a"}`), 400, "empty article"},
		{"image", "/api/v1/articles", "image/png", []byte("\x89PNG\r\n"), 415, "Content-Type"},
		{"bad content type", "/api/v1/articles", "text/", []byte(articleText), 415, "Content-Type"},
		{"binary body", "/api/v1/articles", "application/octet-stream", append([]byte("\x00\x01\x02\x03\xff\xfe"), bytes.Repeat([]byte{0, 1, 2, 3}, 200)...), 415, "extract"},
		{"too large", "/api/v1/articles", "text/plain", bytes.Repeat([]byte("word "), 20000), 413, "larger than 65536"},
		{"too large JSON", "/api/v1/articles", "application/json", []byte(`{"content":"` + strings.Repeat("word ", 20000) + `"}`), 413, "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b, h := post(tc.path, tc.ct, tc.body)
			wantError(t, status, b, h, tc.status, tc.name)
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("body %s, want it to mention %q", b, tc.want)
			}
		})
	}
	// Nothing half-written: the failed posts left the two articles.
	var stats struct {
		Articles int `json:"articles"`
	}
	getJSON(t, ts.URL, "/api/v1/stats", &stats)
	if stats.Articles != len(fixtureTexts)+2 {
		t.Errorf("%d articles stored, want %d", stats.Articles, len(fixtureTexts)+2)
	}
}

func TestAdminBackup(t *testing.T) {
	dir := t.TempDir()
	ts := newWriteServer(t, Options{Tokens: []string{testToken}, BackupDir: dir})
	noDir := newWriteServer(t, Options{Tokens: []string{testToken}})
	auth := "Bearer " + testToken
	var res backupResult
	status, b, _ := send(t, "POST", ts.URL+"/api/v1/admin/backup", "", auth, nil)
	if status != 200 || json.Unmarshal(b, &res) != nil {
		t.Fatalf("backup: %d %s", status, b)
	}
	if filepath.Dir(res.Path) != dir || !strings.HasSuffix(res.Path, ".db") || res.Bytes == 0 {
		t.Errorf("backup result %+v", res)
	}
	if fi, err := os.Stat(res.Path); err != nil || fi.Size() != res.Bytes {
		t.Errorf("backup file: %v", err)
	}
	status, b, h := send(t, "POST", noDir.URL+"/api/v1/admin/backup", "", auth, nil)
	wantError(t, status, b, h, 501, "backup without --backup-dir")
	status, b, h = send(t, "POST", ts.URL+"/api/v1/admin/backup?path=/etc/x", "", auth, nil)
	wantError(t, status, b, h, 400, "backup with a path")
	status, b, h = send(t, "GET", ts.URL+"/api/v1/admin/backup", "", auth, nil)
	wantError(t, status, b, h, 405, "GET backup") // a path another method serves
	if h.Get("Allow") != "POST" {
		t.Errorf("GET backup: Allow %q, want POST", h.Get("Allow"))
	}
	status, b, h = send(t, "GET", ts.URL+"/api/v1/admin/nothing", "", auth, nil)
	wantError(t, status, b, h, 404, "GET an unknown endpoint")
}

// TestBodyLimits: every endpoint that reads a body refuses one over its
// limit with 413 and a JSON error.
func TestBodyLimits(t *testing.T) {
	ts := newWriteServer(t, Options{Tokens: []string{testToken}, MaxArticleBytes: 1 << 10})
	big := strings.Repeat("x", maxBodyBytes+1)
	for _, tc := range []struct {
		name, path, ct, body string
	}{
		{"search", "/api/v1/search", "application/json", `{"q":"` + big + `"}`},
		{"article", "/api/v1/articles", "text/plain", strings.Repeat("word ", 300)},
		{"backup", "/api/v1/admin/backup", "application/json", big},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b, h := send(t, "POST", ts.URL+tc.path, tc.ct, "Bearer "+testToken, strings.NewReader(tc.body))
			if tc.name == "backup" {
				// The backup reads no body: refused for its parameters
				// (none) or the missing --backup-dir, never 5xx.
				if status >= 500 && status != 501 {
					t.Errorf("status %d: %s", status, b)
				}
				return
			}
			wantError(t, status, b, h, 413, tc.name)
		})
	}
}

// TestTokensNeverLogged runs writes, failed and good, with the server's
// log captured: no token appears in it.
func TestTokensNeverLogged(t *testing.T) {
	var logBuf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	ts := newWriteServer(t, Options{Tokens: []string{testToken}, BackupDir: t.TempDir()})
	for _, auth := range []string{"Bearer " + testToken, "Bearer bad-" + testToken} {
		send(t, "POST", ts.URL+"/api/v1/articles?url=https://news.example.net/logged", "text/plain", auth, strings.NewReader(articleText))
		send(t, "POST", ts.URL+"/api/v1/admin/backup", "", auth, nil)
	}
	if !strings.Contains(logBuf.String(), "article stored") {
		t.Errorf("the write was not logged: %s", logBuf.String())
	}
	if strings.Contains(logBuf.String(), testToken) {
		t.Errorf("a token is in the log:\n%s", logBuf.String())
	}
}

func TestReadTokenFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, text string
		want       []string
		err        string
	}{
		{"one", testToken + "\n", []string{testToken}, ""},
		{"comments and blanks", "# ops team\n\n  " + testToken + "  \r\n#x\nsecond-token-abcdefghijklmnop", []string{testToken, "second-token-abcdefghijklmnop"}, ""},
		{"empty", "\n# nothing\n", nil, "no token"},
		{"short", testToken + "\nshort-secret\n", nil, "line 2: API token shorter than 16"},
		{"inner space", "abcdefgh ijklmnopqrs\n", nil, "line 1: API token holds white space"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadTokenFile(write(tc.name, tc.text))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				if strings.Contains(err.Error(), "short-secret") || strings.Contains(err.Error(), testToken) {
					t.Errorf("the error quotes a token: %v", err)
				}
				return
			}
			if err != nil || strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, err := ReadTokenFile(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file is not an error")
	}
	if _, err := New(nil, Options{Tokens: []string{"short"}}); err == nil {
		t.Error("New accepts a short token")
	}
}

func TestTokenMatch(t *testing.T) {
	ts, err := newTokenSet([]string{testToken, "another-token-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		token string
		ok    bool
	}{
		{testToken, true}, {"another-token-0123456789", true}, {"", false}, {testToken[1:], false},
		{strings.ToUpper(testToken), false}, {testToken + testToken, false},
	} {
		if got := ts.match(tc.token); got != tc.ok {
			t.Errorf("match(%q) = %v", tc.token, got)
		}
	}
	var none *tokenSet
	if !none.empty() {
		t.Error("nil set not empty")
	}
}
