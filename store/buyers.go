package store

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// BuyerSorts maps each sort the buyers list allows to its column.
var BuyerSorts = map[string]sortColumn{
	"name":                  {Column: "name", Kind: kindText},
	"created_at":            {Column: "created_at", Kind: kindTime},
	"followers":             {Column: "followers", Kind: kindInt},
	"gmv_cents_90d":         {Column: "gmv_cents_90d", Kind: kindInt},
	"last_collaboration_on": {Column: "last_collaboration_on", Kind: kindText, Nullable: true},
	"health":                {Column: "health_score", Kind: kindInt},
}

// buyerSortValue returns the cursor value of b for a sort field (nil for NULL).
func buyerSortValue(b *models.Buyer, field string) *string {
	var v string
	switch field {
	case "name":
		v = b.Name
	case "created_at":
		v = b.CreatedAt.UTC().Format(time.RFC3339Nano)
	case "followers":
		v = strconv.FormatInt(b.Followers, 10)
	case "gmv_cents_90d":
		v = strconv.FormatInt(b.GMVCents90d, 10)
	case "last_collaboration_on":
		if b.LastCollaborationOn == "" {
			return nil
		}
		v = string(b.LastCollaborationOn)
	case "health":
		v = strconv.Itoa(b.HealthScore)
	}
	return &v
}

// hasLabel tests one buyer for a circle or category through the label
// index's primary key. As a correlated EXISTS it lets the list walk its sort
// index and stop after a page, instead of fetching and sorting every buyer
// of a popular circle first.
const hasLabel = "EXISTS (SELECT 1 FROM buyer_labels l WHERE l.brand_id = ? AND l.kind = ? AND l.value = ? AND l.buyer_id = buyers.id)"

// BuyerQuery filters, sorts and pages the buyers list.
type BuyerQuery struct {
	Q, Stage, Status, Circle, Category string
	OwnerID                            int64
	Sort                               string // a BuyerSorts key
	Desc                               bool
	Limit                              int
	Cursor                             string
	WithTotal                          bool
}

// SortKey returns the sort as the client wrote it, e.g. "-name".
func (q BuyerQuery) SortKey() string {
	if q.Desc {
		return "-" + q.Sort
	}
	return q.Sort
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T
	NextCursor *string
	Total      *int64
}

func (s *Store) buyerFilter(q *gorm.DB, brandID int64, f BuyerQuery) *gorm.DB {
	q = q.Scopes(brandScope(brandID))
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Stage != "" {
		q = q.Where("stage = ?", f.Stage)
	}
	if f.OwnerID != 0 {
		q = q.Where("owner_id = ?", f.OwnerID)
	}
	if f.Circle != "" {
		q = q.Where(hasLabel,
			brandID, models.LabelCircle, f.Circle)
	}
	if f.Category != "" {
		q = q.Where(hasLabel,
			brandID, models.LabelCategory, f.Category)
	}
	if f.Q != "" {
		p := likePattern(f.Q)
		// Tags are matched through the label index, not the stored JSON text,
		// so that searching for [ or " does not match every buyer.
		like := likeOp(q)
		q = q.Where(`(name `+like+` ? ESCAPE '\' OR xhs_id `+like+` ? ESCAPE '\' OR id IN
			(SELECT buyer_id FROM buyer_labels WHERE brand_id = ? AND kind = ? AND value `+like+` ? ESCAPE '\'))`,
			p, p, brandID, models.LabelTag, p)
	}
	return q
}

// ListBuyers returns one page of the brand's buyers.
func (s *Store) ListBuyers(ctx context.Context, brandID int64, f BuyerQuery) (*Page[models.Buyer], error) {
	if _, ok := BuyerSorts[f.Sort]; !ok {
		return nil, models.Errorf(models.ErrBadRequest, "unknown sort")
	}
	cur, err := DecodeCursor(f.Cursor, f.SortKey())
	if err != nil {
		return nil, err
	}
	rows, err := s.buyerPageRows(ctx, brandID, f, cur)
	if err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *models.Buyer) Cursor {
		return Cursor{Sort: f.SortKey(), Val: buyerSortValue(last, f.Sort), ID: last.ID}
	})
	if f.WithTotal {
		var n int64
		if err := s.buyerFilter(s.read(ctx).Model(&models.Buyer{}), brandID, f).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		page.Total = &n
	}
	return page, nil
}

// GetBuyer returns one of the brand's buyers.
func (s *Store) GetBuyer(ctx context.Context, brandID, id int64) (*models.Buyer, error) {
	b, err := takeBuyer(s.read(ctx).Model(&models.Buyer{}).Scopes(brandScope(brandID)).Where("id = ?", id))
	return b, translate(err)
}

// BuyerFields returns the audited, client-visible fields of a buyer.
func BuyerFields(b *models.Buyer) map[string]any {
	return map[string]any{
		"name": b.Name, "xhs_id": b.XhsID, "avatar_url": b.AvatarURL, "city": b.City, "followers": b.Followers,
		"interest_circles": b.InterestCircles, "categories": b.Categories, "tags": b.Tags,
		"stage": b.Stage, "status": b.Status, "owner_id": b.OwnerID, "commission_pct": b.CommissionPct,
		"contact_wechat": b.ContactWechat, "contact_phone": b.ContactPhone, "contact_email": b.ContactEmail,
		"notes": b.Notes, "tier_pin": tierPin(b),
	}
}

// tierPin is the tier the brand pinned for b, or nil when it is assigned.
func tierPin(b *models.Buyer) any {
	if !b.TierPinned || b.TierID == nil {
		return nil
	}
	return *b.TierID
}

// checkOwner verifies that ownerID is staff of the brand.
func checkOwner(tx *gorm.DB, brandID int64, ownerID *int64) error {
	if ownerID == nil {
		return nil
	}
	var n int64
	if err := tx.Model(&models.User{}).Scopes(brandScope(brandID)).Where("id = ?", *ownerID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return models.FieldError("owner_id", models.UnknownRef("team member"))
	}
	return nil
}

// syncLabels rewrites the label index rows of a buyer.
func syncLabels(tx *gorm.DB, b *models.Buyer) error {
	if err := tx.Where("buyer_id = ?", b.ID).Delete(&models.BuyerLabel{}).Error; err != nil {
		return err
	}
	var rows []models.BuyerLabel
	add := func(kind string, vals []string) {
		for _, v := range vals {
			rows = append(rows, models.BuyerLabel{BuyerID: b.ID, BrandID: b.BrandID, Kind: kind, Value: v,
				Status: string(b.Status), Name: b.Name})
		}
	}
	add(models.LabelCircle, b.InterestCircles)
	add(models.LabelCategory, b.Categories)
	add(models.LabelTag, b.Tags)
	if len(rows) == 0 {
		return nil
	}
	return tx.Create(&rows).Error
}

// CreateBuyer inserts b (BrandID is set from the actor) with its labels and an audit entry.
func (s *Store) CreateBuyer(ctx context.Context, a Actor, b *models.Buyer) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := checkOwner(tx, a.BrandID, b.OwnerID); err != nil {
			return err
		}
		now := s.now()
		b.ID, b.BrandID, b.CreatedAt, b.UpdatedAt = 0, a.BrandID, now, now
		b.HealthScore, b.HealthLabel = 0, partnership.LabelNew
		if err := tx.Create(b).Error; err != nil {
			return err
		}
		if err := syncLabels(tx, b); err != nil {
			return err
		}
		// A new buyer may already meet an entry tier without criteria.
		b.TierPinned, b.TierID = false, nil
		if err := s.pinTier(tx, a.BrandID, b); err != nil {
			return err
		}
		if err := s.RecordEvent(tx, a.BrandID, "buyer.created", b); err != nil {
			return err
		}
		return audit(tx, a, "create", "buyer", b.ID, created(BuyerFields(b)))
	})
}

// UpdateBuyer loads the buyer, lets apply change it, and saves the result
// with its labels and the audited difference, all in one transaction.
func (s *Store) UpdateBuyer(ctx context.Context, a Actor, id int64, apply func(b *models.Buyer) error) (*models.Buyer, error) {
	var b models.Buyer
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&b).Error; err != nil {
			return err
		}
		before := BuyerFields(&b)
		if err := apply(&b); err != nil {
			return err
		}
		changes := diff(before, BuyerFields(&b))
		if len(changes) == 0 {
			return nil
		}
		if _, ok := changes["owner_id"]; ok {
			if err := checkOwner(tx, a.BrandID, b.OwnerID); err != nil {
				return err
			}
		}
		b.UpdatedAt = s.now()
		if err := tx.Select("*").Omit("id", "brand_id", "created_at", "stage",
			"stat_collaborations", "gmv_cents_total", "gmv_cents_90d", "last_collaboration_on",
			"health_score", "health_label", "tier_id", "tier_name", "tier_rank", "tier_pinned", "tier_completed_90d",
			"tier_kept_bp").Save(&b).Error; err != nil {
			return err
		}
		if _, ok := changes["tier_pin"]; ok {
			if err := s.pinTier(tx, a.BrandID, &b); err != nil {
				return err
			}
		}
		_, c1 := changes["interest_circles"]
		_, c2 := changes["categories"]
		_, c3 := changes["tags"]
		if c1 || c2 || c3 {
			if err := syncLabels(tx, &b); err != nil {
				return err
			}
		}
		event := "buyer.updated"
		if _, ok := changes["status"]; ok && b.Status == models.BuyerArchived {
			event = "buyer.archived"
		}
		if err := s.RecordEvent(tx, a.BrandID, event, &b); err != nil {
			return err
		}
		return audit(tx, a, "update", "buyer", b.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// ArchiveBuyer sets a buyer's status to archived, keeping all its records.
func (s *Store) ArchiveBuyer(ctx context.Context, a Actor, id int64) error {
	_, err := s.UpdateBuyer(ctx, a, id, func(b *models.Buyer) error {
		b.Status = models.BuyerArchived
		return nil
	})
	return err
}

// PurgeBuyer deletes a buyer for real; it refuses (ErrConflict) when the buyer
// has any collaboration, so recorded results are never lost by accident.
func (s *Store) PurgeBuyer(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var b models.Buyer
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&b).Error; err != nil {
			return err
		}
		n, err := countBuyerRecords(tx, a.BrandID, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return models.Errorf(models.ErrConflict, "this buyer has collaborations; archive instead of deleting")
		}
		if err := tx.Where("id = ?", id).Delete(&models.Buyer{}).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "buyer", id, deleted(BuyerFields(&b)))
	})
}

// countBuyerRecords counts the collaborations that keep a buyer from being purged.
func countBuyerRecords(tx *gorm.DB, brandID, buyerID int64) (int64, error) {
	var n int64
	err := tx.Raw("SELECT COUNT(*) FROM collaborations WHERE brand_id = ? AND buyer_id = ?", brandID, buyerID).Scan(&n).Error
	return n, err
}

// ChangeStage moves a buyer to stage with a reason and records the change.
func (s *Store) ChangeStage(ctx context.Context, a Actor, id int64, stage models.Stage, reason string) (*models.Buyer, error) {
	var b models.Buyer
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&b).Error; err != nil {
			return err
		}
		if b.Stage == stage {
			return models.FieldError("stage", models.Custom("unchanged", nil, "is already the buyer's stage"))
		}
		now := s.now()
		from := b.Stage
		b.Stage, b.UpdatedAt = stage, now
		if err := tx.Model(&models.Buyer{}).Where("id = ?", id).
			Updates(map[string]any{"stage": stage, "updated_at": now}).Error; err != nil {
			return err
		}
		by := a.UserID
		if err := tx.Create(&models.StageChange{BrandID: a.BrandID, BuyerID: id, FromStage: from, ToStage: stage,
			Reason: reason, ByUserID: &by, At: now}).Error; err != nil {
			return err
		}
		if code := partnership.StageMilestone(stage); code != "" {
			if err := s.reachMilestone(tx, a.BrandID, id, code, models.DateOf(now), nil, now); err != nil {
				return err
			}
		}
		if err := s.RecordEvent(tx, a.BrandID, "buyer.stage_changed", &b); err != nil {
			return err
		}
		return audit(tx, a, "update", "stage", id, map[string]Change{"stage": {From: from, To: stage}, "reason": {To: reason}})
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// StageHistory returns a buyer's stage changes, newest first.
func (s *Store) StageHistory(ctx context.Context, brandID, buyerID int64) ([]models.StageChange, error) {
	if _, err := s.GetBuyer(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	var out []models.StageChange
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("buyer_id = ?", buyerID).Order("id DESC").Find(&out).Error
	return out, translate(err)
}
