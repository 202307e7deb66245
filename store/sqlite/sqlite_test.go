package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/storetest"
)

func TestContractFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		path := filepath.Join(t.TempDir(), "test.db")
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// Run closed the store; every test must leave it consistent.
			again, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if err := again.IntegrityCheck(context.Background()); err != nil {
				t.Error(err)
			}
		})
		return st
	})
}

func TestContractMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := Open(":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// TestRankWindowPaging pages through a text query whose matches outnumber
// the rank window: every match must come exactly once, the window's
// ranked first.
func TestRankWindowPaging(t *testing.T) {
	st, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.rankWindowForTest = 7
	ctx := context.Background()
	for i := 0; i < 45; i++ {
		if _, err := st.Put(ctx, storetest.Article(i, "a.example", "2024-03-01"), store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, limit := range []int{1, 5, 7, 10, 50} {
		seen := map[string]bool{}
		q := store.Query{Text: "reporters", Limit: limit}
		for {
			res, err := st.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range res.Articles {
				if seen[a.ID] {
					t.Fatalf("limit %d: %s twice", limit, a.ID)
				}
				seen[a.ID] = true
			}
			if res.NextCursor == "" {
				break
			}
			q.Cursor = res.NextCursor
		}
		if len(seen) != 45 {
			t.Errorf("limit %d: %d articles, want 45", limit, len(seen))
		}
	}
}

func TestPutMany(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var docs []*document.Document
	var opts []store.PutOptions
	for i := 0; i < 30; i++ {
		docs = append(docs, storetest.Article(i, "a.example", "2024-03-01"))
		opts = append(opts, store.PutOptions{})
	}
	for round := 0; round < 2; round++ {
		if err := st.PutMany(ctx, docs, opts); err != nil {
			t.Fatal(err)
		}
		s, _ := st.Stats(ctx)
		if s.Articles != 30 || s.Quotes != 30 {
			t.Errorf("round %d: %+v", round, s)
		}
	}
	bad := append(docs[:1:1], document.New())
	if err := st.PutMany(ctx, bad, opts[:2]); err == nil {
		t.Error("a batch with an empty document succeeded")
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestOddPath: a store path with URI syntax in it ('?', '#', '%') is the
// file of that name.
func TestOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news?100%#1.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no store at %s: %v", path, err)
	}
}
