package store

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// goalSums is the SQL aggregate of each computed metric over completed collaborations.
var goalSums = map[models.GoalMetric]string{
	models.MetricGMV:            "COALESCE(SUM(gmv_cents), 0)",
	models.MetricOrders:         "COALESCE(SUM(orders), 0)",
	models.MetricLivestreams:    "COALESCE(SUM(CASE WHEN type = 'livestream' THEN 1 ELSE 0 END), 0)",
	models.MetricNotes:          "COALESCE(SUM(CASE WHEN type = 'note' THEN 1 ELSE 0 END), 0)",
	models.MetricCollaborations: "COUNT(*)",
}

// goalCurrent computes a non-custom goal's progress from the buyer's completed
// collaborations whose start_on lies in the goal's period.
func goalCurrent(tx *gorm.DB, g *models.Goal) (int64, error) {
	expr, ok := goalSums[g.Metric]
	if !ok {
		return g.Current, nil
	}
	var v int64
	err := tx.Table("collaborations").Select(expr).
		Where("buyer_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?", g.BuyerID, g.PeriodStart, g.PeriodEnd).
		Row().Scan(&v)
	return v, err
}

// settleGoal recomputes progress and status of g (inside tx), saves them when
// they changed and records the goal_achieved milestone the first time a goal is reached.
func (s *Store) settleGoal(tx *gorm.DB, g *models.Goal, recompute bool) error {
	if recompute && g.Metric != models.MetricCustom {
		cur, err := goalCurrent(tx, g)
		if err != nil {
			return err
		}
		g.Current = cur
	}
	prev := g.Status
	g.Status = partnership.StoredStatus(g.Status, g.Current, g.Target)
	now := s.now()
	if g.Status == models.GoalAchieved && prev != models.GoalAchieved {
		g.AchievedAt = &now
		if err := s.reachMilestone(tx, g.BrandID, g.BuyerID, partnership.GoalAchieved, models.DateOf(now), nil, now); err != nil {
			return err
		}
	}
	if g.ID == 0 {
		return nil // a goal being created: CreateGoal records its events
	}
	if err := tx.Model(&models.Goal{}).Where("id = ?", g.ID).
		Updates(map[string]any{"current": g.Current, "status": g.Status, "achieved_at": g.AchievedAt}).Error; err != nil {
		return err
	}
	if g.Status == models.GoalAchieved && prev != models.GoalAchieved {
		return s.RecordEvent(tx, g.BrandID, "goal.achieved", g)
	}
	return nil
}

// GoalFields returns a goal's audited fields.
func GoalFields(g *models.Goal) map[string]any {
	return map[string]any{"buyer_id": g.BuyerID, "title": g.Title, "metric": g.Metric, "target": g.Target,
		"period_start": g.PeriodStart, "period_end": g.PeriodEnd, "current": g.Current, "status": g.Status,
		"shared_note": g.SharedNote}
}

// CreateGoal stores a goal with its progress computed from existing collaborations.
func (s *Store) CreateGoal(ctx context.Context, a Actor, g *models.Goal) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", g.BuyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.FieldError("buyer_id", models.UnknownRef("buyer"))
		}
		now := s.now()
		by := a.UserID
		g.ID, g.BrandID, g.CreatedBy, g.CreatedAt, g.UpdatedAt = 0, a.BrandID, &by, now, now
		if g.Status == "" {
			g.Status = models.GoalActive
		}
		if err := s.settleGoal(tx, g, true); err != nil {
			return err
		}
		if err := tx.Create(g).Error; err != nil {
			return err
		}
		if err := s.refreshHealth(tx, g.BuyerID); err != nil {
			return err
		}
		if err := s.RecordEvent(tx, a.BrandID, "goal.created", g); err != nil {
			return err
		}
		if g.Status == models.GoalAchieved {
			if err := s.RecordEvent(tx, a.BrandID, "goal.achieved", g); err != nil {
				return err
			}
		}
		if err := s.notifyGoalSet(tx, g); err != nil {
			return err
		}
		return audit(tx, a, "create", "goal", g.ID, created(GoalFields(g)))
	})
}

// GetGoal returns one of the brand's goals.
func (s *Store) GetGoal(ctx context.Context, brandID, id int64) (*models.Goal, error) {
	var g models.Goal
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&g).Error
	return &g, translate(err)
}

// UpdateGoal loads a goal, lets apply change it, recomputes its progress and
// saves it with the audited difference.
func (s *Store) UpdateGoal(ctx context.Context, a Actor, id int64, apply func(g *models.Goal) error) (*models.Goal, error) {
	var g models.Goal
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&g).Error; err != nil {
			return err
		}
		before := GoalFields(&g)
		if err := apply(&g); err != nil {
			return err
		}
		if err := s.settleGoal(tx, &g, true); err != nil {
			return err
		}
		changes := diff(before, GoalFields(&g))
		if len(changes) == 0 {
			return nil
		}
		g.UpdatedAt = s.now()
		if err := tx.Select("title", "metric", "target", "period_start", "period_end", "current", "status",
			"shared_note", "achieved_at", "updated_at").Updates(&g).Error; err != nil {
			return err
		}
		if err := s.refreshHealth(tx, g.BuyerID); err != nil {
			return err
		}
		if err := s.RecordEvent(tx, a.BrandID, "goal.updated", &g); err != nil {
			return err
		}
		return audit(tx, a, "update", "goal", g.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// DeleteGoal deletes a goal and its comments.
func (s *Store) DeleteGoal(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var g models.Goal
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&g).Error; err != nil {
			return err
		}
		if err := tx.Delete(&models.Goal{}, g.ID).Error; err != nil {
			return err
		}
		if err := s.refreshHealth(tx, g.BuyerID); err != nil {
			return err
		}
		return audit(tx, a, "delete", "goal", g.ID, diff(GoalFields(&g), map[string]any{}))
	})
}

// GoalQuery filters and pages the goals list (newest first).
type GoalQuery struct {
	BuyerID int64
	Status  models.GoalStatus
	Limit   int
	Cursor  string
	Total   bool
}

// ListGoals returns a page of the brand's goals, newest first.
func (s *Store) ListGoals(ctx context.Context, brandID int64, f GoalQuery) (*Page[models.Goal], error) {
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Scopes(brandScope(brandID))
		if f.BuyerID != 0 {
			q = q.Where("buyer_id = ?", f.BuyerID)
		}
		return goalStatusFilter(q, f.Status, s.Today())
	}
	cur, err := DecodeCursor(f.Cursor, "-id")
	if err != nil {
		return nil, err
	}
	q := filter(s.read(ctx).Model(&models.Goal{})).Order("id DESC")
	if cur != nil {
		q = q.Where("id < ?", cur.ID)
	}
	var rows []models.Goal
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *models.Goal) Cursor {
		return Cursor{Sort: "-id", ID: last.ID, Val: strPtr(strconv.FormatInt(last.ID, 10))}
	})
	if f.Total {
		var n int64
		if err := filter(s.read(ctx).Model(&models.Goal{})).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		page.Total = &n
	}
	return page, nil
}

func strPtr(s string) *string { return &s }

// goalStatusFilter filters by effective status: missed is an active goal past its period.
func goalStatusFilter(q *gorm.DB, st models.GoalStatus, today models.Date) *gorm.DB {
	switch st {
	case "":
		return q
	case models.GoalMissed:
		// period_end || '' keeps the planner off the (status, period_end)
		// range, which would sort every missed goal for one page: walking the
		// active goals in id order and skipping the current ones reads a page
		// in index order (goals_brand_status_id).
		return q.Where("status = ? AND period_end || '' < ?", models.GoalActive, today)
	case models.GoalActive:
		return q.Where("status = ? AND period_end >= ?", models.GoalActive, today)
	}
	return q.Where("status = ?", st)
}

// GoalsEndingSoon returns active goals whose period ends within days from today.
func (s *Store) GoalsEndingSoon(ctx context.Context, brandID int64, days, limit int) ([]models.Goal, error) {
	today := s.Today()
	var out []models.Goal
	err := s.read(ctx).Scopes(brandScope(brandID)).
		Where("status = ? AND period_end >= ? AND period_end <= ?", models.GoalActive, today, today.AddDays(days)).
		Order("period_end").Order("id").Limit(limit).Find(&out).Error
	return out, translate(err)
}

// ListComments returns a goal's comments, oldest first.
func (s *Store) ListComments(ctx context.Context, brandID, goalID int64) ([]models.GoalComment, error) {
	if _, err := s.GetGoal(ctx, brandID, goalID); err != nil {
		return nil, err
	}
	var out []models.GoalComment
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("goal_id = ?", goalID).Order("id").Find(&out).Error
	return out, translate(err)
}

// AddComment adds a comment to one of the brand's goals.
// A buyer's comment is a notification to the buyer's owner.
func (s *Store) AddComment(ctx context.Context, brandID int64, c *models.GoalComment) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var goals []models.Goal
		if err := tx.Scopes(brandScope(brandID)).Where("id = ?", c.GoalID).Limit(1).Find(&goals).Error; err != nil {
			return err
		}
		if len(goals) == 0 {
			return models.ErrNotFound
		}
		c.ID, c.BrandID, c.CreatedAt = 0, brandID, s.now()
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		if err := s.RecordEvent(tx, brandID, "comment.created", c); err != nil {
			return err
		}
		if c.AuthorRole != models.RoleBuyer {
			return nil
		}
		g := &goals[0]
		return s.notifyBuyerOwner(tx, brandID, g.BuyerID, "comment", func(buyer string) (string, string) {
			return buyer + " 评论了目标「" + g.Title + "」", buyer + " commented on the goal “" + g.Title + "”"
		}, c.Body)
	})
}
