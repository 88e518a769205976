package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
)

// The buyer's side of plans, promises, tier and earnings in the portal. A
// plan is the buyer's to see once proposed (a draft is the brand's own
// work); everything goes through linkScope, the portal's tenant scope.

// portalPlanScope restricts plans to those a buyer user may see.
func portalPlanScope(userID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB { return q.Scopes(linkScope(userID)).Where("status <> ?", models.PlanDraft) }
}

// PortalPlans returns a partnership's proposed and agreed plans, newest first.
func (s *Store) PortalPlans(ctx context.Context, userID, buyerID int64) ([]PlanRecord, error) {
	var rows []models.Plan
	q := s.read(ctx)
	if err := q.Scopes(linkScope(userID)).Where("buyer_id = ? AND status IN ?", buyerID,
		[]models.PlanStatus{models.PlanProposed, models.PlanAgreed}).Order("id DESC").Limit(portalListLimit).
		Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out, err := planParts(q, rows)
	return out, translate(err)
}

// PortalPlan returns a plan of one of the buyer user's partnerships.
func (s *Store) PortalPlan(ctx context.Context, userID, id int64) (*models.Plan, error) {
	var p models.Plan
	err := s.read(ctx).Scopes(portalPlanScope(userID)).Where("id = ?", id).Take(&p).Error
	return &p, translate(err)
}

// PortalAgreePlan records the buyer's agreement to a proposed plan; with the
// brand's it is agreed. A closed or withdrawn plan → conflict.
func (s *Store) PortalAgreePlan(ctx context.Context, userID, id int64) (*PlanRecord, error) {
	var rec *PlanRecord
	err := s.write(ctx, func(tx *gorm.DB) error {
		var p models.Plan
		if err := forUpdate(tx).Scopes(portalPlanScope(userID)).Where("id = ?", id).Take(&p).Error; err != nil {
			return err
		}
		before := PlanFields(&p)
		if err := agree(&p, models.SideBuyer, s.now()); err != nil {
			return err
		}
		if err := s.savePlan(tx, Actor{UserID: userID, BrandID: p.BrandID}, &p, before, nil); err != nil {
			return err
		}
		var err error
		rec, err = onePlan(tx, &p)
		return err
	})
	return rec, err
}

// PortalReportKept records the buyer's report that one of its own promises
// was kept; the brand can still set it back (SettleCommitment). A brand-side
// promise → forbidden; one the brand settled as missed or waived → conflict.
func (s *Store) PortalReportKept(ctx context.Context, userID, id int64, note *string) (*models.Commitment, error) {
	var c models.Commitment
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(linkScope(userID)).Where("id = ?", id).Take(&c).Error; err != nil {
			return err
		}
		status, err := planStatus(tx, c.PlanID)
		if err != nil {
			return err
		}
		if !status.InLedger() {
			return models.ErrNotFound // a draft's or withdrawn plan's commitment is not the buyer's to see
		}
		if c.Side != models.SideBuyer {
			return models.Errorf(models.ErrForbidden, "only the buyer's own promises can be reported kept")
		}
		switch c.Status {
		case models.CommitmentKept:
			if note == nil || *note == c.Note {
				return nil
			}
		case models.CommitmentMissed, models.CommitmentWaived:
			return models.Errorf(models.ErrConflict, "the brand settled this promise as %s; ask them to set it back", c.Status)
		}
		return s.settleCommitment(tx, Actor{UserID: userID, BrandID: c.BrandID}, &c,
			Settlement{Status: models.CommitmentKept, Note: note}, models.SideBuyer)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Earnings are a buyer's commissions from completed collaborations.
type Earnings struct {
	CommissionCents90d   int64
	CommissionCentsTotal int64
}

// PortalEarnings sums the commission of a partnership's completed
// collaborations, in all and in the 90-day window, each rounded as the
// collaboration's KPI is (net GMV ≥ 0, so half up is half away from zero).
func (s *Store) PortalEarnings(ctx context.Context, userID, buyerID int64) (*Earnings, error) {
	today := s.Today()
	var e Earnings
	err := s.read(ctx).Raw(`SELECT
		COALESCE(SUM(((gmv_cents - refund_cents) * commission_bp + 5000) / 10000), 0) AS commission_cents_total,
		COALESCE(SUM(CASE WHEN start_on BETWEEN ? AND ? THEN ((gmv_cents - refund_cents) * commission_bp + 5000) / 10000 END), 0)
			AS commission_cents90d
		FROM collaborations WHERE buyer_id = ? AND status = 'completed'
		AND buyer_id IN (SELECT buyer_id FROM buyer_links WHERE user_id = ?)`,
		string(windowStart(today)), string(today), buyerID, userID).
		Row().Scan(&e.CommissionCentsTotal, &e.CommissionCents90d)
	return &e, translate(err)
}

// PortalTier returns the tier standing of one of the buyer user's partnerships.
func (s *Store) PortalTier(ctx context.Context, userID, buyerID int64) (*TierStanding, error) {
	q := s.read(ctx)
	b, err := takeBuyer(q.Model(&models.Buyer{}).Where("id = ? AND id IN (SELECT buyer_id FROM buyer_links WHERE user_id = ?)",
		buyerID, userID))
	if err != nil {
		return nil, translate(err)
	}
	st, err := tierStanding(q, b)
	return st, translate(err)
}
