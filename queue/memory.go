package queue

import (
	"context"
	"sync"
	"time"
)

// Memory is an in-process Queue: jobs live in memory and are lost with
// the process. It has the JetStream queue's semantics otherwise
// (dedup, retries with backoff, dead letters), so code can be tested
// against it.
type Memory struct {
	opts Options

	mu       sync.Mutex
	ready    []*memJob
	seen     map[string]time.Time
	inFlight int
	waiting  int // jobs waiting out a backoff
	dead     []DeadLetter
	redeliv  int
	notify   chan struct{}
}

type memJob struct {
	job      *Job
	attempts int
}

// NewMemory returns an empty in-process queue.
func NewMemory(opts Options) *Memory {
	return &Memory{opts: opts.withDefaults(), seen: map[string]time.Time{}, notify: make(chan struct{}, 1)}
}

func (m *Memory) wake() {
	select {
	case m.notify <- struct{}{}:
	default:
	}
}

// Enqueue implements Queue.
func (m *Memory) Enqueue(ctx context.Context, j *Job) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	key := j.Key()
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.seen[key]; ok && time.Since(t) < m.opts.Dedup {
		return false, nil
	}
	m.seen[key] = time.Now()
	cp := *j
	m.ready = append(m.ready, &memJob{job: &cp})
	m.wake()
	return true, nil
}

func (m *Memory) take() *memJob {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.ready) == 0 {
		return nil
	}
	mj := m.ready[0]
	m.ready = m.ready[1:]
	m.inFlight++
	if len(m.ready) > 0 {
		m.wake()
	}
	return mj
}

// Consume implements Queue.
func (m *Memory) Consume(ctx context.Context, concurrency int, h Handler) error {
	if concurrency < 1 {
		concurrency = 1
	}
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mj := m.take()
				if mj == nil {
					select {
					case <-ctx.Done():
						return
					case <-m.notify:
					case <-time.After(100 * time.Millisecond):
					}
					continue
				}
				m.run(ctx, mj, h)
			}
		}()
	}
	wg.Wait()
	return nil
}

func (m *Memory) run(ctx context.Context, mj *memJob, h Handler) {
	mj.attempts++
	err := h(ctx, mj.job)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inFlight--
	switch {
	case err == nil:
	case ctx.Err() != nil && !IsPermanent(err):
		// Stopping: put it back untried.
		mj.attempts--
		m.ready = append([]*memJob{mj}, m.ready...)
	case IsPermanent(err) || mj.attempts >= m.opts.MaxAttempts:
		m.dead = append(m.dead, DeadLetter{Job: mj.job, Reason: err.Error(), Attempts: mj.attempts})
	default:
		if mj.attempts == 1 {
			m.redeliv++
		}
		m.waiting++
		time.AfterFunc(m.opts.Backoff(mj.attempts), func() {
			m.mu.Lock()
			m.waiting--
			m.ready = append(m.ready, mj)
			m.mu.Unlock()
			m.wake()
		})
	}
}

// Stats implements Queue.
func (m *Memory) Stats(context.Context) (Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Stats{Pending: len(m.ready) + m.inFlight + m.waiting, InFlight: m.inFlight, Dead: len(m.dead), Redelivery: m.redeliv}, nil
}

// DeadLetters returns the dead-lettered jobs so far.
func (m *Memory) DeadLetters() []DeadLetter {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]DeadLetter(nil), m.dead...)
}

// Close implements Queue.
func (m *Memory) Close() error { return nil }
