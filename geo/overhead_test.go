package geo_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/nlp/ner"
	"newsgraph/nlp/parser"
	"newsgraph/nlp/tagger"
	"newsgraph/timex"
)

// overheadArticle is a made-up wire story of about 2.5 KB with the
// places, demonyms and times such stories have.
var overheadArticle = strings.Repeat(`LONDON — British and French officials met in Paris on Tuesday to discuss
the crisis in eastern Ukraine, where fighting around Donetsk and the wider
Donbas has displaced thousands since early March. A spokesman for the
Foreign Office said talks would resume early next week in Geneva.

The Ukrainian president, speaking in Kyiv, said Russian forces had shelled
Kharkiv overnight. "We will not give up a single village," he told
reporters on Wednesday. Officials in Washington said the United States
would send more aid within days, and the European Union is expected to
approve new sanctions later this month.

In Springfield, Illinois, the governor said the state's National Guard
had trained Ukrainian medics for three weeks last year. Meanwhile, Turkish
and Israeli diplomats met in Ankara, and Egypt hosted talks in Cairo
about Gaza, Rafah and the West Bank on March 19, 2024.
`, 2)

// BenchmarkNLPStage is the NLP core: tokens, sentences and names.
func BenchmarkNLPStage(b *testing.B) {
	benchNLP(b, func(*document.Document) {})
}

// benchNLP runs the nlp stage over overheadArticle in b's loop and then
// more on the document it wrote.
func benchNLP(b *testing.B, more func(*document.Document)) {
	s := nlp.New()
	ctx := context.Background()
	b.SetBytes(int64(len(overheadArticle)))
	b.ResetTimer()
	for b.Loop() {
		doc := document.New()
		doc.Text = overheadArticle
		if err := s.Process(ctx, doc); err != nil {
			b.Fatal(err)
		}
		more(doc)
	}
}

// BenchmarkPlacesAndTimes is what place and time resolution add to an
// article the NLP core has read: the geo and timex stages. Issue 7 asks
// that it stay within 15% of BenchmarkNLPStage.
func BenchmarkPlacesAndTimes(b *testing.B) {
	ctx := context.Background()
	base := document.New()
	base.Text = overheadArticle
	base.Published = "2024-03-20"
	if err := nlp.New().Process(ctx, base); err != nil {
		b.Fatal(err)
	}
	g, tx := geo.New(gazetteer.Default()), timex.New()
	b.SetBytes(int64(len(overheadArticle)))
	b.ResetTimer()
	for b.Loop() {
		doc := *base
		doc.Names = append([]document.Name(nil), base.Names...)
		if err := g.Process(ctx, &doc); err != nil {
			b.Fatal(err)
		}
		if err := tx.Process(ctx, &doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainedCore is the NLP core of issue 3 as the nlp stage will
// run it once the trained models are wired in: tokens and sentences, then
// the tagger, name recogniser and parser over every sentence.
func BenchmarkTrainedCore(b *testing.B) {
	tg, err1 := tagger.Load()
	rec, err2 := ner.Load()
	ps, err3 := parser.Load()
	if err := errors.Join(err1, err2, err3); err != nil {
		b.Skipf("trained models missing: %v", err)
	}
	benchNLP(b, func(doc *document.Document) {
		for _, sn := range doc.Sentences {
			words := make([]string, 0, sn.TokenEnd-sn.TokenStart)
			for _, t := range doc.Tokens[sn.TokenStart:sn.TokenEnd] {
				words = append(words, t.Text)
			}
			upos, xpos := tg.Tag(words)
			rec.Find(words)
			ps.Parse(words, upos, xpos)
		}
	})
}
