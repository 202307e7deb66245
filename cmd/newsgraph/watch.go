package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"newsgraph/pipeline"
)

const watchSynopsis = "newsgraph watch [--store PATH] [--interval DURATION] [--rounds N] [--allow-private] [--no-robots] FEED..."

// runWatch polls feeds (or sitemaps, or any ingest source) on an interval
// and stores what is new: each round is an ingest run, and items already
// stored are skipped before any fetch of their page is analysed. It runs
// until interrupted, or for --rounds rounds.
func runWatch(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	var sf sourceFlags
	sf.register(fs)
	interval := fs.Duration("interval", 15*time.Minute, "time between polls (at least 1s)")
	rounds := fs.Int("rounds", 0, "stop after N rounds (0: until interrupted)")
	feeds, err := parseInterspersed(fs, watchSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		return usagef("watch: want at least one FEED (usage: %s)", watchSynopsis)
	}
	if *interval < time.Second {
		return usagef("watch: --interval %v: want at least 1s", *interval)
	}
	if *rounds < 0 {
		return usagef("watch: --rounds %d: want 0 or more", *rounds)
	}
	path, st, opts, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pipe := pipeline.Default()
	failed := int64(0)
	for round := 1; *rounds == 0 || round <= *rounds; round++ {
		ing := &ingester{st: st, pipe: pipe, opts: opts, stderr: stderr, workers: runtime.GOMAXPROCS(0), expected: -1}
		start := time.Now()
		ing.run(ctx, feeds)
		fmt.Fprintf(stdout, "watch round %d: ", round)
		ing.summary(stdout, path, time.Since(start))
		failed += ing.stats.failed.Load()
		if ctx.Err() != nil || (*rounds != 0 && round == *rounds) {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(*interval):
		}
		if ctx.Err() != nil {
			break
		}
	}
	if *rounds != 0 && failed > 0 {
		return fmt.Errorf("watch: %d item(s) failed (see the errors above)", failed)
	}
	return nil
}
