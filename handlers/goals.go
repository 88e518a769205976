package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/partnership"
	"huoban/store"
)

// GoalProgress is a goal's progress.
type GoalProgress struct {
	Current int64   `json:"current"`
	Target  int64   `json:"target"`
	Pct     float64 `json:"pct"`
}

// GoalResponse is the contract's goal.
type GoalResponse struct {
	ID             int64             `json:"id"`
	BuyerID        int64             `json:"buyer_id"`
	Title          string            `json:"title"`
	Metric         models.GoalMetric `json:"metric"`
	Target         int64             `json:"target"`
	PeriodStart    models.Date       `json:"period_start"`
	PeriodEnd      models.Date       `json:"period_end"`
	Progress       GoalProgress      `json:"progress"`
	Status         models.GoalStatus `json:"status"`
	SharedNote     string            `json:"shared_note"`
	AcknowledgedAt *time.Time        `json:"acknowledged_at"`
	CreatedBy      *int64            `json:"created_by"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC()
	return &v
}

// goalView converts a goal as of today.
func goalView(today models.Date) func(g *models.Goal) GoalResponse {
	return func(g *models.Goal) GoalResponse {
		return GoalResponse{ID: g.ID, BuyerID: g.BuyerID, Title: g.Title, Metric: g.Metric, Target: g.Target,
			PeriodStart: g.PeriodStart, PeriodEnd: g.PeriodEnd,
			Progress: GoalProgress{Current: g.Current, Target: g.Target, Pct: partnership.ProgressPct(g.Current, g.Target)},
			Status:   g.EffectiveStatus(today), SharedNote: g.SharedNote, AcknowledgedAt: utcPtr(g.AcknowledgedAt),
			CreatedBy: g.CreatedBy, CreatedAt: g.CreatedAt.UTC(), UpdatedAt: g.UpdatedAt.UTC()}
	}
}

// GoalRequest is the body of POST /goals and PATCH /goals/{id}.
type GoalRequest struct {
	BuyerID     Opt[int64]             `json:"buyer_id" openapi:"required"`
	Title       Opt[string]            `json:"title" openapi:"required"`
	Metric      Opt[models.GoalMetric] `json:"metric" openapi:"required"`
	Target      Opt[int64]             `json:"target" openapi:"required"`
	PeriodStart Opt[models.Date]       `json:"period_start" openapi:"required"`
	PeriodEnd   Opt[models.Date]       `json:"period_end" openapi:"required"`
	SharedNote  Opt[string]            `json:"shared_note"`
	Current     Opt[int64]             `json:"current"`
	Status      Opt[models.GoalStatus] `json:"status"`
}

// apply validates the request and copies it onto g.
func (r *GoalRequest) apply(g *models.Goal, creating bool) error {
	ve := &models.ValidationError{}
	if creating {
		if !r.BuyerID.Set || r.BuyerID.V <= 0 {
			ve.Add("buyer_id", models.Required())
		}
		g.BuyerID = r.BuyerID.V
		for field, o := range map[string]Opt[models.Date]{"period_start": r.PeriodStart, "period_end": r.PeriodEnd} {
			if !o.Set || o.V == "" {
				ve.Add(field, models.Required())
			}
		}
		if !r.Metric.Set {
			ve.Add("metric", models.Required())
		}
		if !r.Target.Set {
			ve.Add("target", models.Required())
		}
	} else if r.BuyerID.Set {
		ve.Add("buyer_id", models.ReadOnly("make a new goal for another buyer"))
	}
	if creating || r.Title.Set {
		v := r.Title.V
		checkText(ve, "title", &v, 1, 200)
		g.Title = v
	}
	if r.Metric.Set {
		if !r.Metric.V.Valid() {
			ve.Add("metric", models.OneOf(models.GoalMetrics...))
		}
		g.Metric = r.Metric.V
	}
	if r.Target.Set {
		if r.Target.Null || r.Target.V <= 0 {
			ve.Add("target", models.Positive())
		}
		g.Target = r.Target.V
	}
	if r.PeriodStart.Set && !r.PeriodStart.Null {
		g.PeriodStart = r.PeriodStart.V
	}
	if r.PeriodEnd.Set && !r.PeriodEnd.Null {
		g.PeriodEnd = r.PeriodEnd.V
	}
	if g.PeriodStart != "" && g.PeriodEnd != "" && g.PeriodEnd < g.PeriodStart && !ve.Has("period_end") {
		ve.Add("period_end", models.DateOrder("period_start"))
	}
	optText(ve, "shared_note", r.SharedNote, &g.SharedNote, 2000)
	if r.Current.Set {
		switch {
		case g.Metric != models.MetricCustom:
			ve.Add("current", models.Computed())
		case r.Current.Null || r.Current.V < 0:
			ve.Add("current", models.Min(0))
		default:
			g.Current = r.Current.V
		}
	}
	if r.Status.Set {
		switch r.Status.V {
		case models.GoalCancelled:
			g.Status = models.GoalCancelled
		case models.GoalActive:
			if g.Status == models.GoalCancelled {
				g.Status = models.GoalActive // reopened; achieved is recomputed on save
			}
		default:
			ve.Add("status", models.OneOf("active", "cancelled"))
		}
	}
	return ve.Err()
}

// CreateGoal adds a shared goal.
func (h *Handlers) CreateGoal(c *gin.Context) error {
	var req GoalRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	g := models.Goal{Status: models.GoalActive}
	if err := req.apply(&g, true); err != nil {
		return err
	}
	if err := h.Store.CreateGoal(c.Request.Context(), actor(c), &g); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, goalView(h.Store.Today())(&g))
	return nil
}

// GetGoal returns one goal.
func (h *Handlers) GetGoal(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	g, err := h.Store.GetGoal(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, goalView(h.Store.Today())(g))
	return nil
}

// PatchGoal changes the fields sent.
func (h *Handlers) PatchGoal(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req GoalRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	g, err := h.Store.UpdateGoal(c.Request.Context(), actor(c), id, func(g *models.Goal) error { return req.apply(g, false) })
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, goalView(h.Store.Today())(g))
	return nil
}

// DeleteGoal removes a goal.
func (h *Handlers) DeleteGoal(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteGoal(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// ListGoals returns a page of goals, newest first.
func (h *Handlers) ListGoals(c *gin.Context) error {
	ve := &models.ValidationError{}
	q := store.GoalQuery{Status: models.GoalStatus(c.Query("status")), Cursor: c.Query("cursor")}
	if v := c.Query("buyer_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("buyer_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		q.BuyerID = id
	}
	switch q.Status {
	case "", models.GoalActive, models.GoalAchieved, models.GoalMissed, models.GoalCancelled:
	default:
		ve.Add("status", models.OneOf("active", "achieved", "missed", "cancelled"))
	}
	paging(c, ve, &q.Limit, &q.Total)
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListGoals(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, goalView(h.Store.Today())))
	return nil
}

// CommentAuthor is who wrote a comment.
type CommentAuthor struct {
	ID   *int64      `json:"id"`
	Name string      `json:"name"`
	Role models.Role `json:"role"`
}

// CommentResponse is one goal comment.
type CommentResponse struct {
	ID        int64         `json:"id"`
	GoalID    int64         `json:"goal_id"`
	Author    CommentAuthor `json:"author"`
	Body      string        `json:"body"`
	CreatedAt time.Time     `json:"created_at"`
}

func toCommentResponse(m *models.GoalComment) CommentResponse {
	return CommentResponse{ID: m.ID, GoalID: m.GoalID, Author: CommentAuthor{ID: m.AuthorID, Name: m.AuthorName, Role: m.AuthorRole},
		Body: m.Body, CreatedAt: m.CreatedAt.UTC()}
}

// CommentRequest is the body of POST …/comments.
type CommentRequest struct {
	Body string `json:"body" openapi:"required"`
}

func commentList(rows []models.GoalComment) []CommentResponse {
	out := make([]CommentResponse, 0, len(rows))
	for i := range rows {
		out = append(out, toCommentResponse(&rows[i]))
	}
	return out
}

// ListGoalComments returns a goal's comments, oldest first.
func (h *Handlers) ListGoalComments(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rows, err := h.Store.ListComments(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, commentList(rows))
	return nil
}

// newComment validates a comment body and fills in its author from the caller.
func newComment(c *gin.Context, goalID int64) (*models.GoalComment, error) {
	var req CommentRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	ve := &models.ValidationError{}
	checkText(ve, "body", &req.Body, 1, 2000)
	if err := ve.Err(); err != nil {
		return nil, err
	}
	p := CurrentPrincipal(c)
	uid := p.UserID
	return &models.GoalComment{GoalID: goalID, AuthorID: &uid, AuthorName: p.Name, AuthorRole: p.Role, Body: req.Body}, nil
}

// AddGoalComment adds a staff comment to a goal.
func (h *Handlers) AddGoalComment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := newComment(c, id)
	if err != nil {
		return err
	}
	if err := h.Store.AddComment(c.Request.Context(), brandID(c), m); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, toCommentResponse(m))
	return nil
}
