// Package queue is the work queue between `newsgraph ingest --queue`,
// which only reads sources and enqueues one job per item, and
// `newsgraph worker`, which consumes jobs, runs the pipeline, stores the
// article and acknowledges the job.
//
// Delivery is at least once: a job is acknowledged only after its handler
// returned nil (the article is stored), so a worker that dies mid-article
// leaves the job to be delivered again; Store.Put is an idempotent upsert,
// so the article is still stored once. A handler error redelivers the
// job after a backoff, up to Options.MaxAttempts tries; then, or at once
// for a Permanent error (bad input), the job goes to the dead-letter
// subject with the reason. Jobs carry an ID (Job.Key): a second job with
// the same ID within the dedup window is dropped at enqueue.
//
// Two implementations: Memory (in-process, for tests and single-process
// use) and JetStream (NATS JetStream with file storage, for deployments).
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Job is one ingest item to analyse and store.
type Job struct {
	// ID identifies the job for deduplication; "" means Key's default.
	ID          string `json:"id,omitempty"`
	URL         string `json:"url,omitempty"` // ingest.Item.URL
	Published   string `json:"published,omitempty"`
	Title       string `json:"title,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Body        []byte `json:"-"` // the raw page bytes
}

// Key is the job's dedup ID: its ID, else a hash of its URL, else a hash
// of its body.
func (j *Job) Key() string {
	if j.ID != "" {
		return j.ID
	}
	var sum [32]byte
	if j.URL != "" {
		sum = sha256.Sum256([]byte("url:" + j.URL))
	} else {
		sum = sha256.Sum256(append([]byte("body:"), j.Body...))
	}
	return hex.EncodeToString(sum[:16])
}

// Handler processes one job. nil acknowledges it; an error redelivers it
// (or dead-letters it, see Permanent). ctx is cancelled when the consumer
// stops.
type Handler func(ctx context.Context, j *Job) error

type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent marks an error that another try cannot fix (the page is not
// an article, the input is malformed): the job is dead-lettered at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Queue is a work queue of jobs. Implementations are safe for concurrent
// use.
type Queue interface {
	// Enqueue adds a job. It reports false, and adds nothing, when a job
	// with the same Key was enqueued within the dedup window.
	Enqueue(ctx context.Context, j *Job) (bool, error)
	// Consume runs h on jobs with up to concurrency at a time until ctx
	// is done, then waits for the running handlers and returns nil; it
	// returns an error only when consuming cannot start.
	Consume(ctx context.Context, concurrency int, h Handler) error
	// Stats counts the queue's jobs.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the queue.
	Close() error
}

// Stats counts a queue's jobs.
type Stats struct {
	Pending    int // enqueued, not yet acknowledged (in flight included)
	InFlight   int // delivered, not yet acknowledged
	Dead       int // dead-lettered
	Redelivery int // jobs delivered more than once so far (JetStream: now pending)
}

// Options tune delivery.
type Options struct {
	// MaxAttempts is how many times a job is tried before it is
	// dead-lettered; 0 means 5.
	MaxAttempts int
	// AckWait is how long a delivered job may go unacknowledged before
	// it is delivered again (the worker died); handlers that run longer
	// are kept alive by the consumer. 0 means 30s.
	AckWait time.Duration
	// Backoff is the delay before try attempt+1 after a failed try
	// attempt (1-based); nil means 1s doubling to at most 30s.
	Backoff func(attempt int) time.Duration
	// Dedup is how long a job's Key is remembered; 0 means 24h.
	Dedup time.Duration
	// Name prefixes the JetStream stream, subject and consumer names;
	// "" means "newsgraph". Jobs go to NAME.jobs, dead letters to
	// NAME.dead.
	Name string
}

func (o Options) withDefaults() Options {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.AckWait <= 0 {
		o.AckWait = 30 * time.Second
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.Dedup <= 0 {
		o.Dedup = 24 * time.Hour
	}
	if o.Name == "" {
		o.Name = "newsgraph"
	}
	return o
}

// DefaultBackoff waits 1s, 2s, 4s … at most 30s.
func DefaultBackoff(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	if attempt > 6 {
		return 30 * time.Second
	}
	return min(time.Second<<(attempt-1), 30*time.Second)
}

// Open opens the queue at url: nats://HOST:PORT (JetStream; several
// servers separated by commas) or mem: (a new in-process queue).
func Open(ctx context.Context, url string, opts Options) (Queue, error) {
	switch {
	case strings.HasPrefix(url, "nats://") || strings.HasPrefix(url, "tls://"):
		return OpenJetStream(ctx, url, opts)
	case url == "mem:" || url == "mem://":
		return NewMemory(opts), nil
	}
	return nil, fmt.Errorf("queue %q: want nats://HOST:PORT, or mem: for an in-process queue", url)
}

// DeadLetter is a job that was given up on, with why.
type DeadLetter struct {
	Job      *Job
	Reason   string
	Attempts int
}
