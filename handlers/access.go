package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// PortalAccessResponse is one buyer user linked to a buyer record.
type PortalAccessResponse struct {
	UserID int64     `json:"user_id"`
	Name   string    `json:"name"`
	Email  string    `json:"email"`
	Since  time.Time `json:"since"`
	// Suspended is true while the buyer is archived: the link stays, but
	// the portal answers 404 for this partnership until the buyer is restored.
	Suspended bool `json:"suspended"`
}

// OpenInviteResponse is an invite that can still be accepted; its code was
// shown once, when it was made, and is not stored.
type OpenInviteResponse struct {
	ID        int64       `json:"id"`
	Role      models.Role `json:"role"`
	Email     string      `json:"email"`
	BuyerID   *int64      `json:"buyer_id"`
	CreatedBy int64       `json:"created_by"`
	ExpiresAt time.Time   `json:"expires_at"`
	CreatedAt time.Time   `json:"created_at"`
}

// BuyerPortalAccess lists the buyer users who can see this buyer's
// partnership in the portal.
func (h *Handlers) BuyerPortalAccess(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.BuyerPortalAccess(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	out := make([]PortalAccessResponse, 0, len(rows))
	for _, r := range rows {
		out = append(out, PortalAccessResponse{UserID: r.UserID, Name: r.Name, Email: r.Email, Since: r.Since.UTC(), Suspended: r.Suspended})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// EndPortalAccess ends the buyer user's link to this buyer at once.
func (h *Handlers) EndPortalAccess(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.EndPortalAccess(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func openInvites(rows []models.Invite) []OpenInviteResponse {
	out := make([]OpenInviteResponse, 0, len(rows))
	for _, r := range rows {
		out = append(out, OpenInviteResponse{ID: r.ID, Role: r.Role, Email: r.Email, BuyerID: r.BuyerID, CreatedBy: r.CreatedBy,
			ExpiresAt: r.ExpiresAt.UTC(), CreatedAt: r.CreatedAt.UTC()})
	}
	return out
}

// BuyerInvites lists a buyer's open portal invites, newest first.
func (h *Handlers) BuyerInvites(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.OpenInvites(c.Request.Context(), brandID(c), &id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, openInvites(rows))
	return nil
}

// TeamInvites lists the brand's open staff invites, newest first.
func (h *Handlers) TeamInvites(c *gin.Context) error {
	rows, err := h.Store.OpenInvites(c.Request.Context(), brandID(c), nil)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, openInvites(rows))
	return nil
}

// RevokeInvite revokes an open invite: a manager may revoke buyer invites,
// only an owner staff invites.
func (h *Handlers) RevokeInvite(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	owner := CurrentPrincipal(c).Role.AtLeast(models.RoleOwner)
	if err := h.Store.RevokeInvite(c.Request.Context(), actor(c), id, owner); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
