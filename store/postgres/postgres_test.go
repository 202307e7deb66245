package postgres

import (
	"context"
	"strings"
	"testing"

	"newsgraph/store"
	"newsgraph/store/postgres/pgtest"
	"newsgraph/store/storetest"
)

func TestContract(t *testing.T) {
	srv := pgtest.Start(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := Open(context.Background(), srv.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// TestRankWindow: with a window smaller than the matches, the newest
// matches come first ranked, the rest follow unranked, and paging still
// reaches every match once.
func TestRankWindow(t *testing.T) {
	srv := pgtest.Start(t)
	st, err := Open(context.Background(), srv.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.rankWindow = 5
	ctx := context.Background()
	for i := 0; i < 23; i++ {
		if _, err := st.Put(ctx, storetest.Article(i, "a.example", "2024-03-01"), store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	q := store.Query{Text: "reporters", Limit: 4}
	ranked := 0
	for {
		res, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 23 {
			t.Fatalf("total %d, want 23", res.Total)
		}
		for _, a := range res.Articles {
			if seen[a.ID] {
				t.Fatalf("%s on two pages", a.ID)
			}
			seen[a.ID] = true
			if a.Score > 0 {
				ranked++
			}
			if !strings.Contains(a.Snippet, "«") {
				t.Errorf("snippet %q has no marked word", a.Snippet)
			}
		}
		if res.NextCursor == "" {
			break
		}
		q.Cursor = res.NextCursor
	}
	if len(seen) != 23 || ranked != 5 {
		t.Errorf("paged %d articles, %d ranked; want 23 and 5", len(seen), ranked)
	}
}
