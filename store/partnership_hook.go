package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
)

// afterPartnershipWrite brings a buyer's milestones, goal progress, stored
// health and tier up to date with its collaborations, inside the write's transaction.
// touched says, per buyer, which completed collaborations the write changed
// (see touchedFrom); a buyer it does not name has its milestones re-read in full.
func (s *Store) afterPartnershipWrite(tx *gorm.DB, brandID int64, buyerIDs []int64, touched touchedFrom) error {
	now := s.now()
	for _, id := range uniqueIDs(buyerIDs) {
		from, known := touched[id]
		if err := s.syncMilestones(tx, brandID, id, now, from, known); err != nil {
			return err
		}
		if err := s.recomputeGoals(tx, id); err != nil {
			return err
		}
		if err := s.refreshHealth(tx, id); err != nil {
			return err
		}
		// The buyer-stats upkeep point: the stats just moved, so the tier
		// (which reads gmv_cents_90d and completed collaborations) follows.
		if err := s.refreshTier(tx, brandID, id); err != nil {
			return err
		}
	}
	return nil
}

// recomputeGoals refreshes the progress of a buyer's computed, uncancelled goals.
func (s *Store) recomputeGoals(tx *gorm.DB, buyerID int64) error {
	var goals []models.Goal
	if err := tx.Where("buyer_id = ? AND metric <> ? AND status <> ?", buyerID, models.MetricCustom, models.GoalCancelled).
		Find(&goals).Error; err != nil {
		return err
	}
	for i := range goals {
		if err := s.settleGoal(tx, &goals[i], true); err != nil {
			return err
		}
	}
	return nil
}

// RecomputeBrandPartnerships detects milestones, refreshes goal progress and
// stores health for every buyer of a brand, in batches of short
// transactions; for data loaded in bulk (seeding) rather than through writes.
func (s *Store) RecomputeBrandPartnerships(ctx context.Context, brandID int64) error {
	var after int64
	for {
		var ids []int64
		if err := s.read(ctx).Model(&models.Buyer{}).Scopes(brandScope(brandID)).Where("id > ?", after).
			Order("id").Limit(200).Pluck("id", &ids).Error; err != nil {
			return translate(err)
		}
		if len(ids) == 0 {
			return nil
		}
		if err := s.write(ctx, func(tx *gorm.DB) error { return s.afterPartnershipWrite(tx, brandID, ids, nil) }); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}
