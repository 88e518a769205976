package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// MilestoneResponse is the contract's milestone.
type MilestoneResponse struct {
	ID              int64       `json:"id"`
	BuyerID         int64       `json:"buyer_id"`
	Code            string      `json:"code"`
	Title           string      `json:"title"`
	AchievedOn      models.Date `json:"achieved_on"`
	Source          string      `json:"source"`
	CollaborationID *int64      `json:"collaboration_id"`
	Note            string      `json:"note"`
	// NoteCode is "source_gone" on an automatic milestone whose collaboration
	// was deleted or stopped counting with no other qualifying, "" otherwise.
	NoteCode string `json:"note_code"`
	// TitleParams are the values an automatic title is rendered with by its
	// code (none of today's codes needs one, so it is {}).
	TitleParams models.Params `json:"title_params"`
}

func milestoneList(rows []models.Milestone) []MilestoneResponse {
	out := make([]MilestoneResponse, 0, len(rows))
	for _, m := range rows {
		out = append(out, MilestoneResponse{ID: m.ID, BuyerID: m.BuyerID, Code: m.Code, Title: m.Title,
			AchievedOn: m.AchievedOn, Source: m.Source, CollaborationID: m.CollaborationID, Note: m.Note,
			NoteCode: m.NoteCode, TitleParams: models.Params{}})
	}
	return out
}

// ListMilestones returns a buyer's milestones, newest first.
func (h *Handlers) ListMilestones(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.ListMilestones(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, milestoneList(rows))
	return nil
}

// MilestoneRequest is the body of POST /buyers/{id}/milestones.
type MilestoneRequest struct {
	Title      string      `json:"title" openapi:"required"`
	AchievedOn models.Date `json:"achieved_on" openapi:"required"`
	Note       string      `json:"note"`
}

// AddMilestone records a manual milestone.
func (h *Handlers) AddMilestone(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req MilestoneRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	checkText(ve, "title", &req.Title, 1, 200)
	checkText(ve, "note", &req.Note, 0, 2000)
	switch {
	case req.AchievedOn == "":
		ve.Add("achieved_on", models.Required())
	case req.AchievedOn > h.Store.Today():
		ve.Add("achieved_on", models.NotFuture())
	}
	if err := ve.Err(); err != nil {
		return err
	}
	m := models.Milestone{BuyerID: id, Title: req.Title, AchievedOn: req.AchievedOn, Note: req.Note}
	if err := h.Store.AddManualMilestone(c.Request.Context(), actor(c), &m); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, milestoneList([]models.Milestone{m})[0])
	return nil
}
