package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// maxAmount bounds every count and cents field so sums over millions of
// collaborations cannot overflow (10^13 cents is 1000 亿元).
const maxAmount = 10_000_000_000_000

// MetricsBody is a collaboration's recorded results.
type MetricsBody struct {
	Views        int64 `json:"views"`
	Viewers      int64 `json:"viewers"`
	Clicks       int64 `json:"clicks"`
	Orders       int64 `json:"orders"`
	Units        int64 `json:"units"`
	GMVCents     int64 `json:"gmv_cents"`
	RefundCents  int64 `json:"refund_cents"`
	Interactions int64 `json:"interactions"`
}

// CollaborationResponse is the contract's collaboration.
type CollaborationResponse struct {
	ID              int64               `json:"id"`
	BuyerID         int64               `json:"buyer_id"`
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
	BrandRating     *int                `json:"brand_rating"`
	SharedFeedback  string              `json:"shared_feedback"`
	InternalNotes   string              `json:"internal_notes"`
	CreatedBy       *int64              `json:"created_by"`
	CreatedAt       time.Time           `json:"created_at"`
	UpdatedAt       time.Time           `json:"updated_at"`
	StartsAt        *time.Time          `json:"starts_at"`
	DurationMinutes *int                `json:"duration_minutes"`
	Items           []ItemBody          `json:"items"`
}

func toCollaborationResponse(c *models.Collaboration) CollaborationResponse {
	m := c.Metrics
	return CollaborationResponse{
		ID: c.ID, BuyerID: c.BuyerID, Type: c.Type, Title: c.Title, Products: nonNil(c.Products), Status: c.Status,
		StartOn: c.StartOn, EndOn: c.EndOn, SlotFeeCents: c.SlotFeeCents, CommissionPct: c.CommissionPct,
		SampleCostCents: c.SampleCostCents,
		Metrics: MetricsBody{Views: m.Views, Viewers: m.Viewers, Clicks: m.Clicks, Orders: m.Orders, Units: m.Units,
			GMVCents: m.GMVCents, RefundCents: m.RefundCents, Interactions: m.Interactions},
		KPIs: c.KPIs(), BrandRating: c.BrandRating, SharedFeedback: c.SharedFeedback, InternalNotes: c.InternalNotes,
		CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		StartsAt: utcPtr(c.StartsAt), DurationMinutes: c.DurationMinutes, Items: toItemBodies(c.Items),
	}
}

// MetricsRequest is decoded member by member so a PATCH can change one metric.
type MetricsRequest struct {
	set          bool
	Views        Opt[int64] `json:"views"`
	Viewers      Opt[int64] `json:"viewers"`
	Clicks       Opt[int64] `json:"clicks"`
	Orders       Opt[int64] `json:"orders"`
	Units        Opt[int64] `json:"units"`
	GMVCents     Opt[int64] `json:"gmv_cents"`
	RefundCents  Opt[int64] `json:"refund_cents"`
	Interactions Opt[int64] `json:"interactions"`
}

func (r *MetricsRequest) markSet() { r.set = true }

// CollaborationRequest is the body of POST /collaborations and PATCH /collaborations/{id}.
type CollaborationRequest struct {
	BuyerID         Opt[int64]               `json:"buyer_id" openapi:"required"`
	Type            Opt[models.CollabType]   `json:"type" openapi:"required"`
	Title           Opt[string]              `json:"title" openapi:"required"`
	Products        Opt[[]string]            `json:"products"`
	Status          Opt[models.CollabStatus] `json:"status"`
	StartOn         Opt[models.Date]         `json:"start_on" openapi:"required"`
	EndOn           Opt[models.Date]         `json:"end_on"`
	SlotFeeCents    Opt[int64]               `json:"slot_fee_cents"`
	CommissionPct   Opt[models.Pct]          `json:"commission_pct"`
	SampleCostCents Opt[int64]               `json:"sample_cost_cents"`
	Metrics         MetricsRequest           `json:"metrics"`
	BrandRating     Opt[int]                 `json:"brand_rating"`
	SharedFeedback  Opt[string]              `json:"shared_feedback"`
	InternalNotes   Opt[string]              `json:"internal_notes"`
	StartsAt        Opt[time.Time]           `json:"starts_at"`
	DurationMinutes Opt[int]                 `json:"duration_minutes"`
	Items           Opt[[]ItemBody]          `json:"items"`
	AllowOverlap    Opt[bool]                `json:"allow_overlap"`
}

// optAmount copies an optional count or cents field; null is not allowed.
func optAmount(ve *models.ValidationError, field string, o Opt[int64], dst *int64) {
	if !o.Set {
		return
	}
	if o.Null {
		ve.Add(field, models.Min(0))
		return
	}
	*dst = o.V
}

// apply copies the fields sent onto c and validates the result as a whole.
func (r *CollaborationRequest) apply(c *models.Collaboration, creating bool) error {
	ve := &models.ValidationError{}
	if creating {
		for name, set := range map[string]bool{"buyer_id": r.BuyerID.Set, "type": r.Type.Set, "title": r.Title.Set,
			"start_on": r.StartOn.Set || r.StartsAt.Set && !r.StartsAt.Null} {
			if !set {
				ve.Add(name, models.Required())
			}
		}
	}
	if r.BuyerID.Set {
		if r.BuyerID.Null || r.BuyerID.V <= 0 {
			ve.Add("buyer_id", models.UnknownRef("buyer"))
		}
		c.BuyerID = r.BuyerID.V
	}
	if r.Type.Set {
		c.Type = r.Type.V
	}
	if r.Title.Set {
		c.Title = r.Title.V
	}
	if r.Products.Set {
		c.Products = models.StringList(r.Products.V)
	}
	if r.Status.Set {
		c.Status = r.Status.V
	}
	if r.StartOn.Set {
		c.StartOn = r.StartOn.V
	}
	if r.EndOn.Set {
		c.EndOn = r.EndOn.V
	}
	optAmount(ve, "slot_fee_cents", r.SlotFeeCents, &c.SlotFeeCents)
	optAmount(ve, "sample_cost_cents", r.SampleCostCents, &c.SampleCostCents)
	if r.CommissionPct.Set {
		if r.CommissionPct.Null {
			ve.Add("commission_pct", models.Between(0, 100))
		}
		c.CommissionPct = r.CommissionPct.V
	}
	m := &r.Metrics
	optAmount(ve, "metrics.views", m.Views, &c.Metrics.Views)
	optAmount(ve, "metrics.viewers", m.Viewers, &c.Metrics.Viewers)
	optAmount(ve, "metrics.clicks", m.Clicks, &c.Metrics.Clicks)
	optAmount(ve, "metrics.orders", m.Orders, &c.Metrics.Orders)
	optAmount(ve, "metrics.units", m.Units, &c.Metrics.Units)
	optAmount(ve, "metrics.gmv_cents", m.GMVCents, &c.Metrics.GMVCents)
	optAmount(ve, "metrics.refund_cents", m.RefundCents, &c.Metrics.RefundCents)
	optAmount(ve, "metrics.interactions", m.Interactions, &c.Metrics.Interactions)
	if r.BrandRating.Set {
		c.BrandRating = r.BrandRating.Ptr()
	}
	if r.SharedFeedback.Set {
		c.SharedFeedback = r.SharedFeedback.V
	}
	if r.InternalNotes.Set {
		c.InternalNotes = r.InternalNotes.V
	}
	r.applySchedule(ve, c)
	validateCollaboration(ve, c, "metrics.")
	return ve.Err()
}

// validateCollaboration checks a whole collaboration record, trimming its
// text; metricPrefix names metric fields ("metrics." in JSON, "" in CSV).
func validateCollaboration(ve *models.ValidationError, c *models.Collaboration, metricPrefix string) {
	if !c.Type.Valid() && !ve.Has("type") {
		ve.Add("type", models.OneOf(models.CollabTypes...))
	}
	if !c.Status.Valid() {
		ve.Add("status", models.OneOf(models.CollabStatuses...))
	}
	if !ve.Has("title") {
		checkText(ve, "title", &c.Title, 1, 200)
	}
	c.Products = cleanList(ve, "products", c.Products, 50)
	checkText(ve, "shared_feedback", &c.SharedFeedback, 0, 5000)
	checkText(ve, "internal_notes", &c.InternalNotes, 0, 5000)
	if c.StartOn == "" && !ve.Has("start_on") {
		ve.Add("start_on", models.Required())
	}
	if c.EndOn != "" && c.StartOn != "" && c.EndOn < c.StartOn {
		ve.Add("end_on", models.DateOrder("start_on"))
	}
	amount := func(field string, v int64) {
		if v < 0 || v > maxAmount {
			ve.Add(field, models.Between(0, maxAmount))
		}
	}
	amount("slot_fee_cents", c.SlotFeeCents)
	amount("sample_cost_cents", c.SampleCostCents)
	m := c.Metrics
	for _, f := range []struct {
		name string
		v    int64
	}{{"views", m.Views}, {"viewers", m.Viewers}, {"clicks", m.Clicks}, {"orders", m.Orders}, {"units", m.Units},
		{"gmv_cents", m.GMVCents}, {"refund_cents", m.RefundCents}, {"interactions", m.Interactions}} {
		amount(metricPrefix+f.name, f.v)
	}
	if m.RefundCents > m.GMVCents && !ve.Has(metricPrefix+"refund_cents") {
		ve.Add(metricPrefix+"refund_cents", models.RefundOverGMV())
	}
	if c.CommissionPct < 0 || c.CommissionPct > 10000 {
		ve.Add("commission_pct", models.Between(0, 100))
	}
	if c.BrandRating != nil && (*c.BrandRating < 1 || *c.BrandRating > 5) {
		ve.Add("brand_rating", models.Between(1, 5))
	}
}

// CreateCollaboration records a collaboration; commission_pct defaults to the buyer's.
func (h *Handlers) CreateCollaboration(c *gin.Context) error {
	var req CollaborationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m := models.Collaboration{Status: models.CollabPlanned, Products: models.StringList{}}
	if err := req.apply(&m, true); err != nil {
		return err
	}
	if err := h.Store.CreateCollaboration(c.Request.Context(), actor(c), &m, !req.CommissionPct.Set); err != nil {
		return err
	}
	r := toCollaborationResponse(&m)
	c.JSON(http.StatusCreated, r)
	return nil
}

// GetCollaboration returns one collaboration.
func (h *Handlers) GetCollaboration(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.Store.GetCollaboration(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	one := []models.Collaboration{*m}
	if err := h.Store.LoadItems(c.Request.Context(), one); err != nil {
		return err
	}
	r := toCollaborationResponse(&one[0])
	c.JSON(http.StatusOK, r)
	return nil
}

// PatchCollaboration changes only the fields sent.
func (h *Handlers) PatchCollaboration(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CollaborationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m, err := h.Store.UpdateCollaboration(c.Request.Context(), actor(c), id, func(m *models.Collaboration) error { return req.apply(m, false) })
	if err != nil {
		return err
	}
	r := toCollaborationResponse(m)
	c.JSON(http.StatusOK, r)
	return nil
}

// DeleteCollaboration deletes a collaboration (manager).
func (h *Handlers) DeleteCollaboration(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteCollaboration(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// ListCollaborations returns a filtered, sorted page of collaborations.
func (h *Handlers) ListCollaborations(c *gin.Context) error {
	q, err := collaborationQuery(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListCollaborations(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	if err := h.Store.LoadItems(c.Request.Context(), page.Items); err != nil {
		return err
	}
	l := toList(page, toCollaborationResponse)
	c.JSON(http.StatusOK, l)
	return nil
}

// collaborationQuery reads the list's filters, sort and paging.
func collaborationQuery(c *gin.Context) (store.CollaborationQuery, error) {
	ve := &models.ValidationError{}
	q := store.CollaborationQuery{Type: c.Query("type"), Status: c.Query("status"), Cursor: c.Query("cursor")}
	if v := c.Query("buyer_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("buyer_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		q.BuyerID = id
	}
	if q.Type != "" && !models.CollabType(q.Type).Valid() {
		ve.Add("type", models.OneOf(models.CollabTypes...))
	}
	if q.Status != "" && !models.CollabStatus(q.Status).Valid() {
		ve.Add("status", models.OneOf(models.CollabStatuses...))
	}
	for name, dst := range map[string]*models.Date{"from": &q.From, "to": &q.To} {
		if v := c.Query(name); v != "" {
			d, err := models.ParseDate(v)
			if err != nil {
				ve.Add(name, models.AsProblem(err))
			}
			*dst = d
		}
	}
	sort := c.DefaultQuery("sort", "-start_on")
	q.Desc = strings.HasPrefix(sort, "-")
	q.Sort = strings.TrimPrefix(sort, "-")
	if _, ok := store.CollaborationSorts[q.Sort]; !ok {
		ve.Add("sort", models.SortOneOf("start_on", "gmv_cents", "roi", "created_at"))
	}
	paging(c, ve, &q.Limit, &q.WithTotal)
	return q, ve.Err()
}
