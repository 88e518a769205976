package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/models"
)

// BrandRef names a brand.
type BrandRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// PartnershipResponse is one partnership in the buyer portal.
type PartnershipResponse struct {
	BuyerID int64        `json:"buyer_id"`
	Brand   BrandRef     `json:"brand"`
	Stage   models.Stage `json:"stage"`
	Since   time.Time    `json:"since"`
}

// ListPartnerships returns the signed-in buyer's partnerships.
func (h *Handlers) ListPartnerships(c *gin.Context) error {
	links, err := h.Store.PortalLinks(c.Request.Context(), CurrentPrincipal(c).UserID)
	if err != nil {
		return err
	}
	out := make([]PartnershipResponse, 0, len(links))
	for _, l := range links {
		out = append(out, PartnershipResponse{BuyerID: l.BuyerID, Brand: BrandRef{ID: l.BrandID, Name: l.BrandName},
			Stage: l.Stage, Since: l.Since.UTC()})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// LinkRequest is the body of POST /portal/partnerships.
type LinkRequest struct {
	Code string `json:"code" openapi:"required"`
}

// LinkPartnership links another brand's buyer invite to the signed-in buyer.
func (h *Handlers) LinkPartnership(c *gin.Context) error {
	var req LinkRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p := CurrentPrincipal(c)
	if err := h.limit(c, ""); err != nil {
		return err
	}
	code := auth.NormalizeCode(req.Code)
	if code == "" || len(code) > 64 {
		return models.FieldError("code", models.Required())
	}
	if err := h.Store.LinkBuyerInvite(c.Request.Context(), p.UserID, auth.HashToken(code)); err != nil {
		return err
	}
	return h.ListPartnerships(c)
}

// AcknowledgeGoal records that the buyer has seen a shared goal and returns it.
func (h *Handlers) AcknowledgeGoal(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	g, err := h.Store.AcknowledgeGoal(c.Request.Context(), CurrentPrincipal(c).UserID, id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, goalView(h.Store.Today())(g))
	return nil
}

// portalGoal loads the goal named in the path, if it belongs to one of the
// signed-in buyer's partnerships.
func (h *Handlers) portalGoal(c *gin.Context) (*models.Goal, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.PortalGoal(c.Request.Context(), CurrentPrincipal(c).UserID, id)
}

// PortalGoalComments lists the comments of a goal in one of the buyer's partnerships.
func (h *Handlers) PortalGoalComments(c *gin.Context) error {
	g, err := h.portalGoal(c)
	if err != nil {
		return err
	}
	rows, err := h.Store.ListComments(c.Request.Context(), g.BrandID, g.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, commentList(rows))
	return nil
}

// PortalAddGoalComment adds the buyer's comment to a goal of one of their partnerships.
func (h *Handlers) PortalAddGoalComment(c *gin.Context) error {
	g, err := h.portalGoal(c)
	if err != nil {
		return err
	}
	m, err := newComment(c, g.ID)
	if err != nil {
		return err
	}
	if err := h.Store.AddComment(c.Request.Context(), g.BrandID, m); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toCommentResponse(m))
	return nil
}

// BuyerInviteResponse is a portal invite for one buyer, shown once.
type BuyerInviteResponse struct {
	// ID names the invite for GET /buyers/{id}/invites and DELETE /invites/{id}.
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	BuyerID   int64     `json:"buyer_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// InviteBuyer makes a single-use 7-day portal invite for a buyer.
func (h *Handlers) InviteBuyer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code := auth.RandomCode()
	inv, err := h.Store.CreateInvite(c.Request.Context(), actor(c), models.RoleBuyer, "", &id, auth.HashToken(code))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, BuyerInviteResponse{ID: inv.ID, Code: code, BuyerID: id, ExpiresAt: inv.ExpiresAt.UTC()})
	return nil
}
