package store

import (
	"context"

	"gorm.io/gorm"
)

// milestonesSyncedKey marks (in settings) that every buyer's milestones were
// brought in line with its collaborations once: milestones written before
// they were kept true on every write may sit on the first collaboration
// logged rather than the first that happened.
const milestonesSyncedKey = "milestones_synced_v1"

// resyncMilestonesOnce re-reads every buyer's milestones (with goals and
// health) from its collaborations, once per database, in short batches.
func (s *Store) resyncMilestonesOnce(ctx context.Context) error {
	var done string
	if err := s.read(ctx).Raw("SELECT COALESCE((SELECT value FROM settings WHERE key = ?), '')", milestonesSyncedKey).
		Row().Scan(&done); err != nil {
		return translate(err)
	}
	if done != "" {
		return nil
	}
	var brands []int64
	if err := s.read(ctx).Table("brands").Order("id").Pluck("id", &brands).Error; err != nil {
		return translate(err)
	}
	for _, id := range brands {
		if err := s.RecomputeBrandPartnerships(ctx, id); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO settings(key, value) VALUES (?, '1')
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, milestonesSyncedKey).Error
	})
}
