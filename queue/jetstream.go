package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// JetStream is a Queue on NATS JetStream. Jobs are messages on NAME.jobs
// in a work-queue stream with file storage (they survive a server
// restart and are removed when acknowledged), the page bytes as the
// message data and the rest of the job as JSON in the Newsgraph-Job
// header; Nats-Msg-Id carries Job.Key, so the server drops duplicates
// within Options.Dedup. Workers share one durable pull consumer with
// explicit acks. Dead letters go to NAME.dead in a second stream (limits
// retention, kept for inspection) with the reason in headers.
type JetStream struct {
	opts  Options
	nc    *nats.Conn
	js    jetstream.JetStream
	jobs  jetstream.Stream
	dead  jetstream.Stream
	cons  jetstream.Consumer
	names names
}

type names struct{ jobsStream, deadStream, jobs, dead, consumer string }

const (
	headerJob      = "Newsgraph-Job"
	headerReason   = "Newsgraph-Reason"
	headerAttempts = "Newsgraph-Attempts"
)

// OpenJetStream connects to the NATS server(s) at url and creates the
// streams and the consumer when missing. The connection reconnects
// forever: a restarted server is picked up again.
func OpenJetStream(ctx context.Context, url string, opts Options) (*JetStream, error) {
	opts = opts.withDefaults()
	nc, err := nats.Connect(url, nats.Name("newsgraph"), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false))
	if err != nil {
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	q := &JetStream{opts: opts, nc: nc}
	up := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if 'a' <= c && c <= 'z' {
				b[i] = c - 'a' + 'A'
			} else if c == '.' || c == '-' {
				b[i] = '_'
			}
		}
		return string(b)
	}
	q.names = names{jobsStream: up(opts.Name) + "_JOBS", deadStream: up(opts.Name) + "_DEAD",
		jobs: opts.Name + ".jobs", dead: opts.Name + ".dead", consumer: up(opts.Name) + "_WORKERS"}
	if q.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	if err := q.setup(ctx); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	return q, nil
}

func (q *JetStream) setup(ctx context.Context) error {
	var err error
	q.jobs, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       q.names.jobsStream,
		Subjects:   []string{q.names.jobs},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: q.opts.Dedup,
	})
	if err != nil {
		return fmt.Errorf("jobs stream: %w", err)
	}
	q.dead, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:      q.names.deadStream,
		Subjects:  []string{q.names.dead},
		Retention: jetstream.LimitsPolicy,
		Storage:   jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("dead-letter stream: %w", err)
	}
	q.cons, err = q.js.CreateOrUpdateConsumer(ctx, q.names.jobsStream, jetstream.ConsumerConfig{
		Durable:       q.names.consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opts.AckWait,
		MaxDeliver:    -1, // the consumer counts tries itself, see handle
		FilterSubject: q.names.jobs,
		MaxAckPending: 1000,
	})
	if err != nil {
		return fmt.Errorf("consumer: %w", err)
	}
	return nil
}

// Enqueue implements Queue. While the server is unreachable it retries
// with backoff until ctx ends.
func (q *JetStream) Enqueue(ctx context.Context, j *Job) (bool, error) {
	meta, err := json.Marshal(j)
	if err != nil {
		return false, err
	}
	if max := q.nc.MaxPayload(); max > 0 && int64(len(j.Body)+len(meta)+256) > max {
		return false, fmt.Errorf("enqueue %s: %d bytes is more than the server's max_payload (%d)", j.URL, len(j.Body), max)
	}
	msg := nats.NewMsg(q.names.jobs)
	msg.Data = j.Body
	msg.Header.Set(headerJob, string(meta))
	msg.Header.Set(jetstream.MsgIDHeader, j.Key())
	for attempt := 1; ; attempt++ {
		ack, err := q.js.PublishMsg(ctx, msg)
		if err == nil {
			return !ack.Duplicate, nil
		}
		if ctx.Err() != nil {
			return false, fmt.Errorf("enqueue %s: %w", j.URL, err)
		}
		select {
		case <-ctx.Done():
			return false, fmt.Errorf("enqueue %s: %w", j.URL, err)
		case <-time.After(q.opts.Backoff(attempt)):
		}
	}
}

// Consume implements Queue.
func (q *JetStream) Consume(ctx context.Context, concurrency int, h Handler) error {
	if concurrency < 1 {
		concurrency = 1
	}
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			failures := 0
			for ctx.Err() == nil {
				fctx, cancel := context.WithTimeout(ctx, time.Second)
				msg, err := q.cons.Next(jetstream.FetchContext(fctx))
				cancel()
				if err != nil {
					if errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) ||
						errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
						continue
					}
					// The server is gone or restarting: back off.
					failures++
					sleep(ctx, q.opts.Backoff(failures))
					continue
				}
				failures = 0
				if attempt, transient := q.handle(ctx, msg, h); transient {
					// The handler failed in a way another try may
					// fix (the store is down): this worker waits too.
					sleep(ctx, q.opts.Backoff(attempt))
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// handle runs h on one message and acknowledges, redelivers or
// dead-letters it. It reports the try number and whether the handler
// failed transiently.
func (q *JetStream) handle(ctx context.Context, msg jetstream.Msg, h Handler) (int, bool) {
	meta, err := msg.Metadata()
	if err != nil {
		msg.Term()
		return 0, false
	}
	attempt := int(meta.NumDelivered)
	job := &Job{}
	if err := json.Unmarshal([]byte(msg.Headers().Get(headerJob)), job); err != nil {
		q.deadLetter(msg, job, fmt.Sprintf("malformed job: %v", err), attempt)
		return attempt, false
	}
	job.Body = msg.Data()
	if attempt > q.opts.MaxAttempts {
		// Every earlier try ended without an answer: the worker died
		// on it (a poison page). Do not try again.
		q.deadLetter(msg, job, fmt.Sprintf("no worker finished it in %d tries", attempt-1), attempt-1)
		return attempt, false
	}
	// Keep the job ours while the handler runs longer than AckWait.
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(q.opts.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()
	err = h(ctx, job)
	close(stop)
	switch {
	case err == nil:
		// Wait for the server to record the ack, so that a job
		// reported done is done.
		ackCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if aerr := msg.DoubleAck(ackCtx); aerr != nil {
			// Not recorded: it will be delivered again and stored
			// again (Put is an idempotent upsert).
			return attempt, false
		}
		return attempt, false
	case ctx.Err() != nil && !IsPermanent(err):
		msg.Nak()
		return attempt, false
	case IsPermanent(err) || attempt >= q.opts.MaxAttempts:
		q.deadLetter(msg, job, err.Error(), attempt)
		return attempt, false
	default:
		msg.NakWithDelay(q.opts.Backoff(attempt))
		return attempt, true
	}
}

// deadLetter publishes the job to the dead-letter subject and ends its
// delivery. If the publish fails the message is left unacknowledged, to
// be delivered (and dead-lettered) again.
func (q *JetStream) deadLetter(msg jetstream.Msg, job *Job, reason string, attempts int) {
	dl := nats.NewMsg(q.names.dead)
	dl.Data = msg.Data()
	dl.Header.Set(headerJob, msg.Headers().Get(headerJob))
	dl.Header.Set(headerReason, reason)
	dl.Header.Set(headerAttempts, strconv.Itoa(attempts))
	if id := msg.Headers().Get(jetstream.MsgIDHeader); id != "" {
		dl.Header.Set(jetstream.MsgIDHeader, "dead-"+id)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := q.js.PublishMsg(ctx, dl); err != nil {
		return
	}
	msg.TermWithReason(reason)
}

// Stats implements Queue.
func (q *JetStream) Stats(ctx context.Context) (Stats, error) {
	ji, err := q.jobs.Info(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("queue stats: %w", err)
	}
	di, err := q.dead.Info(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("queue stats: %w", err)
	}
	ci, err := q.cons.Info(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("queue stats: %w", err)
	}
	return Stats{Pending: int(ji.State.Msgs), InFlight: ci.NumAckPending, Dead: int(di.State.Msgs), Redelivery: ci.NumRedelivered}, nil
}

// DeadLetters reads up to limit dead-lettered jobs, oldest first.
func (q *JetStream) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	var out []DeadLetter
	info, err := q.dead.Info(ctx)
	if err != nil {
		return nil, err
	}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && len(out) < limit; seq++ {
		m, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return out, err
		}
		job := &Job{}
		json.Unmarshal([]byte(m.Header.Get(headerJob)), job)
		job.Body = m.Data
		n, _ := strconv.Atoi(m.Header.Get(headerAttempts))
		out = append(out, DeadLetter{Job: job, Reason: m.Header.Get(headerReason), Attempts: n})
	}
	return out, nil
}

// Close implements Queue.
func (q *JetStream) Close() error {
	q.nc.Close()
	return nil
}
