package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// ListAPITokens returns the brand's API tokens, newest first.
func (s *Store) ListAPITokens(ctx context.Context, brandID int64) ([]models.APIToken, error) {
	var out []models.APIToken
	err := s.read(ctx).Scopes(brandScope(brandID)).Order("id DESC").Find(&out).Error
	return out, translate(err)
}

// CreateAPIToken stores a token by its hash.
func (s *Store) CreateAPIToken(ctx context.Context, a Actor, name, scope, prefix, hash string) (*models.APIToken, error) {
	t := models.APIToken{BrandID: a.BrandID, UserID: a.UserID, Name: name, Scope: scope, Prefix: prefix,
		TokenHash: hash, CreatedAt: s.now()}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "token", t.ID, created(map[string]any{"name": name, "scope": scope, "prefix": prefix}))
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteAPIToken revokes a token at once.
func (s *Store) DeleteAPIToken(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var t models.APIToken
		if err := tx.Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&t).Error; err != nil {
			return err
		}
		if err := tx.Delete(&models.APIToken{}, t.ID).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "token", t.ID, map[string]Change{"name": {From: t.Name}, "scope": {From: t.Scope}})
	})
}

// lastUsedGranularity limits last_used_at writes to one per token per minute.
const lastUsedGranularity = time.Minute

// APITokenUser resolves a token hash to the token and the user it acts as,
// and notes when it was last used.
func (s *Store) APITokenUser(ctx context.Context, hash string) (*models.APIToken, *models.User, error) {
	var t models.APIToken
	if err := s.read(ctx).Where("token_hash = ?", hash).Take(&t).Error; err != nil {
		return nil, nil, translate(err)
	}
	u, err := s.UserByID(ctx, t.UserID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= lastUsedGranularity {
		err := s.write(ctx, func(tx *gorm.DB) error {
			return tx.Model(&models.APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now).Error
		})
		if err != nil {
			return nil, nil, err
		}
		t.LastUsedAt = &now
	}
	return &t, u, nil
}
