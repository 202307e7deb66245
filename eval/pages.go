package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// findDataset accepts a data folder or its subfolder sub, whichever holds
// the file marker, so that --data may name either.
func findDataset(dir, sub, marker string) (string, error) {
	for _, d := range []string{dir, filepath.Join(dir, sub)} {
		if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("no %s in %s or %s", marker, dir, filepath.Join(dir, sub))
}

// parallel calls fn(i) for i in [0, n) on a pool of GOMAXPROCS workers and
// returns the wall-clock seconds the pool took. It stops handing out work
// when ctx ends and then returns ctx's error.
func parallel(ctx context.Context, n int, fn func(i int)) (float64, error) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fn(i)
			}
		}()
	}
	var cerr error
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			cerr = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return time.Since(start).Seconds(), cerr
}

// writeJSONLines writes one JSON line per item to path, creating its
// folder, and returns path: the per-item results a suite leaves for
// people to read.
func writeJSONLines[T any](path string, items []T) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("create output folder: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i, it := range items {
		if err := enc.Encode(it); err != nil {
			return "", fmt.Errorf("encode item %d: %w", i, err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

// benchPage is what every page of a page-based benchmark has: its URL (the
// key of the gold file), the stored file and, once loaded, its bytes.
type benchPage struct {
	URL  string `json:"-"`
	File string `json:"file"`
	raw  []byte // the stored page, gzipped or not
}

func (p *benchPage) page() *benchPage { return p }

// loadPages reads a gold file mapping URL → entry and every entry's page,
// sorted by URL so that a limited run always takes the same pages.
func loadPages[E any, P interface {
	*E
	page() *benchPage
}](root, goldName string, limit int) ([]*E, error) {
	name := filepath.Join(root, goldName)
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read gold data: %w", err)
	}
	var byURL map[string]*E
	if err := json.Unmarshal(b, &byURL); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	entries := make([]*E, 0, len(byURL))
	for u, e := range byURL {
		if e == nil {
			return nil, fmt.Errorf("decode %s: entry %s is null", name, u)
		}
		P(e).page().URL = u
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return P(entries[i]).page().URL < P(entries[j]).page().URL })
	if limit > 0 && limit < len(entries) {
		entries = entries[:limit]
	}
	for _, e := range entries {
		pg := P(e).page()
		if pg.raw, err = readPageFile(root, pg.File); err != nil {
			return nil, err
		}
	}
	return entries, nil
}
