package store

import (
	"context"
	"database/sql"
	"errors"

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
// count completed collaborations by start_on, read from the rollups kept on
// write (dashboard_daily, dashboard_monthly, the period rollups of
// periods.go), so its cost does not grow with the collaborations.
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
	if err := r.Raw(`SELECT stage, buyers AS count FROM brand_stage_counts WHERE brand_id = ? AND status = 'active' AND buyers <> 0`, brandID).
		Scan(&d.ByStage).Error; err != nil {
		return nil, translate(err)
	}
	if err := s.periodBuyers(ctx, brandID, days, d); err != nil {
		return nil, err
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
	thisMonth := string(today)[:7]
	// The eleven months before this one from the monthly rollup; this month,
	// up to today (a completed collaboration may be dated ahead), from the daily one.
	var months []MonthGMV
	if err := r.Raw(`SELECT month, gmv_cents FROM dashboard_monthly WHERE brand_id = ? AND month >= ? AND month < ?
		UNION ALL
		SELECT ?, COALESCE(SUM(gmv_cents), 0) FROM dashboard_daily WHERE brand_id = ? AND day BETWEEN ? AND ?`,
		brandID, string(first)[:7], thisMonth, thisMonth, brandID, thisMonth+"-01", today).
		Scan(&months).Error; err != nil {
		return nil, translate(err)
	}
	d.GMVByMonth = fillMonths(first, months)
	return d, nil
}

// periodBuyers fills the period's active buyers and top five buyers. For a
// period kept as a rollup (PeriodWindows) whose window is rolled to today it
// reads one counter and the first five entries of an index, whatever the
// number of collaborations; otherwise (another period, or before the
// maintenance loop has rolled the window today) it aggregates the period's
// completed collaborations.
func (s *Store) periodBuyers(ctx context.Context, brandID int64, days int, d *DashboardData) error {
	r := s.read(ctx)
	if isPeriodWindow(days) {
		var until string
		var active int64
		err := r.Raw(`SELECT w.until, COALESCE((SELECT p.active_buyers FROM brand_period_stats p
				WHERE p.brand_id = ? AND p.days = w.days), 0)
			FROM stats_windows w WHERE w.days = ?`, brandID, days).Row().Scan(&until, &active)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return translate(err)
		}
		if err == nil && models.Date(until) == d.To {
			d.ActiveBuyers = active
			return translate(r.Raw(`SELECT p.buyer_id, b.name, p.gmv_cents FROM buyer_period_stats p
				JOIN buyers b ON b.id = p.buyer_id
				WHERE p.brand_id = ? AND p.days = ? ORDER BY p.gmv_cents DESC, p.buyer_id LIMIT 5`, brandID, days).
				Scan(&d.TopBuyers).Error)
		}
	}
	if err := r.Raw(`SELECT COUNT(DISTINCT buyer_id) FROM collaborations
		WHERE brand_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?`, brandID, d.From, d.To).
		Row().Scan(&d.ActiveBuyers); err != nil {
		return translate(err)
	}
	return translate(r.Raw(`SELECT t.buyer_id, b.name, t.gmv_cents FROM (
			SELECT buyer_id, SUM(gmv_cents) AS gmv_cents FROM collaborations
			WHERE brand_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?
			GROUP BY buyer_id ORDER BY gmv_cents DESC, buyer_id LIMIT 5) t
		JOIN buyers b ON b.id = t.buyer_id ORDER BY t.gmv_cents DESC, t.buyer_id`, brandID, d.From, d.To).
		Scan(&d.TopBuyers).Error)
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
