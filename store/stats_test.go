package store

import (
	"context"
	"math/rand/v2"
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
	a := testBrand(t, s)
	b := models.Buyer{ID: testBuyer(t, s, a, "甲")}
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

// TestStatsMovesMatchRecompute drives random creates, changes (of status,
// day, GMV and buyer) and deletes through the store and checks after each
// that the stats moved by each write equal the stats recomputed from scratch.
func TestStatsMovesMatchRecompute(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	today := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	s := New(d, func() time.Time { return today })
	ctx := context.Background()
	a := testBrand(t, s)
	var buyers []int64
	for _, name := range []string{"甲", "乙", "丙"} {
		buyers = append(buyers, testBuyer(t, s, a, name))
	}
	// Days on both sides of each window edge, and today.
	days := []models.Date{"2026-08-25", "2026-08-26", "2026-08-27", "2026-11-22", "2026-11-23", "2026-11-24"}
	statuses := []models.CollabStatus{models.CollabCompleted, models.CollabCompleted, models.CollabPlanned, models.CollabCancelled}
	rng := rand.New(rand.NewPCG(6, 6))
	pick := func(c *models.Collaboration) {
		c.BuyerID = buyers[rng.IntN(len(buyers))]
		c.Status = statuses[rng.IntN(len(statuses))]
		c.StartOn = days[rng.IntN(len(days))]
		c.Metrics.GMVCents = rng.Int64N(100000)
	}
	type stats struct {
		N, Total, D90 int64
		Last          *string
	}
	read := func() map[int64]stats {
		out := map[int64]stats{}
		rows, err := d.W.Raw("SELECT id, stat_collaborations, gmv_cents_total, gmv_cents_90d, last_collaboration_on FROM buyers").Rows()
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var st stats
			if err := rows.Scan(&id, &st.N, &st.Total, &st.D90, &st.Last); err != nil {
				t.Fatal(err)
			}
			out[id] = st
		}
		return out
	}
	var live []int64
	for step := range 300 {
		switch op := rng.IntN(10); {
		case op < 5 || len(live) == 0:
			c := models.Collaboration{Type: models.CollabNote, Title: "t"}
			pick(&c)
			if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
				t.Fatal(err)
			}
			live = append(live, c.ID)
		case op < 8:
			id := live[rng.IntN(len(live))]
			if _, err := s.UpdateCollaboration(ctx, a, id, func(c *models.Collaboration) error {
				switch rng.IntN(3) {
				case 0:
					pick(c)
				case 1:
					c.Title += "!" // a change the stats do not read
				default:
					c.Metrics.GMVCents = rng.Int64N(100000)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		default:
			i := rng.IntN(len(live))
			if err := s.DeleteCollaboration(ctx, a, live[i]); err != nil {
				t.Fatal(err)
			}
			live = append(live[:i], live[i+1:]...)
		}
		moved := read()
		if err := s.RecomputeAllStats(ctx); err != nil {
			t.Fatal(err)
		}
		want := read()
		for id, w := range want {
			g := moved[id]
			if g.N != w.N || g.Total != w.Total || g.D90 != w.D90 || (g.Last == nil) != (w.Last == nil) ||
				(g.Last != nil && *g.Last != *w.Last) {
				t.Fatalf("step %d, buyer %d: moved %+v, recomputed %+v", step, id, g, w)
			}
		}
	}
}

// TestDailyMaintenanceRefreshesPlannerStats checks that the daily run leaves
// SQLite statistics for the planner.
func TestDailyMaintenanceRefreshesPlannerStats(t *testing.T) {
	s := newBatchStore(t)
	ctx := context.Background()
	a := testBrand(t, s)
	for _, name := range []string{"甲", "乙", "丙"} {
		testBuyer(t, s, a, name)
	}
	if err := s.DailyMaintenance(ctx); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := s.db.R.Raw("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'buyers'").Scan(&n).Error; err != nil {
		t.Fatalf("no planner statistics after the daily maintenance: %v", err)
	}
	if n == 0 {
		t.Fatal("buyers were not analyzed")
	}
}
