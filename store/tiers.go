package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// A buyer's partner tier is kept on its row (tier_id, tier_name, tier_rank),
// together with the standing it was assigned from (tier_completed_90d,
// tier_kept_bp; gmv_cents_90d is the buyer stats' own), never computed per
// request over history. refreshTier is the one tier upkeep; it runs
//   - when the buyer's stats move: afterPartnershipWrite (partnership_hook.go),
//     the upkeep point of every collaboration write, single, batched or bulk;
//   - when one of the buyer's commitments is settled (plans.go);
//   - when the brand's tiers change or a tier is pinned (this file);
//   - once a day for every buyer, as the 90-day and 12-month windows move
//     (RefreshAllTiers from DailyMaintenance, daily.go).

// maxTiers bounds how many tiers a brand defines.
const maxTiers = 20

// TierFields returns a tier's audited fields.
func TierFields(t *models.Tier) map[string]any {
	return map[string]any{"name": t.Name, "rank": t.Rank, "gmv_cents_90d": t.GMVCents90d,
		"completed_90d": t.Completed90d, "promises_kept_pct": t.PromisesKeptPct, "benefits": t.Benefits}
}

// brandTiers loads a brand's tiers as the assignment reads them.
func brandTiers(q *gorm.DB, brandID int64) ([]partnership.TierDef, error) {
	var rows []models.Tier
	if err := q.Model(&models.Tier{}).Scopes(brandScope(brandID)).Order("rank").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]partnership.TierDef, 0, len(rows))
	for _, t := range rows {
		out = append(out, partnership.TierDef{ID: t.ID, Name: t.Name, Rank: t.Rank, Criteria: partnership.TierCriteria{
			GMVCents90d: t.GMVCents90d, Completed90d: t.Completed90d, PromisesKeptPct: t.PromisesKeptPct}})
	}
	return out, nil
}

// completed90d counts a buyer's completed collaborations in the 90-day
// window the stored stats are kept against: one range seek of
// collaborations_buyer_completed.
func completed90d(tx *gorm.DB, buyerID int64, today models.Date) (int64, error) {
	day, err := rolledWindowDay(tx)
	if err != nil {
		return 0, err
	}
	if day == "" {
		day = today
	}
	var n int64
	err = tx.Raw(`SELECT COUNT(*) FROM collaborations WHERE buyer_id = ? AND status = 'completed'
		AND start_on BETWEEN ? AND ?`, buyerID, string(windowStart(day)), string(day)).Scan(&n).Error
	return n, err
}

// refreshTier is the tier upkeep of one buyer, inside the caller's
// transaction: it refreshes the stored standing (completed collaborations in
// 90 days, the buyer's kept share of its promises over 12 months) and
// assigns the highest tier whose every criterion the buyer meets, unless the
// brand pinned one (a pin whose tier was deleted falls back to assignment).
func (s *Store) refreshTier(tx *gorm.DB, brandID, buyerID int64) error {
	tiers, err := brandTiers(tx, brandID)
	if err != nil {
		return err
	}
	if len(tiers) == 0 {
		// A brand without tiers has nothing to assign, and DeleteTier
		// cleared every buyer's tier; the standing is refreshed for all
		// buyers when the first tier is made (refreshBrandTiers), so the
		// collaboration write path pays one indexed read here.
		return nil
	}
	today := s.Today()
	var row struct {
		GMVCents90d int64 `gorm:"column:gmv_cents_90d"`
		TierPinned  bool
		TierID      *int64
	}
	if err := tx.Raw("SELECT gmv_cents_90d, tier_pinned, tier_id FROM buyers WHERE id = ?", buyerID).Scan(&row).Error; err != nil {
		return err
	}
	done, err := completed90d(tx, buyerID, today)
	if err != nil {
		return err
	}
	tally, err := promiseTally(tx, buyerID, today)
	if err != nil {
		return err
	}
	kept := tally.Buyer.KeptPct()
	standing := partnership.Standing{GMVCents90d: row.GMVCents90d, Completed90d: done, KeptPct: kept}
	var tier *partnership.TierDef
	pinned := false
	if row.TierPinned && row.TierID != nil {
		for i := range tiers {
			if tiers[i].ID == *row.TierID {
				tier, pinned = &tiers[i], true
			}
		}
	}
	if !pinned {
		tier = partnership.AssignTier(standing, tiers)
	}
	upd := map[string]any{"tier_id": nil, "tier_name": "", "tier_rank": 0, "tier_pinned": pinned,
		"tier_completed_90d": done, "tier_kept_bp": nil}
	if tier != nil {
		upd["tier_id"], upd["tier_name"], upd["tier_rank"] = tier.ID, tier.Name, tier.Rank
	}
	if kept != nil {
		upd["tier_kept_bp"] = int64(*kept)
	}
	return tx.Model(&models.Buyer{}).Where("id = ?", buyerID).UpdateColumns(upd).Error
}

// refreshBrandTiers runs the tier upkeep for every buyer of a brand, after
// its tiers changed (rare: an owner's edit). Each buyer costs a few indexed
// reads, so a brand of 10,000 buyers takes a moment, once.
func (s *Store) refreshBrandTiers(tx *gorm.DB, brandID int64) error {
	var ids []int64
	if err := tx.Model(&models.Buyer{}).Scopes(brandScope(brandID)).Order("id").Pluck("id", &ids).Error; err != nil {
		return err
	}
	if err := lockBuyers(tx, ids); err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.refreshTier(tx, brandID, id); err != nil {
			return err
		}
	}
	return nil
}

// RefreshAllTiers runs the tier upkeep for every active buyer, in batches of
// short transactions; the daily maintenance calls it, since the 90-day and
// 12-month windows move with the calendar.
func (s *Store) RefreshAllTiers(ctx context.Context) error {
	var after int64
	for {
		var rows []struct{ ID, BrandID int64 }
		if err := s.read(ctx).Model(&models.Buyer{}).Select("id, brand_id").Where("id > ? AND status = ?", after, models.BuyerActive).
			Order("id").Limit(200).Scan(&rows).Error; err != nil {
			return translate(err)
		}
		if len(rows) == 0 {
			return nil
		}
		err := s.write(ctx, func(tx *gorm.DB) error {
			for _, r := range rows {
				if err := s.refreshTier(tx, r.BrandID, r.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		after = rows[len(rows)-1].ID
	}
}

// pinTier keeps b's tier after its pin changed (PATCH /buyers/{id}
// {tier_id}): a pinned tier must be one of the brand's; then the upkeep runs
// and b gets the stored tier back.
func (s *Store) pinTier(tx *gorm.DB, brandID int64, b *models.Buyer) error {
	if b.TierPinned {
		var n int64
		if err := tx.Model(&models.Tier{}).Scopes(brandScope(brandID)).Where("id = ?", *b.TierID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return &models.ValidationError{Fields: map[string]string{"tier_id": "no such tier in this brand"}}
		}
	}
	if err := tx.Model(&models.Buyer{}).Where("id = ?", b.ID).
		UpdateColumns(map[string]any{"tier_pinned": b.TierPinned, "tier_id": b.TierID}).Error; err != nil {
		return err
	}
	if err := s.refreshTier(tx, brandID, b.ID); err != nil {
		return err
	}
	return tx.Model(&models.Buyer{}).Select("tier_id, tier_name, tier_rank, tier_pinned, tier_completed_90d, tier_kept_bp").
		Where("id = ?", b.ID).Take(b).Error
}

// ListTiers returns a brand's tiers, lowest rank first.
func (s *Store) ListTiers(ctx context.Context, brandID int64) ([]models.Tier, error) {
	var out []models.Tier
	err := s.read(ctx).Scopes(brandScope(brandID)).Order("rank").Find(&out).Error
	return out, translate(err)
}

// tierRankTaken is the answer when a rank is used twice in a brand.
var tierRankTaken = models.Errorf(models.ErrConflict, "another tier of this brand already has this rank")

// CreateTier stores a tier and re-assigns the brand's buyers.
func (s *Store) CreateTier(ctx context.Context, a Actor, t *models.Tier) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Tier{}).Scopes(brandScope(a.BrandID)).Count(&n).Error; err != nil {
			return err
		}
		if n >= maxTiers {
			return &models.ValidationError{Fields: map[string]string{"rank": "a brand has at most 20 tiers"}}
		}
		now := s.now()
		t.ID, t.BrandID, t.CreatedAt, t.UpdatedAt = 0, a.BrandID, now, now
		if err := tx.Create(t).Error; err != nil {
			if IsConflict(err) {
				return tierRankTaken
			}
			return err
		}
		if err := s.refreshBrandTiers(tx, a.BrandID); err != nil {
			return err
		}
		return audit(tx, a, "create", "tier", t.ID, created(TierFields(t)))
	})
}

// UpdateTier loads a tier, lets apply change it, saves it and re-assigns the brand's buyers.
func (s *Store) UpdateTier(ctx context.Context, a Actor, id int64, apply func(*models.Tier) error) (*models.Tier, error) {
	var t models.Tier
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&t).Error; err != nil {
			return err
		}
		before := TierFields(&t)
		if err := apply(&t); err != nil {
			return err
		}
		changes := diff(before, TierFields(&t))
		if len(changes) == 0 {
			return nil
		}
		t.UpdatedAt = s.now()
		if err := tx.Model(&models.Tier{}).Where("id = ?", id).Updates(map[string]any{"name": t.Name, "rank": t.Rank,
			"gmv_cents_90d": t.GMVCents90d, "completed_90d": t.Completed90d, "promises_kept_bp": t.PromisesKeptPct,
			"benefits": t.Benefits, "updated_at": t.UpdatedAt}).Error; err != nil {
			if IsConflict(err) {
				return tierRankTaken
			}
			return err
		}
		if err := s.refreshBrandTiers(tx, a.BrandID); err != nil {
			return err
		}
		return audit(tx, a, "update", "tier", id, changes)
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteTier deletes a tier; buyers pinned to it are unpinned, and every
// buyer of the brand is re-assigned.
func (s *Store) DeleteTier(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var t models.Tier
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&t).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE buyers SET tier_id = NULL, tier_name = '', tier_rank = 0, tier_pinned = 0
			WHERE brand_id = ? AND tier_id = ?`, a.BrandID, id).Error; err != nil {
			return err
		}
		if err := tx.Delete(&models.Tier{}, id).Error; err != nil {
			return err
		}
		if err := s.refreshBrandTiers(tx, a.BrandID); err != nil {
			return err
		}
		return audit(tx, a, "delete", "tier", id, deleted(TierFields(&t)))
	})
}

// TierStanding is a buyer's tier, the tier above it and what is missing to reach it.
type TierStanding struct {
	Tier    *models.Tier // nil: no tier
	Next    *models.Tier // nil: at the top, or no tiers
	Missing partnership.Missing
}

// tierStanding reads a buyer's stored tier and standing and works out the
// next tier: a handful of rows, no history.
func tierStanding(q *gorm.DB, b *models.Buyer) (*TierStanding, error) {
	var tiers []models.Tier
	if err := q.Model(&models.Tier{}).Scopes(brandScope(b.BrandID)).Order("rank").Find(&tiers).Error; err != nil {
		return nil, err
	}
	defs := make([]partnership.TierDef, 0, len(tiers))
	out := &TierStanding{}
	for i, t := range tiers {
		defs = append(defs, partnership.TierDef{ID: t.ID, Name: t.Name, Rank: t.Rank, Criteria: partnership.TierCriteria{
			GMVCents90d: t.GMVCents90d, Completed90d: t.Completed90d, PromisesKeptPct: t.PromisesKeptPct}})
		if b.TierID != nil && t.ID == *b.TierID {
			out.Tier = &tiers[i]
		}
	}
	var kept *models.Pct
	if b.TierKeptBP != nil {
		v := models.Pct(*b.TierKeptBP)
		kept = &v
	}
	rank := 0
	if out.Tier != nil {
		rank = out.Tier.Rank
	}
	next, missing := partnership.NextTier(partnership.Standing{GMVCents90d: b.GMVCents90d, Completed90d: b.TierCompleted90d,
		KeptPct: kept}, rank, defs)
	if next != nil {
		for i := range tiers {
			if tiers[i].ID == next.ID {
				out.Next = &tiers[i]
			}
		}
		out.Missing = missing
	}
	return out, nil
}
