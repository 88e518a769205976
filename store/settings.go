package store

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"huoban/models"
)

// Setting returns a stored setting, or create() stored under key when absent.
// Two servers starting at once agree on one value.
func (s *Store) Setting(ctx context.Context, key string, create func() string) (string, error) {
	var out string
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).
			Create(&models.Setting{Key: key, Value: create()}).Error; err != nil {
			return err
		}
		var st models.Setting
		if err := tx.Where("key = ?", key).Take(&st).Error; err != nil {
			return err
		}
		out = st.Value
		return nil
	})
	return out, err
}

// LookupSetting returns a stored setting and whether it exists.
func (s *Store) LookupSetting(ctx context.Context, key string) (string, bool, error) {
	var st models.Setting
	err := s.read(ctx).Where("key = ?", key).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, translate(err)
	}
	return st.Value, true, nil
}

// DeleteSetting removes a setting, if it is there.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Where("key = ?", key).Delete(&models.Setting{}).Error
	})
}
