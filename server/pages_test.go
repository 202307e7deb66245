package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"newsgraph/store"
)

func TestPages(t *testing.T) {
	ts, st := newTestServer(t)
	ents, err := st.Entities(t.Context(), store.EntityQuery{Name: "emmanuel", Limit: 1})
	if err != nil || len(ents.Entities) == 0 {
		t.Fatalf("entities: %v %+v", err, ents)
	}
	macron := ents.Entities[0].Key
	stories, err := st.Stories(t.Context(), store.Query{})
	if err != nil || len(stories.Stories) == 0 {
		t.Fatalf("stories: %v", err)
	}
	topics, err := st.Topics(t.Context(), store.Filter{})
	if err != nil || len(topics) == 0 {
		t.Fatalf("topics: %v", err)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{`<ol class="results">`, "Thousands protest in Paris", `class="chart"`, "<h3>Source</h3>", "Test fixture"}},
		{"/?q=Macron", []string{"2 articles", "<b>Macron</b>"}},
		{"/?q=Macron&source=wire.example.com&sort=date&from=2024-03-01&to=2024-03-31", []string{"2 articles", `class="on"`}},
		{"/?limit=1&offset=1", []string{"previous", "next"}},
		{"/articles/" + fixtureID(t, 1), []string{`class="article-text"`, `class="hl-ent t-person"`, `href="/entities/` + url.PathEscape(macron),
			`id="events"`, `class="hl-quote"`}},
		{"/articles/" + fixtureID(t, 0), []string{"Netanyahu", `<svg viewBox="0 0 360 180"`, "<circle", `class="sentence"`, "<mark>asked</mark>",
			`class="hl-event quad`, `href="#event-V`}},
		{"/articles/" + fixtureID(t, 1) + "/related", []string{"Related to", "Back to the article"}},
		{"/entities", []string{"Emmanuel Macron", "<table"}},
		{"/entities?type=PERSON&name=emm", []string{"Emmanuel Macron"}},
		{"/entities/" + url.PathEscape(macron), []string{`id="entity-name"`, "Quotes by", "as source", "as target", `id="timeline"`}},
		{"/stories", []string{"Stories", "/stories/"}},
		{"/stories/" + url.PathEscape(stories.Stories[0].ID), []string{`<ol class="results">`}},
		{"/topics", []string{"/topics/" + url.PathEscape(topics[0].Value)}},
		{"/topics/" + url.PathEscape(topics[0].Value), []string{"Attention over time", `class="chart"`}},
		{"/map", []string{`<image href="/static/world.svg"`, "<circle", "Berlin"}},
		{"/static/world.svg", []string{"<svg", "Natural Earth"}},
		{"/static/app.js", []string{"use strict"}},
	} {
		status, b, h := get(t, ts.URL, tc.path)
		if status != http.StatusOK {
			t.Errorf("%s: status %d: %.300s", tc.path, status, b)
			continue
		}
		if strings.HasSuffix(tc.path, ".svg") || strings.HasSuffix(tc.path, ".js") {
			if ct := h.Get("Content-Type"); !strings.Contains(ct, "svg") && !strings.Contains(ct, "javascript") {
				t.Errorf("%s: Content-Type %q", tc.path, ct)
			}
		}
		body := string(b)
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", tc.path, w)
			}
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "PWNED\"</script") {
			t.Errorf("%s: an unescaped script tag", tc.path)
		}
		if strings.Contains(body, " style=") || strings.Contains(body, "onclick") {
			t.Errorf("%s: inline style or handler, which the CSP refuses", tc.path)
		}
	}
}

func TestPageEscapesScript(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{"/articles/" + fixtureID(t, 2), "/?q=reader", "/"} {
		status, b, _ := get(t, ts.URL, path)
		body := string(b)
		if status != 200 {
			t.Fatalf("%s: %d", path, status)
		}
		if strings.Contains(body, scriptMarker) {
			t.Errorf("%s: the planted script tag is in the page unescaped", path)
		}
		if !strings.Contains(body, "&lt;script&gt;window.__pwned=1") {
			t.Errorf("%s: the planted script tag is not shown as text", path)
		}
	}
}

func TestPageErrors(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/articles/nope", 404},
		{"/entities/person:nobody-at-all", 404},
		{"/stories/nope", 404},
		{"/topics/NO_SUCH_TOPIC", 404},
		{"/no/such/page", 404},
		{"/?limit=0", 400},
		{"/?from=never", 400},
		{"/?q=a&q=b", 400},
		{"/articles/" + fixtureID(t, 0) + "?x=1", 400},
		{"/map?country=France", 400},
	} {
		status, b, h := get(t, ts.URL, tc.path)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, status, tc.status)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(string(b), `class="error"`) {
			t.Errorf("%s: not an error page: %.200s", tc.path, b)
		}
	}
}
