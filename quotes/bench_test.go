package quotes_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"newsgraph/coref"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/quotes"
)

// BenchmarkSeed measures, per article, the NLP core (sentences, tags,
// parse, names) against coreference plus quotes on the seed article, so
// that what this package and coref add to the NLP core's time can be read
// off: compare the ns/op of "coref+quotes" with that of "nlp".
//
//	go test -run '^$' -bench Seed -benchmem ./quotes/
func BenchmarkSeed(b *testing.B) {
	in, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		b.Skip("no seed article:", err)
	}
	ctx := context.Background()
	read := func(b *testing.B) *document.Document {
		doc, err := extract.Read(in, extract.Options{Published: "2024-03-20"})
		if err != nil {
			b.Fatal(err)
		}
		return doc
	}
	core := nlp.New()
	gaz := gazetteer.Default()
	b.Run("nlp", func(b *testing.B) {
		for b.Loop() {
			if err := core.Process(ctx, read(b)); err != nil {
				b.Fatal(err)
			}
		}
	})
	base := read(b)
	for _, st := range []interface {
		Process(context.Context, *document.Document) error
	}{core, geo.New(gaz)} {
		if err := st.Process(ctx, base); err != nil {
			b.Fatal(err)
		}
	}
	cr, qs := coref.New(gaz.Demonym), quotes.New()
	b.Run("coref+quotes", func(b *testing.B) {
		for b.Loop() {
			doc := *base
			doc.Names = slices.Clone(base.Names)
			doc.Places = slices.Clone(base.Places)
			if err := cr.Process(ctx, &doc); err != nil {
				b.Fatal(err)
			}
			if err := qs.Process(ctx, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
