package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"gorm.io/gorm"

	"huoban/models"
)

// Group commit (SQLite). SQLite has one writer; on it, writes that arrive
// while another is running are queued and then run together, each in its
// own savepoint of one transaction with one COMMIT:
//
//   - a write that fails rolls back to its savepoint and fails alone; the
//     others in the batch commit;
//   - the upkeep each write deferred on its Upkeep (upkeep.go: stats moves,
//     milestones, goal progress, health) is settled once for the batch,
//     after every write in it and inside the same transaction, so a burst
//     of writes to one buyer reads that buyer's history once, not per write;
//   - a storage fault (disk full, I/O error, read-only file) or a failed
//     COMMIT fails every write of the batch: none of them is committed;
//   - a write that has started runs to the end even if its client goes
//     away (an interrupted statement would roll back the whole batch); one
//     still waiting in the queue is dropped when its context ends.
//
// A lone write runs at once, as a batch of one: batching adds no wait.

// maxBatch bounds the writes committed together.
const maxBatch = 64

// writeJob is one write waiting for, or running in, a batch.
type writeJob struct {
	ctx  context.Context
	fn   func(tx *gorm.DB, up *Upkeep) error
	done chan error
	// state is guarded by the batcher's mutex.
	state jobState
	// up is the upkeep the write deferred; it joins the batch's only if the
	// write succeeds.
	up Upkeep
	// panicked holds what fn panicked with, re-raised in the caller.
	panicked any
}

type jobState int

const (
	jobQueued jobState = iota
	jobRunning
	jobCancelled
)

// batcher runs queued writes in batches on one goroutine, started when a
// write arrives and ended when the queue is empty.
type batcher struct {
	mu      sync.Mutex
	queue   []*writeJob
	running bool
}

// submit queues fn and waits for the result of its batch.
func (s *Store) submit(ctx context.Context, fn func(tx *gorm.DB, up *Upkeep) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j := &writeJob{ctx: ctx, fn: fn, done: make(chan error, 1)}
	b := &s.batch
	b.mu.Lock()
	b.queue = append(b.queue, j)
	if !b.running {
		b.running = true
		go s.runBatches()
	}
	b.mu.Unlock()
	select {
	case err := <-j.done:
		return s.rethrow(j, err)
	case <-ctx.Done():
		b.mu.Lock()
		if j.state == jobQueued {
			j.state = jobCancelled
			b.mu.Unlock()
			return ctx.Err()
		}
		b.mu.Unlock()
		return s.rethrow(j, <-j.done) // already running: it completes
	}
}

// WritePanic is what a write panicked with in the batcher's goroutine,
// re-raised in the goroutine that asked for the write, with the stack of
// where it happened.
type WritePanic struct {
	Value any
	Stack []byte
}

func (p *WritePanic) Error() string { return fmt.Sprintf("%v\n%s", p.Value, p.Stack) }

// rethrow re-raises a panic of the write's fn in the caller's goroutine,
// where the request's recovery handler reports it.
func (s *Store) rethrow(j *writeJob, err error) error {
	if j.panicked != nil {
		panic(j.panicked)
	}
	return err
}

// runBatches takes batches off the queue until it is empty.
func (s *Store) runBatches() {
	b := &s.batch
	for {
		b.mu.Lock()
		var batch []*writeJob
		for len(b.queue) > 0 && len(batch) < maxBatch {
			j := b.queue[0]
			b.queue[0] = nil
			b.queue = b.queue[1:]
			if j.state == jobQueued {
				j.state = jobRunning
				batch = append(batch, j)
			}
		}
		if len(batch) == 0 {
			b.running = false
			b.queue = nil
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		s.runBatch(batch)
	}
}

// runBatch runs one batch in one transaction and hands each write its result.
// A panic outside the writes' own fns (in the per-buyer work, say) fails
// every write of the batch and is re-raised in each caller.
func (s *Store) runBatch(batch []*writeJob) {
	results := make([]error, len(batch))
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				wp := &WritePanic{Value: p, Stack: debug.Stack()}
				for _, j := range batch {
					if j.panicked == nil {
						j.panicked = wp
					}
				}
				err = wp
			}
		}()
		return s.commitBatch(batch, results)
	}()
	s.writes.Add(1)
	s.noteWriteResult(context.WithoutCancel(batch[0].ctx), err)
	for i, j := range batch {
		if err != nil && results[i] == nil {
			results[i] = err
		}
		j.done <- results[i]
	}
}

// savepoint is the name of the savepoint around each write of a batch.
const savepoint = "huoban_write"

// commitBatch runs the batch's writes, each in a savepoint, then settles the
// upkeep they deferred, then COMMITs. It fills results with each write's
// own error and returns an error that fails the whole batch.
func (s *Store) commitBatch(batch []*writeJob, results []error) (err error) {
	tx := s.db.W.Begin()
	if tx.Error != nil {
		return translate(tx.Error)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	var up Upkeep
	for i, j := range batch {
		if err := tx.Exec("SAVEPOINT " + savepoint).Error; err != nil {
			return translate(err)
		}
		results[i] = translate(runJob(j, tx.WithContext(context.WithoutCancel(j.ctx))))
		if results[i] == nil {
			up.merge(&j.up)
		} else {
			if errors.Is(results[i], models.ErrUnavailable) {
				return results[i] // storage fault: nothing in the batch can commit
			}
			if err := tx.Exec("ROLLBACK TO " + savepoint).Error; err != nil {
				return translate(err)
			}
		}
		if err := tx.Exec("RELEASE " + savepoint).Error; err != nil {
			return translate(err)
		}
	}
	if err := s.settle(tx, &up); err != nil {
		return translate(err)
	}
	return translate(tx.Commit().Error)
}

// runJob runs a write's fn, turning a panic into an error for the batch
// (the caller re-raises it).
func runJob(j *writeJob, tx *gorm.DB) (err error) {
	defer func() {
		if p := recover(); p != nil {
			wp := &WritePanic{Value: p, Stack: debug.Stack()}
			j.panicked = wp
			err = wp
		}
	}()
	return j.fn(tx, &j.up)
}
