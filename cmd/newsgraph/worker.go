package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/ingest"
	"newsgraph/pipeline"
	"newsgraph/queue"
	"newsgraph/store"
	"newsgraph/store/postgres"
	"newsgraph/store/sqlite"
)

const workerSynopsis = "newsgraph worker --queue nats://HOST:PORT [--store postgres://…|PATH] [--workers N] [--max-attempts N] [--ack-wait DURATION] [--force] [--drain] [--quiet]"

// openStore opens the store that spec names: a postgres:// URL (the
// PostgreSQL store) or a file path (the SQLite store). It also returns a
// name to print, without a password.
func openStore(spec string) (store.Store, string, error) {
	if postgres.IsDSN(spec) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		st, err := postgres.Open(ctx, spec)
		if err != nil {
			return nil, postgres.Redact(spec), err
		}
		return st, postgres.Redact(spec), nil
	}
	st, err := sqlite.Open(spec)
	return st, spec, err
}

// analyse extracts and analyses one ingest item. A file:// URL is where
// the bytes were, not the article's address, so it is not the page URL.
func analyse(ctx context.Context, pipe *pipeline.Pipeline, it *ingest.Item) (*document.Document, error) {
	pageURL := it.URL
	if strings.HasPrefix(pageURL, "file:") {
		pageURL = ""
	}
	doc, err := extract.Read(it.Body, extract.Options{URL: pageURL, Published: it.Published})
	if err != nil {
		return nil, err
	}
	if doc.Title == "" && it.Title != "" {
		doc.Title = it.Title
	}
	if err := pipe.Process(ctx, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// checkQueueURL makes a queue URL of the wrong kind a usage error.
func checkQueueURL(u string) error {
	if !strings.HasPrefix(u, "nats://") && !strings.HasPrefix(u, "tls://") {
		return usagef("--queue %q: want nats://HOST:PORT", u)
	}
	return nil
}

// runEnqueue is ingest --queue: it reads every source and enqueues one
// job per item, for newsgraph worker to analyse and store.
func runEnqueue(queueURL string, specs []string, opts ingest.Options, quiet bool, stdout, stderr io.Writer) error {
	if err := checkQueueURL(queueURL); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	q, err := queue.Open(ctx, queueURL, queue.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	var enqueued, dups, failed int
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, "newsgraph: ingest: "+format+"\n", args...) }
	start := time.Now()
	for _, spec := range specs {
		if ctx.Err() != nil {
			break
		}
		src, err := ingest.Open(ctx, spec, opts)
		if err != nil {
			if ctx.Err() == nil {
				failed++
				logf("%v", err)
			}
			continue
		}
		for ctx.Err() == nil {
			it, err := src.Next(ctx)
			if errors.Is(err, io.EOF) || ctx.Err() != nil {
				break
			}
			if err != nil {
				failed++
				logf("%s: %v", spec, err)
				var ie *ingest.ItemError
				if errors.As(err, &ie) {
					continue
				}
				break
			}
			added, err := q.Enqueue(ctx, &queue.Job{URL: it.URL, Published: it.Published, Title: it.Title,
				ContentType: it.ContentType, Body: it.Body})
			switch {
			case err != nil:
				failed++
				logf("%v", err)
			case added:
				enqueued++
			default:
				dups++
			}
			if !quiet && (enqueued+dups)%1000 == 0 {
				logf("%d enqueued", enqueued)
			}
		}
		src.Close()
	}
	fmt.Fprintf(stdout, "ingest: %d enqueued, %d duplicates dropped, %d failed in %.1fs into %s\n",
		enqueued, dups, failed, time.Since(start).Seconds(), queueURL)
	if ctx.Err() != nil {
		return fmt.Errorf("ingest: interrupted; run the same command again (duplicates are dropped)")
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d item(s) failed (see the errors above)", failed)
	}
	return nil
}

// workerStats are the counters of one worker process.
type workerStats struct {
	stored, new, skipped, failed, retried atomic.Int64
}

// runWorker consumes ingest jobs from the queue, analyses each, stores it
// and acknowledges the job; see package queue for delivery guarantees.
func runWorker(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	queueFlag := fs.String("queue", "", "the work queue, nats://HOST:PORT")
	storeFlag := fs.String("store", "", "the store: postgres://… or a file (default $NEWSGRAPH_STORE, else "+defaultStorePath+")")
	workers := fs.Int("workers", 0, "analysis workers in this process (default: one per CPU)")
	maxAttempts := fs.Int("max-attempts", 5, "tries of a job before it goes to the dead-letter subject")
	ackWait := fs.Duration("ack-wait", 30*time.Second, "how long a job taken by a worker that died waits before another worker gets it")
	force := fs.Bool("force", false, "re-analyse items already in the store instead of skipping them")
	drain := fs.Bool("drain", false, "exit when the queue is empty instead of waiting for more jobs")
	quiet := fs.Bool("quiet", false, "no progress output, only errors and the summary")
	rest, err := parseInterspersed(fs, workerSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usagef("worker: unexpected argument %q (usage: %s)", rest[0], workerSynopsis)
	}
	if *queueFlag == "" {
		return usagef("worker: want --queue nats://HOST:PORT (usage: %s)", workerSynopsis)
	}
	if err := checkQueueURL(*queueFlag); err != nil {
		return err
	}
	if *workers < 0 || *maxAttempts < 1 {
		return usagef("worker: --workers wants 0 or more, --max-attempts 1 or more")
	}
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	st, name, err := openStore(storePath(*storeFlag))
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	q, err := queue.Open(ctx, *queueFlag, queue.Options{MaxAttempts: *maxAttempts, AckWait: *ackWait})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	defer q.Close()

	pipe := pipeline.Default()
	var stats workerStats
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	handle := func(ctx context.Context, j *queue.Job) error {
		it := &ingest.Item{URL: j.URL, Body: j.Body, Published: j.Published, Title: j.Title, ContentType: j.ContentType}
		if !*force && it.URL != "" {
			seen, err := st.Seen(ctx, it.URL)
			if err != nil {
				stats.retried.Add(1)
				return err // the store is down: try again later
			}
			if seen {
				stats.skipped.Add(1)
				return nil
			}
		}
		doc, err := analyse(ctx, pipe, it)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			stats.failed.Add(1)
			logger.Warn("bad item", "url", it.URL, "err", err)
			return queue.Permanent(err)
		}
		res, err := st.Put(context.WithoutCancel(ctx), doc, store.PutOptions{SourceURL: it.URL})
		if err != nil {
			stats.retried.Add(1)
			logger.Warn("store failed, will retry", "url", it.URL, "err", err)
			return err
		}
		stats.stored.Add(1)
		if res.New {
			stats.new.Add(1)
		}
		return nil
	}
	start := time.Now()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		last := time.Now()
		for {
			select {
			case <-cctx.Done():
				return
			case <-t.C:
			}
			qs, err := q.Stats(cctx)
			if *drain && err == nil && qs.Pending == 0 {
				cancel()
				return
			}
			if !*quiet && time.Since(last) >= 10*time.Second {
				last = time.Now()
				logger.Info("worker progress", "stored", stats.stored.Load(), "skipped", stats.skipped.Load(),
					"failed", stats.failed.Load(), "retried", stats.retried.Load(), "pending", qs.Pending, "dead", qs.Dead)
			}
		}
	}()
	if !*quiet {
		fmt.Fprintf(stderr, "newsgraph: worker: %d workers consuming %s into %s\n", *workers, *queueFlag, name)
	}
	if err := q.Consume(cctx, *workers, handle); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	took := time.Since(start)
	fmt.Fprintf(stdout, "worker: %d stored (%d new), %d already stored, %d bad items dead-lettered, %d store retries in %.1fs (%.1f articles/s) into %s\n",
		stats.stored.Load(), stats.new.Load(), stats.skipped.Load(), stats.failed.Load(), stats.retried.Load(), took.Seconds(),
		float64(stats.stored.Load())/took.Seconds(), name)
	return nil // drained, or stopped by a signal: the normal end of a worker
}
