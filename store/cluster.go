package store

import (
	"fmt"
	"os"
	"time"

	"gorm.io/gorm"

	"huoban/db"
)

// Names of the cluster-wide locks of the calendar-driven work.
const (
	// dailyJob is the daily maintenance (health refresh, planner statistics);
	// it is also the job name of its background_runs rows.
	dailyJob = "daily_maintenance"
	// windowLock serializes the roll of the 90-day stats window.
	windowLock = "stats_window"
)

// backgroundRunsKept is how long background_runs rows are kept.
const backgroundRunsKept = 90 * 24 * time.Hour

// instanceName names this process in background_runs: host and process id.
func instanceName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// xactLock takes, on PostgreSQL, the transaction-level advisory lock named
// name: a transaction of another instance asking for it waits until tx ends.
// Work that reads "has this been done today?" and then does it takes it
// first, so two instances never both do it. On SQLite the single writer
// already orders such transactions.
func xactLock(tx *gorm.DB, name string) error {
	if !isPostgres(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock("+db.LockKeys+")", name).Error
}

// recordRun notes in tx that this instance ran job for runKey (a day) from
// started until now, and forgets runs older than backgroundRunsKept.
func (s *Store) recordRun(tx *gorm.DB, job, runKey string, started time.Time) error {
	now := s.now()
	if err := tx.Exec(`INSERT INTO background_runs (job, run_key, instance, started_at, finished_at)
		VALUES (?, ?, ?, ?, ?)`, job, runKey, s.instance, started, now).Error; err != nil {
		return err
	}
	return tx.Exec("DELETE FROM background_runs WHERE job = ? AND started_at < ?", job, now.Add(-backgroundRunsKept)).Error
}
