package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// AuditTokenRef names the API token that acted, in an audit entry.
type AuditTokenRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// AuditResponse is one audit log entry. actor_token is set when an API
// token acted on behalf of actor_id (the token's owner).
type AuditResponse struct {
	ID         int64           `json:"id"`
	ActorID    *int64          `json:"actor_id"`
	ActorToken *AuditTokenRef  `json:"actor_token"`
	Action     string          `json:"action"`
	Entity     string          `json:"entity"`
	EntityID   int64           `json:"entity_id"`
	Changes    json.RawMessage `json:"changes"`
	At         time.Time       `json:"at"`
}

// ListAudit returns the brand's audit log, newest first; ?before_id= pages back.
func (h *Handlers) ListAudit(c *gin.Context) error {
	ve := &models.ValidationError{}
	f := store.AuditFilter{Entity: strings.TrimSpace(c.Query("entity"))}
	if v := c.Query("entity_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("entity_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		f.EntityID = id
	}
	if v := c.Query("before_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("before_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		f.BeforeID = id
	}
	var total bool
	paging(c, ve, &f.Limit, &total)
	if err := ve.Err(); err != nil {
		return err
	}
	rows, err := h.Store.ListAudit(c.Request.Context(), brandID(c), f)
	if err != nil {
		return err
	}
	out := make([]AuditResponse, 0, len(rows))
	for _, r := range rows {
		var tok *AuditTokenRef
		if r.ActorTokenID != nil {
			tok = &AuditTokenRef{ID: *r.ActorTokenID, Name: r.ActorTokenName}
		}
		out = append(out, AuditResponse{ID: r.ID, ActorID: r.ActorID, ActorToken: tok, Action: r.Action, Entity: r.Entity,
			EntityID: r.EntityID, Changes: json.RawMessage(r.Changes), At: r.At.UTC()})
	}
	c.JSON(http.StatusOK, out)
	return nil
}
