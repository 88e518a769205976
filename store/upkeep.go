package store

import (
	"cmp"
	"context"
	"slices"

	"gorm.io/gorm"

	"huoban/db"
	"huoban/models"
)

// Deferred upkeep. A write that changes collaborations leaves the upkeep it
// causes — moving its buyers' stats, then their milestones, goal progress and
// health — to the end of its transaction, by saying so on its Upkeep:
//
//	err := s.writeUpkeep(ctx, func(tx *gorm.DB, up *Upkeep) error {
//		… validate, write the row …
//		up.DeferCollaboration(brandID, before, after)
//		return audit(…)
//	})
//
// The write runner settles the upkeep after the write's statements and before
// COMMIT, in the same transaction, the same way on both engines: on SQLite
// for a whole group-commit batch at once (batch.go), so a burst of writes to
// one buyer reads its history once; on PostgreSQL for the one write, with the
// buyers' rows locked in id order first. When writeUpkeep returns, the upkeep
// is committed with the write, so the answer to the request (and every read
// after it) shows the state after the upkeep.

// Upkeep is what a write leaves to be settled before its transaction commits.
type Upkeep struct {
	// moves are the write's collaboration changes for the buyer stats.
	moves []statsMove
	// buyers are the (brand, buyer) pairs whose milestones, goals and health
	// the write changed.
	buyers []brandBuyerID
}

// brandBuyerID names one buyer of one brand.
type brandBuyerID struct{ brand, buyer int64 }

// DeferCollaboration records that one collaboration was created (before is
// nil), changed, or deleted (after is nil): its buyers' stats move by the
// row's share, and their milestones, goals and health are brought up to date.
func (u *Upkeep) DeferCollaboration(brandID int64, before, after *models.Collaboration) {
	m := statsMove{statsRowOf(before), statsRowOf(after)}
	u.moves = append(u.moves, m)
	u.DeferPartnership(brandID, m.buyers()...)
}

// DeferPartnership asks for the buyers' milestones, goal progress and health
// to be brought up to date.
func (u *Upkeep) DeferPartnership(brandID int64, buyerIDs ...int64) {
	for _, id := range buyerIDs {
		u.buyers = append(u.buyers, brandBuyerID{brandID, id})
	}
}

// merge adds o's upkeep to u's (the batch's).
func (u *Upkeep) merge(o *Upkeep) {
	u.moves = append(u.moves, o.moves...)
	u.buyers = append(u.buyers, o.buyers...)
}

// writeUpkeep runs fn in one write transaction, then settles the upkeep fn
// deferred, then commits (group commit on SQLite, see batch.go).
func (s *Store) writeUpkeep(ctx context.Context, fn func(tx *gorm.DB, up *Upkeep) error) error {
	// The delivery worker hears of committed webhook events (outbox.go).
	defer s.signalOutbox()
	if s.db.Dialect == db.SQLite {
		return s.submit(ctx, fn)
	}
	err := translate(s.db.W.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var up Upkeep
		if err := fn(tx, &up); err != nil {
			return err
		}
		return s.settle(tx, &up)
	}))
	s.writes.Add(1)
	s.noteWriteResult(context.WithoutCancel(ctx), err)
	return err
}

// settle applies the stats moves, then brings each touched buyer's
// milestones, goals and health up to date, once per buyer, in id order
// (PostgreSQL: after locking those buyers' rows in that order).
func (s *Store) settle(tx *gorm.DB, up *Upkeep) error {
	keys := slices.Clone(up.buyers)
	slices.SortFunc(keys, func(a, b brandBuyerID) int {
		if c := cmp.Compare(a.buyer, b.buyer); c != 0 {
			return c
		}
		return cmp.Compare(a.brand, b.brand)
	})
	keys = slices.Compact(keys)
	if len(keys) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, k.buyer)
	}
	if err := lockBuyers(tx, ids); err != nil {
		return err
	}
	if len(up.moves) > 0 {
		if err := s.applyStatsMoves(tx, up.moves); err != nil {
			return err
		}
	}
	touched := touchedBy(up.moves)
	for _, k := range keys {
		if err := s.afterPartnershipWrite(tx, k.brand, []int64{k.buyer}, touched); err != nil {
			return err
		}
	}
	return nil
}
