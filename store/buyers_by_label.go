package store

import (
	"context"
	"strings"

	"huoban/models"
)

// A page of buyers filtered by an interest circle or a category, in the
// list's default order (name), is read from the label index
// buyer_labels_by_name (brand, kind, value, status, name, buyer): one range
// in page order that stops after the page, whatever the size of the circle.
// buyer_labels carries the buyer's status and name for that (migration 0012,
// kept by a trigger on buyers). Other sorts probe the labels buyer by buyer
// along the sort's own index (buyerFilter's hasLabel).

// buyersQualified is buyerSelect with every column taken from buyers.
var buyersQualified = "buyers." + strings.ReplaceAll(buyerSelect, ", ", ", buyers.")

// labelDriven tells whether a buyers page is read through the label index.
func labelDriven(f BuyerQuery) bool {
	return (f.Circle != "" || f.Category != "") && f.Sort == "name" && f.Status != ""
}

// listBuyersByLabel reads one page of buyers through the label index; the
// circle drives when both a circle and a category are asked for.
func (s *Store) listBuyersByLabel(ctx context.Context, brandID int64, f BuyerQuery, cur *Cursor) ([]models.Buyer, error) {
	kind, value := models.LabelCircle, f.Circle
	if f.Circle == "" {
		kind, value = models.LabelCategory, f.Category
	}
	q := s.read(ctx).Table("buyer_labels AS l").Joins("JOIN buyers ON buyers.id = l.buyer_id").
		Where("l.brand_id = ? AND l.kind = ? AND l.value = ? AND l.status = ?", brandID, kind, value, f.Status).
		Where("buyers.brand_id = ?", brandID)
	if f.Circle != "" && f.Category != "" {
		q = q.Where("EXISTS (SELECT 1 FROM buyer_labels c WHERE c.brand_id = ? AND c.kind = ? AND c.value = ? AND c.buyer_id = buyers.id)",
			brandID, models.LabelCategory, f.Category)
	}
	if f.Stage != "" {
		q = q.Where("buyers.stage = ?", f.Stage)
	}
	if f.OwnerID != 0 {
		q = q.Where("buyers.owner_id = ?", f.OwnerID)
	}
	if f.Q != "" {
		p := likePattern(f.Q)
		like := likeOp(q)
		q = q.Where(`(buyers.name `+like+` ? ESCAPE '\' OR buyers.xhs_id `+like+` ? ESCAPE '\' OR buyers.id IN
			(SELECT buyer_id FROM buyer_labels WHERE brand_id = ? AND kind = ? AND value `+like+` ? ESCAPE '\'))`,
			p, p, brandID, models.LabelTag, p)
	}
	dir, cmp := "ASC", ">"
	if f.Desc {
		dir, cmp = "DESC", "<"
	}
	q = q.Order("l.name " + dir).Order("l.buyer_id " + dir)
	if cur != nil {
		if cur.Val == nil {
			return nil, errBadCursor
		}
		q = q.Where("(l.name, l.buyer_id) "+cmp+" (?, ?)", *cur.Val, cur.ID)
	}
	return scanBuyerColumns(q.Limit(f.Limit+1), buyersQualified, f.Limit+1)
}

// buyerPageRows reads the rows of one page of buyers (limit+1 of them).
func (s *Store) buyerPageRows(ctx context.Context, brandID int64, f BuyerQuery, cur *Cursor) ([]models.Buyer, error) {
	if labelDriven(f) {
		return s.listBuyersByLabel(ctx, brandID, f, cur)
	}
	q, err := keyset(s.buyerFilter(s.read(ctx).Model(&models.Buyer{}), brandID, f), BuyerSorts[f.Sort], f.Desc, cur)
	if err != nil {
		return nil, err
	}
	return scanBuyers(q.Limit(f.Limit+1), f.Limit+1)
}
