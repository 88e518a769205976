package handlers

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// ActivityResponse is the contract's timeline entry.
type ActivityResponse struct {
	ID         int64               `json:"id"`
	BuyerID    int64               `json:"buyer_id"`
	Kind       models.ActivityKind `json:"kind"`
	Summary    string              `json:"summary"`
	OccurredAt time.Time           `json:"occurred_at"`
	FollowUpOn models.Date         `json:"follow_up_on"`
	Done       bool                `json:"done"`
	ByUserID   *int64              `json:"by_user_id"`
	// Snapshot is a handover's snapshot (kind handover only; absent otherwise).
	Snapshot json.RawMessage `json:"snapshot,omitempty"`
}

func toActivityResponse(a *models.Activity) ActivityResponse {
	return ActivityResponse{ID: a.ID, BuyerID: a.BuyerID, Kind: a.Kind, Summary: a.Summary,
		OccurredAt: a.OccurredAt.UTC(), FollowUpOn: a.FollowUpOn, Done: a.Done, ByUserID: a.ByUserID, Snapshot: activityDetail(a)}
}

// ActivityRequest is the body of POST /buyers/{id}/activities.
type ActivityRequest struct {
	Kind       models.ActivityKind `json:"kind" openapi:"required"`
	Summary    string              `json:"summary" openapi:"required"`
	OccurredAt *time.Time          `json:"occurred_at"`
	FollowUpOn models.Date         `json:"follow_up_on"`
	Done       bool                `json:"done"`
}

// PatchActivityRequest is the body of PATCH /activities/{id}.
type PatchActivityRequest struct {
	Done       Opt[bool]        `json:"done"`
	FollowUpOn Opt[models.Date] `json:"follow_up_on"`
	Summary    Opt[string]      `json:"summary"`
}

// ListActivities returns a buyer's timeline, newest first.
func (h *Handlers) ListActivities(c *gin.Context) error {
	return buyerSubList(c, h.Store.ListActivities, toActivityResponse)
}

// CreateActivity adds a timeline entry; occurred_at defaults to now.
func (h *Handlers) CreateActivity(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ActivityRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if !req.Kind.Valid() {
		ve.Add("kind", models.OneOf(models.ActivityKinds...))
	}
	checkText(ve, "summary", &req.Summary, 1, 2000)
	a := models.Activity{BuyerID: id, Kind: req.Kind, Summary: req.Summary, FollowUpOn: req.FollowUpOn, Done: req.Done}
	if req.OccurredAt != nil {
		if req.OccurredAt.After(h.Store.Now().Add(24 * time.Hour)) {
			ve.Add("occurred_at", models.NotFuture())
		}
		a.OccurredAt = req.OccurredAt.UTC()
	}
	if err := ve.Err(); err != nil {
		return err
	}
	if err := h.Store.CreateActivity(c.Request.Context(), actor(c), &a); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toActivityResponse(&a))
	return nil
}

// PatchActivity changes done, follow_up_on or summary.
func (h *Handlers) PatchActivity(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req PatchActivityRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if req.Done.Set && req.Done.Null {
		ve.Add("done", models.InvalidType("boolean"))
	}
	if req.Summary.Set {
		checkText(ve, "summary", &req.Summary.V, 1, 2000)
	}
	if err := ve.Err(); err != nil {
		return err
	}
	a, err := h.Store.UpdateActivity(c.Request.Context(), actor(c), id, func(a *models.Activity) error {
		if req.Done.Set {
			a.Done = req.Done.V
		}
		if req.FollowUpOn.Set {
			a.FollowUpOn = req.FollowUpOn.V // null clears it
		}
		if req.Summary.Set {
			a.Summary = req.Summary.V
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toActivityResponse(a))
	return nil
}

// ListFollowUps lists the brand's open follow-ups due on or before due_before
// (default today), oldest first.
func (h *Handlers) ListFollowUps(c *gin.Context) error {
	ve := &models.ValidationError{}
	q := subPaging(c, ve)
	due := h.Store.Today()
	if v := c.Query("due_before"); v != "" {
		d, err := models.ParseDate(v)
		if err != nil {
			ve.Add("due_before", models.AsProblem(err))
		}
		due = d
	}
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListFollowUps(c.Request.Context(), brandID(c), due, q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, toActivityResponse))
	return nil
}
