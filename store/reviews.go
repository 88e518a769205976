package store

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"huoban/models"
)

// reviewActionPrefix starts the summary of a follow-up made from a review's
// brand-side action, so the timeline says where it came from.
const reviewActionPrefix = "复盘跟进："

// reviewFields returns the audited fields of a review.
func reviewFields(r *models.Review) map[string]any {
	acts := make([]map[string]any, 0, len(r.Actions))
	for _, a := range r.Actions {
		acts = append(acts, map[string]any{"text": a.Text, "side": a.Side, "due_on": a.DueOn, "done": a.Done})
	}
	return map[string]any{"went_well": r.WentWell, "to_improve": r.ToImprove, "internal_notes": r.InternalNotes,
		"shared": r.Shared, "next_actions": acts}
}

// CreateReview records the review of one of the brand's collaborations; a
// second review of the same collaboration is a conflict. Brand-side actions
// with a due day become follow-ups in the same transaction.
func (s *Store) CreateReview(ctx context.Context, a Actor, r *models.Review) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var buyers []int64
		if err := tx.Raw("SELECT buyer_id FROM collaborations WHERE id = ? AND brand_id = ?", r.CollaborationID, a.BrandID).
			Scan(&buyers).Error; err != nil {
			return err
		}
		if len(buyers) == 0 {
			return models.ErrNotFound
		}
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM reviews WHERE collaboration_id = ?", r.CollaborationID).Scan(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return models.Errorf(models.ErrConflict, "this collaboration already has a review; change it with PATCH /reviews/{id}")
		}
		now := s.now()
		by := a.UserID
		r.ID, r.BrandID, r.BuyerID, r.CreatedAt, r.UpdatedAt, r.CreatedBy = 0, a.BrandID, buyers[0], now, now, &by
		if a.UserID == 0 {
			r.CreatedBy = nil
		}
		if err := tx.Omit("Actions").Create(r).Error; err != nil {
			return translate(err)
		}
		for i := range r.Actions {
			if err := s.saveAction(tx, a, r, &r.Actions[i], nil); err != nil {
				return err
			}
		}
		return audit(tx, a, "create", "review", r.ID, created(reviewFields(r)))
	})
}

// saveAction inserts or updates one next action and keeps its follow-up: a
// brand-side action with a due day has one (made, moved, reworded or marked
// done with it); any other has none.
func (s *Store) saveAction(tx *gorm.DB, a Actor, r *models.Review, act *models.ReviewAction, old *models.ReviewAction) error {
	act.ReviewID, act.BrandID, act.BuyerID = r.ID, r.BrandID, r.BuyerID
	wantFollowUp := act.Side == models.SideBrand && act.DueOn != nil
	if old != nil {
		act.ActivityID = old.ActivityID
	}
	now := s.now()
	switch {
	case wantFollowUp && act.ActivityID == nil:
		by := a.UserID
		fu := models.Activity{BrandID: r.BrandID, BuyerID: r.BuyerID, Kind: models.ActivityNote,
			Summary: reviewActionPrefix + act.Text, OccurredAt: now, FollowUpOn: *act.DueOn, Done: act.Done,
			ByUserID: &by, CreatedAt: now, UpdatedAt: now}
		if a.UserID == 0 {
			fu.ByUserID = nil
		}
		if err := tx.Create(&fu).Error; err != nil {
			return err
		}
		act.ActivityID = &fu.ID
	case wantFollowUp:
		if err := tx.Exec("UPDATE activities SET summary = ?, follow_up_on = ?, done = ?, updated_at = ? WHERE id = ? AND brand_id = ?",
			reviewActionPrefix+act.Text, string(*act.DueOn), act.Done, now, *act.ActivityID, r.BrandID).Error; err != nil {
			return err
		}
	case act.ActivityID != nil:
		if err := tx.Exec("DELETE FROM activities WHERE id = ? AND brand_id = ?", *act.ActivityID, r.BrandID).Error; err != nil {
			return err
		}
		act.ActivityID = nil
	}
	if old == nil {
		act.ID = 0
		return tx.Create(act).Error
	}
	act.ID = old.ID
	return tx.Save(act).Error
}

// reviewActions reads the actions of the given reviews; a brand-side
// action's done follows its follow-up (marked done on the timeline).
func reviewActions(q *gorm.DB, reviewIDs []int64) (map[int64][]models.ReviewAction, error) {
	out := map[int64][]models.ReviewAction{}
	if len(reviewIDs) == 0 {
		return out, nil
	}
	var rows []models.ReviewAction
	err := q.Raw(`SELECT ra.id, ra.review_id, ra.brand_id, ra.buyer_id, ra.text, ra.side, ra.due_on,
			CASE WHEN ra.activity_id IS NULL THEN ra.done ELSE COALESCE(a.done, ra.done) END AS done, ra.activity_id
		FROM review_actions ra LEFT JOIN activities a ON a.id = ra.activity_id
		WHERE ra.review_id IN ? ORDER BY ra.review_id, ra.id`, reviewIDs).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ReviewID] = append(out[r.ReviewID], r)
	}
	return out, nil
}

// withActions fills the actions of reviews with one query.
func withActions(q *gorm.DB, rs []models.Review) error {
	ids := make([]int64, 0, len(rs))
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	acts, err := reviewActions(q, ids)
	if err != nil {
		return err
	}
	for i := range rs {
		rs[i].Actions = acts[rs[i].ID]
		if rs[i].Actions == nil {
			rs[i].Actions = []models.ReviewAction{}
		}
	}
	return nil
}

// GetReview returns one of the brand's reviews with its actions.
func (s *Store) GetReview(ctx context.Context, brandID, id int64) (*models.Review, error) {
	var rs []models.Review
	if err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Limit(1).Find(&rs).Error; err != nil {
		return nil, translate(err)
	}
	if len(rs) == 0 {
		return nil, models.ErrNotFound
	}
	if err := withActions(s.read(ctx), rs); err != nil {
		return nil, translate(err)
	}
	return &rs[0], nil
}

// CollaborationReview returns the review of one of the brand's collaborations.
func (s *Store) CollaborationReview(ctx context.Context, brandID, collabID int64) (*models.Review, error) {
	var ids []int64
	if err := s.read(ctx).Raw("SELECT id FROM reviews WHERE collaboration_id = ? AND brand_id = ?", collabID, brandID).
		Scan(&ids).Error; err != nil {
		return nil, translate(err)
	}
	if len(ids) == 0 {
		return nil, models.ErrNotFound
	}
	return s.GetReview(ctx, brandID, ids[0])
}

// UpdateReview lets apply change a review. apply returns the new actions
// (nil keeps them): one with the id of a current action changes it, one
// without an id is added, and current actions left out are removed.
func (s *Store) UpdateReview(ctx context.Context, a Actor, id int64, apply func(*models.Review) ([]models.ReviewAction, error)) (*models.Review, error) {
	err := s.write(ctx, func(tx *gorm.DB) error {
		var rs []models.Review
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Limit(1).Find(&rs).Error; err != nil {
			return err
		}
		if len(rs) == 0 {
			return models.ErrNotFound
		}
		if err := withActions(tx, rs); err != nil {
			return err
		}
		r := &rs[0]
		before := reviewFields(r)
		current := map[int64]models.ReviewAction{}
		for _, act := range r.Actions {
			current[act.ID] = act
		}
		acts, err := apply(r)
		if err != nil {
			return err
		}
		if acts != nil {
			ve := &models.ValidationError{}
			for i, act := range acts {
				if _, ok := current[act.ID]; act.ID != 0 && !ok {
					ve.Add("next_actions["+strconv.Itoa(i)+"].id", "is not an action of this review")
				}
			}
			if err := ve.Err(); err != nil {
				return err
			}
			kept := map[int64]bool{}
			for i := range acts {
				var old *models.ReviewAction
				if o, ok := current[acts[i].ID]; ok && acts[i].ID != 0 {
					old = &o
					kept[o.ID] = true
				}
				if err := s.saveAction(tx, a, r, &acts[i], old); err != nil {
					return err
				}
			}
			for id, o := range current {
				if kept[id] {
					continue
				}
				if o.ActivityID != nil {
					if err := tx.Exec("DELETE FROM activities WHERE id = ? AND brand_id = ?", *o.ActivityID, r.BrandID).Error; err != nil {
						return err
					}
				}
				if err := tx.Exec("DELETE FROM review_actions WHERE id = ?", id).Error; err != nil {
					return err
				}
			}
			r.Actions = acts
		}
		changes := diff(before, reviewFields(r))
		if len(changes) == 0 {
			return nil
		}
		r.UpdatedAt = s.now()
		if err := tx.Exec("UPDATE reviews SET went_well = ?, to_improve = ?, internal_notes = ?, shared = ?, updated_at = ? WHERE id = ?",
			r.WentWell, r.ToImprove, r.InternalNotes, r.Shared, r.UpdatedAt, r.ID).Error; err != nil {
			return err
		}
		return audit(tx, a, "update", "review", r.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return s.GetReview(ctx, a.BrandID, id)
}

// BuyerReview is a review with the KPIs of its collaboration.
type BuyerReview struct {
	Review        models.Review
	Collaboration models.Collaboration
}

// maxBuyerReviews bounds the reviews listed on a buyer's page.
const maxBuyerReviews = 100

// BuyerReviews returns a buyer's reviews, newest first, each with its
// collaboration (for its KPIs); sharedOnly keeps those shared with the buyer.
func (s *Store) BuyerReviews(ctx context.Context, brandID, buyerID int64, sharedOnly bool) ([]BuyerReview, error) {
	q := s.read(ctx).Where("brand_id = ? AND buyer_id = ?", brandID, buyerID)
	if sharedOnly {
		q = q.Where("shared = 1")
	}
	var rs []models.Review
	if err := q.Order("id DESC").Limit(maxBuyerReviews).Find(&rs).Error; err != nil {
		return nil, translate(err)
	}
	if err := withActions(s.read(ctx), rs); err != nil {
		return nil, translate(err)
	}
	ids := make([]int64, 0, len(rs))
	for _, r := range rs {
		ids = append(ids, r.CollaborationID)
	}
	var cs []models.Collaboration
	if len(ids) > 0 {
		var err error
		cs, err = scanCollaborations(s.read(ctx).Model(&models.Collaboration{}).Where("id IN ? AND brand_id = ?", ids, brandID), len(ids))
		if err != nil {
			return nil, translate(err)
		}
	}
	byID := map[int64]models.Collaboration{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	out := make([]BuyerReview, 0, len(rs))
	for _, r := range rs {
		out = append(out, BuyerReview{Review: r, Collaboration: byID[r.CollaborationID]})
	}
	return out, nil
}

// OpenBuyerActions returns the buyer-side next actions with a due day that
// are not done yet, of every review of the buyer record, soonest first: the
// commitments the buyer sees in the portal.
func (s *Store) OpenBuyerActions(ctx context.Context, buyerID int64) ([]OpenAction, error) {
	var out []OpenAction
	err := s.read(ctx).Raw(`SELECT ra.id, ra.review_id, r.collaboration_id, c.title AS collaboration_title, ra.text, ra.due_on
		FROM review_actions ra JOIN reviews r ON r.id = ra.review_id JOIN collaborations c ON c.id = r.collaboration_id
		WHERE ra.buyer_id = ? AND ra.side = 'buyer' AND ra.done = 0 AND ra.due_on IS NOT NULL
		ORDER BY ra.due_on, ra.id LIMIT ?`, buyerID, maxBuyerReviews).Scan(&out).Error
	return out, translate(err)
}

// OpenAction is a buyer-side review action still to do.
type OpenAction struct {
	ID                 int64
	ReviewID           int64
	CollaborationID    int64
	CollaborationTitle string
	Text               string
	DueOn              models.Date
}
