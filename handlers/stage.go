package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// StageRequest is the body of POST /buyers/{id}/stage.
type StageRequest struct {
	Stage  models.Stage `json:"stage" openapi:"required"`
	Reason string       `json:"reason"`
}

// StageChangeResponse is one entry of a buyer's stage history.
type StageChangeResponse struct {
	From     models.Stage `json:"from"`
	To       models.Stage `json:"to"`
	Reason   string       `json:"reason"`
	ByUserID *int64       `json:"by_user_id"`
	At       time.Time    `json:"at"`
}

// ChangeStage moves a buyer to another partnership stage with a reason.
func (h *Handlers) ChangeStage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req StageRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if !req.Stage.Valid() {
		ve.Add("stage", models.OneOf(models.Stages...))
	}
	checkText(ve, "reason", &req.Reason, 0, 500)
	if err := ve.Err(); err != nil {
		return err
	}
	b, err := h.Store.ChangeStage(c.Request.Context(), actor(c), id, req.Stage, req.Reason)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toBuyerResponse(b))
	return nil
}

// StageHistory lists a buyer's stage changes, newest first.
func (h *Handlers) StageHistory(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.StageHistory(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	out := make([]StageChangeResponse, 0, len(rows))
	for _, r := range rows {
		out = append(out, StageChangeResponse{From: r.FromStage, To: r.ToStage, Reason: r.Reason, ByUserID: r.ByUserID, At: r.At.UTC()})
	}
	c.JSON(http.StatusOK, out)
	return nil
}
