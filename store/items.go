package store

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"huoban/models"
)

// checkItems validates a collaboration's items against the brand's
// catalogue: each names a product of the brand (another brand's product is
// never linked: 422, as an unknown buyer_id is), and their GMV sums to at
// most the collaboration's.
func checkItems(tx *gorm.DB, brandID int64, c *models.Collaboration) error {
	ve := &models.ValidationError{}
	var sum int64
	ids := make([]int64, 0, len(c.Items))
	for _, it := range c.Items {
		sum += it.GMVCents
		ids = append(ids, it.ProductID)
	}
	if len(ids) > 0 {
		var found []int64
		if err := tx.Raw("SELECT id FROM products WHERE brand_id = ? AND id IN ?", brandID, ids).Scan(&found).Error; err != nil {
			return err
		}
		ok := make(map[int64]bool, len(found))
		for _, id := range found {
			ok[id] = true
		}
		for i, it := range c.Items {
			if !ok[it.ProductID] {
				ve.Add("items["+strconv.Itoa(i)+"].product_id", "is not a product of this brand")
			}
		}
	}
	if sum > c.Metrics.GMVCents {
		ve.Add("items", "gmv_cents of the items sum to more than the collaboration's metrics.gmv_cents")
	}
	return ve.Err()
}

// syncItems keeps a collaboration's item rows after a write: with items
// given (c.Items non-nil) they replace the stored ones; otherwise the stored
// ones take the collaboration's new buyer, status, day and shares, and their
// GMV must still fit under the collaboration's.
func syncItems(tx *gorm.DB, brandID int64, c *models.Collaboration, creating bool) error {
	if c.Items == nil {
		if creating {
			c.Items = []models.CollabItem{}
			return nil
		}
		items, err := itemsOf(tx, []int64{c.ID})
		if err != nil {
			return err
		}
		c.Items = items[c.ID]
		if c.Items == nil {
			c.Items = []models.CollabItem{}
		}
		if len(c.Items) == 0 {
			return nil
		}
		var sum int64
		for _, it := range c.Items {
			sum += it.GMVCents
		}
		if sum > c.Metrics.GMVCents {
			return &models.ValidationError{Fields: map[string]string{
				"metrics.gmv_cents": "is less than the gmv_cents of the collaboration's items"}}
		}
	} else if err := checkItems(tx, brandID, c); err != nil {
		return err
	}
	if !creating {
		if err := tx.Exec("DELETE FROM collaboration_items WHERE collaboration_id = ?", c.ID).Error; err != nil {
			return err
		}
	}
	return insertItems(tx, brandID, c)
}

// insertItems writes c's items with their shares of its results.
func insertItems(tx *gorm.DB, brandID int64, c *models.Collaboration) error {
	for _, it := range c.Items {
		net, cost := models.ItemFigures(c, it)
		if err := tx.Exec(`INSERT INTO collaboration_items (brand_id, collaboration_id, product_id, buyer_id, status, start_on,
			units, gmv_cents, net_gmv_cents, cost_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			brandID, c.ID, it.ProductID, c.BuyerID, string(c.Status), string(c.StartOn), it.Units, it.GMVCents, net, cost).Error; err != nil {
			return err
		}
	}
	return nil
}

// itemsOf returns the items of the given collaborations, in entry order.
func itemsOf(q *gorm.DB, ids []int64) (map[int64][]models.CollabItem, error) {
	out := map[int64][]models.CollabItem{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.Raw(`SELECT collaboration_id, product_id, units, gmv_cents FROM collaboration_items
		WHERE collaboration_id IN ? ORDER BY collaboration_id, id`, ids).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var it models.CollabItem
		if err := rows.Scan(&cid, &it.ProductID, &it.Units, &it.GMVCents); err != nil {
			return nil, err
		}
		out[cid] = append(out[cid], it)
	}
	return out, rows.Err()
}

// LoadItems fills the Items of collaborations already read through their
// tenant scope, with one query for all of them.
func (s *Store) LoadItems(ctx context.Context, cs []models.Collaboration) error {
	ids := make([]int64, 0, len(cs))
	for i := range cs {
		ids = append(ids, cs[i].ID)
	}
	items, err := itemsOf(s.read(ctx), ids)
	if err != nil {
		return translate(err)
	}
	for i := range cs {
		cs[i].Items = items[cs[i].ID]
		if cs[i].Items == nil {
			cs[i].Items = []models.CollabItem{}
		}
	}
	return nil
}

// itemFields returns items as audited values.
func itemFields(items []models.CollabItem) []map[string]int64 {
	out := make([]map[string]int64, 0, len(items))
	for _, it := range items {
		out = append(out, map[string]int64{"product_id": it.ProductID, "units": it.Units, "gmv_cents": it.GMVCents})
	}
	return out
}

func nonNilItems(items []models.CollabItem) []models.CollabItem {
	if items == nil {
		return []models.CollabItem{}
	}
	return items
}
