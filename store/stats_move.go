package store

import (
	"gorm.io/gorm"

	"huoban/models"
)

// statsRow is the part of a collaboration the buyer stats read.
type statsRow struct {
	buyerID   int64
	completed bool
	startOn   models.Date
	gmv       int64
	typ       models.CollabType // milestones read it (first livestream); the stats do not
}

func statsRowOf(c *models.Collaboration) *statsRow {
	if c == nil {
		return nil
	}
	return &statsRow{buyerID: c.BuyerID, completed: c.Status == models.CollabCompleted, startOn: c.StartOn,
		gmv: c.Metrics.GMVCents, typ: c.Type}
}

// sameStats tells whether two rows give their buyer the same stats.
func (r statsRow) sameStats(o statsRow) bool {
	r.typ, o.typ = "", ""
	return r == o
}

// statsMove is one collaboration write as the stats see it: the row before
// (nil: created) and after (nil: deleted).
type statsMove struct{ before, after *statsRow }

// buyers returns the buyers the write touched.
func (m statsMove) buyers() []int64 {
	var ids []int64
	for _, r := range []*statsRow{m.before, m.after} {
		if r != nil {
			ids = append(ids, r.buyerID)
		}
	}
	return uniqueIDs(ids)
}

// statsShare is what one collaboration adds to its buyer's stats.
type statsShare struct {
	count, gmv, gmv90 int64
}

// shareOf returns r's share of its buyer's stats for the window ending on
// day: only completed collaborations count.
func shareOf(r *statsRow, day models.Date) statsShare {
	if r == nil || !r.completed {
		return statsShare{}
	}
	sh := statsShare{count: 1, gmv: r.gmv}
	if r.startOn >= windowStart(day) && r.startOn <= day {
		sh.gmv90 = r.gmv
	}
	return sh
}

// moveStatsSQL adds a share to a buyer's stats; last_collaboration_on is the
// newest completed start_on, one seek of collaborations_buyer_completed.
const moveStatsSQL = `UPDATE buyers SET stat_collaborations = stat_collaborations + ?,
	gmv_cents_total = gmv_cents_total + ?, gmv_cents_90d = gmv_cents_90d + ?,
	last_collaboration_on = (SELECT MAX(start_on) FROM collaborations WHERE buyer_id = ? AND status = 'completed')
	WHERE id = ?`

// applyStatsMoves takes each move's before share from its buyer and gives
// its after share to its buyer, with one UPDATE per buyer whose stats change.
func (s *Store) applyStatsMoves(tx *gorm.DB, moves []statsMove) error {
	window, err := rolledWindowDay(tx)
	if err != nil {
		return err
	}
	if window == "" {
		// The window was never rolled (the maintenance loop has not run
		// yet): there is no consistent base to move from.
		var ids []int64
		for _, m := range moves {
			ids = append(ids, m.buyers()...)
		}
		return recomputeBuyerStats(tx, s.Today(), ids)
	}
	deltas := map[int64]statsShare{}
	var order []int64
	add := func(r *statsRow, sign int64) {
		if r == nil || !r.completed {
			return
		}
		d, seen := deltas[r.buyerID]
		if !seen {
			order = append(order, r.buyerID)
		}
		sh := shareOf(r, window)
		d.count, d.gmv, d.gmv90 = d.count+sign*sh.count, d.gmv+sign*sh.gmv, d.gmv90+sign*sh.gmv90
		deltas[r.buyerID] = d
	}
	for _, m := range moves {
		if m.before != nil && m.after != nil && m.before.sameStats(*m.after) {
			continue // nothing the stats read has changed
		}
		add(m.before, -1)
		add(m.after, +1)
	}
	for _, id := range order {
		d := deltas[id]
		if err := tx.Exec(moveStatsSQL, d.count, d.gmv, d.gmv90, id, id).Error; err != nil {
			return err
		}
	}
	return nil
}
