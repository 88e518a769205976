package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// PortalLink is one partnership a buyer user sees in the portal.
type PortalLink struct {
	BuyerID   int64
	BrandID   int64
	BrandName string
	Stage     models.Stage
	Since     time.Time
}

// The portal's reads are filtered here, in one place, so a read by id sees
// exactly what the lists show:
//   - linkScope: the buyer records linked to the buyer user whose buyer is
//     active (archiving a buyer suspends its link; restoring it brings the
//     link back; DELETE /buyers/{id}/portal-access removes the link). It is
//     read on every request, so a suspended or removed link stops the
//     buyer's access tokens for that brand at once.
//   - portalGoals and portalCollaborations: what the buyer may see of each
//     (cancelled ones are the brand's business, not the partnership's).

// activeLinks selects the buyer ids the user may see in the portal.
const activeLinks = "SELECT l.buyer_id FROM buyer_links l JOIN buyers lb ON lb.id = l.buyer_id " +
	"WHERE l.user_id = ? AND lb.status = 'active'"

// linkScope restricts a query on a brand-owned table to the buyer records
// linked to a buyer user and not suspended. It is the portal's tenant scope.
func linkScope(userID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Where("buyer_id IN ("+activeLinks+")", userID)
	}
}

// portalGoals is every goal the buyer user sees: of a live link, not cancelled.
func portalGoals(userID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Scopes(linkScope(userID)).Where("status <> ?", models.GoalCancelled)
	}
}

// portalCollaborations is every collaboration the buyer user sees: of a live
// link, not cancelled.
func portalCollaborations(userID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Scopes(linkScope(userID)).Where("status <> ?", models.CollabCancelled)
	}
}

// PortalLinks returns the partnerships of a buyer user, oldest first.
func (s *Store) PortalLinks(ctx context.Context, userID int64) ([]PortalLink, error) {
	var out []PortalLink
	err := s.read(ctx).Table("buyer_links AS l").
		Select("l.buyer_id, l.brand_id, br.name AS brand_name, b.stage, l.since").
		Joins("JOIN buyers b ON b.id = l.buyer_id").
		Joins("JOIN brands br ON br.id = l.brand_id").
		Where("l.user_id = ? AND b.status = ?", userID, models.BuyerActive).Order("l.since").Scan(&out).Error
	return out, translate(err)
}

// PortalLink returns one partnership of a buyer user; another buyer's is not found.
func (s *Store) PortalLink(ctx context.Context, userID, buyerID int64) (*PortalLink, error) {
	links, err := s.PortalLinks(ctx, userID)
	if err != nil {
		return nil, err
	}
	for i := range links {
		if links[i].BuyerID == buyerID {
			return &links[i], nil
		}
	}
	return nil, models.ErrNotFound
}

// LinkBuyerInvite spends a buyer invite for an already signed-in buyer user.
func (s *Store) LinkBuyerInvite(ctx context.Context, userID int64, codeHash string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		inv, err := takeInvite(tx, codeHash, now)
		if err != nil {
			return err
		}
		if inv.Role != models.RoleBuyer {
			return errInviteInvalid
		}
		if err := markInviteUsed(tx, inv, userID, now); err != nil {
			return err
		}
		return linkBuyer(tx, inv, userID, now)
	})
}

// PortalGoal returns a goal of one of the buyer user's partnerships.
func (s *Store) PortalGoal(ctx context.Context, userID, goalID int64) (*models.Goal, error) {
	var g models.Goal
	err := s.read(ctx).Scopes(portalGoals(userID)).Where("id = ?", goalID).Take(&g).Error
	return &g, translate(err)
}

// PortalGoals returns the goals of one partnership, newest first.
func (s *Store) PortalGoals(ctx context.Context, userID, buyerID int64) ([]models.Goal, error) {
	var out []models.Goal
	err := s.read(ctx).Scopes(portalGoals(userID)).Where("buyer_id = ?", buyerID).
		Order("period_end DESC").Order("id DESC").Find(&out).Error
	return out, translate(err)
}

// PortalMilestones returns the milestones of one partnership, newest first.
func (s *Store) PortalMilestones(ctx context.Context, userID, buyerID int64) ([]models.Milestone, error) {
	var out []models.Milestone
	err := s.read(ctx).Scopes(linkScope(userID)).Where("buyer_id = ?", buyerID).
		Order("achieved_on DESC").Order("id DESC").Find(&out).Error
	return out, translate(err)
}

// AcknowledgeGoal records that the buyer has seen and accepted a goal.
func (s *Store) AcknowledgeGoal(ctx context.Context, userID, goalID int64) (*models.Goal, error) {
	var g models.Goal
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(portalGoals(userID)).Where("id = ?", goalID).Take(&g).Error; err != nil {
			return err
		}
		if g.AcknowledgedAt != nil {
			return nil
		}
		now := s.now()
		g.AcknowledgedAt = &now
		if err := tx.Model(&models.Goal{}).Where("id = ?", g.ID).Update("acknowledged_at", now).Error; err != nil {
			return err
		}
		if err := s.RecordEvent(tx, g.BrandID, "goal.acknowledged", &g); err != nil {
			return err
		}
		if err := s.notifyBuyerOwner(tx, g.BrandID, g.BuyerID, "goal_acknowledged", func(buyer string) (string, string) {
			return buyer + " 确认了目标「" + g.Title + "」", buyer + " acknowledged the goal “" + g.Title + "”"
		}, ""); err != nil {
			return err
		}
		return audit(tx, Actor{UserID: userID, BrandID: g.BrandID}, "update", "goal", g.ID,
			map[string]Change{"acknowledged_at": {From: nil, To: now}})
	})
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// portalListLimit bounds each list on a portal partnership page.
const portalListLimit = 100

// PortalCollaborations returns a partnership's collaborations, newest first.
func (s *Store) PortalCollaborations(ctx context.Context, userID, buyerID int64) ([]models.Collaboration, error) {
	var out []models.Collaboration
	err := s.read(ctx).Scopes(portalCollaborations(userID)).Where("buyer_id = ?", buyerID).
		Order("start_on DESC").Order("id DESC").Limit(portalListLimit).Find(&out).Error
	return out, translate(err)
}

// PortalCapabilities returns a partnership's capability snapshots, newest first.
func (s *Store) PortalCapabilities(ctx context.Context, userID, buyerID int64) ([]models.CapabilitySnapshot, error) {
	var out []models.CapabilitySnapshot
	err := s.read(ctx).Scopes(linkScope(userID)).Where("buyer_id = ?", buyerID).
		Order("recorded_on DESC").Order("id DESC").Limit(portalListLimit).Find(&out).Error
	return out, translate(err)
}
