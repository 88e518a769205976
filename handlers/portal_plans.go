package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/partnership"
)

// PortalTier is the buyer's tier as the portal shows it, with its benefits.
type PortalTier struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Rank     int      `json:"rank"`
	Benefits []string `json:"benefits"`
}

// NextTierResponse is the tier above the buyer's and what is still missing
// to reach it (0 where a criterion is met).
type NextTierResponse struct {
	Name     string              `json:"name"`
	Rank     int                 `json:"rank"`
	Benefits []string            `json:"benefits"`
	Missing  partnership.Missing `json:"missing"`
}

// EarningsResponse is the buyer's commission from completed collaborations.
type EarningsResponse struct {
	CommissionCents90d   int64 `json:"commission_cents_90d"`
	CommissionCentsTotal int64 `json:"commission_cents_total"`
}

// PortalGoal is a shared goal with its pace.
type PortalGoal struct {
	GoalResponse
	Pace partnership.Pace `json:"pace"`
}

func portalTierOf(t *models.Tier) *PortalTier {
	if t == nil {
		return nil
	}
	return &PortalTier{ID: t.ID, Name: t.Name, Rank: t.Rank, Benefits: nonNil(t.Benefits)}
}

// portalSecondRound fills the second-round parts of a partnership page: the
// tier and what is missing for the next, earnings, goal pace, plans and promises.
func (h *Handlers) portalSecondRound(c *gin.Context, uid, buyerID int64, out *PartnershipDetail) error {
	ctx, today := c.Request.Context(), h.Store.Today()
	st, err := h.Store.PortalTier(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	out.Tier = portalTierOf(st.Tier)
	if st.Next != nil {
		out.NextTier = &NextTierResponse{Name: st.Next.Name, Rank: st.Next.Rank, Benefits: nonNil(st.Next.Benefits), Missing: st.Missing}
	}
	e, err := h.Store.PortalEarnings(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	out.Earnings = EarningsResponse{CommissionCents90d: e.CommissionCents90d, CommissionCentsTotal: e.CommissionCentsTotal}
	for i := range out.Goals {
		g := &out.Goals[i]
		if g.Status == models.GoalActive {
			g.Pace = partnership.GoalPace(g.Progress.Current, g.Target, g.PeriodStart, g.PeriodEnd, today)
		}
	}
	plans, err := h.Store.PortalPlans(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	view := planView(today)
	out.Plans = make([]PlanResponse, 0, len(plans))
	for i := range plans {
		out.Plans = append(out.Plans, view(&plans[i]))
	}
	l, err := h.Store.PortalPromises(ctx, uid, buyerID)
	if err != nil {
		return err
	}
	out.Promises = ledgerView(l, today)
	return nil
}

// PortalAgreePlan records the buyer's agreement to a proposed plan.
func (h *Handlers) PortalAgreePlan(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rec, err := h.Store.PortalAgreePlan(c.Request.Context(), CurrentPrincipal(c).UserID, id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planView(h.Store.Today())(rec))
	return nil
}

// portalPlan loads the plan named in the path if the signed-in buyer may see it.
func (h *Handlers) portalPlan(c *gin.Context) (*models.Plan, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.PortalPlan(c.Request.Context(), CurrentPrincipal(c).UserID, id)
}

// PortalPlanComments lists the comments of a plan of one of the buyer's partnerships.
func (h *Handlers) PortalPlanComments(c *gin.Context) error {
	p, err := h.portalPlan(c)
	if err != nil {
		return err
	}
	rows, err := h.Store.ListPlanComments(c.Request.Context(), p.BrandID, p.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planComments(rows))
	return nil
}

// PortalAddPlanComment adds the buyer's comment to a plan of one of their partnerships.
func (h *Handlers) PortalAddPlanComment(c *gin.Context) error {
	p, err := h.portalPlan(c)
	if err != nil {
		return err
	}
	m, err := newPlanComment(c, p.ID)
	if err != nil {
		return err
	}
	if err := h.Store.AddPlanComment(c.Request.Context(), p.BrandID, m); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toPlanComment(m))
	return nil
}

// PortalKeptRequest is the body of PATCH /portal/commitments/{id}.
type PortalKeptRequest struct {
	Status models.CommitmentStatus `json:"status"`
	Note   Opt[string]             `json:"note"`
}

// PortalReportKept records the buyer's report that its own promise was kept.
func (h *Handlers) PortalReportKept(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req PortalKeptRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if req.Status != models.CommitmentKept {
		ve.Add("status", "a buyer can report its own promise kept; the brand settles the rest")
	}
	if req.Note.Set {
		checkText(ve, "note", &req.Note.V, 0, 1000)
	}
	if err := ve.Err(); err != nil {
		return err
	}
	var note *string
	if req.Note.Set {
		note = &req.Note.V
	}
	cm, err := h.Store.PortalReportKept(c.Request.Context(), CurrentPrincipal(c).UserID, id, note)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, commitmentView(h.Store.Today())(cm))
	return nil
}
