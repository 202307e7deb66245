package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"newsgraph/pipeline"
)

// fuzzPaths are the endpoints that decode query parameters.
var fuzzPaths = []string{
	"/api/v1/search", "/api/v1/articles", "/api/v1/entities", "/api/v1/quotes", "/api/v1/events",
	"/api/v1/stories", "/api/v1/places", "/api/v1/timeline", "/api/v1/topics", "/api/v1/export/events",
	"/api/v1/export/articles", "/", "/entities", "/map",
}

// FuzzAPIQuery sends arbitrary query strings to every endpoint that
// decodes them, against a store filled by the pipeline: the answer is
// never a 5xx, and an API error is a JSON {"error": ...} body.
//
//	go test ./server/ -run '^$' -fuzz FuzzAPIQuery -fuzztime 2000x
func FuzzAPIQuery(f *testing.F) {
	for _, s := range []string{"q=Macron", "q=%22unclosed", "limit=0", "offset=99999999", "from=2024-03&to=2024",
		"country=FRA&event_type=CONSULT", "q=NOT+OR+AND", "entity=person:emmanuel-macron&role=source", "cursor=abc",
		"format=csv", "sort=date&limit=1000", "q=*&type=PERSON", "q=a*b%22c(d)"} {
		for i := range fuzzPaths {
			f.Add(uint8(i), s)
		}
	}
	st := newTestStore(f)
	srv, err := New(st, Options{})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		path := fuzzPaths[int(which)%len(fuzzPaths)]
		if strings.ContainsAny(raw, "# \r\n\t") {
			return // not a query string a client can send as is
		}
		req, err := http.NewRequest("GET", "http://127.0.0.1"+path+"?"+raw, nil)
		if err != nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s: status %d: %s", path, raw, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 && strings.HasPrefix(path, "/api/") {
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("GET %s?%s: %d with body %q", path, raw, rec.Code, rec.Body.String())
			}
		}
	})
}

// FuzzSearchBody sends arbitrary bodies to POST /api/v1/search: malformed
// JSON, wrong types, unknown fields and values the GET parameters refuse
// are all a 4xx with a JSON error, never a 5xx.
//
//	go test ./server/ -run '^$' -fuzz FuzzSearchBody -fuzztime 2000x
func FuzzSearchBody(f *testing.F) {
	for _, s := range []string{`{"q":"Macron"}`, `{"q":"x","limit":5,"offset":1,"facets":false}`, `{`, `[]`, `null`,
		`{"limit":-1}`, `{"from":"2024-02-30"}`, `{"q":"\u0000"}`, `{"x":1}`, `{"q":"a"} 1`, `{"sort":"date","country":"fra"}`} {
		f.Add(s)
	}
	st := newTestStore(f)
	srv, err := New(st, Options{})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/v1/search", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %q: status %d: %s", body, rec.Code, rec.Body.String())
		}
		if rec.Code != 200 {
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("POST %q: %d with body %q", body, rec.Code, rec.Body.String())
			}
		}
	})
}

// postContentTypes are the Content-Types FuzzPostArticle picks from.
var postContentTypes = []string{"text/plain", "text/html; charset=utf-8", "application/json", "", "application/octet-stream",
	"image/png", "text/plain; charset=\"", "application/xhtml+xml"}

// FuzzPostArticle sends arbitrary bodies, Content-Types and query strings
// to POST /api/v1/articles with a valid token, against a store and an
// empty pipeline (extraction and storing run; the analysis stages have
// fuzz targets of their own): the answer is never a 5xx, an error is a
// JSON {"error": ...} body, and an accepted article can be read back.
//
//	go test ./server/ -run '^$' -fuzz '^FuzzPostArticle$' -fuzztime 60s
func FuzzPostArticle(f *testing.F) {
	f.Add(uint8(0), "url=https://news.example.net/a&published=2024-03-20", []byte("Talks resumed in Lisbon on Tuesday.\n\nThe minister said more."))
	f.Add(uint8(1), "", []byte("<html><head><title>T</title></head><body><article><p>Dock workers in Rotterdam ended their strike on Monday.</p></article></body></html>"))
	f.Add(uint8(2), "", []byte(`{"content":"<p>Hello world, a short article.</p>","url":"https://x.example/a","published":"2024-03-20T09:30:00Z","plain":true}`))
	f.Add(uint8(2), "url=x", []byte(`{"content":1}`))
	f.Add(uint8(3), "plain=true&title=%00", []byte("\xff\xfeT\x00e\x00x\x00t\x00"))
	f.Add(uint8(4), "", []byte("\x00\x01\x02"))
	f.Add(uint8(6), "published=2024-02-30", []byte("x"))
	st := newTestStore(f)
	srv, err := New(st, Options{Tokens: []string{testToken}, Pipeline: pipeline.New(), MaxArticleBytes: 64 << 10})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, ct uint8, query string, body []byte) {
		if strings.ContainsAny(query, "# \r\n\t") {
			return // not a query string a client can send as is
		}
		req, err := http.NewRequest("POST", "http://127.0.0.1/api/v1/articles?"+query, bytes.NewReader(body))
		if err != nil {
			return
		}
		if c := postContentTypes[int(ct)%len(postContentTypes)]; c != "" {
			req.Header.Set("Content-Type", c)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case rec.Code >= 500:
			t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		case rec.Code >= 400:
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%d with body %q", rec.Code, rec.Body.String())
			}
		default:
			loc := rec.Header().Get("Location")
			get := httptest.NewRecorder()
			h.ServeHTTP(get, httptest.NewRequest("GET", "http://127.0.0.1"+loc, nil))
			if get.Code != 200 {
				t.Fatalf("stored with %d at %q, read back %d: %s", rec.Code, loc, get.Code, get.Body.String())
			}
		}
	})
}
