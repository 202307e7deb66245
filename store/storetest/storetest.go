// Package storetest holds the contract tests that every store.Store
// implementation must pass. An implementation's test calls
//
//	storetest.Run(t, func(t *testing.T) store.Store { … a fresh, empty store … })
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"newsgraph/cluster"
	"newsgraph/document"
	"newsgraph/store"
)

// Run runs the contract tests; newStore returns a fresh, empty store for
// each subtest (Run closes it).
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"PutGetRoundTrip", testRoundTrip},
		{"PutIsIdempotent", testIdempotent},
		{"SameTextOtherURL", testSameText},
		{"GetMissing", testMissing},
		{"Seen", testSeen},
		{"SearchText", testSearchText},
		{"SearchFilters", testFilters},
		{"SearchPaging", testPaging},
		{"SearchFacets", testFacets},
		{"SearchBadInput", testBadInput},
		{"Entities", testEntities},
		{"EntityDetail", testEntityDetail},
		{"QuotesAndEvents", testQuotesEvents},
		{"Places", testPlaces},
		{"TimelineTopics", testTimelineTopics},
		{"Stories", testStories},
		{"Related", testRelated},
		{"Scan", testScan},
		{"StatsAndBackup", testStatsBackup},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			defer st.Close()
			tc.fn(t, st)
		})
	}
}

var ctx = context.Background()

// Article builds a small analysed document for tests: n selects its
// words so that different n give different texts and fingerprints.
func Article(n int, site, published string) *document.Document {
	topics := []string{"harbour strike", "vaccine trial", "border talks", "flood warning", "chess final", "mining deal", "rail outage", "museum theft"}
	topic := topics[n%len(topics)]
	text := fmt.Sprintf("Reporters covered the %s number %d in Lisbon on Monday. "+
		"Maria Silva said the %s would continue. \"We will not stop until the %s is over,\" Silva told reporters. "+
		"The government of Portugal met union leaders about the %s, item %d of the week. Unique token tok%d appears here.",
		topic, n, topic, topic, topic, n, n)
	doc := document.New()
	doc.URL = fmt.Sprintf("https://%s/news/%d", site, n)
	doc.Site = site
	doc.Title = fmt.Sprintf("The %s story %d", topic, n)
	doc.Published = published
	doc.Language = "en"
	doc.Text = text
	doc.ID = document.StableID(doc.URL, text)
	doc.Sentences = []document.Sentence{{Start: 0, End: len(text)}}
	at := func(s string) (int, int) {
		for i := 0; i+len(s) <= len(text); i++ {
			if text[i:i+len(s)] == s {
				return i, i + len(s)
			}
		}
		return 0, 0
	}
	ms, me := at("Maria Silva")
	ss, _ := at("Silva told")
	ls, le := at("Lisbon")
	gs, ge := at("government of Portugal")
	doc.Entities = []document.Entity{
		{ID: "E1", Name: "Maria Silva", Type: document.TypePerson, Country: "PRT", Titles: []string{"union leader"},
			Mentions: []document.Span{{Start: ms, End: me, Text: "Maria Silva"}, {Start: ss, End: ss + 5, Text: "Silva"}}},
		{ID: "E2", Name: "Lisbon", Type: document.TypeGPE, Country: "PRT", Mentions: []document.Span{{Start: ls, End: le, Text: "Lisbon"}}},
		{ID: "E3", Name: "Government of Portugal", Type: document.TypeOrg, Country: "PRT", Actor: "PRTGOV",
			Mentions: []document.Span{{Start: gs, End: ge, Text: "government of Portugal"}}},
	}
	doc.Places = []document.Place{{ID: "P1", Name: "Lisbon", Country: "PRT", Lat: 38.72, Lon: -9.14, GeonamesID: 2267057,
		Feature: "PPLC", Entity: "E2", Mentions: []document.Span{{Start: ls, End: le, Text: "Lisbon"}}}}
	speaker := "E1"
	qs, qe := at("\"We will")
	doc.Quotes = []document.Quote{{ID: "Q1", Kind: document.QuoteDirect, Text: text[qs : qs+20], Start: qs, End: qe + 20,
		Cue: "told", Speaker: &speaker, SpeakerText: "Silva"}}
	mt, mte := at("met")
	place := "P1"
	doc.Events = []document.Event{{ID: "V1", Place: &place, Type: "CONSULT", Mode: "meet", CAMEO: "040", Quad: 1,
		Source:  []document.Actor{{Text: "government of Portugal", Entity: "E3", Country: "PRT", Code: "PRTGOV", Start: gs, End: ge}},
		Target:  []document.Actor{{Text: "Maria Silva", Entity: "E1", Country: "PRT", Start: ms, End: me}},
		Trigger: document.Span{Start: mt, End: mte, Text: "met"}, Confidence: 0.8}}
	doc.Fingerprint = fmt.Sprintf("%016x", cluster.SimHash(text))
	doc.Normalize()
	return doc
}

func put(t *testing.T, st store.Store, doc *document.Document) store.PutResult {
	t.Helper()
	r, err := st.Put(ctx, doc, store.PutOptions{SourceURL: "file:///corpus/" + doc.ID + ".html"})
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return r
}

func putMany(t *testing.T, st store.Store, n int) []*document.Document {
	t.Helper()
	var docs []*document.Document
	for i := 0; i < n; i++ {
		site := []string{"a.example", "b.example"}[i%2]
		d := Article(i, site, fmt.Sprintf("2024-03-%02d", 1+i%28))
		put(t, st, d)
		docs = append(docs, d)
	}
	return docs
}

func testRoundTrip(t *testing.T, st store.Store) {
	doc := Article(1, "a.example", "2024-03-20T09:30:00Z")
	r := put(t, st, doc)
	if !r.New || r.ID != doc.ID || r.Story == "" {
		t.Fatalf("Put = %+v, want new article %s with a story", r, doc.ID)
	}
	got, err := st.Get(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(doc)
	have, _ := json.Marshal(got.Doc)
	if string(want) != string(have) {
		t.Errorf("stored document differs:\nwant %s\nhave %s", want, have)
	}
	if got.Story != r.Story || got.SourceURL == "" || got.Hash != store.ContentHash(doc.Text) {
		t.Errorf("metadata = story %q source %q hash %q", got.Story, got.SourceURL, got.Hash)
	}
	if !reflect.DeepEqual(got.Topics, []string{"CONSULT"}) {
		t.Errorf("topics = %v, want [CONSULT]", got.Topics)
	}
}

func testIdempotent(t *testing.T, st store.Store) {
	doc := Article(2, "a.example", "2024-03-20")
	first := put(t, st, doc)
	before, _ := st.Stats(ctx)
	again := Article(2, "a.example", "2024-03-20")
	again.Title = "Updated title"
	second := put(t, st, again)
	if second.New || second.ID != first.ID || second.Story != first.Story {
		t.Fatalf("second Put = %+v, want the same article %+v, not new", second, first)
	}
	after, _ := st.Stats(ctx)
	if after.Articles != 1 || after.Mentions != before.Mentions || after.Quotes != before.Quotes || after.Events != before.Events {
		t.Errorf("after re-put stats = %+v, before %+v", after, before)
	}
	got, _ := st.Get(ctx, first.ID)
	if got.Doc.Title != "Updated title" {
		t.Errorf("title = %q, want the updated one", got.Doc.Title)
	}
	res, _ := st.Search(ctx, store.Query{Text: "updated"})
	if res.Total != 1 {
		t.Errorf("search for the new title: %d hits, want 1", res.Total)
	}
	ents, _ := st.Entities(ctx, store.EntityQuery{})
	for _, e := range ents.Entities {
		if e.Articles != 1 {
			t.Errorf("entity %s counts %d articles after a re-put, want 1", e.Key, e.Articles)
		}
	}
}

func testSameText(t *testing.T, st store.Store) {
	doc := Article(3, "a.example", "2024-03-20")
	first := put(t, st, doc)
	copyDoc := Article(3, "a.example", "2024-03-20")
	copyDoc.URL = "https://mirror.example/copy"
	copyDoc.ID = document.StableID(copyDoc.URL, copyDoc.Text)
	second := put(t, st, copyDoc)
	if second.New || second.ID != first.ID {
		t.Errorf("same text under another URL: Put = %+v, want the stored article %s", second, first.ID)
	}
	if s, _ := st.Stats(ctx); s.Articles != 1 {
		t.Errorf("%d articles stored, want 1", s.Articles)
	}
	// The first URL comes back with a new version of the text: it is the
	// same article (its id is made from that URL), whatever URL the copy
	// left on the stored row.
	update := Article(3, "a.example", "2024-03-21")
	update.Text += " An update."
	third, err := st.Put(ctx, update, store.PutOptions{})
	if err != nil || third.New || third.ID != first.ID {
		t.Errorf("the first URL with a new text: Put = %+v, %v; want the stored article %s", third, err, first.ID)
	}
	if s, _ := st.Stats(ctx); s.Articles != 1 {
		t.Errorf("%d articles stored after the update, want 1", s.Articles)
	}
}

func testMissing(t *testing.T, st store.Store) {
	if _, err := st.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := st.Entity(ctx, "person:nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := st.Story(ctx, "Snope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := st.Related(ctx, "nope", 5); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Related(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := st.Put(ctx, document.New(), store.PutOptions{}); err == nil {
		t.Error("Put of an empty document succeeded")
	}
	if s, _ := st.Stats(ctx); s.Articles != 0 {
		t.Errorf("failed Put left %d articles", s.Articles)
	}
}

func testSeen(t *testing.T, st store.Store) {
	doc := Article(4, "a.example", "2024-03-20")
	put(t, st, doc)
	for _, u := range []string{"file:///corpus/" + doc.ID + ".html", doc.URL} {
		if ok, err := st.Seen(ctx, u); err != nil || !ok {
			t.Errorf("Seen(%q) = %v, %v; want true", u, ok, err)
		}
	}
	for _, u := range []string{"", "https://a.example/other"} {
		if ok, err := st.Seen(ctx, u); err != nil || ok {
			t.Errorf("Seen(%q) = %v, %v; want false", u, ok, err)
		}
	}
}

func testSearchText(t *testing.T, st store.Store) {
	docs := putMany(t, st, 16)
	res, err := st.Search(ctx, store.Query{Text: "tok5"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Articles) != 1 || res.Articles[0].ID != docs[5].ID {
		t.Fatalf("search tok5 = %+v, want only article 5", res)
	}
	a := res.Articles[0]
	if a.Snippet == "" || a.Score <= 0 || a.Title == "" || a.Story == "" {
		t.Errorf("hit = %+v, want snippet, positive score, title and story", a)
	}
	res, err = st.Search(ctx, store.Query{Text: `"vaccine trial"`})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 { // articles 1 and 9
		t.Errorf("phrase search: %d hits, want 2", res.Total)
	}
	// A possessive finds the word: "vaccine's" is "vaccine".
	res, err = st.Search(ctx, store.Query{Text: "vaccine's"})
	if err != nil || res.Total != 2 {
		t.Errorf("search vaccine's: %v, %v; want 2 hits", res, err)
	}
	res, err = st.Search(ctx, store.Query{Text: "vaccine OR chess"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Errorf("OR search: %d hits, want 4", res.Total)
	}
	res, _ = st.Search(ctx, store.Query{Text: "zzzunknownword"})
	if res.Total != 0 || len(res.Articles) != 0 {
		t.Errorf("search for an absent word found %d", res.Total)
	}
}

func testFilters(t *testing.T, st store.Store) {
	putMany(t, st, 16)
	other := Article(100, "c.example", "2024-05-01")
	other.Language = "pt"
	other.Entities[1].Country = "ESP"
	other.Places[0].Country = "ESP"
	other.Events[0].Type = "PROTEST"
	put(t, st, other)
	for _, tc := range []struct {
		f    store.Filter
		text string
		want int
	}{
		{store.Filter{}, "", 17},
		{store.Filter{Site: "a.example"}, "", 8},
		{store.Filter{Site: "a.example"}, "harbour", 2},
		{store.Filter{Language: "pt"}, "", 1},
		{store.Filter{Country: "ESP"}, "", 1},
		{store.Filter{Country: "PRT"}, "", 17},
		{store.Filter{From: "2024-03-05", To: "2024-03-08"}, "", 4},
		{store.Filter{From: "2024-04-01"}, "", 1},
		{store.Filter{EventType: "PROTEST"}, "", 1},
		{store.Filter{EventType: "CONSULT"}, "", 16},
		{store.Filter{Topic: "PROTEST"}, "", 1},
		{store.Filter{Entity: "person:maria-silva"}, "", 17},
		{store.Filter{Entity: "person:maria-silva", Site: "c.example"}, "", 1},
		{store.Filter{Place: "gn:2267057"}, "", 17},
		{store.Filter{Site: "nowhere.example"}, "", 0},
	} {
		res, err := st.Search(ctx, store.Query{Filter: tc.f, Text: tc.text})
		if err != nil {
			t.Errorf("%+v: %v", tc.f, err)
			continue
		}
		if res.Total != tc.want {
			t.Errorf("filter %+v text %q: %d hits, want %d", tc.f, tc.text, res.Total, tc.want)
		}
	}
}

func testPaging(t *testing.T, st store.Store) {
	putMany(t, st, 45)
	for _, text := range []string{"", "reporters"} {
		seen := map[string]bool{}
		q := store.Query{Text: text, Limit: 10}
		pages := 0
		for {
			res, err := st.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 45 {
				t.Fatalf("total = %d, want 45", res.Total)
			}
			for _, a := range res.Articles {
				if seen[a.ID] {
					t.Fatalf("article %s on two pages", a.ID)
				}
				seen[a.ID] = true
			}
			pages++
			if res.NextCursor == "" {
				break
			}
			q.Cursor = res.NextCursor
		}
		if len(seen) != 45 || pages != 5 {
			t.Errorf("text %q: paged through %d articles in %d pages, want 45 in 5", text, len(seen), pages)
		}
	}
	res, err := st.Search(ctx, store.Query{Sort: "date", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(res.Articles); i++ {
		if res.Articles[i].Published > res.Articles[i-1].Published {
			t.Errorf("date sort not newest first: %s after %s", res.Articles[i].Published, res.Articles[i-1].Published)
		}
	}
	res, err = st.Search(ctx, store.Query{Offset: 40, Limit: 10})
	if err != nil || len(res.Articles) != 5 || res.NextCursor != "" {
		t.Errorf("offset 40: %d articles, cursor %q, err %v; want 5, none", len(res.Articles), res.NextCursor, err)
	}
}

func testFacets(t *testing.T, st store.Store) {
	putMany(t, st, 10)
	res, err := st.Search(ctx, store.Query{Text: "reporters", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	want := map[string][]store.Count{
		"sites":     {{Value: "a.example", Count: 5}, {Value: "b.example", Count: 5}},
		"languages": {{Value: "en", Count: 10}},
		"countries": {{Value: "PRT", Count: 10}},
		"events":    {{Value: "CONSULT", Count: 10}},
	}
	got := map[string][]store.Count{"sites": f.Sites, "languages": f.Languages, "countries": f.Countries, "events": f.EventTypes}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("facet %s = %+v, want %+v", k, got[k], w)
		}
	}
	if len(f.Entities) != 3 || f.Entities[0].Count != 10 || f.Entities[0].Label == "" {
		t.Errorf("entity facet = %+v, want 3 entities with 10 articles and names", f.Entities)
	}
	res, _ = st.Search(ctx, store.Query{Text: "reporters"})
	if res.Facets != nil {
		t.Error("facets computed though not asked for")
	}
}

func testBadInput(t *testing.T, st store.Store) {
	putMany(t, st, 3)
	// Punctuation and FTS5 syntax in plain words must not fail.
	for _, q := range []string{`"`, `AND`, `NEAR(`, `col:umn`, `a-b`, `*`, `OR vaccine OR`, `(((`, `'`, `über`, `"unclosed phrase`} {
		if _, err := st.Search(ctx, store.Query{Text: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if _, err := st.Search(ctx, store.Query{Cursor: "!!garbage"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("bad cursor: error %v, want ErrBadQuery", err)
	}
	if _, err := st.Search(ctx, store.Query{Sort: "sideways"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("bad sort: error %v, want ErrBadQuery", err)
	}
	if _, err := st.Events(ctx, store.Query{Role: "bystander"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("bad role: error %v, want ErrBadQuery", err)
	}
}

func testEntities(t *testing.T, st store.Store) {
	putMany(t, st, 6)
	list, err := st.Entities(ctx, store.EntityQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 3 || len(list.Entities) != 3 {
		t.Fatalf("entities = %+v, want 3", list)
	}
	top := list.Entities[0]
	if top.Key != "person:maria-silva" || top.Articles != 6 || top.Mentions != 12 || top.Country != "PRT" {
		t.Errorf("top entity = %+v, want Maria Silva in 6 articles with 12 mentions", top)
	}
	list, _ = st.Entities(ctx, store.EntityQuery{Type: "ORG"})
	if list.Total != 1 || list.Entities[0].Actor != "PRTGOV" {
		t.Errorf("ORG entities = %+v, want the government with its actor code", list.Entities)
	}
	list, _ = st.Entities(ctx, store.EntityQuery{Name: "lis"})
	if list.Total != 1 || list.Entities[0].Name != "Lisbon" {
		t.Errorf("name prefix lis = %+v", list.Entities)
	}
	list, _ = st.Entities(ctx, store.EntityQuery{Filter: store.Filter{Site: "a.example"}})
	if list.Total != 3 || list.Entities[0].Articles != 3 {
		t.Errorf("entities of a.example = %+v, want 3 with 3 articles each", list.Entities)
	}
	list, _ = st.Entities(ctx, store.EntityQuery{Limit: 2})
	if len(list.Entities) != 2 || list.NextCursor == "" {
		t.Errorf("limit 2: %d entities, cursor %q", len(list.Entities), list.NextCursor)
	}
	list, _ = st.Entities(ctx, store.EntityQuery{Limit: 2, Cursor: list.NextCursor})
	if len(list.Entities) != 1 || list.NextCursor != "" {
		t.Errorf("second page: %d entities, cursor %q", len(list.Entities), list.NextCursor)
	}
}

func testEntityDetail(t *testing.T, st store.Store) {
	putMany(t, st, 4)
	d, err := st.Entity(ctx, "person:maria-silva")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Maria Silva" || d.Articles != 4 || len(d.Quotes) != 4 || len(d.AsTarget) != 4 || len(d.AsSource) != 0 ||
		len(d.Recent) != 4 || len(d.Timeline) != 4 || !reflect.DeepEqual(d.Titles, []string{"union leader"}) {
		t.Errorf("detail = %+v", d)
	}
	if d.Quotes[0].Speaker != "person:maria-silva" || d.Quotes[0].Article == "" || d.Quotes[0].Quote.Cue != "told" {
		t.Errorf("quote hit = %+v", d.Quotes[0])
	}
	g, err := st.Entity(ctx, "org:government-of-portugal")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.AsSource) != 4 || len(g.AsTarget) != 0 || len(g.Quotes) != 0 {
		t.Errorf("government: %d as source, %d as target, %d quotes", len(g.AsSource), len(g.AsTarget), len(g.Quotes))
	}
}

func testQuotesEvents(t *testing.T, st store.Store) {
	putMany(t, st, 5)
	ql, err := st.Quotes(ctx, store.Query{})
	if err != nil || ql.Total != 5 {
		t.Fatalf("quotes: %d, %v; want 5", ql.Total, err)
	}
	ql, _ = st.Quotes(ctx, store.Query{Filter: store.Filter{Entity: "gpe:lisbon"}})
	if ql.Total != 0 {
		t.Errorf("quotes by Lisbon: %d, want 0 (it is mentioned, not a speaker)", ql.Total)
	}
	ql, _ = st.Quotes(ctx, store.Query{Text: "tok3"})
	if ql.Total != 1 {
		t.Errorf("quotes of articles matching tok3: %d, want 1", ql.Total)
	}
	el, err := st.Events(ctx, store.Query{Filter: store.Filter{EventType: "CONSULT"}})
	if err != nil || el.Total != 5 {
		t.Fatalf("events: %+v, %v", el, err)
	}
	h := el.Events[0]
	if !reflect.DeepEqual(h.Sources, []string{"org:government-of-portugal"}) || !reflect.DeepEqual(h.Targets, []string{"person:maria-silva"}) ||
		h.Sentence == "" || h.Event.CAMEO != "040" {
		t.Errorf("event hit = %+v", h)
	}
	el, _ = st.Events(ctx, store.Query{Filter: store.Filter{Entity: "person:maria-silva"}, Role: "source"})
	if el.Total != 0 {
		t.Errorf("events with Silva as source: %d, want 0", el.Total)
	}
	el, _ = st.Events(ctx, store.Query{Filter: store.Filter{EventType: "PROTEST"}})
	if el.Total != 0 {
		t.Errorf("PROTEST events: %d, want 0", el.Total)
	}
}

func testPlaces(t *testing.T, st store.Store) {
	putMany(t, st, 5)
	ps, err := st.Places(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Name != "Lisbon" || ps[0].Articles != 5 || ps[0].Lat != 38.72 || len(ps[0].ArticleIDs) != 5 || ps[0].Events != 5 {
		t.Fatalf("places = %+v", ps)
	}
	ps, _ = st.Places(ctx, store.Query{Filter: store.Filter{Site: "b.example"}})
	if len(ps) != 1 || ps[0].Articles != 2 || len(ps[0].ArticleIDs) != 2 {
		t.Errorf("places of b.example = %+v", ps)
	}
}

func testTimelineTopics(t *testing.T, st store.Store) {
	putMany(t, st, 30) // days 1..28, then 1 and 2 again
	tl, err := st.Timeline(ctx, store.Filter{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 28 || tl[0].Value != "2024-03-01" || tl[0].Count != 2 || tl[27].Count != 1 {
		t.Errorf("timeline = %+v", tl)
	}
	tl, _ = st.Timeline(ctx, store.Filter{Site: "a.example", To: "2024-03-02"}, "")
	if len(tl) != 1 || tl[0].Count != 2 {
		t.Errorf("timeline of a.example to March 2 = %+v", tl)
	}
	// A text query: "vaccine" is the topic of articles 1, 9, 17 and 25
	// (days 2, 10, 18, 26), all on b.example.
	tl, err = st.Timeline(ctx, store.Filter{}, "vaccine")
	if err != nil || len(tl) != 4 || tl[0].Value != "2024-03-02" || tl[0].Count != 1 || tl[3].Value != "2024-03-26" {
		t.Errorf("timeline of vaccine = %+v, %v", tl, err)
	}
	if tl, err = st.Timeline(ctx, store.Filter{Site: "a.example"}, "vaccine"); err != nil || len(tl) != 0 {
		t.Errorf("timeline of vaccine on a.example = %+v, %v", tl, err)
	}
	tp, err := st.Topics(ctx, store.Filter{})
	if err != nil || len(tp) != 1 || tp[0].Value != "CONSULT" || tp[0].Count != 30 {
		t.Errorf("topics = %+v, %v", tp, err)
	}
}

func testStories(t *testing.T, st store.Store) {
	a := Article(7, "a.example", "2024-03-20")
	ra := put(t, st, a)
	// A syndicated copy: same text under a new header and URL.
	b := Article(7, "b.example", "2024-03-20")
	b.Title = "Syndicated: " + b.Title
	b.Text += " Copyright b.example."
	b.Fingerprint = fmt.Sprintf("%016x", cluster.SimHash(b.Text))
	b.ID = document.StableID(b.URL, b.Text)
	rb := put(t, st, b)
	// An unrelated article.
	c := Article(0, "c.example", "2024-01-01")
	c.Text = "Astronomers in Chile observed a comet passing Jupiter. Telescopes recorded the tail for nine nights."
	c.Title = "Comet seen"
	c.Entities, c.Places, c.Quotes, c.Events = nil, nil, nil, nil
	c.Sentences = []document.Sentence{{Start: 0, End: len(c.Text)}}
	c.Fingerprint = fmt.Sprintf("%016x", cluster.SimHash(c.Text))
	c.ID = document.StableID(c.URL, c.Text)
	rc := put(t, st, c)
	if !rb.New || rb.Story != ra.Story {
		t.Errorf("syndicated copy: story %s, want %s (new article)", rb.Story, ra.Story)
	}
	if rc.Story == ra.Story {
		t.Error("unrelated article joined the story")
	}
	s, err := st.Story(ctx, ra.Story)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 2 || s.Sites != 2 || len(s.Members) != 2 || s.Title != a.Title {
		t.Errorf("story = %+v", s)
	}
	list, err := st.Stories(ctx, store.Query{})
	if err != nil || list.Total != 2 || list.Stories[0].ID != ra.Story {
		t.Errorf("stories = %+v, %v", list, err)
	}
	res, _ := st.Search(ctx, store.Query{Filter: store.Filter{Story: ra.Story}})
	if res.Total != 2 {
		t.Errorf("search by story: %d, want 2", res.Total)
	}
}

func testRelated(t *testing.T, st store.Store) {
	docs := putMany(t, st, 12)
	rel, err := st.Related(ctx, docs[0].ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 5 {
		t.Fatalf("related: %d, want 5", len(rel))
	}
	for _, r := range rel {
		if r.ID == docs[0].ID {
			t.Error("an article is related to itself")
		}
	}
	// Article 8 shares the topic words of 0's title ("harbour strike").
	if rel[0].ID != docs[8].ID {
		t.Errorf("most related to 0 = %s (%s), want article 8", rel[0].ID, rel[0].Title)
	}
}

func testScan(t *testing.T, st store.Store) {
	docs := putMany(t, st, 250)
	n := 0
	seen := map[string]bool{}
	err := st.Scan(ctx, store.Filter{}, func(a *store.Article) error {
		n++
		seen[a.Doc.ID] = true
		if a.Doc.Text == "" {
			return errors.New("no text")
		}
		return nil
	})
	if err != nil || n != len(docs) || len(seen) != len(docs) {
		t.Errorf("scan: %d articles (%d distinct), %v; want %d", n, len(seen), err, len(docs))
	}
	n = 0
	err = st.Scan(ctx, store.Filter{Site: "a.example"}, func(*store.Article) error { n++; return nil })
	if err != nil || n != 125 {
		t.Errorf("scan a.example: %d, %v; want 125", n, err)
	}
	stop := errors.New("stop")
	if err := st.Scan(ctx, store.Filter{}, func(*store.Article) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("scan error = %v, want fn's error", err)
	}
}

func testStatsBackup(t *testing.T, st store.Store) {
	putMany(t, st, 5)
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 5 || s.Entities != 3 || s.Mentions != 20 || s.Quotes != 5 || s.Events != 5 || s.Places != 1 ||
		s.Sites != 2 || s.First != "2024-03-01" || s.Last != "2024-03-05" || s.Schema < 1 {
		t.Errorf("stats = %+v", s)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Errorf("backup file: %v", err)
	}
	if err := st.Backup(ctx, path); err == nil {
		t.Error("backup over an existing file succeeded")
	}
}

func testConcurrent(t *testing.T, st store.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				d := Article(w*100+i, "a.example", "2024-03-10")
				if _, err := st.Put(ctx, d, store.PutOptions{}); err != nil {
					errs <- err
					return
				}
				if _, err := st.Search(ctx, store.Query{Text: "reporters", Facets: true}); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if s, _ := st.Stats(ctx); s.Articles != 40 {
		t.Errorf("%d articles after concurrent puts, want 40", s.Articles)
	}
}
