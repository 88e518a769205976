package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// PortalAccess is one buyer user's link to a brand's buyer record, as the
// brand sees it.
type PortalAccess struct {
	UserID    int64
	Name      string
	Email     string
	Since     time.Time
	Suspended bool // the buyer is archived: the link is kept but gives no access
}

// BuyerPortalAccess returns the buyer users linked to one of the brand's
// buyers (at most one today: a buyer record links to one account).
func (s *Store) BuyerPortalAccess(ctx context.Context, brandID, buyerID int64) ([]PortalAccess, error) {
	var b models.Buyer
	if err := s.read(ctx).Scopes(brandScope(brandID)).Select("id", "status").Where("id = ?", buyerID).Take(&b).Error; err != nil {
		return nil, translate(err)
	}
	var out []PortalAccess
	err := s.read(ctx).Table("buyer_links AS l").Select("l.user_id, u.name, u.email, l.since").
		Joins("JOIN users u ON u.id = l.user_id").
		Where("l.buyer_id = ? AND l.brand_id = ?", buyerID, brandID).Order("l.since").Scan(&out).Error
	for i := range out {
		out[i].Suspended = b.Status != models.BuyerActive
	}
	return out, translate(err)
}

// EndPortalAccess removes every buyer user's link to one of the brand's
// buyers. The portal reads the link on every request, so the buyer's access
// tokens stop reaching this brand at once; a buyer user left with no link
// at all also loses their refresh tokens. Links to other brands stay.
// Answers ErrNotFound when the buyer is not the brand's or has no link.
func (s *Store) EndPortalAccess(ctx context.Context, a Actor, buyerID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", buyerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		var links []models.BuyerLink
		if err := forUpdate(tx).Where("buyer_id = ? AND brand_id = ?", buyerID, a.BrandID).Find(&links).Error; err != nil {
			return err
		}
		if len(links) == 0 {
			return models.Errorf(models.ErrNotFound, "this buyer has no portal access to end")
		}
		now := s.now()
		for _, l := range links {
			if err := tx.Where("user_id = ? AND buyer_id = ?", l.UserID, l.BuyerID).Delete(&models.BuyerLink{}).Error; err != nil {
				return err
			}
			var left int64
			if err := tx.Model(&models.BuyerLink{}).Where("user_id = ?", l.UserID).Count(&left).Error; err != nil {
				return err
			}
			if left == 0 {
				if err := revokeUserTokens(tx, l.UserID, now); err != nil {
					return err
				}
			}
			if err := audit(tx, a, "delete", "buyer_link", buyerID, map[string]Change{"user_id": {From: l.UserID}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// openInviteLimit bounds a list of open invites (they expire after a week).
const openInviteLimit = 200

// OpenInvites returns the brand's unused, unexpired invites, newest first:
// those for one buyer when buyerID is set, else the staff invites.
func (s *Store) OpenInvites(ctx context.Context, brandID int64, buyerID *int64) ([]models.Invite, error) {
	q := s.read(ctx).Scopes(brandScope(brandID)).Where("used_at IS NULL AND expires_at > ?", s.now())
	if buyerID != nil {
		var n int64
		if err := s.read(ctx).Model(&models.Buyer{}).Scopes(brandScope(brandID)).Where("id = ?", *buyerID).Count(&n).Error; err != nil {
			return nil, translate(err)
		}
		if n == 0 {
			return nil, models.ErrNotFound
		}
		q = q.Where("buyer_id = ?", *buyerID)
	} else {
		q = q.Where("buyer_id IS NULL")
	}
	var out []models.Invite
	err := q.Order("id DESC").Limit(openInviteLimit).Find(&out).Error
	return out, translate(err)
}

// RevokeInvite deletes an open invite of the brand, so its code no longer
// works. Staff invites need an owner (canStaff); a spent or unknown invite
// is not found.
func (s *Store) RevokeInvite(ctx context.Context, a Actor, id int64, canStaff bool) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var inv models.Invite
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ? AND used_at IS NULL", id).Take(&inv).Error; err != nil {
			return err
		}
		if inv.Role != models.RoleBuyer && !canStaff {
			return models.Errorf(models.ErrForbidden, "only an owner may revoke a team invite")
		}
		if err := tx.Delete(&models.Invite{}, inv.ID).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "invite", inv.ID, map[string]Change{"role": {From: inv.Role}, "email": {From: inv.Email},
			"buyer_id": {From: inv.BuyerID}})
	})
}
