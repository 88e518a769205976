package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/models"
)

// TokenResponse is an API token; Token is set only in the answer that creates it.
type TokenResponse struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Scope      string     `json:"scope"`
	Prefix     string     `json:"prefix"`
	LastUsedAt *time.Time `json:"last_used_at"`
	CreatedAt  time.Time  `json:"created_at"`
	Token      string     `json:"token,omitempty"`
}

func toTokenResponse(t *models.APIToken) TokenResponse {
	r := TokenResponse{ID: t.ID, Name: t.Name, Scope: t.Scope, Prefix: t.Prefix, CreatedAt: t.CreatedAt.UTC()}
	if t.LastUsedAt != nil {
		v := t.LastUsedAt.UTC()
		r.LastUsedAt = &v
	}
	return r
}

// ListTokens returns the brand's API tokens without their secrets.
func (h *Handlers) ListTokens(c *gin.Context) error {
	rows, err := h.Store.ListAPITokens(c.Request.Context(), brandID(c))
	if err != nil {
		return err
	}
	out := make([]TokenResponse, 0, len(rows))
	for i := range rows {
		out = append(out, toTokenResponse(&rows[i]))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// CreateTokenRequest is the body of POST /tokens.
type CreateTokenRequest struct {
	Name  string `json:"name" openapi:"required"`
	Scope string `json:"scope" openapi:"required,enum=read|write"`
}

// CreateToken makes an API token and shows it this once.
func (h *Handlers) CreateToken(c *gin.Context) error {
	var req CreateTokenRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	checkText(ve, "name", &req.Name, 1, 100)
	if req.Scope != auth.ScopeRead && req.Scope != auth.ScopeWrite {
		ve.Add("scope", models.OneOf("read", "write"))
	}
	if err := ve.Err(); err != nil {
		return err
	}
	if CurrentPrincipal(c).TokenID != 0 {
		return models.Errorf(models.ErrForbidden, "API tokens cannot make other API tokens")
	}
	secret := auth.RandomToken(auth.APITokenPrefix)
	t, err := h.Store.CreateAPIToken(c.Request.Context(), actor(c), req.Name, req.Scope, secret[:len(auth.APITokenPrefix)+6], auth.HashToken(secret))
	if err != nil {
		return err
	}
	r := toTokenResponse(t)
	r.Token = secret
	c.JSON(http.StatusCreated, r)
	return nil
}

// DeleteToken revokes an API token.
func (h *Handlers) DeleteToken(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteAPIToken(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
