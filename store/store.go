// Package store is Huoban's data access: every brand-owned query goes through
// a Brand view, which adds the tenant condition in one place.
package store

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"huoban/db"
	"huoban/models"
)

// Store reads through the reader pool and writes through the writer (on
// SQLite a single connection; on PostgreSQL both share one pool, and
// read-then-write transactions lock their rows, see locking.go).
type Store struct {
	db  *db.DB
	now func() time.Time
	// window remembers the day the buyers' 90-day GMV window was last rolled to.
	window *statsWindow
	// writes counts committed write transactions; cached reads compare it.
	writes atomic.Int64
	// users caches UserByID until the next write.
	users userCache
	// batch queues SQLite writes for the group commit (batch.go).
	batch batcher
	// fault is set when a write failed because storage refused it (read-only,
	// full, I/O error) and cleared by the next write that commits.
	fault atomic.Bool
	// instance names this process in background_runs (cluster.go).
	instance string
	// render turns records into webhook event data (outbox.go).
	render EventRenderer
	// outboxDirty is set when a write recorded webhook events; outboxKick
	// then wakes the delivery worker once the write has committed.
	outboxDirty atomic.Bool
	outboxKick  chan struct{}
}

// New returns a Store over d; now may be nil for time.Now.
func New(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	clock := func() time.Time { return now().UTC() }
	if d.Dialect == db.Postgres {
		// PostgreSQL keeps microseconds: answer with the times that are stored.
		clock = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
	}
	return &Store{db: d, now: clock, window: &statsWindow{}, instance: instanceName(),
		outboxKick: make(chan struct{}, 1)}
}

// Now returns the store's clock in UTC.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the current calendar date (UTC).
func (s *Store) Today() models.Date { return models.DateOf(s.now()) }

// Generation returns a number that changes whenever this process commits a
// write (bumped after the commit). ok is false when other processes may
// write the same database too (PostgreSQL, where several instances can
// share it): then no result may be reused across requests.
func (s *Store) Generation() (gen int64, ok bool) {
	return s.writes.Load(), s.db.Dialect == db.SQLite
}

// read returns the reader pool bound to ctx.
func (s *Store) read(ctx context.Context) *gorm.DB { return s.db.R.WithContext(ctx) }

// write runs fn in one transaction on the writer: on SQLite through the
// group commit of batch.go (in a savepoint of a transaction shared with the
// writes queued beside it), on PostgreSQL in its own READ COMMITTED
// transaction. fn's writes commit, or none of them does.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.writeUpkeep(ctx, func(tx *gorm.DB, _ *Upkeep) error { return fn(tx) })
}

// noteWriteResult keeps the storage fault flag: set by a write refused for a
// storage fault, cleared by one that commits.
func (s *Store) noteWriteResult(ctx context.Context, err error) {
	switch {
	case err == nil:
		s.fault.Store(false)
	case errors.Is(err, models.ErrUnavailable):
		// A failed write (SQLITE_FULL, SQLITE_IOERR) may leave its
		// transaction open on the one writer connection; end it so the next
		// write can begin once the fault clears.
		s.db.ResetWriter(ctx, needsReopen(err))
		s.fault.Store(true)
	}
}

// healthProbe is the size of the write Ping makes after a storage fault:
// several pages, so a disk that is still full refuses it.
const healthProbe = 64 << 10

// Ping reports whether the database answers reads and, after a write failed
// for a storage fault, whether it takes writes again: it then commits (and
// removes) a probe row, so health recovers by itself when the fault clears.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.Ping(ctx); err != nil {
		return translate(err)
	}
	if !s.fault.Load() {
		return nil
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('health_probe', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			strings.Repeat("·", healthProbe/2)).Error; err != nil {
			return err
		}
		return tx.Exec("DELETE FROM settings WHERE key = 'health_probe'").Error
	})
}

// brandScope restricts a query to one brand's rows. It is the only place the
// tenant condition is written.
func brandScope(brandID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB { return q.Where("brand_id = ?", brandID) }
}

// translate maps driver and GORM errors (SQLite's and, through
// translatePostgres, PostgreSQL's) onto the models sentinels. It is the one
// place that inspects driver errors.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var me *models.Error
	var ve *models.ValidationError
	if errors.As(err, &me) || errors.As(err, &ve) {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch {
		case se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey:
			return models.ErrConflict
		case se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrFull || se.Code == sqlite3.ErrIoErr ||
			se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked || se.Code == sqlite3.ErrCantOpen:
			return errors.Join(models.ErrUnavailable, err)
		}
	}
	if out, ok := translatePostgres(err); ok {
		return out
	}
	return err
}

// needsReopen reports whether a storage fault is one a fresh connection can
// get past once the fault clears: the file or its filesystem was read-only or
// could not be opened when the writer connection opened it.
func needsReopen(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrCantOpen)
}

// IsConflict reports whether err is a unique-constraint clash.
func IsConflict(err error) bool { return errors.Is(translate(err), models.ErrConflict) }

// isPostgres reports whether q runs on PostgreSQL, for the few statements
// whose SQL differs by engine.
func isPostgres(q *gorm.DB) bool { return q.Dialector.Name() == "postgres" }
