package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"newsgraph/demo"
	"newsgraph/queue/natstest"
	"newsgraph/store"
	"newsgraph/store/postgres"
	"newsgraph/store/sqlite"
)

// TestLoad is the load test: a big store served on loopback and a bounded
// client (a few workers, a fixed number of requests) that measures the
// latency of full-text search through the API (without facets, then with
// them as the web UI asks), of the article page and of the search page,
// each after a warm-up round that is not counted. It
// fails when search p95 (without facets) exceeds 50 ms (100 ms on
// PostgreSQL) or article page p95 exceeds 100 ms; the other two are
// reported. NEWSGRAPH_LOAD_WORKERS sets
// the number of concurrent clients (default 2). The
// store is made beforehand by demo/bigstore (copies of the analysed demo
// corpus put through the store, each with its own URL, site and date):
//
//	go run ./demo/bigstore --out /tmp/load100k.db --n 100000
//	NEWSGRAPH_LOAD_STORE=/tmp/load100k.db go test ./server/ -run TestLoad -v
//
// NEWSGRAPH_LOAD_STORE may also be a postgres:// DSN (bigstore fills one
// the same way). With NEWSGRAPH_LOAD_INGEST=N, N analysis workers store new
// synthetic pages through the full pipeline into the same store while the
// clients measure (issue 9's "search while ingesting": `newsgraph worker`
// from a JetStream queue for PostgreSQL, `newsgraph ingest` for SQLite;
// those articles stay in the store). Otherwise the test only reads the
// store.
func TestLoad(t *testing.T) {
	path := os.Getenv("NEWSGRAPH_LOAD_STORE")
	if path == "" {
		t.Skip("set NEWSGRAPH_LOAD_STORE to a store made by demo/bigstore to run the load test")
	}
	ctx := context.Background()
	var st store.Store
	if postgres.IsDSN(path) {
		pg, err := postgres.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		st = pg
	} else {
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("load store: %v", err)
		}
		sq, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st = sq
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d articles, %d entities, %d events, %d stories, %.0f MiB", stats.Articles, stats.Entities, stats.Events, stats.Stories, float64(stats.SizeBytes)/(1<<20))

	srv, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addrc := make(chan string, 1)
	srvCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = srv.ListenAndServe(srvCtx, "127.0.0.1:0", func(a net.Addr) { addrc <- a.String() })
	}()
	defer func() { stop(); wg.Wait() }()
	base := "http://" + <-addrc

	// Query words: the demo titles' longer words, so most searches match.
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, a := range arts {
		for _, w := range strings.Fields(a.Title) {
			w = strings.Trim(w, `.,:;'"()`)
			if len(w) >= 5 && !strings.ContainsAny(w, "0123456789") {
				words = append(words, strings.ToLower(w))
			}
		}
	}
	ids, err := sampleIDs(ctx, st, 2000)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	const requests, warmup = 400, 40
	workers := 2
	if n, err := strconv.Atoi(os.Getenv("NEWSGRAPH_LOAD_WORKERS")); err == nil && n > 0 {
		workers = n
	}
	query := func() string {
		q := words[rng.IntN(len(words))]
		if rng.IntN(4) == 0 {
			q += " " + words[rng.IntN(len(words))]
		}
		return url.QueryEscape(q)
	}
	searchURL := func() string { return base + "/api/v1/search?facets=false&q=" + query() }
	facetURL := func() string { return base + "/api/v1/search?q=" + query() }
	articleURL := func() string { return base + "/articles/" + ids[rng.IntN(len(ids))] }
	searchPageURL := func() string { return base + "/?q=" + query() }

	if n, _ := strconv.Atoi(os.Getenv("NEWSGRAPH_LOAD_INGEST")); n > 0 {
		stopIngest := ingestWhileLoading(t, ctx, st, path, n)
		defer func() {
			stored, secs := stopIngest()
			t.Logf("ingest beside the load (%d analysis workers, nice 10): the store gained %d articles in %.0f s (pages already stored by an earlier run are updated, not added: the rate is in the line above)", n, stored, secs)
		}()
	}

	// The floors: issue 8's 50 ms for the embedded store, issue 9's
	// 100 ms for PostgreSQL (there, while ingesting).
	searchFloor := 50 * time.Millisecond
	if postgres.IsDSN(path) {
		searchFloor = 100 * time.Millisecond
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	for _, c := range []struct {
		name   string
		next   func() string
		p95Max time.Duration
	}{
		{"search API (q)", searchURL, searchFloor},
		{"search API (q, facets)", facetURL, 0},
		{"article page", articleURL, 100 * time.Millisecond},
		{"search page (q, facets)", searchPageURL, 0},
	} {
		// A warm-up round, not counted: the first requests on each new
		// database connection pay for mapping the shared caches into it
		// (PostgreSQL's backends fault in shared_buffers page by page),
		// which says nothing about a running server.
		warm := make([]string, warmup)
		for i := range warm {
			warm[i] = c.next()
		}
		if _, err := measure(client, warm, workers); err != nil {
			t.Fatalf("%s warm-up: %v", c.name, err)
		}
		urls := make([]string, requests)
		for i := range urls {
			urls[i] = c.next()
		}
		lat, err := measure(client, urls, workers)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		p50, p95, p99 := pct(lat, 50), pct(lat, 95), pct(lat, 99)
		t.Logf("%-24s %d requests, %d workers: p50 %v  p95 %v  p99 %v  max %v", c.name, requests, workers,
			p50.Round(10*time.Microsecond), p95.Round(10*time.Microsecond), p99.Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
		if c.p95Max > 0 && p95 > c.p95Max {
			t.Errorf("%s: p95 %v is over the floor of %v", c.name, p95, c.p95Max)
		}
	}
}

// ingestWhileLoading stores new synthetic pages (demo.Synthesize) into the
// store at path with n analysis workers, in a process of its own at a
// lower CPU priority (nice 10, as doc/deploy.md runs workers beside an API
// server), until the returned stop is called; stop says how many articles
// the store gained and over how many seconds.
func ingestWhileLoading(t *testing.T, ctx context.Context, st store.Store, path string, n int) func() (int, float64) {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "newsgraph")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/newsgraph").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pages := filepath.Join(tmp, "pages")
	if _, err := demo.Synthesize(pages, 3000, uint64(time.Now().UnixNano())); err != nil {
		t.Fatal(err)
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Into PostgreSQL the deployed way: the pages go onto a JetStream
	// queue and `newsgraph worker` processes them; into SQLite, ingest
	// analyses and stores them itself.
	cmd := exec.Command("nice", "-n", "10", bin, "ingest", "--store", path, "--workers", strconv.Itoa(n), "--quiet", pages)
	if postgres.IsDSN(path) {
		nats := natstest.Start(t)
		if out, err := exec.Command(bin, "ingest", "--queue", nats.URL, "--quiet", pages).CombinedOutput(); err != nil {
			t.Fatalf("ingest --queue: %v\n%s", err, out)
		}
		cmd = exec.Command("nice", "-n", "10", bin, "worker", "--queue", nats.URL, "--store", path, "--workers", strconv.Itoa(n), "--quiet")
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	return func() (int, float64) {
		secs := time.Since(start).Seconds()
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		after, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("ingest: %s", strings.TrimSpace(out.String()))
		return after.Articles - before.Articles, secs
	}
}

// measure fetches every URL with a bounded number of workers and returns
// the sorted latencies. Any status but 200 is an error.
func measure(client *http.Client, urls []string, workers int) ([]time.Duration, error) {
	lat := make([]time.Duration, len(urls))
	jobs := make(chan int)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				start := time.Now()
				resp, err := client.Get(urls[i])
				if err != nil {
					errc <- err
					return
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(start)
				if err != nil || resp.StatusCode != 200 {
					errc <- fmt.Errorf("GET %s: status %d, %v", urls[i], resp.StatusCode, err)
					return
				}
			}
		}()
	}
	for i := range urls {
		select {
		case jobs <- i:
		case err := <-errc:
			close(jobs)
			wg.Wait()
			return nil, err
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return nil, err
	default:
	}
	slices.Sort(lat)
	return lat, nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// sampleIDs reads up to n article ids from the store.
func sampleIDs(ctx context.Context, st store.Store, n int) ([]string, error) {
	var ids []string
	for off := 0; len(ids) < n; off += 1000 {
		res, err := st.Search(ctx, store.Query{Sort: "date", Limit: 1000, Offset: off * 37 % 50000})
		if err != nil {
			return nil, err
		}
		if len(res.Articles) == 0 {
			break
		}
		for _, a := range res.Articles {
			ids = append(ids, a.ID)
		}
		if off > 100000 {
			break
		}
	}
	return ids, nil
}
