package tagger

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"newsgraph/nlp/wordfeat"
)

// clustersFile holds word clusters from GloVe vectors (fine and coarse
// k-means clusters of the 60,000 most frequent words), built by
// internal/genclusters. Train copies them into the model, so a model
// never depends on the clusters of another build.
//
//go:embed clusters.tsv.gz
var clustersFile []byte

// Cluster ids are packed into one value: fine*clusterStride + coarse.
const clusterStride = 1024

// readClusters decodes clustersFile: lower-case word → packed clusters.
func readClusters(b []byte) (map[string]int32, error) {
	out := map[string]int32{}
	err := wordfeat.EachLine(b, "clusters", func(line int, s string) error {
		f := strings.Split(s, "\t")
		if len(f) != 3 {
			return fmt.Errorf("clusters: line %d: %d fields, want 3", line, len(f))
		}
		fine, err1 := strconv.Atoi(f[1])
		coarse, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || fine < 0 || coarse < 0 || fine >= clusterStride || coarse >= clusterStride {
			return fmt.Errorf("clusters: line %d: bad cluster ids", line)
		}
		out[f[0]] = int32(fine*clusterStride + coarse)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
