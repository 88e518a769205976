package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// activitySort orders a buyer's timeline newest first.
var activitySort = sortColumn{Column: "occurred_at", Kind: kindTime}

// followUpSort orders open follow-ups oldest first.
var followUpSort = sortColumn{Column: "follow_up_on", Kind: kindText}

const (
	activitySortKey = "-occurred_at"
	followUpSortKey = "follow_up_on"
)

// ListActivities returns a page of a buyer's timeline, newest first.
func (s *Store) ListActivities(ctx context.Context, brandID, buyerID int64, f SubQuery) (*Page[models.Activity], error) {
	if err := s.buyerExists(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	cur, err := DecodeCursor(f.Cursor, activitySortKey)
	if err != nil {
		return nil, err
	}
	q := s.read(ctx).Model(&models.Activity{}).Scopes(brandScope(brandID)).Where("buyer_id = ?", buyerID)
	if q, err = keyset(q, activitySort, true, cur); err != nil {
		return nil, err
	}
	var rows []models.Activity
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return pageOf(rows, f.Limit, func(a *models.Activity) Cursor {
		v := a.OccurredAt.UTC().Format(time.RFC3339Nano)
		return Cursor{Sort: activitySortKey, Val: &v, ID: a.ID}
	}), nil
}

// ListFollowUps returns the brand's open follow-ups due on or before a day, oldest first.
func (s *Store) ListFollowUps(ctx context.Context, brandID int64, dueBy models.Date, f SubQuery) (*Page[models.Activity], error) {
	cur, err := DecodeCursor(f.Cursor, followUpSortKey)
	if err != nil {
		return nil, err
	}
	q := s.read(ctx).Model(&models.Activity{}).Scopes(brandScope(brandID)).
		Where("done = 0 AND follow_up_on IS NOT NULL AND follow_up_on <= ?", string(dueBy))
	if q, err = keyset(q, followUpSort, false, cur); err != nil {
		return nil, err
	}
	var rows []models.Activity
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return pageOf(rows, f.Limit, func(a *models.Activity) Cursor {
		v := string(a.FollowUpOn)
		return Cursor{Sort: followUpSortKey, Val: &v, ID: a.ID}
	}), nil
}

// ActivityFields returns the audited fields of an activity.
func ActivityFields(a *models.Activity) map[string]any {
	return map[string]any{"buyer_id": a.BuyerID, "kind": a.Kind, "summary": a.Summary, "occurred_at": a.OccurredAt,
		"follow_up_on": a.FollowUpOn, "done": a.Done}
}

// CreateActivity adds an entry to one of the brand's buyers' timeline.
func (s *Store) CreateActivity(ctx context.Context, a Actor, act *models.Activity) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", act.BuyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		now := s.now()
		by := a.UserID
		act.ID, act.BrandID, act.CreatedAt, act.UpdatedAt, act.ByUserID = 0, a.BrandID, now, now, &by
		if act.OccurredAt.IsZero() {
			act.OccurredAt = now
		}
		if err := tx.Create(act).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "activity", act.ID, created(ActivityFields(act)))
	})
}

// UpdateActivity loads an activity of the brand, lets apply change it and saves it.
func (s *Store) UpdateActivity(ctx context.Context, a Actor, id int64, apply func(*models.Activity) error) (*models.Activity, error) {
	var act models.Activity
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&act).Error; err != nil {
			return err
		}
		before := ActivityFields(&act)
		if err := apply(&act); err != nil {
			return err
		}
		changes := diff(before, ActivityFields(&act))
		if len(changes) == 0 {
			return nil
		}
		act.UpdatedAt = s.now()
		if err := tx.Model(&models.Activity{}).Where("id = ?", id).Updates(map[string]any{
			"summary": act.Summary, "follow_up_on": act.FollowUpOn, "done": act.Done, "updated_at": act.UpdatedAt,
		}).Error; err != nil {
			return err
		}
		return audit(tx, a, "update", "activity", id, changes)
	})
	if err != nil {
		return nil, err
	}
	return &act, nil
}
