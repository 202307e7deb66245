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
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"newsgraph/ingest"
	"newsgraph/pipeline"
	"newsgraph/store"
)

const ingestSynopsis = "newsgraph ingest [--store PATH|postgres://…] [--queue nats://…] [--workers N] [--allow-private] [--no-robots] [--force] SOURCE..."

// defaultStorePath is where the store lives when neither --store nor
// $NEWSGRAPH_STORE says otherwise: newsgraph.db in the current folder.
const defaultStorePath = "newsgraph.db"

// storePath resolves the store location: the flag, else
// $NEWSGRAPH_STORE, else defaultStorePath.
func storePath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("NEWSGRAPH_STORE"); env != "" {
		return env
	}
	return defaultStorePath
}

// sourceFlags are the flags that ingest and watch share: where the store
// is and how sources are fetched.
type sourceFlags struct {
	store        string
	allowPrivate bool
	noRobots     bool
}

func (sf *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.store, "store", "", "the store file or postgres:// URL (default $NEWSGRAPH_STORE, else "+defaultStorePath+" in the current folder)")
	fs.BoolVar(&sf.allowPrivate, "allow-private", false, "allow fetching from private, loopback and link-local addresses")
	fs.BoolVar(&sf.noRobots, "no-robots", false, "do not consult robots.txt (only for sites you run)")
}

// open opens the store (a file, or a postgres:// URL) and returns the
// fetch options the flags ask for.
func (sf *sourceFlags) open() (string, store.Store, ingest.Options, error) {
	st, path, err := openStore(storePath(sf.store))
	if err != nil {
		return "", nil, ingest.Options{}, err
	}
	return path, st, sf.options(), nil
}

// options are the fetch options the flags ask for.
func (sf *sourceFlags) options() ingest.Options {
	opts := ingest.DefaultOptions()
	opts.AllowPrivate = sf.allowPrivate
	opts.RespectRobots = !sf.noRobots
	return opts
}

// ingestStats are the counters of one ingest run.
type ingestStats struct {
	read     atomic.Int64 // items read from sources
	stored   atomic.Int64 // articles put (new or replaced)
	new      atomic.Int64 // of which new
	skipped  atomic.Int64 // items already in the store (resume)
	failed   atomic.Int64 // bad sources and bad items
	inFlight atomic.Int64
}

// runIngest reads every SOURCE (files, folders, URLs, feeds, sitemaps,
// WARC archives, - for standard input), runs extraction and the analysis
// pipeline on a worker pool, and stores each article. It is resumable: an
// item whose source URL is already stored is skipped before any work, and
// Put is an idempotent upsert, so an interrupted run followed by a rerun
// stores every article exactly once.
func runIngest(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	var sf sourceFlags
	sf.register(fs)
	workers := fs.Int("workers", 0, "analysis workers (default: one per CPU)")
	force := fs.Bool("force", false, "re-analyse items already in the store instead of skipping them")
	quiet := fs.Bool("quiet", false, "no progress output, only errors and the summary")
	queueFlag := fs.String("queue", "", "only enqueue the items to this work queue (nats://HOST:PORT) for newsgraph worker")
	specs, err := parseInterspersed(fs, ingestSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(specs) == 0 {
		return usagef("ingest: want at least one SOURCE (usage: %s)", ingestSynopsis)
	}
	if *workers < 0 {
		return usagef("ingest: --workers %d: want 0 or more", *workers)
	}
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *queueFlag != "" {
		return runEnqueue(*queueFlag, specs, sf.options(), *quiet, stdout, stderr)
	}
	path, st, opts, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ing := &ingester{
		st:      st,
		pipe:    pipeline.Default(),
		opts:    opts,
		force:   *force,
		stderr:  stderr,
		workers: *workers,
		tty:     isTerminal(stderr),
	}
	ing.expected = countPages(specs)
	start := time.Now()
	stopProgress := ing.progress(ctx, start, *quiet)
	ing.run(ctx, specs)
	stopProgress()
	ing.summary(stdout, path, time.Since(start))
	if ctx.Err() != nil {
		return fmt.Errorf("ingest: interrupted; the store is consistent, run the same command again to resume")
	}
	if n := ing.stats.failed.Load(); n > 0 {
		return fmt.Errorf("ingest: %d item(s) failed (see the errors above)", n)
	}
	return nil
}

type ingester struct {
	st      store.Store
	pipe    *pipeline.Pipeline
	opts    ingest.Options
	force   bool
	workers int
	stats   ingestStats
	// expected is how many items the sources hold when that is known
	// beforehand (files and folders of single pages), else -1.
	expected int

	errMu  sync.Mutex
	stderr io.Writer
	tty    bool // stderr is a terminal: progress is one line rewritten in place
}

// fail reports one bad source or item as one line.
func (in *ingester) fail(what string, err error) {
	in.stats.failed.Add(1)
	msg := err.Error()
	if errors.Is(err, ingest.ErrPrivateAddress) {
		msg += "; pass --allow-private to fetch from private networks and this machine"
	}
	if what != "" && !strings.Contains(msg, what) {
		msg = what + ": " + msg
	}
	clear := ""
	if in.tty {
		clear = "\r\033[K"
	}
	in.errMu.Lock()
	fmt.Fprintf(in.stderr, "%snewsgraph: ingest: %s\n", clear, msg)
	in.errMu.Unlock()
}

// run reads the sources one after another into a bounded queue that the
// workers drain.
func (in *ingester) run(ctx context.Context, specs []string) {
	items := make(chan *ingest.Item, in.workers*2)
	var wg sync.WaitGroup
	for w := 0; w < in.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				in.process(ctx, it)
				in.stats.inFlight.Add(-1)
			}
		}()
	}
	for _, spec := range specs {
		if ctx.Err() != nil {
			break
		}
		in.readSource(ctx, spec, items)
	}
	close(items)
	wg.Wait()
}

func (in *ingester) readSource(ctx context.Context, spec string, items chan<- *ingest.Item) {
	src, err := ingest.Open(ctx, spec, in.opts)
	if err != nil {
		if ctx.Err() == nil {
			in.fail(spec, err)
		}
		return
	}
	defer src.Close()
	for {
		it, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return
		}
		if ctx.Err() != nil {
			return
		}
		var ie *ingest.ItemError
		if errors.As(err, &ie) {
			in.fail(spec, err)
			continue
		}
		if err != nil {
			in.fail(spec, err)
			return
		}
		in.stats.read.Add(1)
		if !in.force && it.URL != "" {
			seen, err := in.st.Seen(ctx, it.URL)
			if err != nil {
				in.fail(it.URL, err)
				continue
			}
			if seen {
				in.stats.skipped.Add(1)
				continue
			}
		}
		in.stats.inFlight.Add(1)
		select {
		case items <- it:
		case <-ctx.Done():
			in.stats.inFlight.Add(-1)
			return
		}
	}
}

// process extracts, analyses and stores one item.
func (in *ingester) process(ctx context.Context, it *ingest.Item) {
	name := it.URL
	if name == "" {
		name = "stdin"
	}
	doc, err := analyse(ctx, in.pipe, it)
	if err != nil {
		if ctx.Err() == nil {
			in.fail(name, err)
		}
		return
	}
	// Store even when interrupted meanwhile: the work is done and one
	// transaction is quick. A SIGKILL here loses only this article.
	res, err := in.st.Put(context.WithoutCancel(ctx), doc, store.PutOptions{SourceURL: it.URL})
	if err != nil {
		in.fail(name, err)
		return
	}
	in.stats.stored.Add(1)
	if res.New {
		in.stats.new.Add(1)
	}
}

// progress reports every half second on a terminal (one line rewritten in
// place) and every ten seconds as slog lines otherwise. The returned
// function stops it.
func (in *ingester) progress(ctx context.Context, start time.Time, quiet bool) func() {
	if quiet {
		return func() {}
	}
	tty := in.tty
	every := 10 * time.Second
	if tty {
		every = 500 * time.Millisecond
	}
	logger := slog.New(slog.NewTextHandler(in.stderr, nil))
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if tty {
					in.errMu.Lock()
					fmt.Fprint(in.stderr, "\r\033[K")
					in.errMu.Unlock()
				}
				return
			case <-t.C:
			}
			s := &in.stats
			el := time.Since(start).Seconds()
			rate := float64(s.stored.Load()) / el
			eta := in.eta(rate)
			if tty {
				line := fmt.Sprintf("%d stored, %d skipped, %d failed, %.1f articles/s, %d queued",
					s.stored.Load(), s.skipped.Load(), s.failed.Load(), rate, s.inFlight.Load())
				if eta >= 0 {
					line += fmt.Sprintf(", ETA %s", eta.Round(time.Second))
				}
				in.errMu.Lock()
				fmt.Fprint(in.stderr, "\r\033[K"+line)
				in.errMu.Unlock()
			} else {
				attrs := []any{"stored", s.stored.Load(), "skipped", s.skipped.Load(),
					"failed", s.failed.Load(), "articles_per_s", fmt.Sprintf("%.1f", rate)}
				if eta >= 0 {
					attrs = append(attrs, "eta", eta.Round(time.Second).String())
				}
				logger.Info("ingest progress", attrs...)
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); <-finished }) }
}

// eta estimates the time left from the rate so far, or -1 when the
// number of items is not known.
func (in *ingester) eta(rate float64) time.Duration {
	if in.expected < 0 || rate <= 0 {
		return -1
	}
	s := &in.stats
	left := in.expected - int(s.stored.Load()+s.skipped.Load()+s.failed.Load())
	if left < 0 {
		left = 0
	}
	return time.Duration(float64(left) / rate * float64(time.Second))
}

// countPages counts the items of sources that are files or folders of
// single pages (HTML and text), the only ones whose size is known before
// reading them; -1 when any source is a URL, standard input, or a file
// that holds many items (WARC, feeds, sitemaps).
func countPages(specs []string) int {
	n := 0
	for _, spec := range specs {
		if spec == "-" || strings.Contains(spec, "://") {
			return -1
		}
		fi, err := os.Stat(spec)
		if err != nil {
			continue // reported when the source is opened
		}
		if !fi.IsDir() {
			if !singlePage(spec) {
				return -1
			}
			n++
			continue
		}
		many := false
		filepath.WalkDir(spec, func(path string, d os.DirEntry, err error) error {
			if err != nil || many {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != spec {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			lower := strings.ToLower(name)
			switch {
			case singlePage(lower):
				n++
			case strings.HasSuffix(lower, ".warc"), strings.HasSuffix(lower, ".warc.gz"), strings.HasSuffix(lower, ".xml"),
				strings.HasSuffix(lower, ".rss"), strings.HasSuffix(lower, ".atom"):
				many = true
			}
			return nil
		})
		if many {
			return -1
		}
	}
	return n
}

// singlePage reports whether a file name is one that ingest reads as a
// single page.
func singlePage(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".html", ".htm", ".xhtml", ".txt"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

func (in *ingester) summary(w io.Writer, path string, took time.Duration) {
	s := &in.stats
	stored := s.stored.Load()
	rate := 0.0
	if took > 0 {
		rate = float64(stored) / took.Seconds()
	}
	fmt.Fprintf(w, "ingest: %d stored (%d new, %d updated), %d already stored, %d failed in %.1fs (%.1f articles/s) into %s\n",
		stored, s.new.Load(), stored-s.new.Load(), s.skipped.Load(), s.failed.Load(), took.Seconds(), rate, path)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
