package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// PlanCommentResponse is one comment on a plan.
type PlanCommentResponse struct {
	ID        int64         `json:"id"`
	PlanID    int64         `json:"plan_id"`
	Author    CommentAuthor `json:"author"`
	Body      string        `json:"body"`
	CreatedAt time.Time     `json:"created_at"`
}

func planComments(rows []models.PlanComment) []PlanCommentResponse {
	out := make([]PlanCommentResponse, 0, len(rows))
	for i := range rows {
		out = append(out, toPlanComment(&rows[i]))
	}
	return out
}

func toPlanComment(m *models.PlanComment) PlanCommentResponse {
	return PlanCommentResponse{ID: m.ID, PlanID: m.PlanID, Author: CommentAuthor{ID: m.AuthorID, Name: m.AuthorName, Role: m.AuthorRole},
		Body: m.Body, CreatedAt: m.CreatedAt.UTC()}
}

// newPlanComment validates a comment body and fills in its author from the caller.
func newPlanComment(c *gin.Context, planID int64) (*models.PlanComment, error) {
	g, err := newComment(c, 0)
	if err != nil {
		return nil, err
	}
	return &models.PlanComment{PlanID: planID, AuthorID: g.AuthorID, AuthorName: g.AuthorName, AuthorRole: g.AuthorRole, Body: g.Body}, nil
}

// ListPlanComments returns a plan's comments, oldest first.
func (h *Handlers) ListPlanComments(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.ListPlanComments(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planComments(rows))
	return nil
}

// AddPlanComment adds a staff comment to a plan.
func (h *Handlers) AddPlanComment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := newPlanComment(c, id)
	if err != nil {
		return err
	}
	if err := h.Store.AddPlanComment(c.Request.Context(), brandID(c), m); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toPlanComment(m))
	return nil
}

// LedgerItemResponse is one promise in the ledger, with its plan.
type LedgerItemResponse struct {
	CommitmentResponse
	PlanTitle  string            `json:"plan_title"`
	PlanStatus models.PlanStatus `json:"plan_status"`
}

// LedgerResponse is the promises ledger: both sides' counts (open includes overdue) and the items.
type LedgerResponse struct {
	Brand store.SideCounts     `json:"brand"`
	Buyer store.SideCounts     `json:"buyer"`
	Items []LedgerItemResponse `json:"items"`
}

func ledgerView(l *store.Ledger, today models.Date) LedgerResponse {
	cv := commitmentView(today)
	out := LedgerResponse{Brand: l.Brand, Buyer: l.Buyer, Items: make([]LedgerItemResponse, 0, len(l.Items))}
	for i := range l.Items {
		it := &l.Items[i]
		out.Items = append(out.Items, LedgerItemResponse{CommitmentResponse: cv(&it.Commitment), PlanTitle: it.PlanTitle,
			PlanStatus: it.PlanStatus})
	}
	return out
}

// BuyerPromises returns a buyer's promises ledger across all plans.
func (h *Handlers) BuyerPromises(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	l, err := h.Store.Promises(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ledgerView(l, h.Store.Today()))
	return nil
}
