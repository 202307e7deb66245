// Package pipeline runs the analysis stages in order over a document, and
// many documents over a pool of workers.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"newsgraph/document"
)

// Stage is one step of the analysis. It reads what earlier stages wrote
// into the document and adds its own part. A stage must be safe for
// concurrent use: one Stage value serves every worker.
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *document.Document) error
}

// Pipeline is an ordered list of stages.
type Pipeline struct {
	stages []Stage
}

// New returns a pipeline that runs stages in the given order.
func New(stages ...Stage) *Pipeline {
	return &Pipeline{stages: stages}
}

// Stages returns the stages in the order they run.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Process runs every stage over doc. On error the document is left in an
// unspecified state and must not be stored.
func (p *Pipeline) Process(ctx context.Context, doc *document.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(ctx, doc); err != nil {
			return fmt.Errorf("stage %s: %w", s.Name(), err)
		}
	}
	doc.Normalize()
	return nil
}

// Result is the outcome for one document of ProcessAll.
type Result struct {
	Index int // position of the document in the input
	Doc   *document.Document
	Err   error
}

// ProcessAll runs the pipeline over docs on workers goroutines (the number
// of CPUs when workers <= 0) and calls emit once per document, from one
// goroutine at a time, in completion order.
func (p *Pipeline) ProcessAll(ctx context.Context, docs []*document.Document, workers int, emit func(Result)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	results := make(chan Result)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				err := p.Process(ctx, docs[i])
				results <- Result{Index: i, Doc: docs[i], Err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range docs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		emit(r)
	}
}
