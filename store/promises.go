package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// ledgerPlans selects the plans whose commitments are promises: proposed,
// agreed or closed (a draft promises nothing yet; a withdrawn plan no longer does).
const ledgerPlans = "plan_id IN (SELECT id FROM plans WHERE buyer_id = ? AND status IN ('proposed','agreed','closed'))"

// promiseTally counts a buyer's kept and missed promises of each side
// settled in the last 12 months (partnership.PromiseWindowDays): what the
// health factor promises_kept and the tier's kept share read.
func promiseTally(q *gorm.DB, buyerID int64, today models.Date) (partnership.PromiseTally, error) {
	var rows []struct {
		Side   models.Side
		Status models.CommitmentStatus
		N      int64
	}
	var t partnership.PromiseTally
	err := q.Raw(`SELECT side, status, COUNT(*) AS n FROM commitments
		WHERE buyer_id = ? AND status IN ('kept','missed') AND settled_on > ? AND settled_on <= ? AND `+ledgerPlans+`
		GROUP BY side, status`, buyerID, string(today.AddDays(-partnership.PromiseWindowDays)), string(today), buyerID).
		Scan(&rows).Error
	if err != nil {
		return t, err
	}
	for _, r := range rows {
		side := &t.Brand
		if r.Side == models.SideBuyer {
			side = &t.Buyer
		}
		if r.Status == models.CommitmentKept {
			side.Kept += r.N
		} else {
			side.Missed += r.N
		}
	}
	return t, nil
}

// SideCounts are one side's promises by state; Open includes Overdue.
type SideCounts struct {
	Kept    int64 `json:"kept"`
	Missed  int64 `json:"missed"`
	Waived  int64 `json:"waived"`
	Open    int64 `json:"open"`
	Overdue int64 `json:"overdue"`
}

// LedgerItem is one promise with the plan it belongs to.
type LedgerItem struct {
	models.Commitment
	PlanTitle  string
	PlanStatus models.PlanStatus
}

// Ledger is a buyer's promises across all its plans, both sides.
type Ledger struct {
	Brand, Buyer SideCounts
	Items        []LedgerItem
}

// ledgerLimit bounds the items of a ledger answer (the counts cover all).
const ledgerLimit = 500

// ledger reads a buyer's promises: open ones first by due day (overdue on
// top), then settled ones, newest settlement first.
func ledger(q *gorm.DB, buyerID int64, today models.Date) (*Ledger, error) {
	var items []LedgerItem
	err := q.Table("commitments AS c").
		Select("c.*, p.title AS plan_title, p.status AS plan_status").
		Joins("JOIN plans p ON p.id = c.plan_id").
		Where("c.buyer_id = ? AND p.status IN ('proposed','agreed','closed')", buyerID).
		Order("CASE WHEN c.status = 'open' THEN 0 ELSE 1 END").
		Order("CASE WHEN c.status = 'open' THEN c.due_on ELSE '' END").
		Order("c.settled_on DESC").Order("c.id").
		Limit(ledgerLimit).Scan(&items).Error
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Side    models.Side
		Status  models.CommitmentStatus
		Overdue bool
		N       int64
	}
	if err := q.Raw(`SELECT side, status, CASE WHEN status = 'open' AND due_on < ? THEN 1 ELSE 0 END AS overdue, COUNT(*) AS n
		FROM commitments WHERE buyer_id = ? AND `+ledgerPlans+` GROUP BY 1, 2, 3`, string(today), buyerID, buyerID).
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := &Ledger{Items: items}
	if out.Items == nil {
		out.Items = []LedgerItem{}
	}
	for _, r := range rows {
		side := &out.Brand
		if r.Side == models.SideBuyer {
			side = &out.Buyer
		}
		switch r.Status {
		case models.CommitmentKept:
			side.Kept += r.N
		case models.CommitmentMissed:
			side.Missed += r.N
		case models.CommitmentWaived:
			side.Waived += r.N
		case models.CommitmentOpen:
			side.Open += r.N
			if r.Overdue {
				side.Overdue += r.N
			}
		}
	}
	return out, nil
}

// Promises returns the promises ledger of one of the brand's buyers.
func (s *Store) Promises(ctx context.Context, brandID, buyerID int64) (*Ledger, error) {
	if err := s.buyerExists(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	l, err := ledger(s.read(ctx), buyerID, s.Today())
	return l, translate(err)
}

// PortalPromises returns the promises ledger of one of a buyer user's partnerships.
func (s *Store) PortalPromises(ctx context.Context, userID, buyerID int64) (*Ledger, error) {
	if _, err := s.PortalLink(ctx, userID, buyerID); err != nil {
		return nil, err
	}
	l, err := ledger(s.read(ctx), buyerID, s.Today())
	return l, translate(err)
}
