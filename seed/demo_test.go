package seed

import (
	"context"
	"errors"
	"testing"
	"time"

	"huoban/auth"
	"huoban/store"
)

// TestDemoIsALivingBrand: the demo opens on the brand the screenshots show:
// half a year of collaborations of every type, core partners with real GMV,
// capabilities that grow, goals met and missed in real quarters, milestones,
// follow-ups due, and new buyers labelled new.
func TestDemoIsALivingBrand(t *testing.T) {
	d, _ := openStore(t)
	clock := &Clock{}
	clock.set(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	s := store.New(d, clock.Now)
	ctx := context.Background()
	res, err := DemoAt(ctx, s, clock)
	if err != nil {
		t.Fatal(err)
	}
	if res.Buyers != 20 || res.Email != DemoEmail || len(res.Password) < 8 {
		t.Fatalf("result %+v", res)
	}
	count := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := d.R.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, typ := range []string{"livestream", "note", "shop_window", "seeding"} {
		if n := count("SELECT count(*) FROM collaborations WHERE type = ? AND status = 'completed'", typ); n == 0 {
			t.Errorf("no completed %s", typ)
		}
	}
	for _, st := range []string{"planned", "in_progress", "cancelled"} {
		if n := count("SELECT count(*) FROM collaborations WHERE status = ?", st); n == 0 {
			t.Errorf("no %s collaboration", st)
		}
	}
	if n := count("SELECT count(*) FROM collaborations WHERE status = 'completed' AND start_on < '2026-06-10'"); n == 0 {
		t.Error("the history does not reach back half a year")
	}
	if n := count("SELECT count(*) FROM buyers WHERE stage = 'core' AND gmv_cents_total < 10000000"); n != 0 {
		t.Errorf("%d core partners under ¥100,000 in half a year", n)
	}
	if n := count("SELECT count(*) FROM buyers WHERE stage = 'prospect' AND health_label <> 'new'"); n != 0 {
		t.Errorf("%d prospects without collaborations are not labelled new", n)
	}
	if n := count("SELECT count(*) FROM buyers WHERE health_label IN ('thriving', 'steady')"); n < 5 {
		t.Errorf("only %d healthy partnerships", n)
	}
	// Capabilities grow for a core partner: the latest snapshot above the first.
	if n := count(`SELECT count(*) FROM buyers b WHERE b.stage = 'core' AND
		(SELECT skus_per_month FROM capability_snapshots WHERE buyer_id = b.id ORDER BY recorded_on DESC LIMIT 1) <=
		(SELECT skus_per_month FROM capability_snapshots WHERE buyer_id = b.id ORDER BY recorded_on LIMIT 1)`); n != 0 {
		t.Errorf("%d core partners whose capacity did not grow", n)
	}
	if n := count("SELECT count(*) FROM goals WHERE status = 'achieved'"); n == 0 {
		t.Error("no goal met")
	}
	if n := count("SELECT count(*) FROM goals WHERE status = 'active' AND period_end < '2026-11-23'"); n == 0 {
		t.Error("no goal missed")
	}
	if n := count("SELECT count(*) FROM goals WHERE title LIKE '本季度%' AND (period_start <> '2026-10-01' OR period_end <> '2026-12-31')"); n != 0 {
		t.Errorf("%d 本季度 goals that are not this quarter", n)
	}
	for _, code := range []string{"first_collaboration", "first_livestream", "gmv_10k_session", "stage_core", "goal_achieved", "manual"} {
		if n := count("SELECT count(*) FROM milestones WHERE code = ?", code); n == 0 {
			t.Errorf("no milestone %s", code)
		}
	}
	if n := count("SELECT count(*) FROM milestones WHERE code = 'stage_core' AND achieved_on <> '2026-09-24'"); n != 0 {
		t.Errorf("%d stage_core milestones not dated when the buyer became a core partner", n)
	}
	if n := count("SELECT count(*) FROM activities WHERE done = false AND follow_up_on <= '2026-11-23'"); n == 0 {
		t.Error("no follow-up due")
	}

	// A second seed says how to get the password back; --reset-password does.
	if _, err := Demo(ctx, s); !errors.Is(err, ErrDemoExists) {
		t.Fatalf("second seed: %v", err)
	}
	pw, err := ResetDemoPassword(ctx, s)
	if err != nil || pw == res.Password {
		t.Fatalf("reset: %q %v", pw, err)
	}
	u, err := s.UserByEmail(ctx, DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	if !auth.NewHasher(4).Check(u.PasswordHash, pw) {
		t.Fatal("the new password does not sign in")
	}
}
