package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// afterPartnershipWrite brings a buyer's milestones, goal progress, stored
// health and tier up to date with its collaborations, inside the write's transaction.
func (s *Store) afterPartnershipWrite(tx *gorm.DB, brandID int64, buyerIDs []int64) error {
	now := s.now()
	for _, id := range uniqueIDs(buyerIDs) {
		if err := s.detectMilestones(tx, brandID, id, now); err != nil {
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

// detectMilestones records the collaboration milestones a buyer has reached.
// Once all of them are recorded there is nothing left to find, so a buyer
// with a long history does not have it re-read on every write.
func (s *Store) detectMilestones(tx *gorm.DB, brandID, buyerID int64, now time.Time) error {
	codes := partnership.CollaborationCodes()
	var have int64
	if err := tx.Model(&models.Milestone{}).Where("buyer_id = ? AND source = ? AND code IN ?",
		buyerID, models.MilestoneAuto, codes).Count(&have).Error; err != nil {
		return err
	}
	if int(have) == len(codes) {
		return nil
	}
	completed, err := completedCollabs(tx, buyerID)
	if err != nil {
		return err
	}
	for _, r := range partnership.DetectMilestones(completed) {
		cid := r.CollaborationID
		if err := reachMilestone(tx, brandID, buyerID, r.Code, r.On, &cid, now); err != nil {
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
		if err := s.write(ctx, func(tx *gorm.DB) error { return s.afterPartnershipWrite(tx, brandID, ids) }); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}
