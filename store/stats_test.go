package store

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"huoban/db"
	"huoban/models"
)

func TestStatsRollerAndClockGoingBack(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var now atomic.Int64
	day0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now.Store(day0.UnixNano())
	s := New(d, func() time.Time { return time.Unix(0, now.Load()) })
	ctx := context.Background()
	owner, err := s.RegisterBrand(ctx, "b", NewUser{Name: "o", Email: "o@example.com", PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	a := Actor{UserID: owner.ID, BrandID: *owner.BrandID}
	b := models.Buyer{Name: "甲", Stage: models.StageProspect, Status: models.BuyerActive}
	if err := s.CreateBuyer(ctx, a, &b); err != nil {
		t.Fatal(err)
	}
	c := models.Collaboration{BuyerID: b.ID, Type: models.CollabNote, Title: "t", Status: models.CollabCompleted,
		StartOn: "2026-08-26", Metrics: models.Metrics{GMVCents: 100}}
	if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
		t.Fatal(err)
	}
	gmv90 := func() int64 {
		var v int64
		if err := d.R.Raw("SELECT gmv_cents_90d FROM buyers WHERE id = ?", b.ID).Scan(&v).Error; err != nil {
			t.Fatal(err)
		}
		return v
	}
	if gmv90() != 100 {
		t.Fatalf("day 0: %d", gmv90())
	}
	// The daily maintenance, not a request, moves the window a day on.
	now.Store(day0.AddDate(0, 0, 1).UnixNano())
	if err := s.DailyMaintenance(ctx); err != nil {
		t.Fatal(err)
	}
	if gmv90() != 0 {
		t.Fatalf("the daily maintenance did not roll: %d", gmv90())
	}
	// The clock going back brings the day into the window again.
	now.Store(day0.UnixNano())
	if err := s.EnsureStatsWindow(ctx); err != nil {
		t.Fatal(err)
	}
	if gmv90() != 100 {
		t.Fatalf("clock back: %d", gmv90())
	}
}
