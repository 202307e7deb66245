// Command bigstore fills a store with many articles for load tests of the
// store and the HTTP server (the 100,000-article floor):
//
//	go run ./demo/bigstore --out /tmp/ng100k.db --n 100000
//	go run ./demo/bigstore --out postgres://user@127.0.0.1:5432/db --n 100000
//
// An existing store is filled up to n articles, so an interrupted run
// can be resumed. Articles go in 500 to a transaction into SQLite
// (Store.PutMany), and four at a time, one transaction each, into
// PostgreSQL (a DSN as --out).
//
// It analyses the demo corpus and some synthetic variants of it once
// (demo.Synthesize, the full pipeline), then stores n copies of those
// analysed documents, each with its own URL, site, publication date
// (spread over two years) and a distinguishing sentence, so that search,
// facets and stories work over realistic documents without running the
// pipeline n times. The copies are synthetic: use the store for speed,
// never for accuracy.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"newsgraph/cluster"
	"newsgraph/demo"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
	"newsgraph/store"
	"newsgraph/store/postgres"
	"newsgraph/store/sqlite"
)

// filler is what bigstore needs of a store.
type filler interface {
	Stats(context.Context) (*store.Stats, error)
	Close() error
	putBatch(ctx context.Context, docs []*document.Document, opts []store.PutOptions) error
}

type sqliteFiller struct{ *sqlite.Store }

func (f sqliteFiller) putBatch(ctx context.Context, docs []*document.Document, opts []store.PutOptions) error {
	return f.PutMany(ctx, docs, opts)
}

type postgresFiller struct{ *postgres.Store }

// putBatch stores the batch with four concurrent transactions.
func (f postgresFiller) putBatch(ctx context.Context, docs []*document.Document, opts []store.PutOptions) error {
	errc := make(chan error, 4)
	for w := range 4 {
		go func() {
			for i := w; i < len(docs); i += 4 {
				if _, err := f.Put(ctx, docs[i], opts[i]); err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	var first error
	for range 4 {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func main() {
	out := flag.String("out", "", "store file, or PostgreSQL DSN, to fill (required)")
	n := flag.Int("n", 100000, "articles to store")
	bases := flag.Int("bases", 1000, "distinct analysed documents to copy from")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "bigstore: want --out FILE")
		os.Exit(2)
	}
	if err := run(*out, *n, *bases); err != nil {
		fmt.Fprintf(os.Stderr, "bigstore: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, n, bases int) error {
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "bigstore")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	vs, err := demo.Synthesize(filepath.Join(tmp, "pages"), bases, 3)
	if err != nil {
		return err
	}
	docs := make([]*document.Document, 0, len(vs))
	for _, v := range vs {
		d, err := extract.Read(v.HTML(), extract.Options{URL: v.URL})
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	start := time.Now()
	var errs int
	pipeline.Default().ProcessAll(ctx, docs, 0, func(r pipeline.Result) {
		if r.Err != nil {
			errs++
		}
	})
	fmt.Fprintf(os.Stderr, "bigstore: analysed %d documents in %s (%d errors)\n", len(docs), time.Since(start).Round(time.Second), errs)
	var st filler
	if postgres.IsDSN(out) {
		pg, err := postgres.Open(ctx, out)
		if err != nil {
			return err
		}
		st = postgresFiller{pg}
	} else {
		sq, err := sqlite.Open(out)
		if err != nil {
			return err
		}
		st = sqliteFiller{sq}
	}
	defer st.Close()
	// An existing store is filled up to n: the run can be resumed.
	have, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, uint64(have.Articles)))
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	start = time.Now()
	const batch = 500
	var bdocs []*document.Document
	var bopts []store.PutOptions
	for i := have.Articles; i < n; i++ {
		base := docs[i%len(docs)]
		d := *base
		site := fmt.Sprintf("outlet%02d.example", rng.IntN(50))
		date := day0.AddDate(0, 0, rng.IntN(730))
		d.URL = fmt.Sprintf("https://%s/%s/%d", site, date.Format("2006/01/02"), i)
		d.Site = site
		d.Published = date.Format("2006-01-02")
		// The added sentence comes after every offset, so spans stay valid.
		d.Text = base.Text + fmt.Sprintf("\n\nFiled by desk %d as item %d.", rng.IntN(400), i)
		d.ID = document.StableID(d.URL, d.Text)
		d.Fingerprint = fmt.Sprintf("%016x", cluster.SimHash(d.Text)^rng.Uint64()&0x0f0f0f0f0f0f0f0f)
		bdocs = append(bdocs, &d)
		bopts = append(bopts, store.PutOptions{SourceURL: d.URL})
		if len(bdocs) == batch || i == n-1 {
			if err := st.putBatch(ctx, bdocs, bopts); err != nil {
				return err
			}
			bdocs, bopts = bdocs[:0], bopts[:0]
		}
		if (i+1)%10000 == 0 {
			fmt.Fprintf(os.Stderr, "bigstore: %d stored, %.0f/s\n", i+1, float64(i+1-have.Articles)/time.Since(start).Seconds())
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bigstore: %s: %d articles, %d entities, %d stories, %d MB\n", out, s.Articles, s.Entities, s.Stories, s.SizeBytes>>20)
	return nil
}
