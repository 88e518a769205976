package store

import (
	"context"
	"strings"

	"huoban/models"
	"huoban/partnership"
)

// maxMatchCandidates bounds how many buyers one match request reads.
const maxMatchCandidates = 2000

// MatchCandidates loads the brand's active buyers that share the circle or a
// related category (all active buyers, healthiest first, when neither is
// given), with each one's latest capability snapshot.
func (s *Store) MatchCandidates(ctx context.Context, brandID int64, circle, category string) (map[int64]models.Buyer, []partnership.MatchCandidate, error) {
	q := s.read(ctx).Scopes(brandScope(brandID)).Where("status = ?", models.BuyerActive)
	if circle != "" || category != "" {
		sub := s.read(ctx).Table("buyer_labels").Select("buyer_id").Where("brand_id = ?", brandID)
		cond := s.read(ctx).Where("1 = 0")
		if circle != "" {
			cond = cond.Or("kind = ? AND value = ?", models.LabelCircle, circle)
		}
		if category != "" {
			cond = cond.Or("kind = ? AND (value IN ? OR value "+likeOp(cond)+" ? ESCAPE '\\')",
				models.LabelCategory, categoryAncestors(category), strings.TrimSuffix(likePattern(category), "%")+"/%")
		}
		q = q.Where("id IN (?)", sub.Where(cond))
	}
	var buyers []models.Buyer
	if err := q.Order("health_score DESC").Order("id").Limit(maxMatchCandidates).Find(&buyers).Error; err != nil {
		return nil, nil, translate(err)
	}
	ids := make([]int64, 0, len(buyers))
	for _, b := range buyers {
		ids = append(ids, b.ID)
	}
	caps, err := s.latestCapacities(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]models.Buyer, len(buyers))
	cands := make([]partnership.MatchCandidate, 0, len(buyers))
	for _, b := range buyers {
		byID[b.ID] = b
		cands = append(cands, partnership.MatchCandidate{BuyerID: b.ID, Circles: b.InterestCircles, Categories: b.Categories,
			HealthScore: b.HealthScore, HealthLabel: b.HealthLabel, Capacity: caps[b.ID]})
	}
	return byID, cands, nil
}

// categoryAncestors returns the category and every category above it: "a/b/c" → a, a/b, a/b/c.
func categoryAncestors(cat string) []string {
	parts := strings.Split(cat, "/")
	out := make([]string, 0, len(parts))
	for i := range parts {
		out = append(out, strings.Join(parts[:i+1], "/"))
	}
	return out
}

// latestCapacities returns each buyer's newest capability snapshot.
func (s *Store) latestCapacities(ctx context.Context, ids []int64) (map[int64]*partnership.Capacity, error) {
	out := map[int64]*partnership.Capacity{}
	for start := 0; start < len(ids); start += 500 {
		end := min(start+500, len(ids))
		var rows []struct {
			BuyerID int64
			partnership.Capacity
		}
		err := s.read(ctx).Raw(`SELECT c.buyer_id, c.skus_per_month AS skus_per_month, c.shop_window_items, c.sessions_per_month,
				c.avg_viewers, c.avg_gmv_cents
			FROM capability_snapshots c
			WHERE c.buyer_id IN ? AND c.id = (SELECT c2.id FROM capability_snapshots c2 WHERE c2.buyer_id = c.buyer_id
				ORDER BY c2.recorded_on DESC, c2.id DESC LIMIT 1)`, ids[start:end]).Scan(&rows).Error
		if err != nil {
			return nil, translate(err)
		}
		for i := range rows {
			c := rows[i].Capacity
			out[rows[i].BuyerID] = &c
		}
	}
	return out, nil
}
