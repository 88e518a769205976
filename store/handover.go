package store

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// HandoverSnapshot is what a new owner needs to carry a partnership on: the
// body of a handover activity, frozen at the moment of the handover.
type HandoverSnapshot struct {
	FromUserID     *int64               `json:"from_user_id"`
	FromName       string               `json:"from_name"`
	ByName         string               `json:"by_name"`
	ToUserID       int64                `json:"to_user_id"`
	ToName         string               `json:"to_name"`
	Note           string               `json:"note"`
	Health         HandoverHealth       `json:"health"`
	Commitments    []HandoverCommitment `json:"open_commitments"`
	FollowUps      []HandoverFollowUp   `json:"follow_ups"`
	Goals          []HandoverGoal       `json:"goals"`
	Collaborations []HandoverCollab     `json:"collaborations"`
}

// HandoverHealth is the health score at handover.
type HandoverHealth struct {
	Score int    `json:"score"`
	Label string `json:"label"`
}

// HandoverCommitment is an open promise at handover, of either side.
type HandoverCommitment struct {
	ID          int64       `json:"id"`
	PlanID      int64       `json:"plan_id"`
	PlanTitle   string      `json:"plan_title"`
	Side        models.Side `json:"side"`
	Kind        string      `json:"kind"`
	Description string      `json:"description"`
	DueOn       models.Date `json:"due_on"`
	Overdue     bool        `json:"overdue"`
}

// HandoverFollowUp is an open follow-up at handover.
type HandoverFollowUp struct {
	ID         int64               `json:"id"`
	Kind       models.ActivityKind `json:"kind"`
	Summary    string              `json:"summary"`
	FollowUpOn models.Date         `json:"follow_up_on"`
}

// HandoverGoal is an active shared goal at handover.
type HandoverGoal struct {
	ID        int64             `json:"id"`
	Title     string            `json:"title"`
	Metric    models.GoalMetric `json:"metric"`
	Current   int64             `json:"current"`
	Target    int64             `json:"target"`
	Pct       float64           `json:"pct"`
	PeriodEnd models.Date       `json:"period_end"`
}

// HandoverCollab is one of the last collaborations with its KPIs.
type HandoverCollab struct {
	ID      int64               `json:"id"`
	Type    models.CollabType   `json:"type"`
	Title   string              `json:"title"`
	Status  models.CollabStatus `json:"status"`
	StartOn models.Date         `json:"start_on"`
	GMV     int64               `json:"gmv_cents"`
	KPIs    models.KPIs         `json:"kpis"`
}

// handoverLimit bounds each list of a snapshot.
const handoverLimit = 50

// handoverSnapshot gathers the snapshot of a buyer inside tx.
func (s *Store) handoverSnapshot(tx *gorm.DB, b *models.Buyer) (*HandoverSnapshot, error) {
	today := s.Today()
	snap := &HandoverSnapshot{Health: HandoverHealth{Score: b.HealthScore, Label: b.HealthLabel},
		Commitments: []HandoverCommitment{}, FollowUps: []HandoverFollowUp{}, Goals: []HandoverGoal{}, Collaborations: []HandoverCollab{}}
	l, err := ledger(tx, b.ID, today)
	if err != nil {
		return nil, err
	}
	for _, it := range l.Items {
		if it.Status != models.CommitmentOpen || len(snap.Commitments) >= handoverLimit {
			continue
		}
		snap.Commitments = append(snap.Commitments, HandoverCommitment{ID: it.ID, PlanID: it.PlanID, PlanTitle: it.PlanTitle,
			Side: it.Side, Kind: it.Kind, Description: it.Description, DueOn: it.DueOn, Overdue: it.Overdue(today)})
	}
	var acts []models.Activity
	if err := tx.Where("buyer_id = ? AND done = 0 AND follow_up_on IS NOT NULL AND kind <> ?", b.ID, models.ActivityHandover).
		Order("follow_up_on").Order("id").Limit(handoverLimit).Find(&acts).Error; err != nil {
		return nil, err
	}
	for _, a := range acts {
		snap.FollowUps = append(snap.FollowUps, HandoverFollowUp{ID: a.ID, Kind: a.Kind, Summary: a.Summary, FollowUpOn: a.FollowUpOn})
	}
	var goals []models.Goal
	if err := tx.Where("buyer_id = ? AND status = ? AND period_end >= ?", b.ID, models.GoalActive, today).
		Order("period_end").Order("id").Limit(handoverLimit).Find(&goals).Error; err != nil {
		return nil, err
	}
	for _, g := range goals {
		snap.Goals = append(snap.Goals, HandoverGoal{ID: g.ID, Title: g.Title, Metric: g.Metric, Current: g.Current,
			Target: g.Target, Pct: partnership.ProgressPct(g.Current, g.Target), PeriodEnd: g.PeriodEnd})
	}
	var collabs []models.Collaboration
	if err := tx.Where("brand_id = ? AND buyer_id = ? AND status <> ?", b.BrandID, b.ID, models.CollabCancelled).
		Order("start_on DESC").Order("id DESC").Limit(5).Find(&collabs).Error; err != nil {
		return nil, err
	}
	for i := range collabs {
		c := &collabs[i]
		snap.Collaborations = append(snap.Collaborations, HandoverCollab{ID: c.ID, Type: c.Type, Title: c.Title,
			Status: c.Status, StartOn: c.StartOn, GMV: c.Metrics.GMVCents, KPIs: c.KPIs()})
	}
	return snap, nil
}

// Handover makes toUserID the buyer's owner and records a handover activity
// whose detail is the snapshot. The new owner must be a manager or owner of
// the brand (422 otherwise). Earlier handovers not yet dismissed are
// dismissed: the newest one is what the new owner reads.
func (s *Store) Handover(ctx context.Context, a Actor, buyerID, toUserID int64, note string) (*models.Activity, *HandoverSnapshot, error) {
	var act models.Activity
	var snap *HandoverSnapshot
	err := s.write(ctx, func(tx *gorm.DB) error {
		b, err := takeBuyer(forUpdate(tx).Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", buyerID))
		if err != nil {
			return err
		}
		var to models.User
		if err := tx.Scopes(brandScope(a.BrandID)).Where("id = ?", toUserID).Take(&to).Error; err != nil {
			if err == gorm.ErrRecordNotFound {
				return &models.ValidationError{Fields: map[string]string{"to_user_id": "is not a member of this brand's team"}}
			}
			return err
		}
		if !to.Role.AtLeast(models.RoleManager) {
			return &models.ValidationError{Fields: map[string]string{"to_user_id": "must be a manager or owner; an analyst cannot own a buyer"}}
		}
		if b.OwnerID != nil && *b.OwnerID == toUserID {
			return &models.ValidationError{Fields: map[string]string{"to_user_id": "already owns this buyer"}}
		}
		if snap, err = s.handoverSnapshot(tx, b); err != nil {
			return err
		}
		snap.FromUserID, snap.ToUserID, snap.ToName, snap.Note = b.OwnerID, to.ID, to.Name, note
		if b.OwnerID != nil {
			var from models.User
			if err := tx.Where("id = ?", *b.OwnerID).Take(&from).Error; err == nil {
				snap.FromName = from.Name
			}
		}
		var actorUser models.User
		if err := tx.Where("id = ?", a.UserID).Take(&actorUser).Error; err == nil {
			snap.ByName = actorUser.Name
		}
		now := s.now()
		if err := tx.Model(&models.Buyer{}).Where("id = ?", b.ID).Updates(map[string]any{"owner_id": toUserID, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := audit(tx, a, "update", "buyer", b.ID, map[string]Change{"owner_id": {From: b.OwnerID, To: toUserID}}); err != nil {
			return err
		}
		if err := tx.Model(&models.Activity{}).Where("buyer_id = ? AND kind = ? AND done = 0", b.ID, models.ActivityHandover).
			Updates(map[string]any{"done": true, "updated_at": now}).Error; err != nil {
			return err
		}
		detail, err := json.Marshal(snap)
		if err != nil {
			return err
		}
		ds := string(detail)
		from := snap.FromName
		if from == "" {
			from = snap.ByName
		}
		summary := fmt.Sprintf("%s → %s", orDash(from), to.Name)
		if note != "" {
			summary += ": " + note
		}
		by := a.UserID
		act = models.Activity{BrandID: a.BrandID, BuyerID: b.ID, Kind: models.ActivityHandover, Summary: summary,
			OccurredAt: now, ByUserID: &by, Detail: &ds, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&act).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "activity", act.ID, created(ActivityFields(&act)))
	})
	if err != nil {
		return nil, nil, err
	}
	return &act, snap, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// PendingHandover returns the newest handover of a buyer not yet dismissed, or nil.
func (s *Store) PendingHandover(ctx context.Context, brandID, buyerID int64) (*models.Activity, error) {
	if err := s.buyerExists(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	var out []models.Activity
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("buyer_id = ? AND kind = ? AND done = 0", buyerID, models.ActivityHandover).
		Order("id DESC").Limit(1).Find(&out).Error
	if err != nil || len(out) == 0 {
		return nil, translate(err)
	}
	return &out[0], nil
}
