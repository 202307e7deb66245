package perceptron

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"newsgraph/internal/cputime"
)

// benchModel returns a model shaped like a shipped one: n features over
// nc classes, each with nonzero weights for about nz classes, and a
// stream of look-ups of which one in five misses, as in the parser.
func benchModel(n, nc, nz int) (*Model, []Feature) {
	rng := rand.New(rand.NewPCG(1, 2))
	classes := make([]string, nc)
	for c := range classes {
		classes[c] = fmt.Sprint("c", c)
	}
	m := newModel(classes, n)
	feats := make([]Feature, n)
	w := make([]float32, nc)
	for i := range feats {
		feats[i] = Feature(rng.Uint64() | 1)
		clear(w)
		for range nz {
			w[rng.IntN(nc)] = rng.Float32() - 0.5
		}
		if err := m.insert(feats[i], w); err != nil {
			panic(err)
		}
	}
	looks := make([]Feature, 1<<16)
	for i := range looks {
		looks[i] = feats[rng.IntN(n)]
		if i%5 == 0 {
			looks[i] = Feature(rng.Uint64() | 1) // not in the model
		}
	}
	return m, looks
}

// BenchmarkScores measures look-ups in tables the size of the shipped
// models' (the parser's transitions, its relations, the tagger), a
// prediction's worth (104 features) at a time, at random: the cache
// misses of a long text rather than those of one article read again and
// again. cpu-ns/feature is the figure to compare on a shared machine.
func BenchmarkScores(b *testing.B) {
	for _, c := range []struct {
		name      string
		n, nc, nz int
	}{
		{"transitions", 1_056_661, 3, 2},
		{"relations", 162_805, 54, 12},
		{"tags", 200_781, 78, 40},
	} {
		b.Run(c.name, func(b *testing.B) {
			m, looks := benchModel(c.n, c.nc, c.nz)
			scores := make([]float32, c.nc)
			const per = 104
			i := 0
			cpu := cputime.Used()
			for b.Loop() {
				if i+per > len(looks) {
					i = 0
				}
				clear(scores)
				m.Scores(looks[i:i+per], scores)
				i += per
			}
			b.ReportMetric(float64((cputime.Used()-cpu).Nanoseconds())/float64(b.N*per), "cpu-ns/feature")
		})
	}
}

// TestLargeTables checks the tables that mapTable places outside the Go
// heap (where it does): the sums, growth past the first size, and that
// models dropped and collected leave the live ones working.
func TestLargeTables(t *testing.T) {
	for _, nc := range []int{3, 54} {
		want := map[Feature][]float32{}
		m, _ := benchModel(1, nc, 2) // grows as features come
		for i := range 200_000 {
			f := Hash(fmt.Sprint("g", i))
			w := make([]float32, nc)
			w[i%nc], w[(i*7)%nc] = float32(i%13)-6, 0.5
			want[f] = w
			if err := m.insert(f, w); err != nil {
				t.Fatal(err)
			}
		}
		for range 3 { // models to collect, and their cleanups to run
			benchModel(100_000, nc, 2)
			runtime.GC()
		}
		got := make([]float32, nc)
		for f, w := range want {
			clear(got)
			m.Scores([]Feature{f, Hash("absent")}, got)
			for c := range got {
				if got[c] != w[c] {
					t.Fatalf("%d classes: class %d scores %v, want %v", nc, c, got[c], w[c])
				}
			}
		}
	}
}
