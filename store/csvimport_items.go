package store

import (
	"gorm.io/gorm"

	"huoban/models"
)

// importItems resolves the SKUs of an import's items and keeps the rows
// that have items until their collaborations have ids.
type importItems struct {
	bySKU   map[string]int64 // the brand's catalogue, loaded at the first row with items
	pending []pendingItems
}

// pendingItems is an imported collaboration (the k-th inserted) with items.
type pendingItems struct {
	k int
	c models.Collaboration
}

// resolve turns r's SKUs into the brand's product ids on r.C.Items; an
// unknown SKU, or items whose GMV sums above the row's, is a row problem.
func (m *importItems) resolve(tx *gorm.DB, brandID int64, r *ImportRow) ([]models.RowError, error) {
	if m.bySKU == nil {
		var rows []struct {
			ID  int64
			SKU string `gorm:"column:sku"`
		}
		if err := tx.Raw("SELECT id, sku FROM products WHERE brand_id = ?", brandID).Scan(&rows).Error; err != nil {
			return nil, err
		}
		m.bySKU = make(map[string]int64, len(rows))
		for _, p := range rows {
			m.bySKU[p.SKU] = p.ID
		}
	}
	var problems []models.RowError
	var sum int64
	r.C.Items = make([]models.CollabItem, 0, len(r.Items))
	for _, it := range r.Items {
		id, ok := m.bySKU[it.SKU]
		if !ok {
			problems = append(problems, models.RowError{Row: r.Row, Field: "items", Message: "no product of this brand has the SKU " + it.SKU})
			continue
		}
		sum += it.GMVCents
		r.C.Items = append(r.C.Items, models.CollabItem{ProductID: id, Units: it.Units, GMVCents: it.GMVCents})
	}
	if sum > r.C.Metrics.GMVCents {
		problems = append(problems, models.RowError{Row: r.Row, Field: "items", Message: "the items' GMV sums to more than gmv_cents"})
	}
	return problems, nil
}

// keep remembers the k-th inserted collaboration when it has items.
func (m *importItems) keep(k int, c *models.Collaboration) {
	if len(c.Items) > 0 {
		m.pending = append(m.pending, pendingItems{k: k, c: *c})
	}
}

// insert writes the kept items once idOf gives each collaboration's id.
func (m *importItems) insert(tx *gorm.DB, brandID int64, idOf func(k int) int64) error {
	for i := range m.pending {
		p := &m.pending[i]
		p.c.ID = idOf(p.k)
		if err := insertItems(tx, brandID, &p.c); err != nil {
			return err
		}
	}
	return nil
}
