package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"newsgraph/document"
)

// appendStage appends its name to the document's title, so tests can see
// the order stages ran in.
type appendStage struct {
	name string
	err  error
	runs atomic.Int64
}

func (s *appendStage) Name() string { return s.name }

func (s *appendStage) Process(_ context.Context, doc *document.Document) error {
	s.runs.Add(1)
	if s.err != nil {
		return s.err
	}
	doc.Title += s.name
	return nil
}

func TestProcessRunsStagesInOrder(t *testing.T) {
	p := New(&appendStage{name: "a"}, &appendStage{name: "b"}, &appendStage{name: "c"})
	doc := &document.Document{}
	if err := p.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title != "abc" {
		t.Errorf("stages ran as %q, want abc", doc.Title)
	}
	if doc.Entities == nil || doc.Schema != document.Schema {
		t.Error("Process did not normalise the document")
	}
}

func TestProcessStopsAtFirstError(t *testing.T) {
	boom := errors.New("boom")
	last := &appendStage{name: "c"}
	p := New(&appendStage{name: "a"}, &appendStage{name: "b", err: boom}, last)
	err := p.Process(context.Background(), &document.Document{})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "stage b") {
		t.Errorf("err = %v, want boom wrapped with the stage name", err)
	}
	if last.runs.Load() != 0 {
		t.Error("a stage ran after an earlier one failed")
	}
}

func TestProcessHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &appendStage{name: "a"}
	if err := New(s).Process(ctx, &document.Document{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestProcessAll(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			fail := errors.New("odd")
			p := New(stageFunc(func(doc *document.Document) error {
				if len(doc.Text)%2 == 1 {
					return fail
				}
				doc.Title = "done"
				return nil
			}))
			docs := make([]*document.Document, 101)
			for i := range docs {
				docs[i] = &document.Document{Text: strings.Repeat("x", i)}
			}
			seen := make([]bool, len(docs))
			failed := 0
			p.ProcessAll(context.Background(), docs, workers, func(r Result) {
				if seen[r.Index] {
					t.Errorf("document %d emitted twice", r.Index)
				}
				seen[r.Index] = true
				if r.Err != nil {
					failed++
				} else if r.Doc.Title != "done" {
					t.Errorf("document %d not processed", r.Index)
				}
			})
			for i, s := range seen {
				if !s {
					t.Errorf("document %d never emitted", i)
				}
			}
			if failed != 50 {
				t.Errorf("%d failures, want 50", failed)
			}
		})
	}
}

type stageFunc func(*document.Document) error

func (stageFunc) Name() string { return "func" }

func (f stageFunc) Process(_ context.Context, doc *document.Document) error { return f(doc) }
