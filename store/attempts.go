package store

import (
	"context"
	"sync/atomic"
	"time"

	"huoban/db"
)

// AttemptLimits keeps the attempt limiters' counts in PostgreSQL's
// attempt_limits table, which every instance on the database shares: a limit
// hit on one instance holds on all (an auth.AttemptStore).
type AttemptLimits struct {
	s *Store
	// swept is when this process last deleted expired rows (Unix ns).
	swept atomic.Int64
}

// SharedAttempts returns the attempt store all instances share, or nil on
// SQLite, where the process is the only instance and counts in memory.
func (s *Store) SharedAttempts() *AttemptLimits {
	if s.db.Dialect != db.Postgres {
		return nil
	}
	return &AttemptLimits{s: s}
}

// sweepEvery is how often a process deletes the rows that expired.
const sweepEvery = time.Minute

// hitSQL records one attempt in one statement: the upsert locks the key's
// row, so attempts on one key from several instances are counted one after
// the other. The hits kept are those inside the window; the new one is
// added only while fewer than max are.
const hitSQL = `INSERT INTO attempt_limits AS a (key, hits, allowed, expires_at)
VALUES (?, ARRAY[?::timestamptz], TRUE, ?)
ON CONFLICT (key) DO UPDATE SET (hits, allowed, expires_at) = (
	SELECT CASE WHEN COUNT(*) >= ? THEN COALESCE(array_agg(h ORDER BY h), '{}')
	            ELSE array_append(COALESCE(array_agg(h ORDER BY h), '{}'), ?::timestamptz) END,
	       COUNT(*) < ?,
	       ?::timestamptz
	FROM unnest(a.hits) AS h WHERE h > ?)
RETURNING allowed, hits[1]`

// Hit records an attempt on key at now unless max were recorded after
// now-window (auth.AttemptStore).
func (a *AttemptLimits) Hit(ctx context.Context, key string, now time.Time, max int, window time.Duration) (bool, time.Time, error) {
	now = now.UTC().Truncate(time.Microsecond)
	if last := a.swept.Load(); now.UnixNano()-last > int64(sweepEvery) && a.swept.CompareAndSwap(last, now.UnixNano()) {
		if err := a.s.db.W.WithContext(ctx).Exec("DELETE FROM attempt_limits WHERE expires_at < ?", now).Error; err != nil {
			return false, time.Time{}, translate(err)
		}
	}
	expires := now.Add(window)
	var (
		ok     bool
		oldest time.Time
	)
	err := a.s.db.W.WithContext(ctx).Raw(hitSQL, key, now, expires, max, now, max, expires, now.Add(-window)).
		Row().Scan(&ok, &oldest)
	if err != nil {
		return false, time.Time{}, translate(err)
	}
	return ok, oldest, nil
}

// Forget drops the attempts on key (auth.AttemptStore).
func (a *AttemptLimits) Forget(ctx context.Context, key string) error {
	return translate(a.s.db.W.WithContext(ctx).Exec("DELETE FROM attempt_limits WHERE key = ?", key).Error)
}
