package events_test

import (
	"context"
	"testing"
	"time"

	"newsgraph/document"
	"newsgraph/events"
	"newsgraph/internal/stagetest"
	"newsgraph/nlp"
	"newsgraph/quotes"
)

// BenchmarkEventsShare measures what event coding adds to the NLP core's
// time per article, on the seed article: each iteration runs the nlp
// stage on a fresh copy of the text and the events stage on the fully
// analysed document, and the benchmark reports both times and the events
// stage's time as a percentage of the nlp stage's (the budget is
// 20%). Run with:
//
//	go test ./events/ -run '^$' -bench EventsShare -benchtime 20x
func BenchmarkEventsShare(b *testing.B) {
	doc := stagetest.Seed(b, quotes.New())
	core := nlp.New()
	ev := events.New()
	ctx := context.Background()
	// Warm both (tables, models, knowledge base), outside the timing.
	if err := ev.Process(ctx, doc); err != nil {
		b.Fatal(err)
	}
	warm := document.New()
	warm.Text = doc.Text
	if err := core.Process(ctx, warm); err != nil {
		b.Fatal(err)
	}
	var nlpTime, evTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		fresh := document.New()
		fresh.Text, fresh.Published = doc.Text, doc.Published
		t0 := time.Now()
		if err := core.Process(ctx, fresh); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := ev.Process(ctx, doc); err != nil {
			b.Fatal(err)
		}
		nlpTime += t1.Sub(t0)
		evTime += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(nlpTime.Microseconds())/n, "nlp-µs/article")
	b.ReportMetric(float64(evTime.Microseconds())/n, "events-µs/article")
	b.ReportMetric(100*float64(evTime)/float64(nlpTime), "events-%-of-nlp")
}
