package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// CommitmentResponse is the contract's commitment; overdue and settled_by are additions.
type CommitmentResponse struct {
	ID          int64                   `json:"id"`
	PlanID      int64                   `json:"plan_id"`
	Side        models.Side             `json:"side"`
	Kind        string                  `json:"kind"`
	Description string                  `json:"description"`
	DueOn       models.Date             `json:"due_on"`
	Status      models.CommitmentStatus `json:"status"`
	// Overdue is true for an open commitment past its due day (never stored: an overdue promise is not missed until settled).
	Overdue   bool         `json:"overdue"`
	SettledOn models.Date  `json:"settled_on"`
	SettledBy *models.Side `json:"settled_by"`
	Note      string       `json:"note"`
}

func commitmentView(today models.Date) func(c *models.Commitment) CommitmentResponse {
	return func(c *models.Commitment) CommitmentResponse {
		return CommitmentResponse{ID: c.ID, PlanID: c.PlanID, Side: c.Side, Kind: c.Kind, Description: c.Description,
			DueOn: c.DueOn, Status: c.Status, Overdue: c.Overdue(today), SettledOn: c.SettledOn, SettledBy: c.SettledBy, Note: c.Note}
	}
}

// PlanResponse is the contract's plan.
type PlanResponse struct {
	ID            int64                `json:"id"`
	BuyerID       int64                `json:"buyer_id"`
	Title         string               `json:"title"`
	PeriodStart   models.Date          `json:"period_start"`
	PeriodEnd     models.Date          `json:"period_end"`
	Status        models.PlanStatus    `json:"status"`
	Commitments   []CommitmentResponse `json:"commitments"`
	GoalIDs       []int64              `json:"goal_ids"`
	BrandAgreedAt *time.Time           `json:"brand_agreed_at"`
	BuyerAgreedAt *time.Time           `json:"buyer_agreed_at"`
	CreatedBy     *int64               `json:"created_by"`
	CreatedAt     time.Time            `json:"created_at"`
	UpdatedAt     time.Time            `json:"updated_at"`
}

func planView(today models.Date) func(r *store.PlanRecord) PlanResponse {
	cv := commitmentView(today)
	return func(r *store.PlanRecord) PlanResponse {
		out := PlanResponse{ID: r.ID, BuyerID: r.BuyerID, Title: r.Title, PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd,
			Status: r.Status, Commitments: make([]CommitmentResponse, 0, len(r.Commitments)), GoalIDs: r.GoalIDs,
			BrandAgreedAt: utcPtr(r.BrandAgreedAt), BuyerAgreedAt: utcPtr(r.BuyerAgreedAt), CreatedBy: r.CreatedBy,
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
		if out.GoalIDs == nil {
			out.GoalIDs = []int64{}
		}
		for i := range r.Commitments {
			out.Commitments = append(out.Commitments, cv(&r.Commitments[i]))
		}
		return out
	}
}

// CommitmentBody is one commitment in a request; id names an existing one in a plan PATCH.
type CommitmentBody struct {
	ID          int64       `json:"id"`
	Side        models.Side `json:"side"`
	Kind        string      `json:"kind"`
	Description string      `json:"description"`
	DueOn       models.Date `json:"due_on"`
}

// UnmarshalJSON decodes a commitment strictly: an unknown member is refused, as at the top level.
func (b *CommitmentBody) UnmarshalJSON(data []byte) error {
	type plain CommitmentBody
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return fmt.Errorf("has an unknown member %s", name)
		}
		return err
	}
	*b = CommitmentBody(p)
	return nil
}

// checkCommitment validates a commitment's side, kind and description under field prefix f.
func checkCommitment(ve *models.ValidationError, f string, c *CommitmentBody) {
	switch {
	case c.Side != models.SideBrand && c.Side != models.SideBuyer:
		ve.Add(f+"side", "must be brand or buyer")
	case !models.ValidCommitment(c.Side, c.Kind):
		ve.Add(f+"kind", "a "+string(c.Side)+"-side commitment's kind must be one of "+strings.Join(models.CommitmentKinds(c.Side), ", "))
	}
	min := 0
	if c.Kind == "custom" {
		min = 1
	}
	checkText(ve, f+"description", &c.Description, min, 500)
	if c.ID < 0 {
		ve.Add(f+"id", "must be a commitment's id")
	}
}

func (c *CommitmentBody) input() store.CommitmentInput {
	return store.CommitmentInput{ID: c.ID, Side: c.Side, Kind: c.Kind, Description: c.Description, DueOn: c.DueOn}
}

// PlanRequest is the body of POST /plans and PATCH /plans/{id}.
type PlanRequest struct {
	BuyerID     Opt[int64]            `json:"buyer_id"`
	Title       Opt[string]           `json:"title"`
	PeriodStart Opt[models.Date]      `json:"period_start"`
	PeriodEnd   Opt[models.Date]      `json:"period_end"`
	GoalIDs     Opt[[]int64]          `json:"goal_ids"`
	Commitments Opt[[]CommitmentBody] `json:"commitments"`
}

// validate checks the request and returns the commitments and goal ids sent.
func (r *PlanRequest) validate(creating bool) (*models.ValidationError, []store.CommitmentInput, []int64) {
	ve := &models.ValidationError{}
	if creating {
		if !r.BuyerID.Set || r.BuyerID.V <= 0 {
			ve.Add("buyer_id", "is required")
		}
		for field, o := range map[string]Opt[models.Date]{"period_start": r.PeriodStart, "period_end": r.PeriodEnd} {
			if !o.Set || o.V == "" {
				ve.Add(field, "is required")
			}
		}
	} else if r.BuyerID.Set {
		ve.Add("buyer_id", "cannot be changed; make a new plan for another buyer")
	}
	if !creating {
		for field, o := range map[string]Opt[models.Date]{"period_start": r.PeriodStart, "period_end": r.PeriodEnd} {
			if o.Set && o.V == "" {
				ve.Add(field, "must be a date")
			}
		}
	}
	if creating || r.Title.Set {
		checkText(ve, "title", &r.Title.V, 1, 200)
	}
	if creating && r.PeriodStart.V != "" && r.PeriodEnd.V != "" && r.PeriodEnd.V < r.PeriodStart.V {
		ve.Add("period_end", "must be on or after period_start")
	}
	var goals []int64
	if r.GoalIDs.Set {
		if len(r.GoalIDs.V) > 20 {
			ve.Add("goal_ids", "must have at most 20 goals")
		}
		for _, id := range r.GoalIDs.V {
			if id <= 0 {
				ve.Add("goal_ids", "must be goal ids")
			}
		}
		goals = append([]int64{}, r.GoalIDs.V...)
	}
	var cs []store.CommitmentInput
	if r.Commitments.Set {
		if len(r.Commitments.V) > 50 {
			ve.Add("commitments", "must have at most 50 commitments")
		}
		cs = []store.CommitmentInput{}
		for i := range r.Commitments.V {
			c := &r.Commitments.V[i]
			f := fmt.Sprintf("commitments[%d].", i)
			checkCommitment(ve, f, c)
			if creating && c.ID != 0 {
				ve.Add(f+"id", "is given by the server")
			}
			cs = append(cs, c.input())
		}
	}
	return ve, cs, goals
}

// CreatePlan drafts a plan with both sides' commitments and linked goals.
func (h *Handlers) CreatePlan(c *gin.Context) error {
	var req PlanRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve, cs, goals := req.validate(true)
	if err := ve.Err(); err != nil {
		return err
	}
	p := models.Plan{BuyerID: req.BuyerID.V, Title: req.Title.V, PeriodStart: req.PeriodStart.V, PeriodEnd: req.PeriodEnd.V}
	rec, err := h.Store.CreatePlan(c.Request.Context(), actor(c), &p, cs, goals)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, planView(h.Store.Today())(rec))
	return nil
}

// GetPlan returns one plan with its commitments.
func (h *Handlers) GetPlan(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rec, err := h.Store.GetPlan(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planView(h.Store.Today())(rec))
	return nil
}

// PatchPlan changes a plan's title, period, goals or commitments.
func (h *Handlers) PatchPlan(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req PlanRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve, cs, goals := req.validate(false)
	if err := ve.Err(); err != nil {
		return err
	}
	ch := store.PlanChange{Title: req.Title.Ptr(), PeriodStart: req.PeriodStart.Ptr(), PeriodEnd: req.PeriodEnd.Ptr()}
	if req.GoalIDs.Set {
		ch.GoalIDs = &goals
	}
	if req.Commitments.Set {
		ch.Commitments = &cs
	}
	rec, err := h.Store.UpdatePlan(c.Request.Context(), actor(c), id, ch)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planView(h.Store.Today())(rec))
	return nil
}

// ListPlans returns a page of plans, newest first.
func (h *Handlers) ListPlans(c *gin.Context) error {
	ve := &models.ValidationError{}
	q := store.PlanQuery{Status: models.PlanStatus(c.Query("status")), Cursor: c.Query("cursor")}
	if v := c.Query("buyer_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("buyer_id", "must be a positive integer")
		}
		q.BuyerID = id
	}
	if q.Status != "" && !q.Status.Valid() {
		ve.Add("status", "must be draft, proposed, agreed, closed or withdrawn")
	}
	paging(c, ve, &q.Limit, &q.Total)
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListPlans(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, planView(h.Store.Today())))
	return nil
}

// planMove answers one state move of a plan.
func (h *Handlers) planMove(c *gin.Context, move func(id int64) (*store.PlanRecord, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rec, err := move(id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planView(h.Store.Today())(rec))
	return nil
}

// ProposePlan shows a draft plan to the buyer.
func (h *Handlers) ProposePlan(c *gin.Context) error {
	return h.planMove(c, func(id int64) (*store.PlanRecord, error) {
		return h.Store.ProposePlan(c.Request.Context(), actor(c), id)
	})
}

// AgreePlan records the brand's agreement.
func (h *Handlers) AgreePlan(c *gin.Context) error {
	return h.planMove(c, func(id int64) (*store.PlanRecord, error) {
		return h.Store.AgreePlan(c.Request.Context(), actor(c), id)
	})
}

// ClosePlan closes an agreed plan.
func (h *Handlers) ClosePlan(c *gin.Context) error {
	return h.planMove(c, func(id int64) (*store.PlanRecord, error) {
		return h.Store.ClosePlan(c.Request.Context(), actor(c), id)
	})
}

// WithdrawPlan withdraws a plan that is not closed.
func (h *Handlers) WithdrawPlan(c *gin.Context) error {
	return h.planMove(c, func(id int64) (*store.PlanRecord, error) {
		return h.Store.WithdrawPlan(c.Request.Context(), actor(c), id)
	})
}

// AddCommitment adds one commitment to a plan.
func (h *Handlers) AddCommitment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CommitmentBody
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	checkCommitment(ve, "", &req)
	if req.ID != 0 {
		ve.Add("id", "is given by the server")
	}
	if err := ve.Err(); err != nil {
		return err
	}
	cm, err := h.Store.AddCommitment(c.Request.Context(), actor(c), id, req.input())
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, commitmentView(h.Store.Today())(cm))
	return nil
}

// SettleRequest is the body of PATCH /commitments/{id}.
type SettleRequest struct {
	Status    models.CommitmentStatus `json:"status"`
	SettledOn models.Date             `json:"settled_on"`
	Note      Opt[string]             `json:"note"`
}

// SettleCommitment settles a promise as kept, missed or waived, or sets it back to open.
func (h *Handlers) SettleCommitment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req SettleRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if !req.Status.Valid() {
		ve.Add("status", "must be open, kept, missed or waived")
	}
	if req.Status == models.CommitmentOpen && req.SettledOn != "" {
		ve.Add("settled_on", "an open commitment has no settlement day")
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
	cm, err := h.Store.SettleCommitment(c.Request.Context(), actor(c), id,
		store.Settlement{Status: req.Status, SettledOn: req.SettledOn, Note: note})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, commitmentView(h.Store.Today())(cm))
	return nil
}
