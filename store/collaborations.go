package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// CollaborationSorts maps each sort the collaborations list allows to its column.
var CollaborationSorts = map[string]sortColumn{
	"start_on":   {Column: "start_on", Kind: kindText},
	"gmv_cents":  {Column: "gmv_cents", Kind: kindInt},
	"roi":        {Column: "roi_e4", Kind: kindInt, Nullable: true},
	"created_at": {Column: "created_at", Kind: kindTime},
}

// collaborationSortValue returns the cursor value of c for a sort field (nil for NULL).
func collaborationSortValue(c *models.Collaboration, field string) *string {
	var v string
	switch field {
	case "start_on":
		v = string(c.StartOn)
	case "gmv_cents":
		v = strconv.FormatInt(c.Metrics.GMVCents, 10)
	case "roi":
		if c.ROI == nil {
			return nil
		}
		v = strconv.FormatInt(int64(*c.ROI), 10)
	case "created_at":
		v = c.CreatedAt.UTC().Format(time.RFC3339Nano)
	}
	return &v
}

// CollaborationQuery filters, sorts and pages the collaborations list.
type CollaborationQuery struct {
	BuyerID      int64
	Type, Status string
	From, To     models.Date // on start_on, both inclusive
	Sort         string      // a CollaborationSorts key
	Desc         bool
	Limit        int
	Cursor       string
	WithTotal    bool
}

// SortKey returns the sort as the client wrote it, e.g. "-start_on".
func (q CollaborationQuery) SortKey() string {
	if q.Desc {
		return "-" + q.Sort
	}
	return q.Sort
}

func collaborationFilter(q *gorm.DB, brandID int64, f CollaborationQuery) *gorm.DB {
	q = q.Scopes(brandScope(brandID))
	if f.BuyerID != 0 {
		q = q.Where("buyer_id = ?", f.BuyerID)
	}
	if f.Type != "" {
		q = q.Where("type = ?", f.Type)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.From != "" {
		q = q.Where("start_on >= ?", string(f.From))
	}
	if f.To != "" {
		q = q.Where("start_on <= ?", string(f.To))
	}
	return q
}

// ListCollaborations returns one page of the brand's collaborations.
func (s *Store) ListCollaborations(ctx context.Context, brandID int64, f CollaborationQuery) (*Page[models.Collaboration], error) {
	sc, ok := CollaborationSorts[f.Sort]
	if !ok {
		return nil, models.Errorf(models.ErrBadRequest, "unknown sort")
	}
	cur, err := DecodeCursor(f.Cursor, f.SortKey())
	if err != nil {
		return nil, err
	}
	q, err := keyset(collaborationFilter(s.read(ctx).Model(&models.Collaboration{}), brandID, f), sc, f.Desc, cur)
	if err != nil {
		return nil, err
	}
	rows, err := scanCollaborations(q.Limit(f.Limit+1), f.Limit+1)
	if err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *models.Collaboration) Cursor {
		return Cursor{Sort: f.SortKey(), Val: collaborationSortValue(last, f.Sort), ID: last.ID}
	})
	if f.WithTotal {
		var n int64
		if err := collaborationFilter(s.read(ctx).Model(&models.Collaboration{}), brandID, f).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		page.Total = &n
	}
	return page, nil
}

// EachCollaboration calls fn for every collaboration the query selects, in
// its sort order, reading in keyset batches so memory stays flat.
func (s *Store) EachCollaboration(ctx context.Context, brandID int64, f CollaborationQuery, fn func(*models.Collaboration) error) error {
	f.Limit, f.WithTotal = exportBatch, false
	return eachPage(func(cursor string) (*Page[models.Collaboration], error) {
		f.Cursor = cursor
		return s.ListCollaborations(ctx, brandID, f)
	}, fn)
}

// collabSelect lists the columns scanCollaborations reads, in its order.
const collabSelect = "id, brand_id, buyer_id, type, title, products, status, start_on, end_on, slot_fee_cents, " +
	"commission_bp, sample_cost_cents, views, viewers, clicks, orders, units, gmv_cents, refund_cents, interactions, " +
	"roi_e4, brand_rating, shared_feedback, internal_notes, created_by, created_at, updated_at, starts_at, duration_minutes"

// scanCollaborations runs q and scans its rows by hand: GORM's reflective
// scan was three quarters of the cost of a large export.
func scanCollaborations(q *gorm.DB, capacity int) ([]models.Collaboration, error) {
	rows, err := q.Select(collabSelect).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]models.Collaboration, 0, capacity)
	var roi, rating, by, duration sql.NullInt64
	var startsAt sql.NullTime
	var typ, status string
	var commission int64
	for rows.Next() {
		var c models.Collaboration
		m := &c.Metrics
		if err := rows.Scan(&c.ID, &c.BrandID, &c.BuyerID, &typ, &c.Title, &c.Products, &status, &c.StartOn, &c.EndOn,
			&c.SlotFeeCents, &commission, &c.SampleCostCents, &m.Views, &m.Viewers, &m.Clicks, &m.Orders, &m.Units,
			&m.GMVCents, &m.RefundCents, &m.Interactions, &roi, &rating, &c.SharedFeedback, &c.InternalNotes, &by,
			&c.CreatedAt, &c.UpdatedAt, &startsAt, &duration); err != nil {
			return nil, err
		}
		c.Type, c.Status, c.CommissionPct = models.CollabType(typ), models.CollabStatus(status), models.Pct(commission)
		if roi.Valid {
			r := models.Ratio(roi.Int64)
			c.ROI = &r
		}
		if rating.Valid {
			v := int(rating.Int64)
			c.BrandRating = &v
		}
		if by.Valid {
			v := by.Int64
			c.CreatedBy = &v
		}
		if startsAt.Valid {
			t := startsAt.Time.UTC()
			c.StartsAt = &t
		}
		if duration.Valid {
			v := int(duration.Int64)
			c.DurationMinutes = &v
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GetCollaboration returns one of the brand's collaborations.
func (s *Store) GetCollaboration(ctx context.Context, brandID, id int64) (*models.Collaboration, error) {
	var c models.Collaboration
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&c).Error
	return &c, translate(err)
}

// CollaborationFields returns the audited fields of a collaboration.
func CollaborationFields(c *models.Collaboration) map[string]any {
	return map[string]any{
		"buyer_id": c.BuyerID, "type": c.Type, "title": c.Title, "products": c.Products, "status": c.Status,
		"start_on": c.StartOn, "end_on": c.EndOn, "slot_fee_cents": c.SlotFeeCents,
		"commission_pct": c.CommissionPct, "sample_cost_cents": c.SampleCostCents, "metrics": c.Metrics,
		"brand_rating": c.BrandRating, "shared_feedback": c.SharedFeedback, "internal_notes": c.InternalNotes,
		"starts_at": c.StartsAt, "duration_minutes": c.DurationMinutes, "items": itemFields(c.Items),
	}
}

// errNoSuchBuyer answers a buyer_id that is not one of the caller's brand's
// buyers: 422 on the field (not 404, which would describe the URL's record).
func errNoSuchBuyer() error {
	return models.FieldError("buyer_id", models.UnknownRef("buyer"))
}

// insertOneSQL inserts one collaboration and returns its id.
var insertOneSQL = insertSQL(1, false) + " RETURNING id"

// insertCollaboration inserts c and sets its ID; the columns are bound in
// the order of collabColumns, without GORM's reflection (it is the hot path
// of every collaboration write).
func insertCollaboration(tx *gorm.DB, c *models.Collaboration) error {
	return tx.Raw(insertOneSQL, appendCollabArgs(make([]any, 0, len(collabColumns)), c)...).Row().Scan(&c.ID)
}

// brandBuyerCommission returns the commission of a buyer of the brand, for
// a collaboration write (which needs to know the buyer is the brand's).
func brandBuyerCommission(tx *gorm.DB, brandID, buyerID int64) (models.Pct, error) {
	var bp []int64
	if err := tx.Raw("SELECT commission_bp FROM buyers WHERE id = ? AND brand_id = ?", buyerID, brandID).
		Scan(&bp).Error; err != nil {
		return 0, err
	}
	if len(bp) == 0 {
		return 0, errNoSuchBuyer()
	}
	return models.Pct(bp[0]), nil
}

// CreateCollaboration inserts c for the actor's brand. With inheritCommission
// the buyer's commission_pct is used. The create is audited, and its upkeep
// (the buyer's stats, milestones, goals and health) deferred to the end of
// the same transaction (upkeep.go).
func (s *Store) CreateCollaboration(ctx context.Context, a Actor, c *models.Collaboration, inheritCommission bool) error {
	return s.writeUpkeep(ctx, func(tx *gorm.DB, up *Upkeep) error {
		commission, err := brandBuyerCommission(tx, a.BrandID, c.BuyerID)
		if err != nil {
			return err
		}
		if inheritCommission {
			c.CommissionPct = commission
		}
		now := s.now()
		by := a.UserID
		c.ID, c.BrandID, c.CreatedAt, c.UpdatedAt, c.CreatedBy = 0, a.BrandID, now, now, &by
		if a.UserID == 0 {
			c.CreatedBy = nil
		}
		c.ROI = c.KPIs().ROI
		if c.Items != nil {
			if err := checkItems(tx, a.BrandID, c); err != nil {
				return err
			}
		}
		if err := checkOverlap(tx, a.BrandID, c); err != nil {
			return err
		}
		if err := insertCollaboration(tx, c); err != nil {
			return err
		}
		if err := insertItems(tx, a.BrandID, c); err != nil {
			return err
		}
		if c.Items == nil {
			c.Items = []models.CollabItem{}
		}
		up.DeferCollaboration(a.BrandID, nil, c)
		if err := s.RecordEvent(tx, a.BrandID, "collaboration.created", c); err != nil {
			return err
		}
		return audit(tx, a, "create", "collaboration", c.ID, created(CollaborationFields(c)))
	})
}

// UpdateCollaboration loads a collaboration, lets apply change it, and saves
// it with the stats of its old and new buyer and the audited difference.
func (s *Store) UpdateCollaboration(ctx context.Context, a Actor, id int64, apply func(c *models.Collaboration) error) (*models.Collaboration, error) {
	var c models.Collaboration
	err := s.writeUpkeep(ctx, func(tx *gorm.DB, up *Upkeep) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&c).Error; err != nil {
			return err
		}
		items, err := itemsOf(tx, []int64{c.ID})
		if err != nil {
			return err
		}
		c.Items = nonNilItems(items[c.ID])
		before := CollaborationFields(&c)
		old := c
		c.Items = nil
		if err := apply(&c); err != nil {
			return err
		}
		itemsSent := c.Items != nil
		if !itemsSent {
			c.Items = old.Items
		}
		changes := diff(before, CollaborationFields(&c))
		if len(changes) == 0 {
			return nil
		}
		if err := checkOverlap(tx, a.BrandID, &c); err != nil {
			return err
		}
		if c.BuyerID != old.BuyerID {
			if _, err := brandBuyerCommission(tx, a.BrandID, c.BuyerID); err != nil {
				return err
			}
		}
		c.UpdatedAt = s.now()
		c.ROI = c.KPIs().ROI
		if err := tx.Select("*").Omit("id", "brand_id", "created_at", "created_by").Save(&c).Error; err != nil {
			return err
		}
		if !itemsSent {
			c.Items = nil // syncItems re-reads and re-checks the stored ones
		}
		if err := syncItems(tx, a.BrandID, &c, false); err != nil {
			return err
		}
		up.DeferCollaboration(a.BrandID, &old, &c)
		if err := s.RecordEvent(tx, a.BrandID, "collaboration.updated", &c); err != nil {
			return err
		}
		return audit(tx, a, "update", "collaboration", c.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// DeleteCollaboration deletes one collaboration and updates its buyer's stats.
func (s *Store) DeleteCollaboration(ctx context.Context, a Actor, id int64) error {
	return s.writeUpkeep(ctx, func(tx *gorm.DB, up *Upkeep) error {
		var c models.Collaboration
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&c).Error; err != nil {
			return err
		}
		if err := tx.Where("id = ?", id).Delete(&models.Collaboration{}).Error; err != nil {
			return err
		}
		up.DeferCollaboration(a.BrandID, &c, nil)
		if err := s.RecordEvent(tx, a.BrandID, "collaboration.deleted", &c); err != nil {
			return err
		}
		return audit(tx, a, "delete", "collaboration", id, deleted(CollaborationFields(&c)))
	})
}
