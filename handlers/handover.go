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

// HandoverCandidate is a member of the team who may own a buyer (no email:
// managers see who, not how to reach them outside the app).
type HandoverCandidate struct {
	ID   int64       `json:"id"`
	Name string      `json:"name"`
	Role models.Role `json:"role"`
}

// HandoverCandidates lists the brand's managers and owners other than the
// buyer's current owner: whom the buyer can be handed to.
func (h *Handlers) HandoverCandidates(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	b, err := h.Store.GetBuyer(ctx, brandID(c), id)
	if err != nil {
		return err
	}
	users, err := h.Store.ListTeam(ctx, brandID(c))
	if err != nil {
		return err
	}
	out := []HandoverCandidate{}
	for _, u := range users {
		if u.Role.AtLeast(models.RoleManager) && (b.OwnerID == nil || *b.OwnerID != u.ID) {
			out = append(out, HandoverCandidate{ID: u.ID, Name: u.Name, Role: u.Role})
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}
