package store

import (
	"context"
	"strings"
	"sync"

	"gorm.io/gorm"

	"huoban/models"
)

// Buyer stats (stat_collaborations, gmv_cents_total, gmv_cents_90d,
// last_collaboration_on) count and sum a buyer's completed collaborations.
// They are kept on write, in the write's transaction: a single collaboration
// write moves them by the row's own share (afterCollaborationChange); a bulk
// write recomputes them for the buyers it touched (one indexed aggregate per
// buyer). The 90-day window is the day the window was rolled to and the 89
// days before it; as the calendar moves, the maintenance loop
// (DailyMaintenance → EnsureStatsWindow) rolls it forward once a day, touching
// only the buyers with completed collaborations on the days that left or
// entered the window. Reads never roll it (a GET never writes); writes keep
// their moves against the rolled day, so stats and window always agree.

// StatsWindowDays is the length of the gmv_cents_90d window, today included.
const StatsWindowDays = 90

// statsWindowKey is the settings key holding the day the window was rolled to.
const statsWindowKey = "stats_window_on"

// statsWindow caches the day the window was last rolled to, so the check on
// each request is a string comparison.
type statsWindow struct {
	mu  sync.Mutex
	day models.Date
}

// windowStart returns the first day of the 90-day window ending on today.
func windowStart(today models.Date) models.Date { return today.AddDays(-(StatsWindowDays - 1)) }

// statsSQL recomputes every stat of the buyers selected by the WHERE clause
// that follows it, in one pass over each buyer's completed collaborations;
// its two parameters are the window's first and last day.
const statsSQL = `UPDATE buyers SET (stat_collaborations, gmv_cents_total, gmv_cents_90d, last_collaboration_on) = (
	SELECT COUNT(*), COALESCE(SUM(c.gmv_cents), 0),
		COALESCE(SUM(CASE WHEN c.start_on BETWEEN ? AND ? THEN c.gmv_cents END), 0), MAX(c.start_on)
	FROM collaborations c WHERE c.brand_id = buyers.brand_id AND c.buyer_id = buyers.id AND c.status = 'completed')
`

// recomputeBuyerStats recomputes the stats of the given buyers from their
// collaborations, inside the caller's transaction.
func recomputeBuyerStats(tx *gorm.DB, today models.Date, buyerIDs []int64) error {
	ids := uniqueIDs(buyerIDs)
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := []any{string(windowStart(today)), string(today)}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		q := statsSQL + "WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// RecomputeAllStats recomputes every buyer's stats from scratch (for seeding
// and repairs) and marks the window as rolled to today.
func (s *Store) RecomputeAllStats(ctx context.Context) error {
	today := s.Today()
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := lockAllBuyers(tx); err != nil {
			return err
		}
		if err := tx.Exec(statsSQL, string(windowStart(today)), string(today)).Error; err != nil {
			return err
		}
		if err := setWindowDay(tx, today); err != nil {
			return err
		}
		return rebuildAllPeriods(tx)
	})
}

func uniqueIDs(in []int64) []int64 {
	seen := make(map[int64]bool, len(in))
	out := make([]int64, 0, len(in))
	for _, id := range in {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// afterCollaborationWrite runs inside transactions that write many
// collaborations at once (CSV import), with every buyer touched: it
// recomputes their stats from their collaborations, and defers their
// milestones, goals and health to the end of the transaction (upkeep.go).
func (s *Store) afterCollaborationWrite(tx *gorm.DB, up *Upkeep, brandID int64, buyerIDs ...int64) error {
	if err := lockBuyers(tx, uniqueIDs(buyerIDs)); err != nil {
		return err
	}
	day, err := s.statsDay(tx)
	if err != nil {
		return err
	}
	if err := recomputeBuyerStats(tx, day, buyerIDs); err != nil {
		return err
	}
	up.DeferPartnership(brandID, uniqueIDs(buyerIDs)...)
	return nil
}

// rolledWindowDay returns the last day of the window the stored stats are
// kept against (empty before the first roll), read inside the transaction so
// that a move and a roll never disagree about it.
func rolledWindowDay(tx *gorm.DB) (models.Date, error) {
	var day string
	err := tx.Raw("SELECT value FROM settings WHERE key = ?", statsWindowKey).Scan(&day).Error
	return models.Date(day), err
}

// statsDay is the day the stored stats are kept against: the rolled day, or
// today before the first roll.
func (s *Store) statsDay(tx *gorm.DB) (models.Date, error) {
	day, err := rolledWindowDay(tx)
	if err != nil || day != "" {
		return day, err
	}
	return s.Today(), nil
}

// setWindowDay records the day the window was rolled to, and moves the
// period windows (periods.go) with it.
func setWindowDay(tx *gorm.DB, day models.Date) error {
	if err := tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, statsWindowKey, string(day)).Error; err != nil {
		return err
	}
	return setPeriodWindows(tx, day)
}

// EnsureStatsWindow rolls every buyer's gmv_cents_90d, and the period
// rollups, to today's windows if that has not happened yet today. After the
// first call of a day it costs a mutex and a comparison. The maintenance loop
// calls it; no read does.
func (s *Store) EnsureStatsWindow(ctx context.Context) error {
	today := s.Today()
	s.window.mu.Lock()
	defer s.window.mu.Unlock()
	if s.window.day == today {
		return nil
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		// Other instances may roll the same day: one at a time, and each
		// reads the day rolled to after the one before it committed.
		if err := xactLock(tx, windowLock); err != nil {
			return err
		}
		rolled, err := rolledWindowDay(tx)
		if err != nil {
			return err
		}
		return rollWindow(tx, rolled, today)
	})
	if err != nil {
		return err
	}
	s.window.day = today
	return nil
}

// rollWindow moves the 90-day window from the day it was rolled to (empty:
// never) to today, recomputing gmv_cents_90d only for buyers with completed
// collaborations on the days that left or entered it.
func rollWindow(tx *gorm.DB, from, today models.Date) error {
	// The period windows were rolled with the stats unless their rows came
	// from elsewhere (scripts/sqlite-to-postgres.sh copies no rollups): then
	// they are rebuilt once, whole.
	var periodsOn string
	if err := tx.Raw("SELECT COALESCE(MIN(until), '') FROM stats_windows").Scan(&periodsOn).Error; err != nil {
		return err
	}
	if from == today {
		if models.Date(periodsOn) == today {
			return nil
		}
		if err := setPeriodWindows(tx, today); err != nil {
			return err
		}
		return rebuildAllPeriods(tx)
	}
	if from == "" {
		// Never rolled: stats were all kept against today's calendar by the
		// writes themselves only if they happened today, so recompute once.
		if err := lockAllBuyers(tx); err != nil {
			return err
		}
		if err := tx.Exec(statsSQL, string(windowStart(today)), string(today)).Error; err != nil {
			return err
		}
		if err := setWindowDay(tx, today); err != nil {
			return err
		}
		return rebuildAllPeriods(tx)
	}
	lo, hi := from, today
	if hi < lo {
		lo, hi = hi, lo
	}
	// Days that left or entered: [lo-89, hi-90] and [lo+1, hi]. When the two
	// windows do not overlap these ranges cover both of them entirely.
	where := `WHERE id IN (SELECT buyer_id FROM collaborations WHERE status = 'completed'
		AND (start_on BETWEEN ? AND ? OR start_on BETWEEN ? AND ?))`
	days := []any{string(windowStart(lo)), string(hi.AddDays(-StatsWindowDays)), string(lo.AddDays(1)), string(hi)}
	if isPostgres(tx) {
		// Lock the buyers first, as lockBuyers does for collaboration writes.
		var locked []int64
		if err := tx.Raw("SELECT id FROM buyers "+where+" ORDER BY id FOR NO KEY UPDATE", days...).Scan(&locked).Error; err != nil {
			return err
		}
	}
	err := tx.Exec(statsSQL+where, append([]any{string(windowStart(today)), string(today)}, days...)...).Error
	if err != nil {
		return err
	}
	if err := setWindowDay(tx, today); err != nil {
		return err
	}
	if models.Date(periodsOn) != from {
		return rebuildAllPeriods(tx)
	}
	return rollPeriods(tx, from, today)
}

// RecomputeBrandStats recomputes the stats of every buyer of a brand with one
// UPDATE … FROM over an aggregate of its completed collaborations (for bulk
// loads such as the synthetic seed, where per-write upkeep was skipped).
func (s *Store) RecomputeBrandStats(ctx context.Context, brandID int64) error {
	if err := s.EnsureStatsWindow(ctx); err != nil {
		return err
	}
	today := s.Today()
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE buyers SET stat_collaborations = 0, gmv_cents_total = 0, gmv_cents_90d = 0,
			last_collaboration_on = NULL WHERE brand_id = ?`, brandID).Error; err != nil {
			return err
		}
		return tx.Exec(`UPDATE buyers SET stat_collaborations = a.n, gmv_cents_total = a.total,
				gmv_cents_90d = a.d90, last_collaboration_on = a.last
			FROM (SELECT buyer_id, COUNT(*) AS n, SUM(gmv_cents) AS total,
					SUM(CASE WHEN start_on BETWEEN ? AND ? THEN gmv_cents ELSE 0 END) AS d90, MAX(start_on) AS last
				FROM collaborations WHERE brand_id = ? AND status = 'completed' GROUP BY buyer_id) AS a
			WHERE buyers.id = a.buyer_id`, string(windowStart(today)), string(today), brandID).Error
	})
}
