package store

import (
	"strings"

	"gorm.io/gorm"

	"huoban/models"
)

// Period rollups (migration 0012): buyer_period_stats holds each buyer's
// completed collaborations and GMV in the windows of PeriodWindows days
// ending on the day the stats window was rolled to; brand_period_stats
// counts those rows per brand (the period's active buyers); dashboard_monthly
// holds completed GMV per month. Triggers on collaborations keep them on
// every write, in the write's own transaction, whatever path it takes (API,
// group commit, CSV import, seed, cascade delete). Only the calendar moves
// them otherwise: the daily roll (rollWindow, run by the maintenance loop)
// moves stats_windows and recomputes the rows of the buyers with completed
// collaborations on the days that left or entered a window.

// PeriodWindows are the dashboard periods (days) kept as rollups; other
// periods are computed from the collaborations.
var PeriodWindows = []int{7, 30, 90, 365}

// isPeriodWindow tells whether days is one of PeriodWindows.
func isPeriodWindow(days int) bool {
	for _, w := range PeriodWindows {
		if w == days {
			return true
		}
	}
	return false
}

// setPeriodWindows moves stats_windows to the windows ending on day.
func setPeriodWindows(tx *gorm.DB, day models.Date) error {
	for _, w := range PeriodWindows {
		if err := tx.Exec("UPDATE stats_windows SET since = ?, until = ? WHERE days = ?",
			string(day.AddDays(-(w - 1))), string(day), w).Error; err != nil {
			return err
		}
	}
	return nil
}

// periodsSQL recomputes the period rows of the buyers selected by the
// condition on c.buyer_id that follows it, from their completed collaborations.
const periodsSQL = `INSERT INTO buyer_period_stats (buyer_id, days, brand_id, collaborations, gmv_cents)
	SELECT c.buyer_id, w.days, c.brand_id, COUNT(*), SUM(c.gmv_cents)
	FROM collaborations c JOIN stats_windows w ON c.start_on BETWEEN w.since AND w.until
	WHERE c.status = 'completed' `

const periodsGroup = ` GROUP BY c.buyer_id, w.days, c.brand_id`

// rebuildAllPeriods recomputes every buyer's period rows (first roll, repairs).
func rebuildAllPeriods(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM buyer_period_stats").Error; err != nil {
		return err
	}
	return tx.Exec(periodsSQL + periodsGroup).Error
}

// rollPeriods recomputes the period rows of the buyers whose windows changed
// when stats_windows moved from the windows ending on from to those ending on
// to: those with completed collaborations on a day inside one window but not
// the other.
func rollPeriods(tx *gorm.DB, from, to models.Date) error {
	var conds []string
	var args []any
	span := func(a, b models.Date) {
		if a <= b {
			conds = append(conds, "start_on BETWEEN ? AND ?")
			args = append(args, string(a), string(b))
		}
	}
	lo, hi := from, to
	if hi < lo {
		lo, hi = hi, lo
	}
	// The symmetric difference of [lo-(w-1), lo] and [hi-(w-1), hi] lies in
	// [lo-(w-1), hi-w] and [lo+1, hi] (both whole windows when they do not overlap).
	span(lo.AddDays(1), hi)
	for _, w := range PeriodWindows {
		span(lo.AddDays(-(w - 1)), hi.AddDays(-w))
	}
	if len(conds) == 0 {
		return nil
	}
	affected := "SELECT buyer_id FROM collaborations WHERE status = 'completed' AND (" + strings.Join(conds, " OR ") + ")"
	if err := tx.Exec("DELETE FROM buyer_period_stats WHERE buyer_id IN ("+affected+")", args...).Error; err != nil {
		return err
	}
	return tx.Exec(periodsSQL+"AND c.buyer_id IN ("+affected+")"+periodsGroup, args...).Error
}
