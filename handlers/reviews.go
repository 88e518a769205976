package handlers

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// ActionBody is one next action of a review.
type ActionBody struct {
	ID    int64        `json:"id"`
	Text  string       `json:"text"`
	Side  models.Side  `json:"side"`
	DueOn *models.Date `json:"due_on"`
	Done  bool         `json:"done"`
}

// UnmarshalJSON decodes an action strictly: an unknown member is refused.
func (b *ActionBody) UnmarshalJSON(data []byte) error {
	type plain ActionBody
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*b = ActionBody(p)
	return nil
}

// ReviewResponse is the contract's review; internal_notes is brand-only.
type ReviewResponse struct {
	ID              int64        `json:"id"`
	CollaborationID int64        `json:"collaboration_id"`
	BuyerID         int64        `json:"buyer_id"`
	WentWell        string       `json:"went_well"`
	ToImprove       string       `json:"to_improve"`
	InternalNotes   string       `json:"internal_notes"`
	NextActions     []ActionBody `json:"next_actions"`
	Shared          bool         `json:"shared"`
	CreatedBy       *int64       `json:"created_by"`
	CreatedAt       time.Time    `json:"created_at"`
	UpdatedAt       time.Time    `json:"updated_at"`
}

func toActionBodies(acts []models.ReviewAction) []ActionBody {
	out := make([]ActionBody, 0, len(acts))
	for _, a := range acts {
		out = append(out, ActionBody{ID: a.ID, Text: a.Text, Side: a.Side, DueOn: a.DueOn, Done: a.Done})
	}
	return out
}

func toReviewResponse(r *models.Review) ReviewResponse {
	return ReviewResponse{ID: r.ID, CollaborationID: r.CollaborationID, BuyerID: r.BuyerID, WentWell: r.WentWell,
		ToImprove: r.ToImprove, InternalNotes: r.InternalNotes, NextActions: toActionBodies(r.Actions), Shared: r.Shared,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// ReviewRequest is the body of POST /collaborations/{id}/review and PATCH /reviews/{id}.
type ReviewRequest struct {
	WentWell      Opt[string]       `json:"went_well"`
	ToImprove     Opt[string]       `json:"to_improve"`
	InternalNotes Opt[string]       `json:"internal_notes"`
	NextActions   Opt[[]ActionBody] `json:"next_actions"`
	Shared        Opt[bool]         `json:"shared"`
}

// maxActions bounds a review's next actions.
const maxActions = 30

// apply copies the fields sent onto r and returns the actions sent (nil
// when none were), validated.
func (req *ReviewRequest) apply(r *models.Review) ([]models.ReviewAction, error) {
	ve := &models.ValidationError{}
	text := func(field string, o Opt[string], dst *string) {
		if o.Set {
			if o.Null {
				ve.Add(field, "must be text")
			}
			*dst = o.V
		}
		checkText(ve, field, dst, 0, 5000)
	}
	text("went_well", req.WentWell, &r.WentWell)
	text("to_improve", req.ToImprove, &r.ToImprove)
	text("internal_notes", req.InternalNotes, &r.InternalNotes)
	if req.Shared.Set {
		if req.Shared.Null {
			ve.Add("shared", "must be true or false")
		}
		r.Shared = req.Shared.V
	}
	var acts []models.ReviewAction
	if req.NextActions.Set {
		acts = []models.ReviewAction{}
		if len(req.NextActions.V) > maxActions {
			ve.Add("next_actions", "must have at most "+strconv.Itoa(maxActions)+" actions")
		}
		for i, a := range req.NextActions.V {
			at := "next_actions[" + strconv.Itoa(i) + "]."
			checkText(ve, at+"text", &a.Text, 1, 500)
			if !a.Side.Valid() {
				ve.Add(at+"side", "must be brand or buyer")
			}
			if a.ID < 0 {
				ve.Add(at+"id", "must be an action's id")
			}
			if a.DueOn != nil && *a.DueOn == "" {
				a.DueOn = nil
			}
			acts = append(acts, models.ReviewAction{ID: a.ID, Text: a.Text, Side: a.Side, DueOn: a.DueOn, Done: a.Done})
		}
	}
	return acts, ve.Err()
}

// CreateReview records the review (复盘) of a collaboration; a second one is 409.
func (h *Handlers) CreateReview(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ReviewRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r := models.Review{CollaborationID: id}
	acts, err := req.apply(&r)
	if err != nil {
		return err
	}
	r.Actions = acts
	if r.Actions == nil {
		r.Actions = []models.ReviewAction{}
	}
	for i := range r.Actions {
		r.Actions[i].ID = 0
	}
	if err := h.Store.CreateReview(c.Request.Context(), actor(c), &r); err != nil {
		return err
	}
	out, err := h.Store.GetReview(c.Request.Context(), brandID(c), r.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toReviewResponse(out))
	return nil
}

// GetCollaborationReview returns a collaboration's review, 404 when it has none.
func (h *Handlers) GetCollaborationReview(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	r, err := h.Store.CollaborationReview(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toReviewResponse(r))
	return nil
}

// GetReview returns one review.
func (h *Handlers) GetReview(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	r, err := h.Store.GetReview(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toReviewResponse(r))
	return nil
}

// PatchReview changes the fields sent; next_actions, when sent, is the
// whole new list (an action keeps its id to be changed, not replaced).
func (h *Handlers) PatchReview(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ReviewRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := h.Store.UpdateReview(c.Request.Context(), actor(c), id, req.apply)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toReviewResponse(r))
	return nil
}

// BuyerReviewResponse is a review with its collaboration's figures.
type BuyerReviewResponse struct {
	ReviewResponse
	Collaboration ReviewedCollaboration `json:"collaboration"`
}

// ReviewedCollaboration is what a review list shows of the collaboration.
type ReviewedCollaboration struct {
	ID      int64               `json:"id"`
	Type    models.CollabType   `json:"type"`
	Title   string              `json:"title"`
	Status  models.CollabStatus `json:"status"`
	StartOn models.Date         `json:"start_on"`
	Metrics MetricsBody         `json:"metrics"`
	KPIs    models.KPIs         `json:"kpis"`
}

// ListBuyerReviews returns a buyer's reviews, newest first, with each
// collaboration's KPIs beside it.
func (h *Handlers) ListBuyerReviews(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	if _, err := h.Store.GetBuyer(ctx, brandID(c), id); err != nil {
		return err
	}
	rows, err := h.Store.BuyerReviews(ctx, brandID(c), id, false)
	if err != nil {
		return err
	}
	out := make([]BuyerReviewResponse, 0, len(rows))
	for i := range rows {
		out = append(out, BuyerReviewResponse{ReviewResponse: toReviewResponse(&rows[i].Review),
			Collaboration: toReviewedCollaboration(&rows[i].Collaboration)})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func toReviewedCollaboration(m *models.Collaboration) ReviewedCollaboration {
	r := toCollaborationResponse(m)
	return ReviewedCollaboration{ID: r.ID, Type: r.Type, Title: r.Title, Status: r.Status, StartOn: r.StartOn,
		Metrics: r.Metrics, KPIs: r.KPIs}
}
