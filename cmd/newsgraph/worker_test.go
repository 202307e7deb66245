package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsgraph/queue"
	"newsgraph/queue/natstest"
	"newsgraph/store/postgres"
	"newsgraph/store/postgres/pgtest"
)

// pgCounts returns the articles, distinct source URLs and distinct ids
// in the Postgres store at dsn (-1s when it cannot be read now).
func pgCounts(t *testing.T, dsn string) (articles, sources, ids int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		return -1, -1, -1
	}
	defer st.Close()
	if err := st.Pool().QueryRow(ctx, "SELECT count(*), count(DISTINCT source_url), count(DISTINCT id) FROM articles").
		Scan(&articles, &sources, &ids); err != nil {
		return -1, -1, -1
	}
	return articles, sources, ids
}

func queueStats(t *testing.T, url string) queue.Stats {
	t.Helper()
	q, err := queue.OpenJetStream(context.Background(), url, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	s, err := q.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestQueueWorkerPostgresOutage enqueues a folder with one bad page,
// runs a worker into Postgres, stops Postgres for 10 s while the worker
// runs, and checks the exact counts: every good page stored once, the
// bad one dead-lettered, nothing else lost or doubled.
func TestQueueWorkerPostgresOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs NATS, Postgres and a 10 s outage")
	}
	pg := pgtest.Start(t)
	if os.Getenv(pgtest.EnvDSN) != "" {
		t.Skip("the outage needs a throwaway cluster, not " + pgtest.EnvDSN)
	}
	dsn := pg.Schema(t)
	nats := natstest.Start(t)
	const pages = 40
	dir := synthFolder(t, pages)
	if err := os.WriteFile(filepath.Join(dir, "binary.html"), []byte("\x00\x01\x02\x03garbage\x00\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "ingest", "--queue", nats.URL, dir)
	if code != exitOK || !strings.Contains(out, "41 enqueued, 0 duplicates") {
		t.Fatalf("ingest --queue: exit %d\n%s\n%s", code, out, errOut)
	}
	// Again: every job is a duplicate.
	if _, out, _ = runCLI(t, "", "ingest", "--queue", nats.URL, dir); !strings.Contains(out, "0 enqueued, 41 duplicates") {
		t.Errorf("second ingest --queue: %s", out)
	}

	var wg sync.WaitGroup
	var wout, werr string
	var wcode int
	wg.Add(1)
	go func() {
		defer wg.Done()
		wcode, wout, werr = runCLI(t, "", "worker", "--queue", nats.URL, "--store", dsn, "--workers", "2", "--drain", "--quiet", "--max-attempts", "6")
	}()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		n, _, _ := pgCounts(t, dsn)
		if n >= 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("worker stored nothing in 3 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	pg.Stop()
	time.Sleep(10 * time.Second)
	if err := pg.Restart(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if wcode != exitOK {
		t.Fatalf("worker: exit %d\n%s\n%s", wcode, wout, werr)
	}
	articles, sources, ids := pgCounts(t, dsn)
	qs := queueStats(t, nats.URL)
	t.Logf("sent %d, stored %d, dead-lettered %d; worker: %s", pages+1, articles, qs.Dead, strings.TrimSpace(wout))
	if articles != pages || sources != pages || ids != pages {
		t.Errorf("%d articles, %d sources, %d ids; want %d each", articles, sources, ids, pages)
	}
	if qs.Pending != 0 || qs.Dead != 1 {
		t.Errorf("queue after drain: %+v; want nothing pending and 1 dead letter (binary.html)", qs)
	}
	if !strings.Contains(wout, "store retries") {
		t.Errorf("worker summary: %s", wout)
	}
}

// TestQueueWorkerKilled kills a worker process (SIGKILL) while it is
// analysing articles; the jobs it held come back after --ack-wait and a
// second worker stores every page exactly once.
func TestQueueWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs NATS and Postgres")
	}
	pg := pgtest.Start(t)
	dsn := pg.Schema(t)
	nats := natstest.Start(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "newsgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const pages = 40
	dir := synthFolder(t, pages)
	if code, out, errOut := runCLI(t, "", "ingest", "--queue", nats.URL, dir); code != exitOK {
		t.Fatalf("ingest --queue: exit %d\n%s\n%s", code, out, errOut)
	}
	worker := exec.Command(bin, "worker", "--queue", nats.URL, "--store", dsn, "--workers", "2", "--ack-wait", "3s", "--quiet")
	var errb bytes.Buffer
	worker.Stderr = &errb
	if err := worker.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for {
		if n, _, _ := pgCounts(t, dsn); n >= 5 {
			break
		}
		if time.Now().After(deadline) {
			worker.Process.Kill()
			t.Fatalf("worker stored nothing in 3 minutes:\n%s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	held := queueStats(t, nats.URL).InFlight
	worker.Process.Signal(syscall.SIGKILL)
	worker.Wait()
	killedAt, _, _ := pgCounts(t, dsn)

	out, err := exec.Command(bin, "worker", "--queue", nats.URL, "--store", dsn, "--workers", "2", "--ack-wait", "3s", "--drain", "--quiet").CombinedOutput()
	if err != nil {
		t.Fatalf("second worker: %v\n%s", err, out)
	}
	articles, sources, ids := pgCounts(t, dsn)
	qs := queueStats(t, nats.URL)
	t.Logf("sent %d; killed worker stored %d and held %d jobs; after the second worker: stored %d, dead %d, pending %d",
		pages, killedAt, held, articles, qs.Dead, qs.Pending)
	if articles != pages || sources != pages || ids != pages {
		t.Errorf("%d articles, %d sources, %d ids; want %d each", articles, sources, ids, pages)
	}
	if qs.Pending != 0 || qs.Dead != 0 {
		t.Errorf("queue: %+v; want empty, no dead letters", qs)
	}
}

// TestWorkerUsage: bad command lines exit 2 with one line; an unreachable
// queue exits 1.
func TestWorkerUsage(t *testing.T) {
	for _, args := range [][]string{
		{"worker"},
		{"worker", "--queue", "redis://localhost"},
		{"worker", "--queue", "nats://127.0.0.1:1", "extra"},
		{"ingest", "--queue", "amqp://x", "somewhere"},
	} {
		code, _, errOut := runCLI(t, "", args...)
		if code != exitUsage || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line", args, code, errOut, exitUsage)
		}
	}
	code, _, errOut := runCLI(t, "", "worker", "--queue", "nats://127.0.0.1:1", "--store", "postgres://u:secret@127.0.0.1:1/db")
	if code != exitInput || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "secret") {
		t.Errorf("unreachable Postgres: exit %d, stderr %q; want %d, one line, no password", code, errOut, exitInput)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	code, _, errOut = runCLI(t, "", "worker", "--queue", "nats://127.0.0.1:1", "--store", db)
	if code != exitInput || !strings.Contains(errOut, "queue") {
		t.Errorf("unreachable queue: exit %d, stderr %q; want %d", code, errOut, exitInput)
	}
}
