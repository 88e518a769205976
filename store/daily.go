package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
)

// healthDayKey is the settings key holding the day stored health was last refreshed.
const healthDayKey = "health_refreshed_on"

// DailyMaintenance brings what moves with the calendar up to today: the
// buyers' 90-day GMV window and their stored health (recency decays) and tiers. It is
// cheap to call often; the work happens once a day. With several instances
// on one PostgreSQL database it runs on one of them at a time (an advisory
// lock; the others skip it), so the day's work is done, and recorded in
// background_runs, once.
func (s *Store) DailyMaintenance(ctx context.Context) error {
	_, err := s.db.TryExclusive(ctx, dailyJob, s.dailyMaintenance)
	return translate(err)
}

// dailyMaintenance is DailyMaintenance's work, run under its lock.
func (s *Store) dailyMaintenance(ctx context.Context) error {
	started := s.now()
	if err := s.EnsureStatsWindow(ctx); err != nil {
		return err
	}
	if err := s.resyncMilestonesOnce(ctx); err != nil {
		return err
	}
	today := s.Today()
	var last string
	if err := s.read(ctx).Raw("SELECT COALESCE((SELECT value FROM settings WHERE key = ?), '')", healthDayKey).
		Row().Scan(&last); err != nil {
		return translate(err)
	}
	if models.Date(last) == today {
		return nil
	}
	if err := s.RefreshAllHealth(ctx); err != nil {
		return err
	}
	// Tiers read the 90-day and 12-month windows, which moved with the day.
	if err := s.RefreshAllTiers(ctx); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := refreshPlannerStats(tx); err != nil {
			return err
		}
		if err := s.recordRun(tx, dailyJob, string(today), started); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, healthDayKey, string(today)).Error
	})
}

// refreshPlannerStats lets SQLite re-analyze the tables that changed enough
// since their statistics were taken (0x10000: every table, not only those this
// connection used; analysis_limit samples, so it stays fast on large tables),
// so the planner keeps choosing the right index as a brand's data grows.
// PostgreSQL's autovacuum does this by itself.
func refreshPlannerStats(tx *gorm.DB) error {
	if isPostgres(tx) {
		return nil
	}
	if err := tx.Exec("PRAGMA analysis_limit = 1000").Error; err != nil {
		return err
	}
	return tx.Exec("PRAGMA optimize = 0x10002").Error
}
