package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// Plans move draft → proposed → agreed → closed, or to withdrawn. Each move
// is one exported function (ProposePlan, AgreePlan, ClosePlan, WithdrawPlan
// and SettleCommitment here; PortalAgreePlan and PortalReportKept in
// portal_plans.go), so that whatever else a move must do later (an outbox
// event such as plan.proposed, plan.agreed or commitment.settled, a
// notification) has one place to go, inside the move's transaction.

// transitionPlan runs one move of a plan's state in its own transaction.
func (s *Store) transitionPlan(ctx context.Context, a Actor, id int64, move func(tx *gorm.DB, p *models.Plan, now time.Time) error) (*PlanRecord, error) {
	var rec *PlanRecord
	err := s.write(ctx, func(tx *gorm.DB) error {
		p, err := lockPlan(tx, a.BrandID, id)
		if err != nil {
			return err
		}
		before := PlanFields(p)
		if err := move(tx, p, s.now()); err != nil {
			return err
		}
		if err := s.savePlan(tx, a, p, before, nil); err != nil {
			return err
		}
		rec, err = onePlan(tx, p)
		return err
	})
	return rec, err
}

// ProposePlan shows a draft plan to the buyer; it needs at least one commitment.
func (s *Store) ProposePlan(ctx context.Context, a Actor, id int64) (*PlanRecord, error) {
	return s.transitionPlan(ctx, a, id, func(tx *gorm.DB, p *models.Plan, _ time.Time) error {
		if p.Status != models.PlanDraft {
			return models.Errorf(models.ErrConflict, "only a draft plan can be proposed; this one is %s", p.Status)
		}
		var n int64
		if err := tx.Model(&models.Commitment{}).Where("plan_id = ?", p.ID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return &models.ValidationError{Fields: map[string]string{"commitments": "a plan needs at least one commitment to be proposed"}}
		}
		p.Status = models.PlanProposed
		return nil
	})
}

// agree records one side's agreement to a proposed plan; with both, it is agreed.
func agree(p *models.Plan, side models.Side, now time.Time) error {
	switch p.Status {
	case models.PlanDraft:
		return models.Errorf(models.ErrConflict, "this plan is a draft; propose it first")
	case models.PlanClosed, models.PlanWithdrawn:
		return models.Errorf(models.ErrConflict, "this plan is %s; it can no longer be agreed", p.Status)
	}
	if side == models.SideBrand && p.BrandAgreedAt == nil {
		p.BrandAgreedAt = &now
	}
	if side == models.SideBuyer && p.BuyerAgreedAt == nil {
		p.BuyerAgreedAt = &now
	}
	if p.BrandAgreedAt != nil && p.BuyerAgreedAt != nil {
		p.Status = models.PlanAgreed
	}
	return nil
}

// AgreePlan records the brand's agreement to a proposed plan.
func (s *Store) AgreePlan(ctx context.Context, a Actor, id int64) (*PlanRecord, error) {
	return s.transitionPlan(ctx, a, id, func(_ *gorm.DB, p *models.Plan, now time.Time) error {
		return agree(p, models.SideBrand, now)
	})
}

// ClosePlan closes an agreed plan at the end of its work; open commitments stay open (and show overdue).
func (s *Store) ClosePlan(ctx context.Context, a Actor, id int64) (*PlanRecord, error) {
	return s.transitionPlan(ctx, a, id, func(_ *gorm.DB, p *models.Plan, _ time.Time) error {
		if p.Status != models.PlanAgreed {
			return models.Errorf(models.ErrConflict, "only an agreed plan can be closed; this one is %s", p.Status)
		}
		p.Status = models.PlanClosed
		return nil
	})
}

// WithdrawPlan withdraws a plan that is not closed; its commitments leave the ledger.
func (s *Store) WithdrawPlan(ctx context.Context, a Actor, id int64) (*PlanRecord, error) {
	var buyer int64
	rec, err := s.transitionPlan(ctx, a, id, func(tx *gorm.DB, p *models.Plan, _ time.Time) error {
		if err := planEnded(p); err != nil {
			return err
		}
		p.Status, buyer = models.PlanWithdrawn, p.BuyerID
		// Its settled promises leave the health and tier shares.
		if err := s.refreshHealth(tx, buyer); err != nil {
			return err
		}
		return s.refreshTier(tx, a.BrandID, buyer)
	})
	return rec, err
}

// Settlement is how a commitment was settled.
type Settlement struct {
	Status    models.CommitmentStatus
	SettledOn models.Date // empty: today (ignored for open)
	Note      *string     // nil: unchanged
}

// afterPromiseSettled keeps what reads promises current inside the
// settling transaction: the buyer's health (promises_kept) and tier.
func (s *Store) afterPromiseSettled(tx *gorm.DB, brandID, buyerID int64) error {
	if err := s.refreshHealth(tx, buyerID); err != nil {
		return err
	}
	return s.refreshTier(tx, brandID, buyerID)
}

// settle applies a settlement to c and saves it with its audit entry.
func (s *Store) settleCommitment(tx *gorm.DB, a Actor, c *models.Commitment, st Settlement, by models.Side) error {
	today := s.Today()
	before := CommitmentFields(c)
	c.Status = st.Status
	if st.Note != nil {
		c.Note = *st.Note
	}
	if st.Status == models.CommitmentOpen {
		c.SettledOn, c.SettledBy = "", nil
	} else {
		on := st.SettledOn
		if on == "" {
			on = today
		}
		if on > today {
			return &models.ValidationError{Fields: map[string]string{"settled_on": "must not be in the future"}}
		}
		c.SettledOn, c.SettledBy = on, &by
	}
	d := diff(before, CommitmentFields(c))
	if len(d) == 0 {
		return nil
	}
	c.UpdatedAt = s.now()
	var settledOn any
	if c.SettledOn != "" {
		settledOn = c.SettledOn
	}
	if err := tx.Model(&models.Commitment{}).Where("id = ?", c.ID).Updates(map[string]any{"status": c.Status,
		"settled_on": settledOn, "settled_by": c.SettledBy, "note": c.Note, "updated_at": c.UpdatedAt}).Error; err != nil {
		return err
	}
	if err := audit(tx, a, "update", "commitment", c.ID, d); err != nil {
		return err
	}
	return s.afterPromiseSettled(tx, c.BrandID, c.BuyerID)
}

// SettleCommitment records whether a promise was kept, missed or waived, or
// sets it back to open, for a plan the buyer has seen (proposed, agreed or closed).
func (s *Store) SettleCommitment(ctx context.Context, a Actor, id int64, st Settlement) (*models.Commitment, error) {
	var c models.Commitment
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&c).Error; err != nil {
			return err
		}
		status, err := planStatus(tx, c.PlanID)
		if err != nil {
			return err
		}
		if !status.InLedger() {
			return models.Errorf(models.ErrConflict, "this plan is %s; only the promises of a proposed, agreed or closed plan are settled", status)
		}
		return s.settleCommitment(tx, a, &c, st, models.SideBrand)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// planStatus reads one plan's status.
func planStatus(tx *gorm.DB, id int64) (models.PlanStatus, error) {
	var st string
	err := tx.Raw("SELECT status FROM plans WHERE id = ?", id).Row().Scan(&st)
	return models.PlanStatus(st), err
}
