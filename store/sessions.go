package store

import (
	"gorm.io/gorm"

	"huoban/models"
)

// endSessions bumps the user's session version in tx: every access token
// issued before carries the old version and is refused on its next request,
// on every instance (api.authenticate compares them). Refresh tokens are
// revoked separately, by family or all of the user's.
func endSessions(tx *gorm.DB, userID int64) error {
	return tx.Model(&models.User{}).Where("id = ?", userID).
		Update("session_version", gorm.Expr("session_version + 1")).Error
}
