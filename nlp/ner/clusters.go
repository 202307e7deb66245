package ner

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"newsgraph/nlp/wordfeat"
)

// clustersGz groups 100,000 frequent lower-case words into 1024, 256 and
// 64 clusters by their GloVe vectors; nlp/ner/internal/genclusters makes
// it and says how.
//
//go:embed data/clusters.tsv.gz
var clustersGz []byte

// clusters maps a lower-case word to its cluster at each granularity,
// finest first, as feature values ("c17").
type clusters struct {
	fine   map[string]uint16
	levels [][]string // levels[fineID] = names, finest first
}

var loadClusters = sync.OnceValues(func() (*clusters, error) {
	return parseClusters(clustersGz)
})

func parseClusters(gz []byte) (*clusters, error) {
	c := &clusters{fine: make(map[string]uint16, 100000)}
	err := wordfeat.EachLine(gz, "ner: clusters", func(line int, s string) error {
		if s == "" || s[0] == '#' {
			return nil
		}
		f := strings.Split(s, "\t")
		if f[0] == "=" && len(f) > 2 {
			id, err := strconv.Atoi(f[1])
			if err != nil || id != len(c.levels) {
				return fmt.Errorf("ner: clusters line %d: cluster %q out of order", line, f[1])
			}
			names := make([]string, len(f)-1)
			for i, v := range f[1:] {
				names[i] = strconv.Itoa(i) + ":" + v
			}
			c.levels = append(c.levels, names)
			return nil
		}
		if len(f) != 2 {
			return fmt.Errorf("ner: clusters line %d: want word and cluster", line)
		}
		id, err := strconv.Atoi(f[1])
		if err != nil || id < 0 || id >= len(c.levels) {
			return fmt.Errorf("ner: clusters line %d: bad cluster %q", line, f[1])
		}
		c.fine[f[0]] = uint16(id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// of returns the cluster names of a lower-case word, nil when unknown.
func (c *clusters) of(lower string) []string {
	if c == nil {
		return nil
	}
	id, ok := c.fine[lower]
	if !ok {
		return nil
	}
	return c.levels[id]
}
