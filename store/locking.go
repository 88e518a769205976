package store

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SQLite runs one writer at a time, so a transaction that reads and then
// writes cannot race another. PostgreSQL runs writers concurrently at READ
// COMMITTED, so such reads lock the rows they depend on. GORM's SQLite
// dialect drops locking clauses, so the SQL run on SQLite is unchanged.

// forUpdate makes q's SELECT lock the rows it reads until the transaction
// ends (FOR NO KEY UPDATE: it does not block inserts that reference them).
func forUpdate(q *gorm.DB) *gorm.DB {
	return q.Clauses(clause.Locking{Strength: "NO KEY UPDATE"})
}

// lockBuyers locks the given buyers' rows, in id order so two transactions
// cannot deadlock, before their stats, goals, milestones and health are
// recomputed from their collaborations. Each statement after it (READ
// COMMITTED) then sees every collaboration committed by the writers it
// waited for. A no-op on SQLite.
func lockBuyers(tx *gorm.DB, ids []int64) error {
	if !isPostgres(tx) || len(ids) == 0 {
		return nil
	}
	var locked []int64
	return tx.Raw("SELECT id FROM buyers WHERE id IN ? ORDER BY id FOR NO KEY UPDATE", ids).Scan(&locked).Error
}

// lockAllBuyers locks every buyer row, in id order, before a recompute of
// all stats (rare: seeding, repairs, a first roll of the 90-day window).
// A no-op on SQLite.
func lockAllBuyers(tx *gorm.DB) error {
	if !isPostgres(tx) {
		return nil
	}
	var locked []int64
	return tx.Raw("SELECT id FROM buyers ORDER BY id FOR NO KEY UPDATE").Scan(&locked).Error
}
