// Package store is Huoban's data access: every brand-owned query goes through
// a Brand view, which adds the tenant condition in one place.
package store

import (
	"context"
	"errors"
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
	// dash caches dashboards until the next write or day.
	dash *dashboardCache
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
	return &Store{db: d, now: clock, window: &statsWindow{}, dash: &dashboardCache{}}
}

// Now returns the store's clock in UTC.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the current calendar date (UTC).
func (s *Store) Today() models.Date { return models.DateOf(s.now()) }

// read returns the reader pool bound to ctx.
func (s *Store) read(ctx context.Context) *gorm.DB { return s.db.R.WithContext(ctx) }

// write runs fn in one transaction on the writer: immediate on SQLite,
// READ COMMITTED on PostgreSQL.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	err := s.db.W.WithContext(ctx).Transaction(fn)
	s.writes.Add(1)
	return translate(err)
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.Ping(ctx) }

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

// IsConflict reports whether err is a unique-constraint clash.
func IsConflict(err error) bool { return errors.Is(translate(err), models.ErrConflict) }

// isPostgres reports whether q runs on PostgreSQL, for the few statements
// whose SQL differs by engine.
func isPostgres(q *gorm.DB) bool { return q.Dialector.Name() == "postgres" }
