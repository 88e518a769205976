package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// reachMilestone records an automatic milestone unless the buyer already has
// that code. The partial unique index makes this safe under concurrent writes.
// A milestone reached for the first time is a milestone.reached event.
func (s *Store) reachMilestone(tx *gorm.DB, brandID, buyerID int64, code string, on models.Date, collabID *int64, now time.Time) error {
	m := models.Milestone{BrandID: brandID, BuyerID: buyerID, Code: code, Title: partnership.MilestoneTitle(code),
		AchievedOn: on, Source: models.MilestoneAuto, CollaborationID: collabID, CreatedAt: now}
	var ids []int64
	if err := tx.Raw(`INSERT INTO milestones (brand_id, buyer_id, code, title, achieved_on, source, collaboration_id, note, created_at)
		VALUES (?, ?, ?, ?, ?, 'auto', ?, '', ?)
		ON CONFLICT (buyer_id, code) WHERE source = 'auto' DO NOTHING RETURNING id`,
		brandID, buyerID, code, m.Title, on, collabID, now).Scan(&ids).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	m.ID = ids[0]
	return s.RecordEvent(tx, brandID, "milestone.reached", &m)
}

// ListMilestones returns a buyer's milestones, newest first.
func (s *Store) ListMilestones(ctx context.Context, brandID, buyerID int64) ([]models.Milestone, error) {
	if _, err := s.GetBuyer(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	return s.milestonesOf(ctx, brandID, buyerID)
}

func (s *Store) milestonesOf(ctx context.Context, brandID, buyerID int64) ([]models.Milestone, error) {
	var out []models.Milestone
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("buyer_id = ?", buyerID).
		Order("achieved_on DESC").Order("id DESC").Find(&out).Error
	return out, translate(err)
}

// AddManualMilestone records a milestone a manager noted by hand.
func (s *Store) AddManualMilestone(ctx context.Context, a Actor, m *models.Milestone) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", m.BuyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		m.ID, m.BrandID, m.Code, m.Source, m.CreatedAt = 0, a.BrandID, partnership.Manual, models.MilestoneManual, s.now()
		if err := tx.Create(m).Error; err != nil {
			return err
		}
		if err := s.RecordEvent(tx, a.BrandID, "milestone.reached", m); err != nil {
			return err
		}
		return audit(tx, a, "create", "milestone", m.ID, created(map[string]any{"buyer_id": m.BuyerID, "title": m.Title, "achieved_on": m.AchievedOn}))
	})
}
