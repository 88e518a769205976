package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// DefaultSessionMinutes is the length assumed for a timed session without a
// duration, for overlaps and calendar feeds.
const DefaultSessionMinutes = 60

// MaxSessionMinutes is the longest session (a day).
const MaxSessionMinutes = 1440

// sessionEnd returns when a timed collaboration ends.
func sessionEnd(start time.Time, minutes *int) time.Time {
	d := DefaultSessionMinutes
	if minutes != nil {
		d = *minutes
	}
	return start.Add(time.Duration(d) * time.Minute)
}

// checkOverlap refuses a livestream whose time overlaps another planned or
// in-progress livestream of the same buyer, naming the other one; sessions
// that only touch (one ends as the other starts) do not overlap. It reads
// the buyer's timed sessions that start within a day before c ends, through
// collaborations_sessions.
func checkOverlap(tx *gorm.DB, brandID int64, c *models.Collaboration) error {
	if c.AllowOverlap || c.StartsAt == nil || c.Type != models.CollabLivestream ||
		(c.Status != models.CollabPlanned && c.Status != models.CollabInProgress) {
		return nil
	}
	start, end := *c.StartsAt, sessionEnd(*c.StartsAt, c.DurationMinutes)
	var others []struct {
		ID              int64
		Title           string
		StartsAt        time.Time
		DurationMinutes *int
	}
	err := tx.Raw(`SELECT id, title, starts_at, duration_minutes FROM collaborations
		WHERE buyer_id = ? AND starts_at IS NOT NULL AND starts_at > ? AND starts_at < ?
		AND brand_id = ? AND type = 'livestream' AND status IN ('planned','in_progress') AND id <> ?
		ORDER BY starts_at`,
		c.BuyerID, start.Add(-MaxSessionMinutes*time.Minute), end, brandID, c.ID).Scan(&others).Error
	if err != nil {
		return err
	}
	for _, o := range others {
		oStart := o.StartsAt.UTC()
		if oStart.Before(end) && start.Before(sessionEnd(oStart, o.DurationMinutes)) {
			return models.Errorf(models.ErrConflict, "overlaps livestream collaboration %d 「%s」 of the same buyer (starts %s); "+
				"send allow_overlap: true to keep both", o.ID, o.Title, oStart.Format(time.RFC3339))
		}
	}
	return nil
}

// CalendarQuery selects the calendar's window and filters.
type CalendarQuery struct {
	From, To models.Date // both inclusive, on start_on
	BuyerID  int64
	OwnerID  int64
	// UserID limits the items to one buyer user's partnerships (the portal);
	// BrandID is then ignored.
	UserID int64
}

// CalendarItem is one collaboration on the calendar.
type CalendarItem struct {
	CollaborationID int64
	BrandID         int64
	BuyerID         int64
	BuyerName       string
	Type            models.CollabType
	Title           string
	StartsAt        *time.Time
	StartOn         models.Date
	EndOn           models.Date
	DurationMinutes *int
	Status          models.CollabStatus
	Products        models.StringList
	UpdatedAt       time.Time
}

// maxCalendarItems bounds one calendar read.
const maxCalendarItems = 2000

// Calendar returns the brand's collaborations starting in the window (at
// most maxCalendarItems, the earliest days first), by time (untimed ones on
// their day first), read in order through the (brand, start_on, id) index
// or, with a buyer, the buyer's.
func (s *Store) Calendar(ctx context.Context, brandID int64, f CalendarQuery) ([]CalendarItem, error) {
	q := s.read(ctx).Table("collaborations AS c").
		Select(`c.id AS collaboration_id, c.brand_id, c.buyer_id, b.name AS buyer_name, c.type, c.title, c.starts_at, c.start_on,
			c.end_on, c.duration_minutes, c.status, c.products, c.updated_at`).
		Joins("JOIN buyers b ON b.id = c.buyer_id").
		Where("c.start_on >= ? AND c.start_on <= ?", string(f.From), string(f.To))
	if f.UserID != 0 {
		q = q.Where("c.buyer_id IN (SELECT buyer_id FROM buyer_links WHERE user_id = ?)", f.UserID).
			Where("c.status IN ('planned','in_progress')")
	} else {
		q = q.Where("c.brand_id = ?", brandID)
	}
	if f.BuyerID != 0 {
		q = q.Where("c.buyer_id = ?", f.BuyerID)
	}
	if f.OwnerID != 0 {
		q = q.Where("b.owner_id = ?", f.OwnerID)
	}
	// The index gives (start_on, id) order, so the read stops after the cap
	// without sorting the window; the times within a day are sorted here.
	var out []CalendarItem
	if err := q.Order("c.start_on").Order("c.id").Limit(maxCalendarItems).Scan(&out).Error; err != nil {
		return nil, translate(err)
	}
	for i := range out {
		if out[i].StartsAt != nil {
			t := out[i].StartsAt.UTC()
			out[i].StartsAt = &t
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.StartOn != b.StartOn {
			return a.StartOn < b.StartOn
		}
		if (a.StartsAt == nil) != (b.StartsAt == nil) {
			return a.StartsAt == nil // untimed first, as all-day items
		}
		if a.StartsAt != nil && !a.StartsAt.Equal(*b.StartsAt) {
			return a.StartsAt.Before(*b.StartsAt)
		}
		return a.CollaborationID < b.CollaborationID
	})
	return out, nil
}

// hashCalendarKey returns the stored form of a calendar feed key.
func hashCalendarKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// SetCalendarKey stores the hash of a new feed key for the user, replacing
// (and so revoking) the old one.
func (s *Store) SetCalendarKey(ctx context.Context, a Actor, key string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM calendar_keys WHERE user_id = ?", a.UserID).Error; err != nil {
			return err
		}
		if err := tx.Exec("INSERT INTO calendar_keys (user_id, brand_id, key_hash, created_at) VALUES (?, ?, ?, ?)",
			a.UserID, a.BrandID, hashCalendarKey(key), s.now()).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "calendar_key", a.UserID, map[string]Change{"revoked_previous": {To: true}})
	})
}

// CalendarKeyOwner returns the brand and user a feed key belongs to; a
// wrong or revoked key, or a user no longer on the brand's staff, is not found.
func (s *Store) CalendarKeyOwner(ctx context.Context, key string) (brandID, userID int64, err error) {
	var rows []struct{ BrandID, UserID int64 }
	err = s.read(ctx).Raw(`SELECT k.brand_id, k.user_id FROM calendar_keys k JOIN users u ON u.id = k.user_id
		WHERE k.key_hash = ? AND u.brand_id = k.brand_id AND u.role IN ('owner','manager','analyst')`,
		hashCalendarKey(key)).Scan(&rows).Error
	if err != nil {
		return 0, 0, translate(err)
	}
	if len(rows) == 0 {
		return 0, 0, models.ErrNotFound
	}
	return rows[0].BrandID, rows[0].UserID, nil
}
