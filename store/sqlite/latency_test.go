package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"

	"newsgraph/store"
)

// TestLatency measures query latency on a big store, built with
//
//	go run ./demo/bigstore --out /tmp/ng100k.db --n 100000
//	NEWSGRAPH_BIG_STORE=/tmp/ng100k.db go test ./store/sqlite -run Latency -v
//
// and fails when a search's p95 is over 50 ms or an article's (Get plus
// Related, what an article page needs) over 100 ms: the floor at 100,000
// articles. Without the variable it skips.
func TestLatency(t *testing.T) {
	path := os.Getenv("NEWSGRAPH_BIG_STORE")
	if path == "" {
		t.Skip("set NEWSGRAPH_BIG_STORE to a store built by demo/bigstore")
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d articles, %d entities, %d stories", stats.Articles, stats.Entities, stats.Stories)
	ids, err := st.strings(ctx, "SELECT id FROM articles ORDER BY random() LIMIT 200")
	if err != nil {
		t.Fatal(err)
	}
	ents, err := st.Entities(ctx, store.EntityQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	words := []string{"virus", "outbreak", "health", "ebola", "flu", "vaccine", "hospital", "china", "influenza", "cases",
		"\"swine flu\"", "world health organization", "H1N1 Mexico", "dengue", "bird flu", "quarantine", "mosquito", "nigeria polio"}
	type probe struct {
		name  string
		floor time.Duration
		fn    func() error
	}
	probes := []probe{
		{"search text", 50 * time.Millisecond, func() error {
			_, err := st.Search(ctx, store.Query{Text: words[rng.IntN(len(words))], Limit: 20})
			return err
		}},
		{"search text+facets", 50 * time.Millisecond, func() error {
			_, err := st.Search(ctx, store.Query{Text: words[rng.IntN(len(words))], Limit: 20, Facets: true})
			return err
		}},
		{"search filters", 50 * time.Millisecond, func() error {
			_, err := st.Search(ctx, store.Query{Text: words[rng.IntN(len(words))], Filter: store.Filter{
				Site: fmt.Sprintf("outlet%02d.example", rng.IntN(50)), From: "2023-06-01", To: "2024-06-01"}, Limit: 20})
			return err
		}},
		{"search entity", 50 * time.Millisecond, func() error {
			_, err := st.Search(ctx, store.Query{Filter: store.Filter{Entity: ents.Entities[rng.IntN(len(ents.Entities))].Key}, Limit: 20})
			return err
		}},
		{"browse newest", 50 * time.Millisecond, func() error {
			_, err := st.Search(ctx, store.Query{Limit: 20, Offset: rng.IntN(1000)})
			return err
		}},
		{"article (get+related)", 100 * time.Millisecond, func() error {
			id := ids[rng.IntN(len(ids))]
			if _, err := st.Get(ctx, id); err != nil {
				return err
			}
			_, err := st.Related(ctx, id, 10)
			return err
		}},
		{"entity detail", 0, func() error {
			_, err := st.Entity(ctx, ents.Entities[rng.IntN(len(ents.Entities))].Key)
			return err
		}},
		{"entities list", 0, func() error { _, err := st.Entities(ctx, store.EntityQuery{Limit: 50}); return err }},
		{"places", 0, func() error { _, err := st.Places(ctx, store.Query{Limit: 200}); return err }},
		{"stories", 0, func() error { _, err := st.Stories(ctx, store.Query{Limit: 20}); return err }},
		{"timeline", 0, func() error { _, err := st.Timeline(ctx, store.Filter{}, ""); return err }},
		{"timeline text", 0, func() error {
			_, err := st.Timeline(ctx, store.Filter{}, words[rng.IntN(len(words))])
			return err
		}},
	}
	const rounds = 60
	for _, p := range probes {
		var ds []time.Duration
		for i := 0; i < rounds; i++ {
			start := time.Now()
			if err := p.fn(); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			ds = append(ds, time.Since(start))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		p50, p95 := ds[len(ds)/2], ds[len(ds)*95/100]
		t.Logf("%-24s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms", p.name, ms(p50), ms(p95), ms(ds[len(ds)-1]))
		if p.floor > 0 && p95 > p.floor {
			t.Errorf("%s: p95 %.1f ms over the %v floor", p.name, ms(p95), p.floor)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
