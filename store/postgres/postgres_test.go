package postgres

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	st.matchWindow = 7 // fewer than the matches: later pages read as many as they need
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

// TestBackupRestores restores a backup with psql into another schema and
// finds the same articles, search results and counters.
func TestBackupRestores(t *testing.T) {
	srv := pgtest.Start(t)
	psql := pgtest.Tool("psql")
	if psql == "" {
		t.Skip("no psql to restore with")
	}
	ctx := context.Background()
	st, err := Open(ctx, srv.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 12; i++ {
		if _, err := st.Put(ctx, storetest.Article(i, "a.example", "2024-03-02"), store.PutOptions{SourceURL: fmt.Sprintf("file:///p/%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "backup.sql")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	target := srv.Schema(t)
	schema := target[strings.LastIndex(target, "=")+1:]
	cmd := exec.Command(psql, "-q", "-v", "ON_ERROR_STOP=1", "-f", path, srv.DSN)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+schema)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("psql restore: %v\n%s", err, out)
	}
	restored, err := Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	want, _ := st.Stats(ctx)
	got, _ := restored.Stats(ctx)
	want.SizeBytes, got.SizeBytes = 0, 0
	if *got != *want {
		t.Errorf("restored stats %+v, want %+v", got, want)
	}
	res, err := restored.Search(ctx, store.Query{Text: "tok7"})
	if err != nil || res.Total != 1 {
		t.Errorf("search in the restored store: %+v, %v", res, err)
	}
	// Writes go on where the original left off.
	r, err := restored.Put(ctx, storetest.Article(99, "b.example", "2024-03-03"), store.PutOptions{})
	if err != nil || !r.New {
		t.Errorf("put after restore: %+v, %v", r, err)
	}
}
