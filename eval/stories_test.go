package eval

import (
	"context"
	"math"
	"testing"
)

func TestClusterMetrics(t *testing.T) {
	gold := []int{1, 1, 1, 2, 2}
	for _, tc := range []struct {
		name   string
		system []string
		want   map[string]float64
	}{
		{"perfect", []string{"a", "a", "a", "b", "b"}, map[string]float64{"pairwise_f1": 1, "bcubed_f1": 1}},
		// Pairs: gold positives are 3 + 1 = 4; one big cluster has 10
		// pairs, 4 right. BCubed precision: (3·3/5 + 2·2/5)/5 = 0.52.
		{"one cluster", []string{"x", "x", "x", "x", "x"}, map[string]float64{"pairwise_precision": 0.4, "pairwise_recall": 1, "bcubed_precision": 0.52, "bcubed_recall": 1}},
		{"singletons", []string{"a", "b", "c", "d", "e"}, map[string]float64{"pairwise_f1": 0, "bcubed_precision": 1, "bcubed_recall": (3*(1.0/3) + 2*0.5) / 5}},
	} {
		m := map[string]float64{}
		addClusterMetrics(m, gold, tc.system)
		for k, w := range tc.want {
			if math.Abs(m[k]-w) > 1e-9 {
				t.Errorf("%s: %s = %v, want %v", tc.name, k, m[k], w)
			}
		}
	}
}

func TestStoriesSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over 160 pages")
	}
	rep, err := runStories(context.Background(), ".", Options{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Metrics["pages"] != 160 || rep.Metrics["stories_gold"] != 40 {
		t.Errorf("metrics = %v", rep.Metrics)
	}
	// Online clustering must beat near-duplicates alone on recall
	// without losing much precision.
	if rep.Metrics["bcubed_f1"] <= rep.Baselines["simhash-only"]["bcubed_f1"] || rep.Metrics["bcubed_precision"] < 0.8 {
		t.Errorf("bcubed: ours %v, simhash-only %v", rep.Metrics, rep.Baselines["simhash-only"])
	}
}
