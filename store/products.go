package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"huoban/models"
)

// ProductQuery filters and pages the product catalogue, newest first.
type ProductQuery struct {
	Q, Category, Circle, Status string
	InPool                      *bool
	Limit                       int
	Cursor                      string
	WithTotal                   bool
}

// productSort is the catalogue's one order: newest first, by id.
var productSort = sortColumn{Column: "id", Kind: kindInt}

func productFilter(q *gorm.DB, brandID int64, f ProductQuery) *gorm.DB {
	q = q.Scopes(brandScope(brandID))
	if f.Q != "" {
		p := likePattern(f.Q)
		q = q.Where("(name "+likeOp(q)+" ? ESCAPE '\\' OR sku "+likeOp(q)+" ? ESCAPE '\\')", p, p)
	}
	if f.Category != "" {
		q = q.Where("(category = ? OR category "+likeOp(q)+" ? ESCAPE '\\')", f.Category,
			strings.TrimSuffix(likePattern(f.Category), "%")+"/%")
	}
	if f.Circle != "" {
		// circles is a JSON array: match the element as JSON writes it.
		b, _ := json.Marshal(f.Circle)
		q = q.Where("circles "+likeOp(q)+" ? ESCAPE '\\'", likePattern(string(b)))
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.InPool != nil {
		// A literal, so the partial index products_pool (in_pool = 1) applies.
		if *f.InPool {
			q = q.Where("in_pool = 1")
		} else {
			q = q.Where("in_pool = 0")
		}
	}
	return q
}

// ListProducts returns one page of the brand's catalogue, newest first.
func (s *Store) ListProducts(ctx context.Context, brandID int64, f ProductQuery) (*Page[models.Product], error) {
	cur, err := DecodeCursor(f.Cursor, "-created_at")
	if err != nil {
		return nil, err
	}
	q, err := keyset(productFilter(s.read(ctx).Model(&models.Product{}), brandID, f), productSort, true, cur)
	if err != nil {
		return nil, err
	}
	var rows []models.Product
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *models.Product) Cursor {
		v := strconv.FormatInt(last.ID, 10)
		return Cursor{Sort: "-created_at", Val: &v, ID: last.ID}
	})
	if f.WithTotal {
		var n int64
		if err := productFilter(s.read(ctx).Model(&models.Product{}), brandID, f).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		page.Total = &n
	}
	return page, nil
}

// GetProduct returns one of the brand's products.
func (s *Store) GetProduct(ctx context.Context, brandID, id int64) (*models.Product, error) {
	var p models.Product
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&p).Error
	return &p, translate(err)
}

// ProductsByID returns the brand's products with the given ids.
func (s *Store) ProductsByID(ctx context.Context, brandID int64, ids []int64) (map[int64]models.Product, error) {
	out := map[int64]models.Product{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []models.Product
	if err := s.read(ctx).Scopes(brandScope(brandID)).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, nil
}

// productFields returns the audited fields of a product.
func productFields(p *models.Product) map[string]any {
	return map[string]any{"name": p.Name, "sku": p.SKU, "category": p.Category, "price_cents": p.PriceCents,
		"circles": p.Circles, "image_url": p.ImageURL, "status": p.Status, "in_pool": p.InPool, "pool_note": p.PoolNote}
}

// CreateProduct adds a product to the actor's brand; a SKU already used in
// the brand is a conflict.
func (s *Store) CreateProduct(ctx context.Context, a Actor, p *models.Product) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		p.ID, p.BrandID, p.CreatedAt, p.UpdatedAt = 0, a.BrandID, now, now
		if err := tx.Create(p).Error; err != nil {
			return translate(err)
		}
		return audit(tx, a, "create", "product", p.ID, created(productFields(p)))
	})
}

// UpdateProduct loads a product, lets apply change it and saves the difference.
func (s *Store) UpdateProduct(ctx context.Context, a Actor, id int64, apply func(*models.Product) error) (*models.Product, error) {
	var p models.Product
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&p).Error; err != nil {
			return err
		}
		before := productFields(&p)
		if err := apply(&p); err != nil {
			return err
		}
		changes := diff(before, productFields(&p))
		if len(changes) == 0 {
			return nil
		}
		p.UpdatedAt = s.now()
		if err := tx.Select("*").Omit("id", "brand_id", "created_at").Save(&p).Error; err != nil {
			return translate(err)
		}
		return audit(tx, a, "update", "product", p.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// DeleteProduct deletes a product nothing refers to yet; a product already
// sold or in a selection log is a conflict: retire it instead.
func (s *Store) DeleteProduct(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var p models.Product
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&p).Error; err != nil {
			return err
		}
		var used []int64
		if err := tx.Raw(`SELECT 1 FROM collaboration_items WHERE brand_id = ? AND product_id = ?
			UNION ALL SELECT 1 FROM selections WHERE brand_id = ? AND product_id = ? LIMIT 1`,
			a.BrandID, id, a.BrandID, id).Scan(&used).Error; err != nil {
			return err
		}
		if len(used) > 0 {
			return models.Errorf(models.ErrConflict, "the product is in use (sold or in a selection log); retire it instead")
		}
		if err := tx.Where("id = ?", id).Delete(&models.Product{}).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "product", id, deleted(productFields(&p)))
	})
}
