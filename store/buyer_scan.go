package store

import (
	"database/sql"

	"gorm.io/gorm"

	"huoban/models"
)

// buyerSelect lists the columns scanBuyers reads, in its order.
const buyerSelect = "id, brand_id, name, xhs_id, avatar_url, city, followers, interest_circles, categories, tags, " +
	"stage, status, owner_id, commission_bp, contact_wechat, contact_phone, contact_email, notes, " +
	"stat_collaborations, gmv_cents_total, gmv_cents_90d, last_collaboration_on, health_score, health_label, " +
	"created_at, updated_at, tier_id, tier_name, tier_rank, tier_pinned, tier_completed_90d, tier_kept_bp"

// scanBuyers runs q and scans its rows by hand: GORM's reflective scan was
// most of the cost of a page of buyers.
func scanBuyers(q *gorm.DB, capacity int) ([]models.Buyer, error) {
	return scanBuyerColumns(q, buyerSelect, capacity)
}

// scanBuyerColumns is scanBuyers with the select list given (qualified by
// table when the query joins).
func scanBuyerColumns(q *gorm.DB, sel string, capacity int) ([]models.Buyer, error) {
	rows, err := q.Select(sel).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]models.Buyer, 0, capacity)
	var xhs sql.NullString
	var owner, tier, kept sql.NullInt64
	var stage, status string
	var commission int64
	for rows.Next() {
		var b models.Buyer
		if err := rows.Scan(&b.ID, &b.BrandID, &b.Name, &xhs, &b.AvatarURL, &b.City, &b.Followers,
			&b.InterestCircles, &b.Categories, &b.Tags, &stage, &status, &owner, &commission,
			&b.ContactWechat, &b.ContactPhone, &b.ContactEmail, &b.Notes,
			&b.StatCollaborations, &b.GMVCentsTotal, &b.GMVCents90d, &b.LastCollaborationOn, &b.HealthScore, &b.HealthLabel,
			&b.CreatedAt, &b.UpdatedAt, &tier, &b.TierName, &b.TierRank, &b.TierPinned, &b.TierCompleted90d, &kept); err != nil {
			return nil, err
		}
		b.Stage, b.Status, b.CommissionPct = models.Stage(stage), models.BuyerStatus(status), models.Pct(commission)
		if xhs.Valid {
			v := xhs.String
			b.XhsID = &v
		}
		if owner.Valid {
			v := owner.Int64
			b.OwnerID = &v
		}
		if tier.Valid {
			v := tier.Int64
			b.TierID = &v
		}
		if kept.Valid {
			v := kept.Int64
			b.TierKeptBP = &v
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// takeBuyer scans the one buyer q selects, or reports gorm.ErrRecordNotFound.
func takeBuyer(q *gorm.DB) (*models.Buyer, error) {
	rows, err := scanBuyers(q.Limit(1), 1)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, gorm.ErrRecordNotFound
	}
	return &rows[0], nil
}
