package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// evalSet is trafilatura's evaluation set beside the repository.
var evalSet = filepath.Join("..", "..", "shared", "data", "extraction", "trafilatura-eval")

// evalPages returns the pages of the trafilatura evaluation set with their
// URLs, sorted by URL, or skips when ../shared is not there.
func evalPages(tb testing.TB) (pages [][]byte, urls []string) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(evalSet, "evaldata.json"))
	if err != nil {
		tb.Skipf("trafilatura evaluation set not found (%v); skipping", err)
	}
	var gold map[string]struct {
		File string `json:"file"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		tb.Fatal(err)
	}
	for u := range gold {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		page, err := readGzipPage(gold[u].File)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, page)
	}
	return pages, urls
}

// readGzipPage reads one stored page from cache/ or eval/.
func readGzipPage(name string) ([]byte, error) {
	var err error
	for _, sub := range []string{"cache", "eval"} {
		var f *os.File
		if f, err = os.Open(filepath.Join(evalSet, sub, name+".gz")); err != nil {
			continue
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	return nil, err
}

// BenchmarkRead reads every page of trafilatura's evaluation set (990
// pages) per iteration; pages/s is the throughput figure of issue 4 in
// wall-clock time, pages/cpu-s the same per second of CPU time this
// process used, which a machine shared with other work does not deflate.
// Run it on one core:
//
//	GOMAXPROCS=1 go test ./extract/ -run '^$' -bench '^BenchmarkRead$' -cpu 1 -benchtime 1x
func BenchmarkRead(b *testing.B) {
	pages, urls := evalPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	b.SetBytes(size)
	n := 0
	var cpu time.Duration
	for b.Loop() {
		start := cpuTime()
		for i, p := range pages {
			_, _ = Read(bytes.Clone(p), Options{URL: urls[i]})
			n++
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "pages/cpu-s")
	}
}
