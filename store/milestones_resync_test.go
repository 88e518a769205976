package store

import (
	"context"
	"testing"
	"time"

	"huoban/db"
	"huoban/db/dbtest"
	"huoban/models"
)

// TestMilestonesResyncOnce: milestones written wrong before they were kept
// true (on the first collaboration logged, not the first that happened) are
// put right once by the daily maintenance, on both engines.
func TestMilestonesResyncOnce(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	s := New(d, func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	a := testBrand(t, s)
	b := testBuyer(t, s, a, "甲")
	var ids []int64
	for _, day := range []models.Date{"2026-10-01", "2026-06-01"} {
		c := models.Collaboration{BuyerID: b, Type: models.CollabNote, Title: "t", Status: models.CollabCompleted, StartOn: day}
		if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	first := func() (models.Date, int64) {
		var m models.Milestone
		if err := d.R.Where("buyer_id = ? AND code = 'first_collaboration'", b).Take(&m).Error; err != nil {
			t.Fatal(err)
		}
		return m.AchievedOn, *m.CollaborationID
	}
	if on, id := first(); on != "2026-06-01" || id != ids[1] {
		t.Fatalf("kept on write: %s %d", on, id)
	}
	// As an older version left it.
	if err := d.W.Exec("UPDATE milestones SET achieved_on = '2026-10-01', collaboration_id = ? WHERE code = 'first_collaboration'", ids[0]).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DailyMaintenance(ctx); err != nil {
		t.Fatal(err)
	}
	if on, id := first(); on != "2026-06-01" || id != ids[1] {
		t.Fatalf("after the resync: %s %d", on, id)
	}
	// Once only: a second run leaves what it finds.
	if err := d.W.Exec("UPDATE milestones SET note = 'x' WHERE code = 'first_collaboration'").Error; err != nil {
		t.Fatal(err)
	}
	if err := d.W.Exec("DELETE FROM settings WHERE key = ?", healthDayKey).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DailyMaintenance(ctx); err != nil {
		t.Fatal(err)
	}
	var note string
	d.R.Raw("SELECT note FROM milestones WHERE code = 'first_collaboration'").Scan(&note)
	if note != "x" {
		t.Fatalf("the resync ran twice: %q", note)
	}
}
