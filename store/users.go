package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// NormalizeEmail trims and lower-cases an email; emails compare case-insensitively.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// NewUser holds what is needed to create a user.
type NewUser struct {
	Name, Email, PasswordHash string
	Role                      models.Role
}

// RegisterBrand creates a brand and its owner in one transaction.
func (s *Store) RegisterBrand(ctx context.Context, brandName string, u NewUser) (*models.User, error) {
	var out models.User
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		brand := models.Brand{Name: brandName, CreatedAt: now}
		if err := tx.Create(&brand).Error; err != nil {
			return err
		}
		out = models.User{BrandID: &brand.ID, Email: NormalizeEmail(u.Email), Name: u.Name,
			PasswordHash: u.PasswordHash, Role: models.RoleOwner, Locale: models.LocaleZH, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		return audit(tx, Actor{UserID: out.ID, BrandID: brand.ID}, "create", "team", out.ID,
			created(map[string]any{"email": out.Email, "name": out.Name, "role": out.Role}))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UserByEmail returns the user with that email (case-insensitive).
func (s *Store) UserByEmail(ctx context.Context, email string) (*models.User, error) {
	var u models.User
	err := s.read(ctx).Where("email = ?", NormalizeEmail(email)).Take(&u).Error
	return &u, translate(err)
}

// UserByID returns a user by id. Every authenticated request asks for its
// user (a removed member loses access at once), so on SQLite the answer is
// kept until the next committed write, like the response cache.
func (s *Store) UserByID(ctx context.Context, id int64) (*models.User, error) {
	gen, cacheable := s.Generation()
	if cacheable {
		if u, ok := s.users.get(id, gen); ok {
			return &u, nil
		}
	}
	var u models.User
	if err := s.read(ctx).Where("id = ?", id).Take(&u).Error; err != nil {
		return nil, translate(err)
	}
	if cacheable {
		s.users.put(id, gen, u)
	}
	return &u, nil
}

// userCache holds the users read since the last write.
type userCache struct {
	mu    sync.Mutex
	gen   int64
	users map[int64]models.User
}

// userCacheMax bounds the users kept between two writes.
const userCacheMax = 10000

func (c *userCache) get(id, gen int64) (models.User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	u, ok := c.users[id]
	return u, ok && c.gen == gen
}

func (c *userCache) put(id, gen int64, u models.User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.users == nil || len(c.users) >= userCacheMax {
		c.gen, c.users = gen, map[int64]models.User{}
	}
	c.users[id] = u
}

// Brand returns a brand by id.
func (s *Store) Brand(ctx context.Context, id int64) (*models.Brand, error) {
	var b models.Brand
	err := s.read(ctx).Where("id = ?", id).Take(&b).Error
	return &b, translate(err)
}

// UserUpdate is a partial update of the signed-in user; nil fields stay.
type UserUpdate struct {
	Name         *string
	Locale       *string
	PasswordHash *string
}

// UpdateUser applies u; a password change also revokes every refresh token
// of the user and ends their access tokens.
func (s *Store) UpdateUser(ctx context.Context, userID int64, u UserUpdate) (*models.User, error) {
	var out models.User
	err := s.write(ctx, func(tx *gorm.DB) error {
		cols := map[string]any{"updated_at": s.now()}
		if u.Name != nil {
			cols["name"] = *u.Name
		}
		if u.Locale != nil {
			cols["locale"] = *u.Locale
		}
		if u.PasswordHash != nil {
			cols["password_hash"] = *u.PasswordHash
			if err := revokeUserTokens(tx, userID, s.now()); err != nil {
				return err
			}
			if err := endSessions(tx, userID); err != nil {
				return err
			}
		}
		if err := tx.Model(&models.User{}).Where("id = ?", userID).Updates(cols).Error; err != nil {
			return err
		}
		return tx.Where("id = ?", userID).Take(&out).Error
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SaveRefreshToken stores a new refresh token hash in family.
func (s *Store) SaveRefreshToken(ctx context.Context, userID int64, family, hash string, ttl time.Duration) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		return tx.Create(&models.RefreshToken{UserID: userID, Family: family, TokenHash: hash,
			ExpiresAt: now.Add(ttl), CreatedAt: now}).Error
	})
}

// ErrTokenReused reports that a spent refresh token was presented again; its
// family has been revoked.
var ErrTokenReused = errors.New("refresh token reused")

// RotateRefreshToken spends the token with oldHash and stores newHash in the
// same family. A spent or revoked token revokes its whole family (committed)
// and returns ErrTokenReused; an unknown or expired one returns ErrUnauthorized.
func (s *Store) RotateRefreshToken(ctx context.Context, oldHash, newHash string, ttl time.Duration) (*models.User, error) {
	var (
		user   models.User
		reused bool
	)
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		var rt models.RefreshToken
		if err := forUpdate(tx).Where("token_hash = ?", oldHash).Take(&rt).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return models.ErrUnauthorized
			}
			return err
		}
		if rt.UsedAt != nil || rt.RevokedAt != nil {
			reused = true
			return tx.Model(&models.RefreshToken{}).Where("family = ? AND revoked_at IS NULL", rt.Family).
				Update("revoked_at", now).Error
		}
		if !now.Before(rt.ExpiresAt) {
			return models.ErrUnauthorized
		}
		if err := tx.Model(&models.RefreshToken{}).Where("id = ?", rt.ID).Update("used_at", now).Error; err != nil {
			return err
		}
		if err := tx.Where("id = ?", rt.UserID).Take(&user).Error; err != nil {
			return err
		}
		return tx.Create(&models.RefreshToken{UserID: rt.UserID, Family: rt.Family, TokenHash: newHash,
			ExpiresAt: now.Add(ttl), CreatedAt: now}).Error
	})
	if err != nil {
		return nil, err
	}
	if reused {
		return nil, ErrTokenReused
	}
	return &user, nil
}

// RevokeRefreshFamily revokes the family of the token with hash and ends the
// user's access tokens (signing out: the user's other devices refresh theirs
// with their own refresh tokens); unknown tokens are ignored.
func (s *Store) RevokeRefreshFamily(ctx context.Context, hash string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var rt models.RefreshToken
		if err := tx.Where("token_hash = ?", hash).Take(&rt).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return nil
			}
			return err
		}
		if err := endSessions(tx, rt.UserID); err != nil {
			return err
		}
		return tx.Model(&models.RefreshToken{}).Where("family = ? AND revoked_at IS NULL", rt.Family).
			Update("revoked_at", s.now()).Error
	})
}

func revokeUserTokens(tx *gorm.DB, userID int64, now time.Time) error {
	return tx.Model(&models.RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", now).Error
}
