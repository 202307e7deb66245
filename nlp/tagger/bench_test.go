package tagger

import (
	"path/filepath"
	"testing"

	"newsgraph/nlp/conllu"
)

func BenchmarkTag(b *testing.B) {
	t, err := Load()
	if err != nil {
		b.Skip(err)
	}
	sents, err := conllu.ReadFile(filepath.Join("../../../shared/data/nlp", ewtDev))
	if err != nil {
		b.Skip(err)
	}
	ex := toExamples(sents)
	n := 0
	b.ResetTimer()
	for b.Loop() {
		for _, e := range ex {
			t.Tag(e.words)
			n += len(e.words)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tok/s")
}
