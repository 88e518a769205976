package store

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// ProductPerformance is how one buyer sold one product (completed collaborations).
type ProductPerformance struct {
	BuyerID        int64
	BuyerName      string
	Collaborations int64
	Units          int64
	GMVCents       int64
	NetGMVCents    int64
	CostCents      int64
	LastOn         models.Date
}

// maxPerformanceRows bounds the buyers one product-performance read returns.
const maxPerformanceRows = 200

// ProductPerformance ranks the buyers who sold a product of the brand in
// completed collaborations, best GMV first. It reads one range of
// collaboration_items_product (covering), never the collaborations.
func (s *Store) ProductPerformance(ctx context.Context, brandID, productID int64, limit int) ([]ProductPerformance, error) {
	if _, err := s.GetProduct(ctx, brandID, productID); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > maxPerformanceRows {
		limit = maxPerformanceRows
	}
	var out []ProductPerformance
	err := s.read(ctx).Raw(`SELECT p.buyer_id, b.name AS buyer_name, p.collaborations, p.units, p.gmv_cents, p.net_gmv_cents,
			p.cost_cents, p.last_on
		FROM (SELECT buyer_id, COUNT(*) AS collaborations, SUM(units) AS units, SUM(gmv_cents) AS gmv_cents,
				SUM(net_gmv_cents) AS net_gmv_cents, SUM(cost_cents) AS cost_cents, MAX(start_on) AS last_on
			FROM collaboration_items WHERE brand_id = ? AND product_id = ? AND status = 'completed'
			GROUP BY buyer_id) p
		JOIN buyers b ON b.id = p.buyer_id
		ORDER BY p.gmv_cents DESC, p.buyer_id LIMIT ?`, brandID, productID, limit).Scan(&out).Error
	return out, translate(err)
}

// SelectionRow is one selection-log entry with its product, who decided,
// and how the product sold with the buyer afterwards.
type SelectionRow struct {
	models.Selection
	ProductName     string
	ProductSKU      string
	ProductCategory string
	ByName          *string
	// Sold counts completed collaborations of this buyer that sold the product.
	SoldCollaborations int64
	SoldUnits          int64
	SoldGMVCents       int64
}

// selectionSort is the log's order: newest first.
var selectionSort = sortColumn{Column: "s.id", Kind: kindInt}

// ListSelections returns a page of a buyer's selection log, newest first,
// with how each product sold with the buyer since (one query for the page).
func (s *Store) ListSelections(ctx context.Context, brandID, buyerID int64, f SubQuery) (*Page[SelectionRow], error) {
	if err := s.buyerExists(ctx, brandID, buyerID); err != nil {
		return nil, err
	}
	cur, err := DecodeCursor(f.Cursor, "-decided_at")
	if err != nil {
		return nil, err
	}
	q := s.read(ctx).Table("selections AS s").
		Select(`s.id, s.brand_id, s.buyer_id, s.product_id, s.decision, s.reason, s.by_side, s.by_user_id, s.decided_at,
			p.name AS product_name, p.sku AS product_sku, p.category AS product_category, u.name AS by_name`).
		Joins("JOIN products p ON p.id = s.product_id").
		Joins("LEFT JOIN users u ON u.id = s.by_user_id").
		Where("s.buyer_id = ? AND s.brand_id = ?", buyerID, brandID).
		Order("s.id DESC").Limit(f.Limit + 1)
	if cur != nil {
		q = q.Where("s.id < ?", cur.ID)
	}
	var rows []SelectionRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *SelectionRow) Cursor {
		v := strconv.FormatInt(last.ID, 10)
		return Cursor{Sort: "-decided_at", Val: &v, ID: last.ID}
	})
	if err := s.soldWith(ctx, brandID, buyerID, page.Items); err != nil {
		return nil, err
	}
	return page, nil
}

// soldWith fills how each selected product sold with the buyer.
func (s *Store) soldWith(ctx context.Context, brandID, buyerID int64, rows []SelectionRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ProductID)
	}
	var sold []struct {
		ProductID, Collaborations, Units, GMVCents int64
	}
	err := s.read(ctx).Raw(`SELECT product_id, COUNT(*) AS collaborations, SUM(units) AS units, SUM(gmv_cents) AS gmv_cents
		FROM collaboration_items WHERE brand_id = ? AND buyer_id = ? AND product_id IN ? AND status = 'completed'
		GROUP BY product_id`, brandID, buyerID, ids).Scan(&sold).Error
	if err != nil {
		return translate(err)
	}
	for _, x := range sold {
		for i := range rows {
			if rows[i].ProductID == x.ProductID {
				rows[i].SoldCollaborations, rows[i].SoldUnits, rows[i].SoldGMVCents = x.Collaborations, x.Units, x.GMVCents
			}
		}
	}
	return nil
}

// selectionFields returns the audited fields of a selection.
func selectionFields(sel *models.Selection) map[string]any {
	return map[string]any{"buyer_id": sel.BuyerID, "product_id": sel.ProductID, "decision": sel.Decision,
		"reason": sel.Reason, "by": sel.BySide}
}

// insertSelection writes a selection and audits it.
func (s *Store) insertSelection(tx *gorm.DB, a Actor, sel *models.Selection) error {
	by := a.UserID
	sel.ID, sel.BrandID, sel.DecidedAt, sel.ByUserID = 0, a.BrandID, s.now(), &by
	if a.UserID == 0 {
		sel.ByUserID = nil
	}
	if err := tx.Create(sel).Error; err != nil {
		return err
	}
	return audit(tx, a, "create", "selection", sel.ID, created(selectionFields(sel)))
}

// CreateSelection records a staff decision about a product for one of the
// brand's buyers. The buyer (the URL's record) is not found outside the
// brand; a product outside the brand is a bad product_id (422).
func (s *Store) CreateSelection(ctx context.Context, a Actor, sel *models.Selection) (*SelectionRow, error) {
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM buyers WHERE id = ? AND brand_id = ?", sel.BuyerID, a.BrandID).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		if err := tx.Raw("SELECT COUNT(*) FROM products WHERE id = ? AND brand_id = ?", sel.ProductID, a.BrandID).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return &models.ValidationError{Fields: map[string]string{"product_id": "is not a product of this brand"}}
		}
		sel.BySide = models.SideBrand
		return s.insertSelection(tx, a, sel)
	})
	if err != nil {
		return nil, err
	}
	return s.selectionRow(ctx, sel.ID)
}

// PortalSelect records a buyer's interest in, or refusal of, a pool
// product. A buyer record not linked to the user, or a product that is not
// in that brand's active pool, is not found.
func (s *Store) PortalSelect(ctx context.Context, userID int64, sel *models.Selection) (*SelectionRow, error) {
	err := s.write(ctx, func(tx *gorm.DB) error {
		var brands []int64
		if err := tx.Raw("SELECT brand_id FROM buyer_links WHERE user_id = ? AND buyer_id = ?", userID, sel.BuyerID).
			Scan(&brands).Error; err != nil {
			return err
		}
		if len(brands) == 0 {
			return models.ErrNotFound
		}
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM products WHERE id = ? AND brand_id = ? AND in_pool = 1 AND status = 'active'",
			sel.ProductID, brands[0]).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		sel.BySide = models.SideBuyer
		return s.insertSelection(tx, Actor{UserID: userID, BrandID: brands[0]}, sel)
	})
	if err != nil {
		return nil, err
	}
	return s.selectionRow(ctx, sel.ID)
}

// selectionRow reads one selection back as the log shows it.
func (s *Store) selectionRow(ctx context.Context, id int64) (*SelectionRow, error) {
	var rows []SelectionRow
	err := s.read(ctx).Table("selections AS s").
		Select(`s.id, s.brand_id, s.buyer_id, s.product_id, s.decision, s.reason, s.by_side, s.by_user_id, s.decided_at,
			p.name AS product_name, p.sku AS product_sku, p.category AS product_category, u.name AS by_name`).
		Joins("JOIN products p ON p.id = s.product_id").
		Joins("LEFT JOIN users u ON u.id = s.by_user_id").
		Where("s.id = ?", id).Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	if len(rows) == 0 {
		return nil, models.ErrNotFound
	}
	if err := s.soldWith(ctx, rows[0].BrandID, rows[0].BuyerID, rows); err != nil {
		return nil, err
	}
	return &rows[0], nil
}

// PoolProduct is a pool product nobody has picked yet.
type PoolProduct struct {
	ID        int64
	Name      string
	SKU       string
	Category  string
	CreatedAt time.Time
}

// WaitingSelection is a buyer's interest the brand has not answered.
type WaitingSelection struct {
	SelectionID int64
	BuyerID     int64
	BuyerName   string
	ProductID   int64
	ProductName string
	Reason      string
	DecidedAt   time.Time
}

// dashboardPoolLimit bounds each of the dashboard's selection lists.
const dashboardPoolLimit = 10

// UnpickedPool returns the brand's active pool products that no buyer was
// given (picked or trial) and none has sold yet, oldest first.
func (s *Store) UnpickedPool(ctx context.Context, brandID int64) ([]PoolProduct, error) {
	var out []PoolProduct
	err := s.read(ctx).Raw(`SELECT p.id, p.name, p.sku, p.category, p.created_at FROM products p
		WHERE p.brand_id = ? AND p.in_pool = 1 AND p.status = 'active'
		AND NOT EXISTS (SELECT 1 FROM selections s WHERE s.brand_id = p.brand_id AND s.product_id = p.id
			AND s.decision IN ('picked','trial'))
		AND NOT EXISTS (SELECT 1 FROM collaboration_items i WHERE i.brand_id = p.brand_id AND i.product_id = p.id)
		ORDER BY p.id LIMIT ?`, brandID, dashboardPoolLimit).Scan(&out).Error
	return out, translate(err)
}

// WaitingForAnswer returns buyers' interests in pool products that the
// brand has not answered with a decision since, oldest first.
func (s *Store) WaitingForAnswer(ctx context.Context, brandID int64) ([]WaitingSelection, error) {
	var out []WaitingSelection
	err := s.read(ctx).Raw(`SELECT s.id AS selection_id, s.buyer_id, b.name AS buyer_name, s.product_id, p.name AS product_name,
			s.reason, s.decided_at
		FROM selections s JOIN buyers b ON b.id = s.buyer_id JOIN products p ON p.id = s.product_id
		WHERE s.brand_id = ? AND s.decision = 'interested'
		AND NOT EXISTS (SELECT 1 FROM selections later WHERE later.buyer_id = s.buyer_id AND later.product_id = s.product_id
			AND later.id > s.id)
		ORDER BY s.id LIMIT ?`, brandID, dashboardPoolLimit).Scan(&out).Error
	return out, translate(err)
}

// PoolEntry is a pool product as one buyer sees it, with the buyer's
// latest decision about it.
type PoolEntry struct {
	models.Product
	Decision *models.Decision
}

// maxPool bounds the pool shown in the portal.
const maxPool = 200

// PortalPool returns a brand's active pool products, newest first, each
// with the buyer record's latest decision about it.
func (s *Store) PortalPool(ctx context.Context, brandID, buyerID int64) ([]PoolEntry, error) {
	var out []PoolEntry
	err := s.read(ctx).Raw(`SELECT p.*, (SELECT s.decision FROM selections s WHERE s.buyer_id = ? AND s.product_id = p.id
			ORDER BY s.id DESC LIMIT 1) AS decision
		FROM products p WHERE p.brand_id = ? AND p.in_pool = 1 AND p.status = 'active'
		ORDER BY p.id DESC LIMIT ?`, buyerID, brandID, maxPool).Scan(&out).Error
	return out, translate(err)
}

// maxSimilarProducts bounds the similar products a match reads the sales of.
const maxSimilarProducts = 500

// SimilarProductHistory returns, per buyer, how the brand's products similar
// to p (same category, or sharing a circle; p itself included) sold in
// completed collaborations. It reads collaboration_items_product once per
// similar product, never the collaborations.
func (s *Store) SimilarProductHistory(ctx context.Context, brandID int64, p *models.Product) (map[int64]partnership.ProductHistory, error) {
	q := s.read(ctx).Model(&models.Product{}).Scopes(brandScope(brandID)).Select("id, category")
	cond := s.read(ctx).Where("id = ?", p.ID)
	if p.Category != "" {
		cond = cond.Or("category = ?", p.Category)
	}
	for _, c := range p.Circles {
		b, _ := json.Marshal(c)
		cond = cond.Or("circles "+likeOp(q)+" ? ESCAPE '\\'", likePattern(string(b)))
	}
	var similar []struct {
		ID       int64
		Category string
	}
	if err := q.Where(cond).Order("id DESC").Limit(maxSimilarProducts).Scan(&similar).Error; err != nil {
		return nil, translate(err)
	}
	ids := make([]int64, 0, len(similar))
	sameCat := map[int64]bool{}
	for _, x := range similar {
		ids = append(ids, x.ID)
		sameCat[x.ID] = p.Category != "" && x.Category == p.Category || x.ID == p.ID
	}
	var rows []struct {
		BuyerID, ProductID, Collaborations, NetGMVCents, CostCents int64
	}
	if err := s.read(ctx).Raw(`SELECT buyer_id, product_id, COUNT(*) AS collaborations, SUM(net_gmv_cents) AS net_gmv_cents,
			SUM(cost_cents) AS cost_cents
		FROM collaboration_items WHERE brand_id = ? AND product_id IN ? AND status = 'completed'
		GROUP BY buyer_id, product_id`, brandID, ids).Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := map[int64]partnership.ProductHistory{}
	for _, r := range rows {
		h := out[r.BuyerID]
		h.Collaborations += r.Collaborations
		h.NetGMVCents += r.NetGMVCents
		h.CostCents += r.CostCents
		h.SameCategory = h.SameCategory || sameCat[r.ProductID]
		out[r.BuyerID] = h
	}
	return out, nil
}
