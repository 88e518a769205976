package store

import (
	"time"

	"gorm.io/gorm"

	"huoban/models"
	"huoban/partnership"
)

// Milestone note codes for the automatic milestones kept in sync with the
// collaborations (NoteCode of models.Milestone).
const (
	// NoteSourceGone marks a collaboration milestone whose collaboration was
	// deleted or stopped counting while no other collaboration qualifies: a
	// milestone reached stays reached, on its date, without a collaboration.
	NoteSourceGone = "source_gone"
	noteSourceGone = "the collaboration that reached it was deleted or no longer counts, and no other qualifies; " +
		"the milestone stays reached on this date"
)

// touchedFrom says, per buyer, the earliest start_on among the completed
// collaborations a write changed (before or after the change); "" means the
// write changed no completed collaboration of that buyer. A buyer it does
// not name was touched in a way not known here, and is re-read in full.
type touchedFrom map[int64]models.Date

// touchedBy returns what moves touched, per buyer.
func touchedBy(moves []statsMove) touchedFrom {
	t := touchedFrom{}
	for _, m := range moves {
		for _, r := range []*statsRow{m.before, m.after} {
			if r == nil {
				continue
			}
			from, seen := t[r.buyerID]
			switch {
			case !r.completed:
				if !seen {
					t[r.buyerID] = ""
				}
			case from == "" || r.startOn < from:
				t[r.buyerID] = r.startOn
			}
		}
	}
	return t
}

// storedMilestone is an automatic collaboration milestone as stored.
type storedMilestone struct {
	ID              int64
	Code            string
	AchievedOn      models.Date
	CollaborationID *int64
	NoteCode        string
}

// syncMilestones keeps a buyer's automatic collaboration milestones true to
// its collaborations: each one reached sits on the collaboration that first
// reached it in start_on order. A back-filled or imported earlier
// collaboration moves it to that earlier date; deleting (or un-completing)
// the collaboration that earned it moves it to the next qualifying one, and
// when none qualifies it stays reached on its date with the note
// NoteSourceGone and no collaboration.
//
// When every code is reached and the write changed no completed
// collaboration dated on or before the latest of them, nothing can move:
// detection reads collaborations in date order, and only an earlier (or
// same-day) change can change which one reached a milestone first.
func (s *Store) syncMilestones(tx *gorm.DB, brandID, buyerID int64, now time.Time, from models.Date, known bool) error {
	codes := partnership.CollaborationCodes()
	var stored []storedMilestone
	if err := tx.Table("milestones").Select("id, code, achieved_on, collaboration_id, note_code").
		Where("buyer_id = ? AND source = ? AND code IN ?", buyerID, models.MilestoneAuto, codes).
		Scan(&stored).Error; err != nil {
		return err
	}
	if known && len(stored) == len(codes) {
		latest, orphan := models.Date(""), false
		for _, m := range stored {
			if m.AchievedOn > latest {
				latest = m.AchievedOn
			}
			orphan = orphan || m.CollaborationID == nil
		}
		if from == "" || (!orphan && from > latest) {
			return nil
		}
	}
	completed, err := completedCollabs(tx, buyerID)
	if err != nil {
		return err
	}
	have := make(map[string]storedMilestone, len(stored))
	for _, m := range stored {
		have[m.Code] = m
	}
	reached := map[string]bool{}
	for _, r := range partnership.DetectMilestones(completed) {
		reached[r.Code] = true
		cid := r.CollaborationID
		m, ok := have[r.Code]
		if !ok {
			if err := s.reachMilestone(tx, brandID, buyerID, r.Code, r.On, &cid, now); err != nil {
				return err
			}
			continue
		}
		if m.AchievedOn == r.On && m.CollaborationID != nil && *m.CollaborationID == cid && m.NoteCode == "" {
			continue
		}
		if err := tx.Exec("UPDATE milestones SET achieved_on = ?, collaboration_id = ?, note = '', note_code = '' WHERE id = ?",
			r.On, cid, m.ID).Error; err != nil {
			return err
		}
	}
	for _, m := range stored {
		if reached[m.Code] || m.NoteCode == NoteSourceGone {
			continue
		}
		if err := tx.Exec("UPDATE milestones SET collaboration_id = NULL, note = ?, note_code = ? WHERE id = ?",
			noteSourceGone, NoteSourceGone, m.ID).Error; err != nil {
			return err
		}
	}
	return nil
}
