package store

import (
	"context"

	"gorm.io/gorm"

	"huoban/models"
)

// SubQuery pages a list that belongs to one buyer or one brand in a fixed order.
type SubQuery struct {
	Limit  int
	Cursor string
}

// capabilitySort orders snapshots newest first.
var capabilitySort = sortColumn{Column: "recorded_on", Kind: kindText}

// capabilitySortKey names the fixed sort in cursors.
const capabilitySortKey = "-recorded_on"

// ListCapabilities returns a page of a buyer's capability snapshots, newest first.
func (s *Store) ListCapabilities(ctx context.Context, brandID, buyerID int64, f SubQuery) (*Page[models.CapabilitySnapshot], error) {
	if err := s.buyerExists(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	cur, err := DecodeCursor(f.Cursor, capabilitySortKey)
	if err != nil {
		return nil, err
	}
	q := s.read(ctx).Model(&models.CapabilitySnapshot{}).Scopes(brandScope(brandID)).Where("buyer_id = ?", buyerID)
	q, err = keyset(q, capabilitySort, true, cur)
	if err != nil {
		return nil, err
	}
	var rows []models.CapabilitySnapshot
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return pageOf(rows, f.Limit, func(last *models.CapabilitySnapshot) Cursor {
		v := string(last.RecordedOn)
		return Cursor{Sort: capabilitySortKey, Val: &v, ID: last.ID}
	}), nil
}

// buyerExists answers ErrNotFound unless the buyer belongs to the brand.
func (s *Store) buyerExists(ctx context.Context, brandID, buyerID int64) error {
	var n int64
	err := s.read(ctx).Model(&models.Buyer{}).Scopes(brandScope(brandID)).Where("id = ?", buyerID).Count(&n).Error
	if err != nil {
		return translate(err)
	}
	if n == 0 {
		return models.ErrNotFound
	}
	return nil
}

// CapabilityFields returns the audited fields of a snapshot.
func CapabilityFields(c *models.CapabilitySnapshot) map[string]any {
	return map[string]any{
		"buyer_id": c.BuyerID, "recorded_on": c.RecordedOn, "skus_per_month": c.SkusPerMonth,
		"categories_covered": c.CategoriesCovered, "hit_rate_pct": c.HitRatePct, "shop_window_items": c.ShopWindowItems,
		"sessions_per_month": c.SessionsPerMonth, "avg_minutes": c.AvgMinutes, "avg_viewers": c.AvgViewers,
		"peak_viewers": c.PeakViewers, "avg_gmv_cents": c.AvgGMVCents, "assessment": c.Assessment,
	}
}

// CreateCapability records a snapshot for one of the brand's buyers.
func (s *Store) CreateCapability(ctx context.Context, a Actor, c *models.CapabilitySnapshot) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", c.BuyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		by := a.UserID
		c.ID, c.BrandID, c.CreatedAt, c.RecordedBy = 0, a.BrandID, s.now(), &by
		if a.UserID == 0 {
			c.RecordedBy = nil
		}
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		// Capability growth is a health factor.
		if err := s.refreshHealth(tx, c.BuyerID); err != nil {
			return err
		}
		return audit(tx, a, "create", "capability", c.ID, created(CapabilityFields(c)))
	})
}
