package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// ListTeam returns the brand's staff, oldest first.
func (s *Store) ListTeam(ctx context.Context, brandID int64) ([]models.User, error) {
	var out []models.User
	err := s.read(ctx).Scopes(brandScope(brandID)).Order("id").Find(&out).Error
	return out, translate(err)
}

// InviteTTL is how long an invite code stays valid.
const InviteTTL = 7 * 24 * time.Hour

// CreateInvite stores an invite (by the hash of its code) and returns it.
func (s *Store) CreateInvite(ctx context.Context, a Actor, role models.Role, email string, buyerID *int64, codeHash string) (*models.Invite, error) {
	now := s.now()
	inv := models.Invite{BrandID: a.BrandID, CodeHash: codeHash, Role: role, Email: NormalizeEmail(email),
		BuyerID: buyerID, CreatedBy: a.UserID, ExpiresAt: now.Add(InviteTTL), CreatedAt: now}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if buyerID != nil {
			var n int64
			if err := tx.Model(&models.Buyer{}).Scopes(brandScope(a.BrandID)).Where("id = ?", *buyerID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return models.ErrNotFound
			}
			if err := tx.Model(&models.BuyerLink{}).Where("buyer_id = ?", *buyerID).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return models.Errorf(models.ErrConflict, "this buyer already has a portal account")
			}
		}
		if err := tx.Create(&inv).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "invite", inv.ID, created(map[string]any{"role": role, "email": inv.Email, "buyer_id": buyerID}))
	})
	if err != nil {
		return nil, err
	}
	return &inv, nil
}

// errInviteInvalid is the one answer for unknown, spent and expired codes.
var errInviteInvalid = func() error {
	ve := models.FieldError("code", models.Custom("invite_invalid", nil, "is invalid, used or expired"))
	ve.Message = "the invite code is invalid or has expired"
	return ve
}()

// takeInvite loads a usable invite by code hash inside tx and marks it used by userID.
func takeInvite(tx *gorm.DB, codeHash string, now time.Time) (*models.Invite, error) {
	var inv models.Invite
	if err := forUpdate(tx).Where("code_hash = ?", codeHash).Take(&inv).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, errInviteInvalid
		}
		return nil, err
	}
	if inv.UsedAt != nil || !now.Before(inv.ExpiresAt) {
		return nil, errInviteInvalid
	}
	return &inv, nil
}

func markInviteUsed(tx *gorm.DB, inv *models.Invite, userID int64, now time.Time) error {
	res := tx.Model(&models.Invite{}).Where("id = ? AND used_at IS NULL", inv.ID).
		Updates(map[string]any{"used_at": now, "used_by": userID})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return errInviteInvalid
	}
	return nil
}

// AcceptInvite spends the invite with codeHash and creates the user it invites:
// staff with the invite's role, or a buyer user linked to the invite's buyer.
func (s *Store) AcceptInvite(ctx context.Context, codeHash string, u NewUser) (*models.User, error) {
	var out models.User
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		inv, err := takeInvite(tx, codeHash, now)
		if err != nil {
			return err
		}
		if inv.Email != "" && inv.Email != NormalizeEmail(u.Email) {
			ve := models.FieldError("email", models.Custom("invite_email_mismatch", nil, "does not match the invited email"))
			ve.Message = "this invite was made for another email address"
			return ve
		}
		out = models.User{Email: NormalizeEmail(u.Email), Name: u.Name, PasswordHash: u.PasswordHash,
			Role: inv.Role, Locale: models.LocaleZH, CreatedAt: now, UpdatedAt: now}
		if inv.Role != models.RoleBuyer {
			out.BrandID = &inv.BrandID
		}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		if err := markInviteUsed(tx, inv, out.ID, now); err != nil {
			return err
		}
		if inv.Role == models.RoleBuyer {
			return linkBuyer(tx, inv, out.ID, now)
		}
		return audit(tx, Actor{UserID: out.ID, BrandID: inv.BrandID}, "create", "team", out.ID,
			created(map[string]any{"email": out.Email, "name": out.Name, "role": out.Role}))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// linkBuyer links a buyer user to the buyer record a buyer invite names.
// A buyer record can be linked to one account only.
func linkBuyer(tx *gorm.DB, inv *models.Invite, userID int64, now time.Time) error {
	if inv.BuyerID == nil {
		return errInviteInvalid
	}
	link := models.BuyerLink{UserID: userID, BuyerID: *inv.BuyerID, BrandID: inv.BrandID, Since: now}
	if err := tx.Create(&link).Error; err != nil {
		if IsConflict(err) {
			return models.Errorf(models.ErrConflict, "this buyer is already linked to a portal account")
		}
		return err
	}
	return audit(tx, Actor{UserID: userID, BrandID: inv.BrandID}, "create", "buyer_link", *inv.BuyerID,
		created(map[string]any{"user_id": userID}))
}

// ChangeRole sets a staff member's role; the last owner cannot be demoted.
// The member's tokens stay: every request reads the role from the user row
// (api.authenticate), so the new role applies to their next request on any
// instance.
func (s *Store) ChangeRole(ctx context.Context, a Actor, userID int64, role models.Role) (*models.User, error) {
	var out models.User
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Scopes(brandScope(a.BrandID)).Where("id = ?", userID).Take(&out).Error; err != nil {
			return err
		}
		if out.Role == role {
			return nil
		}
		if out.Role == models.RoleOwner {
			if err := ensureAnotherOwner(tx, a.BrandID, userID); err != nil {
				return err
			}
		}
		old := out.Role
		out.Role = role
		out.UpdatedAt = s.now()
		if err := tx.Model(&models.User{}).Where("id = ?", userID).
			Updates(map[string]any{"role": role, "updated_at": out.UpdatedAt}).Error; err != nil {
			return err
		}
		return audit(tx, a, "update", "team", userID, map[string]Change{"role": {From: old, To: role}})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RemoveMember deletes a staff member and their sessions; the last owner stays.
func (s *Store) RemoveMember(ctx context.Context, a Actor, userID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var u models.User
		if err := tx.Scopes(brandScope(a.BrandID)).Where("id = ?", userID).Take(&u).Error; err != nil {
			return err
		}
		if u.Role == models.RoleOwner {
			if err := ensureAnotherOwner(tx, a.BrandID, userID); err != nil {
				return err
			}
		}
		if err := tx.Where("id = ?", userID).Delete(&models.User{}).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "team", userID, map[string]Change{
			"email": {From: u.Email}, "name": {From: u.Name}, "role": {From: u.Role}})
	})
}

// ensureAnotherOwner fails unless the brand has an owner besides
// exceptUserID. It locks every owner row (in id order), so two transactions
// demoting two owners cannot both see the other one still there.
func ensureAnotherOwner(tx *gorm.DB, brandID, exceptUserID int64) error {
	var owners []int64
	if err := forUpdate(tx.Model(&models.User{})).Scopes(brandScope(brandID)).
		Where("role = ?", models.RoleOwner).Order("id").Pluck("id", &owners).Error; err != nil {
		return err
	}
	n := 0
	for _, id := range owners {
		if id != exceptUserID {
			n++
		}
	}
	if n == 0 {
		return models.Errorf(models.ErrConflict, "the last owner of a brand cannot be removed or demoted")
	}
	return nil
}
