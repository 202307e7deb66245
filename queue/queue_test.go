package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"newsgraph/queue/natstest"
)

func fastOptions() Options {
	return Options{MaxAttempts: 3, AckWait: 2 * time.Second, Backoff: func(int) time.Duration { return 50 * time.Millisecond }}
}

// consumeUntil runs Consume until cond holds or 30s pass.
func consumeUntil(t *testing.T, q Queue, concurrency int, h Handler, cond func(Stats) bool) Stats {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { q.Consume(ctx, concurrency, h); close(done) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := q.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out; stats %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// contract runs the behaviour every Queue shares.
func contract(t *testing.T, open func(t *testing.T) Queue) {
	t.Run("DedupAckAll", func(t *testing.T) {
		q := open(t)
		ctx := context.Background()
		for i := 0; i < 20; i++ {
			added, err := q.Enqueue(ctx, &Job{URL: fmt.Sprintf("https://a.example/%d", i), Body: []byte("page")})
			if err != nil || !added {
				t.Fatalf("enqueue %d: %v, %v", i, added, err)
			}
		}
		added, err := q.Enqueue(ctx, &Job{URL: "https://a.example/3", Body: []byte("again")})
		if err != nil || added {
			t.Errorf("duplicate enqueue: added %v, %v; want dropped", added, err)
		}
		var mu sync.Mutex
		got := map[string]int{}
		consumeUntil(t, q, 4, func(_ context.Context, j *Job) error {
			mu.Lock()
			got[j.URL]++
			mu.Unlock()
			if string(j.Body) != "page" {
				return Permanent(errors.New("wrong body"))
			}
			return nil
		}, func(s Stats) bool { return s.Pending == 0 })
		if len(got) != 20 {
			t.Errorf("handled %d distinct jobs, want 20", len(got))
		}
		for u, n := range got {
			if n != 1 {
				t.Errorf("%s handled %d times", u, n)
			}
		}
		if st, _ := q.Stats(ctx); st.Dead != 0 {
			t.Errorf("dead = %d, want 0", st.Dead)
		}
	})
	t.Run("RetryThenDeadLetter", func(t *testing.T) {
		q := open(t)
		ctx := context.Background()
		q.Enqueue(ctx, &Job{URL: "https://a.example/flaky"})
		q.Enqueue(ctx, &Job{URL: "https://a.example/broken"})
		q.Enqueue(ctx, &Job{URL: "https://a.example/bad"})
		var flaky, broken, bad atomic.Int32
		st := consumeUntil(t, q, 2, func(_ context.Context, j *Job) error {
			switch j.URL {
			case "https://a.example/flaky":
				if flaky.Add(1) < 2 {
					return errors.New("store unavailable")
				}
				return nil
			case "https://a.example/broken":
				broken.Add(1)
				return errors.New("always fails")
			default:
				bad.Add(1)
				return Permanent(errors.New("not an article"))
			}
		}, func(s Stats) bool { return s.Pending == 0 && s.Dead == 2 })
		if flaky.Load() != 2 || broken.Load() != 3 || bad.Load() != 1 {
			t.Errorf("tries: flaky %d (want 2), broken %d (want 3 = MaxAttempts), bad %d (want 1)", flaky.Load(), broken.Load(), bad.Load())
		}
		if st.Dead != 2 {
			t.Errorf("dead = %d, want 2", st.Dead)
		}
	})
}

func TestMemory(t *testing.T) {
	contract(t, func(t *testing.T) Queue { return NewMemory(fastOptions()) })
}

func TestJetStream(t *testing.T) {
	srv := natstest.Start(t)
	n := 0
	contract(t, func(t *testing.T) Queue {
		n++
		opts := fastOptions()
		opts.Name = fmt.Sprintf("t%d", n)
		q, err := OpenJetStream(context.Background(), srv.URL, opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Close() })
		return q
	})
}

// TestJetStreamDeadLetters reads back why a job was given up on.
func TestJetStreamDeadLetters(t *testing.T) {
	srv := natstest.Start(t)
	q, err := OpenJetStream(context.Background(), srv.URL, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	q.Enqueue(context.Background(), &Job{URL: "https://a.example/x", Title: "X", Body: []byte("<html>")})
	consumeUntil(t, q, 1, func(context.Context, *Job) error { return Permanent(errors.New("no article text")) },
		func(s Stats) bool { return s.Dead == 1 && s.Pending == 0 })
	dl, err := q.DeadLetters(context.Background(), 10)
	if err != nil || len(dl) != 1 {
		t.Fatalf("dead letters: %v, %v", dl, err)
	}
	if dl[0].Job.URL != "https://a.example/x" || dl[0].Job.Title != "X" || string(dl[0].Job.Body) != "<html>" ||
		dl[0].Reason != "no article text" || dl[0].Attempts != 1 {
		t.Errorf("dead letter = %+v", dl[0])
	}
}

// TestJetStreamWorkerDies: a consumer that takes a job and vanishes
// without an answer; the job is delivered again after AckWait and done
// once.
func TestJetStreamWorkerDies(t *testing.T) {
	srv := natstest.Start(t)
	opts := fastOptions()
	q, err := OpenJetStream(context.Background(), srv.URL, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		q.Enqueue(ctx, &Job{URL: fmt.Sprintf("https://a.example/%d", i)})
	}
	// The doomed worker: its own connection, takes one job, dies.
	nc, err := nats.Connect(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := jetstream.New(nc)
	cons, err := js.Consumer(ctx, q.names.jobsStream, q.names.consumer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	var mu sync.Mutex
	got := map[string]int{}
	start := time.Now()
	consumeUntil(t, q, 2, func(_ context.Context, j *Job) error {
		mu.Lock()
		got[j.URL]++
		mu.Unlock()
		return nil
	}, func(s Stats) bool { return s.Pending == 0 })
	if len(got) != 5 {
		t.Errorf("%d jobs done, want 5", len(got))
	}
	for u, n := range got {
		if n != 1 {
			t.Errorf("%s done %d times", u, n)
		}
	}
	if el := time.Since(start); el < opts.AckWait/2 {
		t.Errorf("all done in %v: the dead worker's job came back before AckWait", el)
	}
}

// TestJetStreamServerRestart: jobs enqueued before a restart of the
// server are all consumed after it (file storage), and a consumer that
// runs across the restart carries on.
func TestJetStreamServerRestart(t *testing.T) {
	srv := natstest.Start(t)
	q, err := OpenJetStream(context.Background(), srv.URL, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ctx := context.Background()
	const n = 50
	for i := 0; i < n; i++ {
		if _, err := q.Enqueue(ctx, &Job{URL: fmt.Sprintf("https://a.example/%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	got := map[string]bool{}
	var restarted atomic.Bool
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		q.Consume(cctx, 2, func(_ context.Context, j *Job) error {
			mu.Lock()
			got[j.URL] = true
			k := len(got)
			mu.Unlock()
			if k == 10 && !restarted.Swap(true) {
				go func() {
					srv.Stop()
					time.Sleep(500 * time.Millisecond)
					if err := srv.Restart(); err != nil {
						t.Error(err)
					}
				}()
			}
			time.Sleep(10 * time.Millisecond)
			return nil
		})
		close(done)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := q.Stats(ctx)
		mu.Lock()
		k := len(got)
		mu.Unlock()
		if err == nil && st.Pending == 0 && k == n && restarted.Load() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after restart: %d of %d jobs done; stats %+v, %v", k, n, st, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
}
