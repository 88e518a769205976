package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/models"
)

// ListTeam returns the brand's staff.
func (h *Handlers) ListTeam(c *gin.Context) error {
	users, err := h.Store.ListTeam(c.Request.Context(), brandID(c))
	if err != nil {
		return err
	}
	out := make([]UserResponse, 0, len(users))
	for i := range users {
		out = append(out, toUserResponse(&users[i]))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// TeamInviteRequest is the body of POST /team/invites.
type TeamInviteRequest struct {
	Role  models.Role `json:"role" openapi:"required,enum=manager|analyst"`
	Email string      `json:"email"`
}

// InviteResponse shows an invite code once; only its hash is stored.
type InviteResponse struct {
	// ID names the invite for GET /team/invites and DELETE /invites/{id}.
	ID        int64       `json:"id"`
	Code      string      `json:"code"`
	Role      models.Role `json:"role"`
	BuyerID   *int64      `json:"buyer_id,omitempty"`
	ExpiresAt time.Time   `json:"expires_at"`
}

// CreateTeamInvite makes a single-use staff invite valid for 7 days.
func (h *Handlers) CreateTeamInvite(c *gin.Context) error {
	var req TeamInviteRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if req.Role != models.RoleManager && req.Role != models.RoleAnalyst {
		ve.Add("role", models.OneOf("manager", "analyst"))
	}
	checkEmail(ve, "email", &req.Email, false)
	if err := ve.Err(); err != nil {
		return err
	}
	code := auth.RandomCode()
	inv, err := h.Store.CreateInvite(c.Request.Context(), actor(c), req.Role, req.Email, nil, auth.HashToken(code))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, InviteResponse{ID: inv.ID, Code: code, Role: inv.Role, ExpiresAt: inv.ExpiresAt.UTC()})
	return nil
}

// ChangeRoleRequest is the body of PATCH /team/{user_id}.
type ChangeRoleRequest struct {
	Role models.Role `json:"role" openapi:"required,enum=owner|manager|analyst"`
}

// ChangeRole sets a team member's role.
func (h *Handlers) ChangeRole(c *gin.Context) error {
	id, err := pathID(c, "user_id")
	if err != nil {
		return err
	}
	var req ChangeRoleRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if !req.Role.IsStaff() {
		return models.FieldError("role", models.OneOf("owner", "manager", "analyst"))
	}
	u, err := h.Store.ChangeRole(c.Request.Context(), actor(c), id, req.Role)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toUserResponse(u))
	return nil
}

// RemoveMember removes a team member.
func (h *Handlers) RemoveMember(c *gin.Context) error {
	id, err := pathID(c, "user_id")
	if err != nil {
		return err
	}
	if err := h.Store.RemoveMember(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
