package store

import (
	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// afterPartnershipWrite brings a buyer's milestones, goal progress and stored
// health up to date with its collaborations, inside the write's transaction.
func (s *Store) afterPartnershipWrite(tx *gorm.DB, brandID int64, buyerIDs []int64) error {
	now := s.now()
	for _, id := range uniqueIDs(buyerIDs) {
		completed, err := completedCollabs(tx, id)
		if err != nil {
			return err
		}
		for _, r := range partnership.DetectMilestones(completed) {
			cid := r.CollaborationID
			if err := reachMilestone(tx, brandID, id, r.Code, r.On, &cid, now); err != nil {
				return err
			}
		}
		if err := s.recomputeGoals(tx, id); err != nil {
			return err
		}
		if err := s.refreshHealth(tx, id, completed); err != nil {
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
