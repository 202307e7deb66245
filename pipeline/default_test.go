package pipeline

import (
	"context"
	"os"
	"testing"

	"newsgraph/document"
	"newsgraph/extract"
)

func seedDoc(tb testing.TB) *document.Document {
	tb.Helper()
	b, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := extract.Read(b, extract.Options{Published: "2024-03-20"})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestDefaultFillsEverySection checks that the default pipeline gives the
// seed a complete document: every section of the contract filled.
func TestDefaultFillsEverySection(t *testing.T) {
	doc := seedDoc(t)
	if err := Default().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{
		"sentences": len(doc.Sentences), "entities": len(doc.Entities), "places": len(doc.Places),
		"times": len(doc.Times), "quotes": len(doc.Quotes), "events": len(doc.Events),
	} {
		if n == 0 {
			t.Errorf("no %s", name)
		}
	}
	if doc.Fingerprint == "" {
		t.Error("no fingerprint")
	}
}

// TestDefaultIsDeterministic runs the seed through many workers at once:
// every copy must come out the same, which also catches shared state that
// stages mutate (run with -race).
func TestDefaultIsDeterministic(t *testing.T) {
	p := Default()
	docs := make([]*document.Document, 8)
	for i := range docs {
		docs[i] = seedDoc(t)
	}
	p.ProcessAll(context.Background(), docs, 4, func(r Result) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	})
	for i := 1; i < len(docs); i++ {
		if len(docs[i].Entities) != len(docs[0].Entities) || len(docs[i].Events) != len(docs[0].Events) ||
			len(docs[i].Quotes) != len(docs[0].Quotes) || docs[i].Fingerprint != docs[0].Fingerprint {
			t.Fatalf("document %d differs from document 0", i)
		}
	}
}

// BenchmarkDefault measures the whole analysis (all stages after
// extraction) on the seed article; bytes/s is over the clean text.
func BenchmarkDefault(b *testing.B) {
	p := Default()
	base := seedDoc(b)
	b.SetBytes(int64(len(base.Text)))
	b.ResetTimer()
	for b.Loop() {
		doc := *base
		if err := p.Process(context.Background(), &doc); err != nil {
			b.Fatal(err)
		}
	}
}
