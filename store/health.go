package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// completedCollabs loads a buyer's completed collaborations in start_on order.
func completedCollabs(q *gorm.DB, buyerID int64) ([]partnership.CompletedCollab, error) {
	var out []partnership.CompletedCollab
	err := q.Table("collaborations").Select("id, type, start_on, gmv_cents").
		Where("buyer_id = ? AND status = 'completed'", buyerID).Order("start_on").Order("id").Scan(&out).Error
	return out, err
}

// healthRecent is how many of a buyer's latest completed collaborations the
// health score reads. It is exact, not an approximation: the score looks at
// the latest result (recency), the last ten (trend) and how many fell in the
// last 90 days up to three (frequency), and the three most recent results in
// that window are always among the latest ten.
const healthRecent = 10

// healthInput loads what the health score of one buyer depends on.
func healthInput(q *gorm.DB, buyerID int64, today models.Date) (partnership.HealthInput, error) {
	in := partnership.HealthInput{Today: today}
	if err := q.Table("collaborations").Select("id, start_on, gmv_cents").
		Where("buyer_id = ? AND status = 'completed' AND start_on <= ?", buyerID, today).
		Order("start_on DESC").Order("id DESC").Limit(healthRecent).Scan(&in.Collabs).Error; err != nil {
		return in, err
	}
	var goals []models.Goal
	if err := q.Where("buyer_id = ? AND status <> ?", buyerID, models.GoalCancelled).Find(&goals).Error; err != nil {
		return in, err
	}
	for i := range goals {
		in.Goals = append(in.Goals, partnership.HealthGoal{Status: goals[i].EffectiveStatus(today),
			Current: goals[i].Current, Target: goals[i].Target})
	}
	if err := q.Table("capability_snapshots").
		Select("recorded_on, skus_per_month + shop_window_items + sessions_per_month * 4 AS capacity").
		Where("buyer_id = ?", buyerID).Scan(&in.Capabilities).Error; err != nil {
		return in, err
	}
	tally, err := promiseTally(q, buyerID, today)
	in.Promises = tally
	return in, err
}

// BuyerHealth computes one buyer's health as of today.
func (s *Store) BuyerHealth(ctx context.Context, brandID, buyerID int64) (*partnership.Health, error) {
	if _, err := s.GetBuyer(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	in, err := healthInput(s.read(ctx), buyerID, s.Today())
	if err != nil {
		return nil, translate(err)
	}
	h := partnership.ComputeHealth(in)
	return &h, nil
}

// refreshHealth recomputes and stores a buyer's health inside tx, so the
// buyers list can sort and filter by it without computing it per request.
func (s *Store) refreshHealth(tx *gorm.DB, buyerID int64) error {
	in, err := healthInput(tx, buyerID, s.Today())
	if err != nil {
		return err
	}
	h := partnership.ComputeHealth(in)
	return tx.Model(&models.Buyer{}).Where("id = ?", buyerID).
		Updates(map[string]any{"health_score": h.Score, "health_label": h.Label}).Error
}

// RefreshAllHealth recomputes the stored health of every active buyer, in
// batches of short transactions. Health decays with time (recency), so this
// runs once a day.
func (s *Store) RefreshAllHealth(ctx context.Context) error {
	var after int64
	for {
		var ids []int64
		if err := s.read(ctx).Model(&models.Buyer{}).Where("id > ? AND status = ?", after, models.BuyerActive).
			Order("id").Limit(200).Pluck("id", &ids).Error; err != nil {
			return translate(err)
		}
		if len(ids) == 0 {
			return nil
		}
		err := s.write(ctx, func(tx *gorm.DB) error {
			for _, id := range ids {
				if err := s.refreshHealth(tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}
