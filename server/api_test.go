package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/export"
	"newsgraph/store"
)

// get fetches path and returns status and body.
func get(t *testing.T, base, path string) (int, []byte, http.Header) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", path, err)
	}
	return resp.StatusCode, b, resp.Header
}

// getJSON fetches path, wants 200, and decodes the body into v.
func getJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	status, b, h := get(t, base, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, status, b)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: decode: %v\n%s", path, err, b)
	}
}

// wantError checks a 4xx with a JSON {"error": "..."} body.
func wantError(t *testing.T, status int, b []byte, h http.Header, want int, what string) {
	t.Helper()
	if status != want {
		t.Errorf("%s: status %d, want %d: %s", what, status, want, b)
		return
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: error Content-Type %q", what, ct)
	}
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(b, &e); err != nil || e.Error == "" {
		t.Errorf("%s: error body %q is not {\"error\": ...}", what, b)
	}
}

func fixtureID(t *testing.T, i int) string {
	t.Helper()
	return analysedFixtures(t)[i].ID
}

func TestAPIArticlesPaging(t *testing.T) {
	ts, _ := newTestServer(t)
	var all store.SearchResult
	getJSON(t, ts.URL, "/api/v1/articles", &all)
	if all.Total != len(fixtureTexts) || len(all.Articles) != len(fixtureTexts) {
		t.Fatalf("articles: total %d, %d listed, want %d", all.Total, len(all.Articles), len(fixtureTexts))
	}
	seen := map[string]bool{}
	for off := 0; off < all.Total; off++ {
		var page store.SearchResult
		getJSON(t, ts.URL, "/api/v1/articles?limit=1&offset="+itoa(off), &page)
		if len(page.Articles) != 1 || page.Total != all.Total {
			t.Fatalf("page %d: %d articles, total %d", off, len(page.Articles), page.Total)
		}
		seen[page.Articles[0].ID] = true
	}
	if len(seen) != all.Total {
		t.Errorf("paging by one visited %d distinct articles, want %d", len(seen), all.Total)
	}
	var past store.SearchResult
	getJSON(t, ts.URL, "/api/v1/articles?offset=1000000", &past)
	if len(past.Articles) != 0 || past.Total != all.Total {
		t.Errorf("past the end: %d articles, total %d", len(past.Articles), past.Total)
	}
	// newest first
	if all.Articles[0].Published < all.Articles[len(all.Articles)-1].Published {
		t.Errorf("articles not newest first: %s … %s", all.Articles[0].Published, all.Articles[len(all.Articles)-1].Published)
	}
}

func TestAPIArticleIsContractDocument(t *testing.T) {
	ts, _ := newTestServer(t)
	for i := range fixtureTexts {
		id := fixtureID(t, i)
		status, b, _ := get(t, ts.URL, "/api/v1/articles/"+url.PathEscape(id))
		if status != 200 {
			t.Fatalf("article %s: %d %s", id, status, b)
		}
		if err := document.ValidateJSON(b); err != nil {
			t.Errorf("article %s: %v", id, err)
		}
		var d document.Document
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		if d.ID != id || d.Text != analysedFixtures(t)[i].Text {
			t.Errorf("article %s: got id %s and a different text", id, d.ID)
		}
		if bytes.Contains(b, []byte("<script>")) {
			t.Errorf("article %s: raw <script> in JSON", id)
		}
	}
	status, b, _ := get(t, ts.URL, "/api/v1/articles/"+url.PathEscape(fixtureID(t, 2)))
	if status != 200 || !bytes.Contains(b, []byte(`\u003cscript\u003e`)) {
		t.Errorf("script article: want the tag escaped as \\u003cscript\\u003e, got %d %.200s", status, b)
	}
}

func TestAPINotFound(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{
		"/api/v1/articles/does-not-exist",
		"/api/v1/articles/does-not-exist/related",
		"/api/v1/entities/person:nobody-at-all",
		"/api/v1/stories/no-such-story",
		"/api/v1/export/everything",
		"/api/v1/nothing-here",
		"/api/v2/articles",
	} {
		status, b, h := get(t, ts.URL, path)
		wantError(t, status, b, h, http.StatusNotFound, path)
	}
}

func TestAPISearch(t *testing.T) {
	ts, _ := newTestServer(t)
	var res store.SearchResult
	getJSON(t, ts.URL, "/api/v1/search?q=Netanyahu", &res)
	if res.Total != 1 || len(res.Articles) != 1 || res.Articles[0].ID != fixtureID(t, 0) {
		t.Fatalf("search Netanyahu: %+v", res)
	}
	if !strings.Contains(res.Articles[0].Snippet, "«") {
		t.Errorf("snippet does not mark the match: %q", res.Articles[0].Snippet)
	}
	if res.Facets == nil || len(res.Facets.Sites) == 0 {
		t.Errorf("search has no facets: %+v", res.Facets)
	}
	// Facets count over every match, and a filter narrows.
	var macron store.SearchResult
	getJSON(t, ts.URL, "/api/v1/search?q=Macron", &macron)
	if macron.Total != 2 {
		t.Errorf("search Macron: total %d, want 2", macron.Total)
	}
	var narrowed store.SearchResult
	getJSON(t, ts.URL, "/api/v1/search?q=Macron&from=2024-03-24", &narrowed)
	if narrowed.Total != 1 || narrowed.Articles[0].ID != fixtureID(t, 2) {
		t.Errorf("search Macron from 2024-03-24: %+v", narrowed)
	}
	var site store.SearchResult
	getJSON(t, ts.URL, "/api/v1/search?source=news.example.org&facets=false", &site)
	if site.Total != 1 || site.Facets != nil {
		t.Errorf("search by source: total %d, facets %v", site.Total, site.Facets)
	}
	var none store.SearchResult
	getJSON(t, ts.URL, "/api/v1/search?q=zzyzxnotaword", &none)
	if none.Total != 0 || none.Articles == nil {
		t.Errorf("search for nothing: %+v (articles must be [] not null)", none)
	}
}

// Query syntax the full-text engine rejects, and other bad input, must be
// a 400 with a JSON error, never a 500.
func TestAPIBadInput(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{
		"/api/v1/search?limit=0", "/api/v1/search?limit=100000", "/api/v1/search?offset=-5",
		"/api/v1/search?limit=ten", "/api/v1/search?from=yesterday", "/api/v1/search?country=France",
		"/api/v1/search?q=a&q=b", "/api/v1/search?colour=red", "/api/v1/search?sort=random",
		"/api/v1/search?cursor=%00", "/api/v1/search?q=%ff", "/api/v1/articles?limit=-1",
		"/api/v1/entities?type=PERSON%3B", "/api/v1/events?role=victim", "/api/v1/quotes?offset=x",
		"/api/v1/stories?limit=0", "/api/v1/places?from=2024-99", "/api/v1/timeline?to=tomorrow",
		"/api/v1/topics?language=english", "/api/v1/stats?x=1", "/api/v1/articles/x?y=1",
		"/api/v1/export/events?format=xml", "/api/v1/export/events?q=x", "/api/v1/export/events?limit=5",
		"/api/v1/articles/" + fixtureID(t, 0) + "/related?limit=0",
	} {
		status, b, h := get(t, ts.URL, path)
		wantError(t, status, b, h, http.StatusBadRequest, path)
	}
	// Full-text syntax: each is either answered or refused as a 400.
	var refused int
	for _, q := range []string{`"unclosed`, `AND`, `OR OR`, `NOT`, `(`, `)`, `a AND`, `NEAR(`, `*`, `^`,
		`col:thing`, `"a" "b`, `{a b}`, `a + b`, `'`, `\`, `-x`, `a NOT`, `title:`, "\u00ad"} {
		status, b, h := get(t, ts.URL, "/api/v1/search?q="+url.QueryEscape(q))
		switch status {
		case http.StatusOK:
		case http.StatusBadRequest:
			refused++
			wantError(t, status, b, h, http.StatusBadRequest, "q="+q)
		default:
			t.Errorf("q=%s: status %d: %s", q, status, b)
		}
	}
	t.Logf("%d of the odd queries were refused with 400", refused)

	// Whatever the store refuses as a bad query is a 400 with its reason.
	srv, err := New(badQueryStore{newTestStore(t)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bad := httptest.NewServer(srv.Handler())
	defer bad.Close()
	for _, path := range []string{"/api/v1/search?q=%22x", "/?q=%22x"} {
		status, b, _ := get(t, bad.URL, path)
		if status != http.StatusBadRequest || !bytes.Contains(b, []byte("fts5: syntax error")) {
			t.Errorf("%s with a refusing store: %d %.200s", path, status, b)
		}
	}
}

// badQueryStore refuses every search as the SQLite store refuses FTS5
// syntax it cannot run.
type badQueryStore struct{ store.Store }

func (badQueryStore) Search(context.Context, store.Query) (*store.SearchResult, error) {
	return nil, fmt.Errorf("search: %w: fts5: syntax error near \"x\"", store.ErrBadQuery)
}

func TestAPISearchPost(t *testing.T) {
	ts, _ := newTestServer(t)
	post := func(ct, body string) (int, []byte, http.Header) {
		resp, err := http.Post(ts.URL+"/api/v1/search", ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b, resp.Header
	}
	status, b, _ := post("application/json", `{"q": "Macron", "limit": 1, "offset": 1}`)
	var res store.SearchResult
	if status != 200 || json.Unmarshal(b, &res) != nil || res.Total != 2 || len(res.Articles) != 1 {
		t.Errorf("POST search: %d %s", status, b)
	}
	for _, tc := range []struct {
		ct, body string
		status   int
	}{
		{"application/json", `{"q": "Macron"`, 400},
		{"application/json", `not json`, 400},
		{"application/json", ``, 400},
		{"application/json", `[]`, 400},
		{"application/json", `{"q": 5}`, 400},
		{"application/json", `{"query": "x"}`, 400},
		{"application/json", `{"q": "x"} {"q": "y"}`, 400},
		{"application/json", `{"limit": 0}`, 400},
		{"application/json", `{"offset": -1}`, 400},
		{"application/json", `{"from": "2024-02-30"}`, 400},
		{"text/plain", `{"q": "x"}`, 415},
		{"application/json", `{"q": "` + strings.Repeat("a", 70<<10) + `"}`, 413},
		{"application/json", `{"q": "x"}` + strings.Repeat(" ", 70<<10), 413},
		{"application/json", strings.Repeat("[", 20000), 400},
	} {
		status, b, h := post(tc.ct, tc.body)
		wantError(t, status, b, h, tc.status, "POST "+clip(tc.body))
	}
}

func TestAPIEntitiesQuotesEvents(t *testing.T) {
	ts, _ := newTestServer(t)
	var ents store.EntityList
	getJSON(t, ts.URL, "/api/v1/entities?limit=1000", &ents)
	if ents.Total == 0 || len(ents.Entities) == 0 {
		t.Fatalf("no entities: %+v", ents)
	}
	var macron *store.EntitySummary
	for i, e := range ents.Entities {
		if strings.Contains(e.Name, "Macron") {
			macron = &ents.Entities[i]
		}
	}
	if macron == nil {
		t.Fatalf("no Macron among %d entities", len(ents.Entities))
	}
	if macron.Articles != 2 {
		t.Errorf("Macron in %d articles, want 2", macron.Articles)
	}
	var people store.EntityList
	getJSON(t, ts.URL, "/api/v1/entities?type=person&name=emm", &people)
	if len(people.Entities) == 0 || people.Entities[0].Key != macron.Key {
		t.Errorf("entities by type and name prefix: %+v", people)
	}
	var detail store.EntityDetail
	getJSON(t, ts.URL, "/api/v1/entities/"+url.PathEscape(macron.Key), &detail)
	if detail.Key != macron.Key || len(detail.Timeline) != 2 {
		t.Errorf("entity detail: key %s, timeline %+v", detail.Key, detail.Timeline)
	}
	var quotes store.QuoteList
	getJSON(t, ts.URL, "/api/v1/quotes?limit=1000", &quotes)
	if quotes.Total == 0 {
		t.Errorf("no quotes at all")
	}
	var mq store.QuoteList
	getJSON(t, ts.URL, "/api/v1/quotes?entity="+url.QueryEscape(macron.Key), &mq)
	for _, q := range mq.Quotes {
		if q.Speaker != macron.Key {
			t.Errorf("quote of %s listed for %s", q.Speaker, macron.Key)
		}
	}
	var events store.EventList
	getJSON(t, ts.URL, "/api/v1/events?limit=1000", &events)
	if events.Total == 0 {
		t.Fatalf("no events at all")
	}
	for _, e := range events.Events {
		if e.Sentence == "" {
			t.Errorf("event %s of %s has no sentence", e.Event.ID, e.Article)
		}
	}
	typ := events.Events[0].Event.Type
	var typed store.EventList
	getJSON(t, ts.URL, "/api/v1/events?event_type="+typ, &typed)
	for _, e := range typed.Events {
		if e.Event.Type != typ {
			t.Errorf("event_type=%s listed a %s", typ, e.Event.Type)
		}
	}
}

func TestAPIStoriesPlacesTimelineTopics(t *testing.T) {
	ts, _ := newTestServer(t)
	var stories store.StoryList
	getJSON(t, ts.URL, "/api/v1/stories", &stories)
	if stories.Total == 0 {
		t.Fatalf("no stories")
	}
	var story store.Story
	getJSON(t, ts.URL, "/api/v1/stories/"+url.PathEscape(stories.Stories[0].ID), &story)
	if len(story.Members) == 0 {
		t.Errorf("story without members: %+v", story)
	}
	var places struct {
		Places []store.PlaceCount `json:"places"`
	}
	getJSON(t, ts.URL, "/api/v1/places", &places)
	var berlin bool
	for _, p := range places.Places {
		if p.Name == "Berlin" && p.Lat > 52 && p.Lat < 53 {
			berlin = true
		}
	}
	if !berlin {
		t.Errorf("no Berlin among places %+v", places.Places)
	}
	var tl struct {
		Days []store.Count `json:"days"`
	}
	getJSON(t, ts.URL, "/api/v1/timeline", &tl)
	total := 0
	for _, d := range tl.Days {
		total += d.Count
	}
	if total != len(fixtureTexts) {
		t.Errorf("timeline counts %d articles, want %d: %+v", total, len(fixtureTexts), tl.Days)
	}
	// With a text query the timeline counts the matching articles only:
	// "pension" is in the Paris article alone (March 22).
	getJSON(t, ts.URL, "/api/v1/timeline?q=pension", &tl)
	if len(tl.Days) != 1 || tl.Days[0].Value != "2024-03-22" || tl.Days[0].Count != 1 {
		t.Errorf("timeline of pension = %+v", tl.Days)
	}
	var topics struct {
		Topics []store.Count `json:"topics"`
	}
	getJSON(t, ts.URL, "/api/v1/topics", &topics)
	if len(topics.Topics) == 0 {
		t.Errorf("no topics")
	}
	var rel struct {
		Articles []store.ArticleSummary `json:"articles"`
	}
	getJSON(t, ts.URL, "/api/v1/articles/"+url.PathEscape(fixtureID(t, 1))+"/related", &rel)
	if rel.Articles == nil {
		t.Errorf("related: articles is null")
	}
	var stats store.Stats
	getJSON(t, ts.URL, "/api/v1/stats", &stats)
	if stats.Articles != len(fixtureTexts) {
		t.Errorf("stats: %d articles", stats.Articles)
	}
}

func TestAPIExport(t *testing.T) {
	ts, st := newTestServer(t)
	docs := analysedFixtures(t)
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantRows := map[string]int{"articles": len(docs), "entities": stats.Entities}
	for _, d := range docs {
		wantRows["events"] += len(d.Events)
		wantRows["quotes"] += len(d.Quotes)
	}
	for _, kind := range export.Kinds {
		status, b, h := get(t, ts.URL, "/api/v1/export/"+kind+"?format=csv")
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
			t.Fatalf("export %s csv: %d %s", kind, status, h.Get("Content-Type"))
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("export %s csv: %v", kind, err)
		}
		if len(recs) == 0 || len(recs[0]) < 3 {
			t.Fatalf("export %s csv: no header: %v", kind, recs)
		}
		if len(recs)-1 != wantRows[kind] {
			t.Errorf("export %s csv: %d rows, want %d", kind, len(recs)-1, wantRows[kind])
		}
		status, b, h = get(t, ts.URL, "/api/v1/export/"+kind)
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/x-ndjson") {
			t.Fatalf("export %s jsonl: %d %s", kind, status, h.Get("Content-Type"))
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(lines) != wantRows[kind] {
			t.Errorf("export %s jsonl: %d lines, want %d", kind, len(lines), wantRows[kind])
		}
		for _, l := range lines {
			if !json.Valid([]byte(l)) {
				t.Errorf("export %s: invalid JSON line %.80s", kind, l)
			}
			if kind == "articles" {
				if err := document.ValidateJSON([]byte(l)); err != nil {
					t.Errorf("export articles: %v", err)
				}
			}
		}
	}
	// Events in the event-data formats: one PLOVER line per event; GDELT
	// rows of 61 columns. Other kinds refuse those formats.
	status, b, h := get(t, ts.URL, "/api/v1/export/events?format=plover")
	if n := strings.Count(string(b), "\n"); status != 200 || n != wantRows["events"] || !strings.HasPrefix(h.Get("Content-Type"), "application/x-ndjson") {
		t.Errorf("export events plover: %d, %d lines (want %d), %s", status, n, wantRows["events"], h.Get("Content-Type"))
	}
	status, b, h = get(t, ts.URL, "/api/v1/export/events?format=gdelt")
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/tab-separated-values") || len(b) == 0 {
		t.Errorf("export events gdelt: %d, %d bytes, %s", status, len(b), h.Get("Content-Type"))
	}
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if n := strings.Count(l, "\t") + 1; n != 61 {
			t.Errorf("gdelt row with %d columns", n)
		}
	}
	if status, _, _ := get(t, ts.URL, "/api/v1/export/quotes?format=gdelt"); status != 400 {
		t.Errorf("export quotes gdelt: %d, want 400", status)
	}
	// Filters apply to exports, and an export with no rows is still a
	// CSV with its header.
	status, b, _ = get(t, ts.URL, "/api/v1/export/articles?format=csv&source=news.example.org")
	recs, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if status != 200 || len(recs) != 2 {
		t.Errorf("filtered export: %d, %d records", status, len(recs))
	}
	status, b, _ = get(t, ts.URL, "/api/v1/export/events?format=csv&source=nowhere.example")
	recs, _ = csv.NewReader(bytes.NewReader(b)).ReadAll()
	if status != 200 || len(recs) != 1 {
		t.Errorf("empty export: %d, %d records", status, len(recs))
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{"/", "/api/v1/articles", "/static/style.css", "/no-such-page", "/api/v1/nope"} {
		_, _, h := get(t, ts.URL, path)
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

// TestOpenAPICoversRoutes keeps the OpenAPI document and the routes in
// step: every API route is documented and every documented path served.
func TestOpenAPICoversRoutes(t *testing.T) {
	ts, _ := newTestServer(t)
	var doc struct {
		OpenAPI string                     `json:"openapi"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	getJSON(t, ts.URL, "/api/v1/openapi.json", &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	var documented []string
	for p := range doc.Paths {
		documented = append(documented, p)
	}
	sort.Strings(documented)
	src, err := readSource("server.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"(?:GET|POST|PUT|DELETE) (/api/v1/[^"]*)"`)
	routes := map[string]bool{}
	for _, m := range re.FindAllStringSubmatch(src, -1) {
		routes[m[1]] = true
	}
	for r := range routes {
		if _, ok := doc.Paths[r]; !ok {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for _, p := range documented {
		if !routes[p] {
			t.Errorf("openapi.json documents %s, which is not a route", p)
		}
	}
}
