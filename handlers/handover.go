package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// HandoverRequest is the body of POST /buyers/{id}/handover.
type HandoverRequest struct {
	ToUserID int64  `json:"to_user_id"`
	Note     string `json:"note"`
}

// Handover moves a buyer to another manager and records a handover activity
// holding a snapshot of the partnership.
func (h *Handlers) Handover(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req HandoverRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if req.ToUserID <= 0 {
		ve.Add("to_user_id", "is required")
	}
	checkText(ve, "note", &req.Note, 0, 2000)
	if err := ve.Err(); err != nil {
		return err
	}
	act, _, err := h.Store.Handover(c.Request.Context(), actor(c), id, req.ToUserID, req.Note)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toActivityResponse(act))
	return nil
}

// PendingHandoverResponse is the handover a buyer page shows on top until
// it is dismissed (PATCH /activities/{id} {"done": true}).
type PendingHandoverResponse struct {
	Pending *ActivityResponse `json:"pending"`
}

// PendingHandover returns the newest handover of a buyer not yet dismissed, or null.
func (h *Handlers) PendingHandover(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	act, err := h.Store.PendingHandover(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	out := PendingHandoverResponse{}
	if act != nil {
		r := toActivityResponse(act)
		out.Pending = &r
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// activityDetail returns an activity's JSON detail, or nil.
func activityDetail(a *models.Activity) json.RawMessage {
	if a.Detail == nil || *a.Detail == "" {
		return nil
	}
	return json.RawMessage(*a.Detail)
}
