package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// PortalCollaboration is a collaboration as its buyer sees it: no internal
// notes, no brand rating, nothing about other buyers. It lists allowed fields
// rather than hiding forbidden ones, so a new internal field cannot leak.
type PortalCollaboration struct {
	ID              int64               `json:"id"`
	Type            models.CollabType   `json:"type"`
	Title           string              `json:"title"`
	Products        []string            `json:"products"`
	Status          models.CollabStatus `json:"status"`
	StartOn         models.Date         `json:"start_on"`
	EndOn           models.Date         `json:"end_on"`
	SlotFeeCents    int64               `json:"slot_fee_cents"`
	CommissionPct   models.Pct          `json:"commission_pct"`
	SampleCostCents int64               `json:"sample_cost_cents"`
	Metrics         MetricsBody         `json:"metrics"`
	KPIs            models.KPIs         `json:"kpis"`
	SharedFeedback  string              `json:"shared_feedback"`
}

// PortalCapability is a capability snapshot as its buyer sees it.
type PortalCapability struct {
	ID         int64       `json:"id"`
	RecordedOn models.Date `json:"recorded_on"`
	Selection  struct {
		SkusPerMonth      int64      `json:"skus_per_month"`
		CategoriesCovered int64      `json:"categories_covered"`
		HitRatePct        models.Pct `json:"hit_rate_pct"`
		ShopWindowItems   int64      `json:"shop_window_items"`
	} `json:"selection"`
	Livestream struct {
		SessionsPerMonth int64 `json:"sessions_per_month"`
		AvgMinutes       int64 `json:"avg_minutes"`
		AvgViewers       int64 `json:"avg_viewers"`
		PeakViewers      int64 `json:"peak_viewers"`
		AvgGMVCents      int64 `json:"avg_gmv_cents"`
	} `json:"livestream"`
	Assessment string `json:"assessment"`
}

// PartnershipDetail is one partnership's page in the buyer portal.
type PartnershipDetail struct {
	BuyerID        int64                 `json:"buyer_id"`
	Brand          BrandRef              `json:"brand"`
	Stage          models.Stage          `json:"stage"`
	Since          time.Time             `json:"since"`
	Goals          []PortalGoal          `json:"goals"`
	Milestones     []MilestoneResponse   `json:"milestones"`
	Collaborations []PortalCollaboration `json:"collaborations"`
	Capabilities   []PortalCapability    `json:"capabilities"`
	// Products, reviews and the calendar (issue 15).
	Pool        []PortalProduct        `json:"pool"`
	Upcoming    []CalendarItemResponse `json:"upcoming"`
	Reviews     []PortalReview         `json:"reviews"`
	OpenActions []PortalAction         `json:"open_actions"`
	// Second round: the tier (not the internal stage), what the next tier
	// needs, earnings, plans the buyer sees and both sides' promises.
	Tier     *PortalTier       `json:"tier"`
	NextTier *NextTierResponse `json:"next_tier"`
	Earnings EarningsResponse  `json:"earnings"`
	Plans    []PlanResponse    `json:"plans"`
	Promises LedgerResponse    `json:"promises"`
}

// GetPartnership returns one of the signed-in buyer's partnerships.
func (h *Handlers) GetPartnership(c *gin.Context) error {
	buyerID, err := pathID(c, "buyer_id")
	if err != nil {
		return err
	}
	ctx, uid := c.Request.Context(), CurrentPrincipal(c).UserID
	link, err := h.Store.PortalLink(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	goals, err := h.Store.PortalGoals(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	miles, err := h.Store.PortalMilestones(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	collabs, err := h.Store.PortalCollaborations(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	caps, err := h.Store.PortalCapabilities(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	out := PartnershipDetail{BuyerID: buyerID, Brand: BrandRef{ID: link.BrandID, Name: link.BrandName}, Stage: link.Stage,
		Since: link.Since.UTC(), Goals: []PortalGoal{}, Milestones: milestoneList(miles),
		Collaborations: []PortalCollaboration{}, Capabilities: []PortalCapability{}}
	view := goalView(h.Store.Today())
	for i := range goals {
		out.Goals = append(out.Goals, PortalGoal{GoalResponse: view(&goals[i])})
	}
	for i := range collabs {
		r := toCollaborationResponse(&collabs[i])
		out.Collaborations = append(out.Collaborations, PortalCollaboration{ID: r.ID, Type: r.Type, Title: r.Title,
			Products: r.Products, Status: r.Status, StartOn: r.StartOn, EndOn: r.EndOn, SlotFeeCents: r.SlotFeeCents,
			CommissionPct: r.CommissionPct, SampleCostCents: r.SampleCostCents, Metrics: r.Metrics, KPIs: r.KPIs,
			SharedFeedback: r.SharedFeedback})
	}
	for _, s := range caps {
		var p PortalCapability
		p.ID, p.RecordedOn, p.Assessment = s.ID, s.RecordedOn, s.Assessment
		p.Selection.SkusPerMonth, p.Selection.CategoriesCovered = s.SkusPerMonth, s.CategoriesCovered
		p.Selection.HitRatePct, p.Selection.ShopWindowItems = s.HitRatePct, s.ShopWindowItems
		p.Livestream.SessionsPerMonth, p.Livestream.AvgMinutes = s.SessionsPerMonth, s.AvgMinutes
		p.Livestream.AvgViewers, p.Livestream.PeakViewers, p.Livestream.AvgGMVCents = s.AvgViewers, s.PeakViewers, s.AvgGMVCents
		out.Capabilities = append(out.Capabilities, p)
	}
	// Products, reviews and the calendar (issue 15).
	parts, err := h.portalParts(ctx, uid, link)
	if err != nil {
		return err
	}
	out.Pool, out.Upcoming, out.Reviews, out.OpenActions = parts.Pool, parts.Upcoming, parts.Reviews, parts.OpenActions
	if err := h.portalSecondRound(c, uid, buyerID, &out); err != nil {
		return err
	}
	c.JSON(http.StatusOK, out)
	return nil
}
