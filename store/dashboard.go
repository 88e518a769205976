package store

import (
	"context"

	"huoban/models"
)

// TypeTotal is one collaboration type's completed count and GMV.
type TypeTotal struct {
	Type     string `json:"type"`
	Count    int64  `json:"count"`
	GMVCents int64  `json:"gmv_cents"`
}

// StageCount is how many active buyers are at a stage.
type StageCount struct {
	Stage models.Stage `json:"stage"`
	Count int64        `json:"count"`
}

// TopBuyer is a buyer ranked by GMV in the period.
type TopBuyer struct {
	BuyerID  int64  `json:"buyer_id"`
	Name     string `json:"name"`
	GMVCents int64  `json:"gmv_cents"`
}

// AtRiskBuyer is a partner whose health is below steady.
type AtRiskBuyer struct {
	BuyerID int64  `json:"buyer_id"`
	Name    string `json:"name"`
	Score   int    `json:"score"`
	Label   string `json:"label" openapi:"enum=thriving|steady|at_risk|dormant|new"`
}

// MonthGMV is the completed GMV of one calendar month.
type MonthGMV struct {
	Month    string `json:"month"`
	GMVCents int64  `json:"gmv_cents"`
}

// DashboardData is the brand overview for a period of days ending today.
type DashboardData struct {
	From, To       models.Date
	GMVCents       int64
	GMVCentsPrev   int64
	Collaborations int64
	ActiveBuyers   int64
	ByType         []TypeTotal
	ByStage        []StageCount
	TopBuyers      []TopBuyer
	AtRisk         []AtRiskBuyer
	FollowUps      []models.Activity
	GoalsEnding    []models.Goal
	GMVByMonth     []MonthGMV
	// BuyerNames names the buyers of FollowUps and GoalsEnding.
	BuyerNames map[int64]string
}

// Dashboard computes the brand's overview for the last days days. Figures
// count completed collaborations by start_on, read from the daily rollups;
// the API caches the answer until the next write (api/respcache.go).
func (s *Store) Dashboard(ctx context.Context, brandID int64, days int) (*DashboardData, error) {
	today := s.Today()
	d := &DashboardData{From: today.AddDays(-(days - 1)), To: today}
	prevFrom := today.AddDays(-(2*days - 1))
	r := s.read(ctx)
	if err := r.Raw(`SELECT COALESCE(SUM(CASE WHEN day >= ? THEN gmv_cents END), 0),
			COALESCE(SUM(CASE WHEN day < ? THEN gmv_cents END), 0),
			COALESCE(SUM(CASE WHEN day >= ? THEN collaborations END), 0)
		FROM dashboard_daily WHERE brand_id = ? AND day BETWEEN ? AND ?`,
		d.From, d.From, d.From, brandID, prevFrom, today).Row().Scan(&d.GMVCents, &d.GMVCentsPrev, &d.Collaborations); err != nil {
		return nil, translate(err)
	}
	if err := r.Raw(`SELECT type, SUM(collaborations) AS count, SUM(gmv_cents) AS gmv_cents FROM dashboard_daily
		WHERE brand_id = ? AND day BETWEEN ? AND ? GROUP BY type ORDER BY type`, brandID, d.From, today).
		Scan(&d.ByType).Error; err != nil {
		return nil, translate(err)
	}
	if err := r.Raw(`SELECT stage, COUNT(*) AS count FROM buyers WHERE brand_id = ? AND status = 'active' GROUP BY stage`, brandID).
		Scan(&d.ByStage).Error; err != nil {
		return nil, translate(err)
	}
	if err := r.Raw(`SELECT COUNT(DISTINCT buyer_id) FROM collaborations
		WHERE brand_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?`, brandID, d.From, today).
		Row().Scan(&d.ActiveBuyers); err != nil {
		return nil, translate(err)
	}
	if err := r.Raw(`SELECT t.buyer_id, b.name, t.gmv_cents FROM (
			SELECT buyer_id, SUM(gmv_cents) AS gmv_cents FROM collaborations
			WHERE brand_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?
			GROUP BY buyer_id ORDER BY gmv_cents DESC, buyer_id LIMIT 5) t
		JOIN buyers b ON b.id = t.buyer_id ORDER BY t.gmv_cents DESC, t.buyer_id`, brandID, d.From, today).
		Scan(&d.TopBuyers).Error; err != nil {
		return nil, translate(err)
	}
	if err := r.Raw(`SELECT id AS buyer_id, name, health_score AS score, health_label AS label FROM buyers
		WHERE brand_id = ? AND status = 'active' AND health_score < 50 AND stage IN ('trial', 'partner', 'core')
		ORDER BY health_score, id LIMIT 5`, brandID).Scan(&d.AtRisk).Error; err != nil {
		return nil, translate(err)
	}
	due, err := s.ListFollowUps(ctx, brandID, today, SubQuery{Limit: 10})
	if err != nil {
		return nil, err
	}
	d.FollowUps = due.Items
	if d.GoalsEnding, err = s.GoalsEndingSoon(ctx, brandID, 14, 10); err != nil {
		return nil, err
	}
	if d.BuyerNames, err = s.dashboardBuyerNames(ctx, brandID, d); err != nil {
		return nil, err
	}
	first := models.Date(string(today.Time().AddDate(0, -11, 0).Format("2006-01")) + "-01")
	var months []MonthGMV
	if err := r.Raw(`SELECT substr(day, 1, 7) AS month, SUM(gmv_cents) AS gmv_cents FROM dashboard_daily
		WHERE brand_id = ? AND day BETWEEN ? AND ? GROUP BY month ORDER BY month`, brandID, first, today).
		Scan(&months).Error; err != nil {
		return nil, translate(err)
	}
	d.GMVByMonth = fillMonths(first, months)
	return d, nil
}

// fillMonths returns 12 months from first, with zero for months without GMV.
func fillMonths(first models.Date, have []MonthGMV) []MonthGMV {
	byMonth := map[string]int64{}
	for _, m := range have {
		byMonth[m.Month] = m.GMVCents
	}
	out := make([]MonthGMV, 0, 12)
	t := first.Time()
	for i := 0; i < 12; i++ {
		m := t.AddDate(0, i, 0).Format("2006-01")
		out = append(out, MonthGMV{Month: m, GMVCents: byMonth[m]})
	}
	return out
}

// dashboardBuyerNames returns the names of the buyers the follow-ups and
// goals of the dashboard belong to (at most twenty, one query).
func (s *Store) dashboardBuyerNames(ctx context.Context, brandID int64, d *DashboardData) (map[int64]string, error) {
	var ids []int64
	for _, a := range d.FollowUps {
		ids = append(ids, a.BuyerID)
	}
	for _, g := range d.GoalsEnding {
		ids = append(ids, g.BuyerID)
	}
	names := map[int64]string{}
	if ids = uniqueIDs(ids); len(ids) == 0 {
		return names, nil
	}
	var rows []struct {
		ID   int64
		Name string
	}
	if err := s.read(ctx).Table("buyers").Scopes(brandScope(brandID)).Select("id, name").Where("id IN ?", ids).
		Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	return names, nil
}
