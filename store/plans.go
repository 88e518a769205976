package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// PlanRecord is a plan with its commitments and linked goals.
type PlanRecord struct {
	models.Plan
	Commitments []models.Commitment
	GoalIDs     []int64
}

// CommitmentInput is one commitment as a client writes it; ID 0 is a new one.
type CommitmentInput struct {
	ID          int64
	Side        models.Side
	Kind        string
	Description string
	DueOn       models.Date // empty: the plan's last day
}

// PlanChange is what a PATCH of a plan changes; nil fields are left alone.
type PlanChange struct {
	Title       *string
	PeriodStart *models.Date
	PeriodEnd   *models.Date
	GoalIDs     *[]int64
	// Commitments, when set, is the plan's whole set of commitments: those
	// with an id are changed, those without are added, the rest removed.
	Commitments *[]CommitmentInput
}

// PlanFields returns a plan's audited fields.
func PlanFields(p *models.Plan) map[string]any {
	return map[string]any{"buyer_id": p.BuyerID, "title": p.Title, "period_start": p.PeriodStart,
		"period_end": p.PeriodEnd, "status": p.Status, "brand_agreed_at": p.BrandAgreedAt, "buyer_agreed_at": p.BuyerAgreedAt}
}

// CommitmentFields returns a commitment's audited fields.
func CommitmentFields(c *models.Commitment) map[string]any {
	return map[string]any{"plan_id": c.PlanID, "side": c.Side, "kind": c.Kind, "description": c.Description,
		"due_on": c.DueOn, "status": c.Status, "settled_on": c.SettledOn, "settled_by": c.SettledBy, "note": c.Note}
}

// planParts loads the commitments and goal links of plans.
func planParts(q *gorm.DB, plans []models.Plan) ([]PlanRecord, error) {
	out := make([]PlanRecord, len(plans))
	if len(plans) == 0 {
		return out, nil
	}
	ids := make([]int64, len(plans))
	at := map[int64]int{}
	for i := range plans {
		ids[i], at[plans[i].ID] = plans[i].ID, i
		out[i] = PlanRecord{Plan: plans[i], Commitments: []models.Commitment{}, GoalIDs: []int64{}}
	}
	var cs []models.Commitment
	if err := q.Where("plan_id IN ?", ids).Order("due_on").Order("id").Find(&cs).Error; err != nil {
		return nil, err
	}
	for _, c := range cs {
		r := &out[at[c.PlanID]]
		r.Commitments = append(r.Commitments, c)
	}
	var links []models.PlanGoal
	if err := q.Where("plan_id IN ?", ids).Order("goal_id").Find(&links).Error; err != nil {
		return nil, err
	}
	for _, l := range links {
		r := &out[at[l.PlanID]]
		r.GoalIDs = append(r.GoalIDs, l.GoalID)
	}
	return out, nil
}

func onePlan(q *gorm.DB, p *models.Plan) (*PlanRecord, error) {
	rs, err := planParts(q, []models.Plan{*p})
	if err != nil {
		return nil, err
	}
	return &rs[0], nil
}

// GetPlan returns one of the brand's plans.
func (s *Store) GetPlan(ctx context.Context, brandID, id int64) (*PlanRecord, error) {
	var p models.Plan
	q := s.read(ctx)
	if err := q.Scopes(brandScope(brandID)).Where("id = ?", id).Take(&p).Error; err != nil {
		return nil, translate(err)
	}
	r, err := onePlan(q, &p)
	return r, translate(err)
}

// PlanQuery filters and pages the plans list (newest first).
type PlanQuery struct {
	BuyerID int64
	Status  models.PlanStatus
	Limit   int
	Cursor  string
	Total   bool
}

// ListPlans returns a page of the brand's plans, newest first.
func (s *Store) ListPlans(ctx context.Context, brandID int64, f PlanQuery) (*Page[PlanRecord], error) {
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Scopes(brandScope(brandID))
		if f.BuyerID != 0 {
			q = q.Where("buyer_id = ?", f.BuyerID)
		}
		if f.Status != "" {
			q = q.Where("status = ?", f.Status)
		}
		return q
	}
	cur, err := DecodeCursor(f.Cursor, "-id")
	if err != nil {
		return nil, err
	}
	q := filter(s.read(ctx).Model(&models.Plan{})).Order("id DESC")
	if cur != nil {
		q = q.Where("id < ?", cur.ID)
	}
	var rows []models.Plan
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	page := pageOf(rows, f.Limit, func(last *models.Plan) Cursor {
		return Cursor{Sort: "-id", ID: last.ID, Val: strPtr(strconv.FormatInt(last.ID, 10))}
	})
	recs, err := planParts(s.read(ctx), page.Items)
	if err != nil {
		return nil, translate(err)
	}
	out := &Page[PlanRecord]{Items: recs, NextCursor: page.NextCursor}
	if f.Total {
		var n int64
		if err := filter(s.read(ctx).Model(&models.Plan{})).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		out.Total = &n
	}
	return out, nil
}

// checkGoals verifies that every goal id is a goal of the plan's buyer.
func checkGoals(tx *gorm.DB, brandID, buyerID int64, ids []int64) error {
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return nil
	}
	var n int64
	if err := tx.Model(&models.Goal{}).Scopes(brandScope(brandID)).Where("buyer_id = ? AND id IN ?", buyerID, ids).
		Count(&n).Error; err != nil {
		return err
	}
	if int(n) != len(ids) {
		return &models.ValidationError{Fields: map[string]string{"goal_ids": "must be shared goals of this plan's buyer"}}
	}
	return nil
}

func writeGoalLinks(tx *gorm.DB, planID int64, ids []int64) error {
	if err := tx.Where("plan_id = ?", planID).Delete(&models.PlanGoal{}).Error; err != nil {
		return err
	}
	for _, id := range uniqueIDs(ids) {
		if err := tx.Create(&models.PlanGoal{PlanID: planID, GoalID: id}).Error; err != nil {
			return err
		}
	}
	return nil
}

// dueOutside is the problem of a due day outside the plan's period.
func dueOutside(p *models.Plan) string {
	return fmt.Sprintf("must be within the plan's period, %s to %s", p.PeriodStart, p.PeriodEnd)
}

// CreatePlan stores a draft plan with its commitments and goal links.
func (s *Store) CreatePlan(ctx context.Context, a Actor, p *models.Plan, cs []CommitmentInput, goalIDs []int64) (*PlanRecord, error) {
	var rec *PlanRecord
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", p.BuyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return &models.ValidationError{Fields: map[string]string{"buyer_id": "no such buyer in this brand"}}
		}
		if err := checkGoals(tx, a.BrandID, p.BuyerID, goalIDs); err != nil {
			return err
		}
		ve := &models.ValidationError{}
		for i, c := range cs {
			if c.DueOn != "" && (c.DueOn < p.PeriodStart || c.DueOn > p.PeriodEnd) {
				ve.Add(fmt.Sprintf("commitments[%d].due_on", i), dueOutside(p))
			}
		}
		if err := ve.Err(); err != nil {
			return err
		}
		now := s.now()
		by := a.UserID
		p.ID, p.BrandID, p.Status, p.CreatedBy, p.CreatedAt, p.UpdatedAt = 0, a.BrandID, models.PlanDraft, &by, now, now
		p.BrandAgreedAt, p.BuyerAgreedAt = nil, nil
		if err := tx.Create(p).Error; err != nil {
			return err
		}
		for _, in := range cs {
			if _, err := s.insertCommitment(tx, a, p, in, now); err != nil {
				return err
			}
		}
		if err := writeGoalLinks(tx, p.ID, goalIDs); err != nil {
			return err
		}
		fields := PlanFields(p)
		fields["goal_ids"] = uniqueIDs(goalIDs)
		if err := audit(tx, a, "create", "plan", p.ID, created(fields)); err != nil {
			return err
		}
		var err error
		rec, err = onePlan(tx, p)
		return err
	})
	return rec, err
}

func (s *Store) insertCommitment(tx *gorm.DB, a Actor, p *models.Plan, in CommitmentInput, now time.Time) (*models.Commitment, error) {
	due := in.DueOn
	if due == "" {
		due = p.PeriodEnd
	}
	c := &models.Commitment{BrandID: p.BrandID, BuyerID: p.BuyerID, PlanID: p.ID, Side: in.Side, Kind: in.Kind,
		Description: in.Description, DueOn: due, Status: models.CommitmentOpen, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(c).Error; err != nil {
		return nil, err
	}
	return c, audit(tx, a, "create", "commitment", c.ID, created(CommitmentFields(c)))
}

// lockPlan loads one of the brand's plans for a write.
func lockPlan(tx *gorm.DB, brandID, id int64) (*models.Plan, error) {
	var p models.Plan
	if err := forUpdate(tx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&p).Error; err != nil {
		return nil, err
	}
	return &p, nil
}

// planEnded refuses a change to a closed or withdrawn plan.
func planEnded(p *models.Plan) error {
	if p.Status == models.PlanClosed || p.Status == models.PlanWithdrawn {
		return models.Errorf(models.ErrConflict, "this plan is %s; it can no longer change", p.Status)
	}
	return nil
}

// reopenAgreed sends an agreed plan whose commitments changed back to
// proposed and clears both agreements: both sides agree to the plan as it is.
func reopenAgreed(p *models.Plan) {
	if p.Status == models.PlanAgreed || p.BrandAgreedAt != nil || p.BuyerAgreedAt != nil {
		if p.Status == models.PlanAgreed {
			p.Status = models.PlanProposed
		}
		p.BrandAgreedAt, p.BuyerAgreedAt = nil, nil
	}
}

// savePlan writes a plan's row and its audited difference.
func (s *Store) savePlan(tx *gorm.DB, a Actor, p *models.Plan, before map[string]any, extra map[string]Change) error {
	changes := diff(before, PlanFields(p))
	for k, v := range extra {
		changes[k] = v
	}
	if len(changes) == 0 {
		return nil
	}
	p.UpdatedAt = s.now()
	if err := tx.Model(&models.Plan{}).Where("id = ?", p.ID).Updates(map[string]any{"title": p.Title,
		"period_start": p.PeriodStart, "period_end": p.PeriodEnd, "status": p.Status, "brand_agreed_at": p.BrandAgreedAt,
		"buyer_agreed_at": p.BuyerAgreedAt, "updated_at": p.UpdatedAt}).Error; err != nil {
		return err
	}
	return audit(tx, a, "update", "plan", p.ID, changes)
}

// UpdatePlan changes a draft, proposed or agreed plan. A change to an agreed
// plan's commitments or period sends it back to proposed and clears both agreements.
func (s *Store) UpdatePlan(ctx context.Context, a Actor, id int64, ch PlanChange) (*PlanRecord, error) {
	var rec *PlanRecord
	err := s.write(ctx, func(tx *gorm.DB) error {
		p, err := lockPlan(tx, a.BrandID, id)
		if err != nil {
			return err
		}
		if err := planEnded(p); err != nil {
			return err
		}
		before := PlanFields(p)
		extra := map[string]Change{}
		if ch.Title != nil {
			p.Title = *ch.Title
		}
		if ch.PeriodStart != nil {
			p.PeriodStart = *ch.PeriodStart
		}
		if ch.PeriodEnd != nil {
			p.PeriodEnd = *ch.PeriodEnd
		}
		if p.PeriodEnd < p.PeriodStart {
			return &models.ValidationError{Fields: map[string]string{"period_end": "must be on or after period_start"}}
		}
		dealChanged := p.PeriodStart != before["period_start"] || p.PeriodEnd != before["period_end"]
		if ch.GoalIDs != nil {
			if err := checkGoals(tx, a.BrandID, p.BuyerID, *ch.GoalIDs); err != nil {
				return err
			}
			var old []int64
			if err := tx.Model(&models.PlanGoal{}).Where("plan_id = ?", p.ID).Order("goal_id").Pluck("goal_id", &old).Error; err != nil {
				return err
			}
			if err := writeGoalLinks(tx, p.ID, *ch.GoalIDs); err != nil {
				return err
			}
			extra["goal_ids"] = Change{From: old, To: uniqueIDs(*ch.GoalIDs)}
		}
		if ch.Commitments != nil {
			changed, err := s.replaceCommitments(tx, a, p, *ch.Commitments)
			if err != nil {
				return err
			}
			dealChanged = dealChanged || changed
		}
		var existing []models.Commitment
		if err := tx.Where("plan_id = ?", p.ID).Find(&existing).Error; err != nil {
			return err
		}
		for _, c := range existing {
			if c.DueOn < p.PeriodStart || c.DueOn > p.PeriodEnd {
				field := "period_end"
				if c.DueOn < p.PeriodStart {
					field = "period_start"
				}
				return &models.ValidationError{Fields: map[string]string{field: "a commitment is due on " + string(c.DueOn) + ", outside this period"}}
			}
		}
		if dealChanged {
			reopenAgreed(p)
		}
		if err := s.savePlan(tx, a, p, before, extra); err != nil {
			return err
		}
		rec, err = onePlan(tx, p)
		return err
	})
	return rec, err
}

// replaceCommitments makes the plan's commitments the given set and reports
// whether anything changed. Settled commitments can be neither changed nor removed.
func (s *Store) replaceCommitments(tx *gorm.DB, a Actor, p *models.Plan, in []CommitmentInput) (bool, error) {
	var cur []models.Commitment
	if err := tx.Where("plan_id = ?", p.ID).Find(&cur).Error; err != nil {
		return false, err
	}
	byID := map[int64]*models.Commitment{}
	for i := range cur {
		byID[cur[i].ID] = &cur[i]
	}
	ve := &models.ValidationError{}
	kept := map[int64]bool{}
	for i, c := range in {
		f := fmt.Sprintf("commitments[%d]", i)
		if c.DueOn != "" && (c.DueOn < p.PeriodStart || c.DueOn > p.PeriodEnd) {
			ve.Add(f+".due_on", dueOutside(p))
		}
		if c.ID == 0 {
			continue
		}
		old, ok := byID[c.ID]
		switch {
		case !ok:
			ve.Add(f+".id", "no such commitment in this plan")
		case kept[c.ID]:
			ve.Add(f+".id", "is listed twice")
		case old.Status != models.CommitmentOpen && (old.Side != c.Side || old.Kind != c.Kind ||
			old.Description != c.Description || (c.DueOn != "" && c.DueOn != old.DueOn)):
			ve.Add(f, "is settled; set it back to open before changing it")
		}
		kept[c.ID] = true
	}
	for _, old := range cur {
		if !kept[old.ID] && old.Status != models.CommitmentOpen {
			ve.Add("commitments", "a settled commitment cannot be removed")
		}
	}
	if err := ve.Err(); err != nil {
		return false, err
	}
	changed := false
	now := s.now()
	for _, old := range cur {
		if kept[old.ID] {
			continue
		}
		if err := tx.Delete(&models.Commitment{}, old.ID).Error; err != nil {
			return false, err
		}
		if err := audit(tx, a, "delete", "commitment", old.ID, deleted(CommitmentFields(&old))); err != nil {
			return false, err
		}
		changed = true
	}
	for _, c := range in {
		if c.ID == 0 {
			if _, err := s.insertCommitment(tx, a, p, c, now); err != nil {
				return false, err
			}
			changed = true
			continue
		}
		old := byID[c.ID]
		before := CommitmentFields(old)
		old.Side, old.Kind, old.Description = c.Side, c.Kind, c.Description
		if c.DueOn != "" {
			old.DueOn = c.DueOn
		}
		d := diff(before, CommitmentFields(old))
		if len(d) == 0 {
			continue
		}
		old.UpdatedAt = now
		if err := tx.Model(&models.Commitment{}).Where("id = ?", old.ID).Updates(map[string]any{"side": old.Side,
			"kind": old.Kind, "description": old.Description, "due_on": old.DueOn, "updated_at": now}).Error; err != nil {
			return false, err
		}
		if err := audit(tx, a, "update", "commitment", old.ID, d); err != nil {
			return false, err
		}
		changed = true
	}
	return changed, nil
}

// AddCommitment adds one commitment to a plan; on an agreed plan that sends
// it back to proposed and clears both agreements.
func (s *Store) AddCommitment(ctx context.Context, a Actor, planID int64, in CommitmentInput) (*models.Commitment, error) {
	var c *models.Commitment
	err := s.write(ctx, func(tx *gorm.DB) error {
		p, err := lockPlan(tx, a.BrandID, planID)
		if err != nil {
			return err
		}
		if err := planEnded(p); err != nil {
			return err
		}
		if in.DueOn != "" && (in.DueOn < p.PeriodStart || in.DueOn > p.PeriodEnd) {
			return &models.ValidationError{Fields: map[string]string{"due_on": dueOutside(p)}}
		}
		before := PlanFields(p)
		if c, err = s.insertCommitment(tx, a, p, in, s.now()); err != nil {
			return err
		}
		reopenAgreed(p)
		return s.savePlan(tx, a, p, before, nil)
	})
	return c, err
}

// PlanCommitment returns one of the brand's commitments.
func (s *Store) PlanCommitment(ctx context.Context, brandID, id int64) (*models.Commitment, error) {
	var c models.Commitment
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&c).Error
	return &c, translate(err)
}

// ListPlanComments returns a plan's comments, oldest first.
func (s *Store) ListPlanComments(ctx context.Context, brandID, planID int64) ([]models.PlanComment, error) {
	var n int64
	if err := s.read(ctx).Model(&models.Plan{}).Scopes(brandScope(brandID)).Where("id = ?", planID).Count(&n).Error; err != nil {
		return nil, translate(err)
	}
	if n == 0 {
		return nil, models.ErrNotFound
	}
	var out []models.PlanComment
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("plan_id = ?", planID).Order("id").Find(&out).Error
	return out, translate(err)
}

// AddPlanComment adds a comment to one of the brand's plans.
func (s *Store) AddPlanComment(ctx context.Context, brandID int64, c *models.PlanComment) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Plan{}).Scopes(brandScope(brandID)).Where("id = ?", c.PlanID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		c.ID, c.BrandID, c.CreatedAt = 0, brandID, s.now()
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		return audit(tx, Actor{UserID: derefID(c.AuthorID), BrandID: brandID}, "create", "plan_comment", c.ID,
			created(map[string]any{"plan_id": c.PlanID, "body": c.Body}))
	})
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
