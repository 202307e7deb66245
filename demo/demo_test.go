package demo

import (
	"context"
	"strings"
	"testing"

	"newsgraph/store"
	"newsgraph/store/sqlite"
)

func TestArticles(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 227 {
		t.Errorf("%d articles, want 227", len(arts))
	}
	urls := map[string]bool{}
	for _, a := range arts {
		if !strings.HasPrefix(a.URL, "https://en.wikinews.org/wiki/") || a.Title == "" || len(a.Text) < 200 || a.Credit != Credit {
			t.Errorf("article %+v is incomplete", a.URL)
		}
		if urls[a.URL] {
			t.Errorf("%s twice", a.URL)
		}
		urls[a.URL] = true
	}
}

func TestTitleFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://en.wikinews.org/wiki/Swine_flu_reaches_Peru":        "Swine flu reaches Peru",
		"https://en.wikinews.org/wiki/S%C3%A3o_Paulo_reports_dengue": "São Paulo reports dengue",
	} {
		if got := TitleFromURL(in); got != want {
			t.Errorf("TitleFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over the corpus")
	}
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	const n = 30
	stats, err := Load(ctx, st, Options{Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != n || stats.New != n || stats.Failed != 0 {
		t.Errorf("first load: %+v", stats)
	}
	again, err := Load(ctx, st, Options{Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	if again.New != 0 || again.Articles != n {
		t.Errorf("second load: %+v, want nothing new", again)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != n || s.Entities == 0 || s.Places == 0 {
		t.Errorf("stats = %+v", s)
	}
	res, err := st.Search(ctx, store.Query{Text: "virus", Limit: 1})
	if err != nil || res.Total == 0 {
		t.Fatalf("search virus: %+v, %v", res, err)
	}
	a, err := st.Get(ctx, res.Articles[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Credit != Credit || a.Doc.Site != "en.wikinews.org" || a.Doc.Title == "" || len(a.Doc.Entities) == 0 {
		t.Errorf("stored demo article: credit %q site %q title %q, %d entities", a.Credit, a.Doc.Site, a.Doc.Title, len(a.Doc.Entities))
	}
}
