package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"huoban/models"
)

// Events and notifications of the two-sided partnership: plans, promises,
// reviews and selections. Each function runs inside the transaction of the
// write that caused it, so a rolled-back write leaves neither (outbox.go,
// notifications.go).

// planMoved records what a plan's move means to others, given its status and
// agreements before the write: plan.proposed (and a notice to the buyer)
// when it became proposed, plan.agreed when both sides' agreements made it
// agreed, and a notice to the buyer's owner when the buyer agreed.
func (s *Store) planMoved(tx *gorm.DB, before models.Plan, rec *PlanRecord) error {
	p := &rec.Plan
	if p.Status == models.PlanProposed && before.Status != models.PlanProposed {
		if err := s.RecordEvent(tx, p.BrandID, "plan.proposed", rec); err != nil {
			return err
		}
		if err := s.notifyBuyerUsers(tx, p.BrandID, p.BuyerID, "plan_proposed",
			func(brand string) (string, string) {
				return fmt.Sprintf("%s 发来合作计划「%s」", brand, p.Title), fmt.Sprintf("%s proposed a plan: %s", brand, p.Title)
			}, "", fmt.Sprintf("/portal/%d", p.BuyerID)); err != nil {
			return err
		}
	}
	if p.Status == models.PlanAgreed && before.Status != models.PlanAgreed {
		if err := s.RecordEvent(tx, p.BrandID, "plan.agreed", rec); err != nil {
			return err
		}
	}
	if p.BuyerAgreedAt != nil && before.BuyerAgreedAt == nil {
		return s.notifyBuyerOwner(tx, p.BrandID, p.BuyerID, "plan_agreed", func(buyer string) (string, string) {
			return fmt.Sprintf("%s 同意了合作计划「%s」", buyer, p.Title), fmt.Sprintf("%s agreed to the plan %s", buyer, p.Title)
		}, p.Title)
	}
	return nil
}

// commitmentSettled records commitment.settled for a promise settled kept,
// missed or waived (not for one set back to open), and tells the buyer's
// owner when the buyer reported its own promise kept.
func (s *Store) commitmentSettled(tx *gorm.DB, c *models.Commitment, by models.Side) error {
	if c.Status == models.CommitmentOpen {
		return nil
	}
	if err := s.RecordEvent(tx, c.BrandID, "commitment.settled", c); err != nil {
		return err
	}
	if by != models.SideBuyer {
		return nil
	}
	return s.notifyBuyerOwner(tx, c.BrandID, c.BuyerID, "commitment_kept", func(buyer string) (string, string) {
		return buyer + " 报告承诺已兑现", buyer + " reported a promise kept"
	}, c.Description)
}

// reviewShared records review.shared and tells the buyer, when a review
// becomes shared (on create or on a later change).
func (s *Store) reviewShared(tx *gorm.DB, r *models.Review, wasShared bool) error {
	if !r.Shared || wasShared {
		return nil
	}
	if err := s.RecordEvent(tx, r.BrandID, "review.shared", r); err != nil {
		return err
	}
	return s.notifyBuyerUsers(tx, r.BrandID, r.BuyerID, "review_shared", func(brand string) (string, string) {
		return brand + " 分享了一次复盘", brand + " shared a review with you"
	}, clip(r.WentWell, noticeBodyMax), fmt.Sprintf("/portal/%d", r.BuyerID))
}

// buyerSelected tells the buyer's owner that the buyer marked a pool product.
func (s *Store) buyerSelected(tx *gorm.DB, brandID int64, sel *models.Selection) error {
	var product []string
	if err := tx.Raw("SELECT name FROM products WHERE id = ?", sel.ProductID).Scan(&product).Error; err != nil {
		return err
	}
	name := strings.Join(product, "")
	verb, verbEN := "感兴趣", "is interested in"
	if sel.Decision == models.DecisionDeclined {
		verb, verbEN = "不考虑", "declined"
	}
	return s.notifyBuyerOwner(tx, brandID, sel.BuyerID, "selection", func(buyer string) (string, string) {
		return fmt.Sprintf("%s 对「%s」%s", buyer, name, verb), fmt.Sprintf("%s %s %s", buyer, verbEN, name)
	}, sel.Reason)
}

// notifyBuyerUsers tells every portal user of a buyer something the brand
// did; titles gets the brand's name.
func (s *Store) notifyBuyerUsers(tx *gorm.DB, brandID, buyerID int64, kind string, titles func(brand string) (zh, en string), body, link string) error {
	users, err := buyerPortalUsers(tx, buyerID)
	if err != nil || len(users) == 0 {
		return err
	}
	var brand []string
	if err := tx.Raw("SELECT name FROM brands WHERE id = ?", brandID).Scan(&brand).Error; err != nil {
		return err
	}
	zh, en := titles(strings.Join(brand, ""))
	for _, u := range users {
		if err := s.notify(tx, Notice{BrandID: brandID, UserID: u, Kind: kind, Title: zh, TitleEN: en,
			Body: body, BodyEN: body, Link: link}); err != nil {
			return err
		}
	}
	return nil
}

// NotifyDueCommitments tells each open promise due today to whoever owes it,
// once: a brand-side promise to the buyer's owner, a buyer-side one to the
// buyer's portal users. The once key makes a second run, on this instance or
// another, add nothing.
func (s *Store) NotifyDueCommitments(ctx context.Context) error {
	today := s.Today()
	var due []models.Commitment
	if err := s.read(ctx).Raw(`SELECT c.* FROM commitments c JOIN plans p ON p.id = c.plan_id
		WHERE c.status = 'open' AND c.due_on = ? AND p.status IN ('proposed', 'agreed', 'closed')`,
		string(today)).Scan(&due).Error; err != nil {
		return translate(err)
	}
	if len(due) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		for i := range due {
			c := &due[i]
			once := fmt.Sprintf("commitment:%d:%s", c.ID, today)
			if c.Side == models.SideBuyer {
				users, err := buyerPortalUsers(tx, c.BuyerID)
				if err != nil {
					return err
				}
				for _, u := range users {
					if err := s.notify(tx, Notice{BrandID: c.BrandID, UserID: u, Kind: "commitment_due",
						Title: "今天到期的承诺：" + c.Description, TitleEN: "Promise due today: " + c.Description,
						Link: fmt.Sprintf("/portal/%d", c.BuyerID), OnceKey: fmt.Sprintf("%s:%d", once, u)}); err != nil {
						return err
					}
				}
				continue
			}
			owner, name, err := buyerOwner(tx, c.BuyerID)
			if err != nil {
				return err
			}
			if owner == 0 {
				continue
			}
			if err := s.notify(tx, Notice{BrandID: c.BrandID, UserID: owner, Kind: "commitment_due",
				Title: "今天到期的品牌承诺：" + name, TitleEN: "Brand promise due today: " + name,
				Body: c.Description, BodyEN: c.Description, Link: fmt.Sprintf("/buyers/%d", c.BuyerID),
				OnceKey: fmt.Sprintf("%s:%d", once, owner)}); err != nil {
				return err
			}
		}
		return nil
	})
}
