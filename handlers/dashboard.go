package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// DashboardResponse is the brand overview.
type DashboardResponse struct {
	Days            int                 `json:"days"`
	From            models.Date         `json:"from"`
	To              models.Date         `json:"to"`
	GMVCents        int64               `json:"gmv_cents"`
	GMVCentsPrev    int64               `json:"gmv_cents_prev"`
	Collaborations  int64               `json:"collaborations"`
	ActiveBuyers    int64               `json:"active_buyers"`
	ByType          []store.TypeTotal   `json:"by_type"`
	ByStage         []store.StageCount  `json:"by_stage"`
	TopBuyers       []store.TopBuyer    `json:"top_buyers"`
	AtRisk          []store.AtRiskBuyer `json:"at_risk"`
	FollowUpsDue    []DashboardFollowUp `json:"follow_ups_due"`
	GoalsEndingSoon []DashboardGoal     `json:"goals_ending_soon"`
	GMVByMonth      []store.MonthGMV    `json:"gmv_by_month"`
	// The selection pool (issue 15).
	PoolUnpicked    []PoolProductBrief `json:"pool_unpicked"`
	AwaitingAnswers []AwaitingAnswer   `json:"awaiting_answers"`
}

// DashboardFollowUp is a follow-up due, with its buyer's name.
type DashboardFollowUp struct {
	ActivityResponse
	BuyerName string `json:"buyer_name"`
}

// DashboardGoal is a goal ending soon, with its buyer's name.
type DashboardGoal struct {
	GoalResponse
	BuyerName string `json:"buyer_name"`
}

// Dashboard returns the brand overview for ?days= (1–366, default 30).
func (h *Handlers) Dashboard(c *gin.Context) error {
	days := 30
	if v := c.Query("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 366 {
			return models.FieldError("days", models.Between(1, 366))
		}
		days = n
	}
	d, err := h.Store.Dashboard(c.Request.Context(), brandID(c), days)
	if err != nil {
		return err
	}
	out := DashboardResponse{Days: days, From: d.From, To: d.To, GMVCents: d.GMVCents, GMVCentsPrev: d.GMVCentsPrev,
		Collaborations: d.Collaborations, ActiveBuyers: d.ActiveBuyers,
		ByType: nonNilSlice(d.ByType), ByStage: stageCounts(d.ByStage), TopBuyers: nonNilSlice(d.TopBuyers),
		AtRisk: nonNilSlice(d.AtRisk), FollowUpsDue: []DashboardFollowUp{}, GoalsEndingSoon: []DashboardGoal{},
		GMVByMonth: d.GMVByMonth}
	for i := range d.FollowUps {
		out.FollowUpsDue = append(out.FollowUpsDue, DashboardFollowUp{toActivityResponse(&d.FollowUps[i]),
			d.BuyerNames[d.FollowUps[i].BuyerID]})
	}
	view := goalView(h.Store.Today())
	for i := range d.GoalsEnding {
		out.GoalsEndingSoon = append(out.GoalsEndingSoon, DashboardGoal{view(&d.GoalsEnding[i]),
			d.BuyerNames[d.GoalsEnding[i].BuyerID]})
	}
	// The selection pool (issue 15).
	if out.PoolUnpicked, out.AwaitingAnswers, err = h.dashboardPool(c.Request.Context(), brandID(c)); err != nil {
		return err
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// stageCounts lists every stage in board order, zero where no buyer is.
func stageCounts(have []store.StageCount) []store.StageCount {
	n := map[models.Stage]int64{}
	for _, s := range have {
		n[s.Stage] = s.Count
	}
	out := make([]store.StageCount, 0, len(models.Stages))
	for _, st := range models.Stages {
		out = append(out, store.StageCount{Stage: st, Count: n[st]})
	}
	return out
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
