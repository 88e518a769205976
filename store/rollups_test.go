package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"huoban/db"
	"huoban/db/dbtest"
	"huoban/models"
)

// TestRollupsMatchRecompute drives random creates, changes (of status, day,
// type, GMV and buyer), deletes, CSV imports, bursts of concurrent writes
// (group commit on SQLite), buyers changing stage or status and days passing (the maintenance loop's roll)
// through the store, with collaboration days on both sides of every window's
// edges, and checks after each step that every rollup kept on write —
// dashboard_daily, dashboard_monthly, buyer_period_stats, brand_period_stats,
// brand_stage_counts and the buyers' stats — equals a recomputation from the raw collaborations,
// and that the dashboard read from them answers what the collaborations say.
// It runs on PostgreSQL too when HUOBAN_TEST_POSTGRES is set.
func TestRollupsMatchRecompute(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	var now atomic.Int64
	now.Store(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC).UnixNano())
	s := New(d, func() time.Time { return time.Unix(0, now.Load()).UTC() })
	ctx := context.Background()
	if err := s.DailyMaintenance(ctx); err != nil {
		t.Fatal(err)
	}
	a := testBrand(t, s)
	var buyers []int64
	for _, name := range []string{"甲", "乙", "丙", "丁"} {
		buyers = append(buyers, testBuyer(t, s, a, name))
	}
	rng := rand.New(rand.NewPCG(11, 12))
	statuses := []models.CollabStatus{models.CollabCompleted, models.CollabCompleted, models.CollabPlanned, models.CollabCancelled}
	types := []models.CollabType{models.CollabNote, models.CollabLivestream}
	// A day on, just inside or just outside an edge of one of the windows,
	// relative to today as the clock moves; or a month's first/last day.
	day := func() models.Date {
		today := s.Today()
		edges := []int{0, 1, -1}
		for _, w := range PeriodWindows {
			edges = append(edges, -(w - 1), -w, -(w - 2))
		}
		if rng.IntN(6) == 0 {
			m := today.Time().AddDate(0, -rng.IntN(13), 0)
			first := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
			if rng.IntN(2) == 0 {
				return models.DateOf(first)
			}
			return models.DateOf(first.AddDate(0, 1, -1))
		}
		return today.AddDays(edges[rng.IntN(len(edges))])
	}
	pick := func(c *models.Collaboration) {
		c.BuyerID = buyers[rng.IntN(len(buyers))]
		c.Status = statuses[rng.IntN(len(statuses))]
		c.Type = types[rng.IntN(len(types))]
		c.StartOn = day()
		c.Metrics.GMVCents = rng.Int64N(100000)
	}
	var live []int64
	var mu sync.Mutex
	create := func() {
		c := models.Collaboration{Title: "t"}
		mu.Lock()
		pick(&c)
		mu.Unlock()
		if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		live = append(live, c.ID)
		mu.Unlock()
	}
	for step := range 160 {
		switch op := rng.IntN(20); {
		case op < 7 || len(live) == 0:
			create()
		case op < 11:
			id := live[rng.IntN(len(live))]
			if _, err := s.UpdateCollaboration(ctx, a, id, func(c *models.Collaboration) error {
				switch rng.IntN(4) {
				case 0:
					pick(c)
				case 1:
					c.Status = statuses[rng.IntN(len(statuses))]
				case 2:
					c.StartOn = day()
				default:
					c.Metrics.GMVCents = rng.Int64N(100000)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		case op < 14:
			i := rng.IntN(len(live))
			if err := s.DeleteCollaboration(ctx, a, live[i]); err != nil {
				t.Fatal(err)
			}
			live = append(live[:i], live[i+1:]...)
		case op < 16:
			var rows []*ImportRow
			for k := range 1 + rng.IntN(5) {
				r := &ImportRow{Row: k + 2, C: models.Collaboration{Title: "导入"}}
				pick(&r.C)
				r.BuyerID = r.C.BuyerID
				rows = append(rows, r)
			}
			if _, err := s.ImportCollaborations(ctx, a, false, func(yield func(*ImportRow) error) error {
				for _, r := range rows {
					if err := yield(r); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := d.R.Raw("SELECT id FROM collaborations WHERE brand_id = ?", a.BrandID).Scan(&live).Error; err != nil {
				t.Fatal(err)
			}
		case op < 17:
			// A buyer moves stage, is archived or comes back, or a new one arrives.
			id := buyers[rng.IntN(len(buyers))]
			switch rng.IntN(3) {
			case 0:
				stage := models.Stages[rng.IntN(len(models.Stages))]
				var ve *models.ValidationError // already at that stage
				if _, err := s.ChangeStage(ctx, a, id, stage, "测试"); err != nil && !errors.As(err, &ve) {
					t.Fatal(err)
				}
			case 1:
				if _, err := s.UpdateBuyer(ctx, a, id, func(b *models.Buyer) error {
					b.Status = []models.BuyerStatus{models.BuyerActive, models.BuyerArchived}[rng.IntN(2)]
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			default:
				buyers = append(buyers, testBuyer(t, s, a, fmt.Sprintf("买手%d", step)))
			}
		case op < 18:
			var wg sync.WaitGroup
			for range 6 {
				wg.Add(1)
				go func() { defer wg.Done(); create() }()
			}
			wg.Wait()
		default:
			// Days pass (or, rarely, the clock is set back); the maintenance
			// loop rolls the windows.
			shift := []int{1, 1, 2, 7, 31, -1}[rng.IntN(6)]
			now.Add(int64(shift) * int64(24*time.Hour))
			if err := s.DailyMaintenance(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		checkRollups(t, s, d, a.BrandID, fmt.Sprintf("step %d", step))
	}
}

// checkRollups compares every rollup with the same figures computed from
// the collaborations.
func checkRollups(t *testing.T, s *Store, d *db.DB, brandID int64, at string) {
	t.Helper()
	r := d.W
	// same compares a rollup query (no parameters) with a recomputation
	// (with args); both list rows as strings in the same order.
	same := func(what, rollup, raw string, args ...any) {
		t.Helper()
		var got, want []string
		if err := r.Raw(rollup).Scan(&got).Error; err != nil {
			t.Fatalf("%s: %s: %v", at, what, err)
		}
		if err := r.Raw(raw, args...).Scan(&want).Error; err != nil {
			t.Fatalf("%s: %s: %v", at, what, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: %s kept on write\n  %v\nrecomputed\n  %v", at, what, got, want)
		}
	}
	same("dashboard_daily",
		`SELECT brand_id || ' ' || day || ' ' || type || ' ' || collaborations || ' ' || gmv_cents FROM dashboard_daily
			WHERE collaborations <> 0 OR gmv_cents <> 0 ORDER BY brand_id, day, type`,
		`SELECT brand_id || ' ' || start_on || ' ' || type || ' ' || COUNT(*) || ' ' || SUM(gmv_cents) FROM collaborations
			WHERE status = 'completed' GROUP BY brand_id, start_on, type ORDER BY brand_id, start_on, type`)
	same("dashboard_monthly",
		`SELECT brand_id || ' ' || month || ' ' || gmv_cents FROM dashboard_monthly WHERE gmv_cents <> 0 ORDER BY brand_id, month`,
		`SELECT brand_id || ' ' || substr(start_on, 1, 7) || ' ' || SUM(gmv_cents) FROM collaborations
			WHERE status = 'completed' GROUP BY brand_id, substr(start_on, 1, 7) HAVING SUM(gmv_cents) <> 0
			ORDER BY brand_id, substr(start_on, 1, 7)`)
	rolled, err := rolledWindowDay(r)
	if err != nil || rolled != s.Today() {
		t.Fatalf("%s: window rolled to %q, today is %s (%v)", at, rolled, s.Today(), err)
	}
	for _, w := range PeriodWindows {
		since, until := string(rolled.AddDays(-(w - 1))), string(rolled)
		same(fmt.Sprintf("buyer_period_stats (%d days)", w),
			fmt.Sprintf(`SELECT buyer_id || ' ' || brand_id || ' ' || collaborations || ' ' || gmv_cents FROM buyer_period_stats
				WHERE days = %d ORDER BY buyer_id`, w),
			`SELECT buyer_id || ' ' || brand_id || ' ' || COUNT(*) || ' ' || SUM(gmv_cents) FROM collaborations
				WHERE status = 'completed' AND start_on BETWEEN ? AND ? GROUP BY buyer_id, brand_id ORDER BY buyer_id`,
			since, until)
		same(fmt.Sprintf("brand_period_stats (%d days)", w),
			fmt.Sprintf(`SELECT brand_id || ' ' || active_buyers FROM brand_period_stats WHERE days = %d AND active_buyers <> 0
				ORDER BY brand_id`, w),
			`SELECT brand_id || ' ' || COUNT(DISTINCT buyer_id) FROM collaborations
				WHERE status = 'completed' AND start_on BETWEEN ? AND ? GROUP BY brand_id ORDER BY brand_id`,
			since, until)
		// The dashboard reads those rollups; it must answer what the
		// collaborations say (the fallback computes from them).
		got, err := s.Dashboard(context.Background(), brandID, w)
		if err != nil {
			t.Fatal(err)
		}
		want := &DashboardData{From: got.From, To: got.To}
		if err := s.periodBuyers(context.Background(), brandID, 0, want); err != nil {
			t.Fatal(err)
		}
		if got.ActiveBuyers != want.ActiveBuyers || fmt.Sprint(got.TopBuyers) != fmt.Sprint(want.TopBuyers) {
			t.Fatalf("%s: dashboard (%d days): active %d top %v; from the collaborations: active %d top %v",
				at, w, got.ActiveBuyers, got.TopBuyers, want.ActiveBuyers, want.TopBuyers)
		}
		var months int64
		for _, m := range got.GMVByMonth {
			months += m.GMVCents
		}
		var wantMonths int64
		first := string(got.GMVByMonth[0].Month) + "-01"
		if err := r.Raw(`SELECT COALESCE(SUM(gmv_cents), 0) FROM collaborations WHERE brand_id = ? AND status = 'completed'
			AND start_on BETWEEN ? AND ?`, brandID, first, string(got.To)).Scan(&wantMonths).Error; err != nil {
			t.Fatal(err)
		}
		if months != wantMonths {
			t.Fatalf("%s: gmv_by_month sums to %d, the collaborations to %d", at, months, wantMonths)
		}
	}
	same("brand_stage_counts",
		`SELECT brand_id || ' ' || status || ' ' || stage || ' ' || buyers FROM brand_stage_counts WHERE buyers <> 0
			ORDER BY brand_id, status, stage`,
		`SELECT brand_id || ' ' || status || ' ' || stage || ' ' || COUNT(*) FROM buyers GROUP BY brand_id, status, stage
			ORDER BY brand_id, status, stage`)
	same("buyer stats",
		`SELECT id || ' ' || stat_collaborations || ' ' || gmv_cents_total || ' ' || gmv_cents_90d || ' ' || COALESCE(last_collaboration_on, '-')
			FROM buyers ORDER BY id`,
		`SELECT b.id || ' ' || COUNT(c.id) || ' ' || COALESCE(SUM(c.gmv_cents), 0) || ' ' ||
				COALESCE(SUM(CASE WHEN c.start_on BETWEEN ? AND ? THEN c.gmv_cents END), 0) || ' ' || COALESCE(MAX(c.start_on), '-')
			FROM buyers b LEFT JOIN collaborations c ON c.buyer_id = b.id AND c.status = 'completed' GROUP BY b.id ORDER BY b.id`,
		string(windowStart(rolled)), string(rolled))
}

// TestRollRebuildsPeriodsItDidNotKeep empties the period rollups, as a copy
// into PostgreSQL leaves them (scripts/sqlite-to-postgres.sh), and checks
// that the next maintenance run rebuilds them, on the same day and a day on.
func TestRollRebuildsPeriodsItDidNotKeep(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	var now atomic.Int64
	now.Store(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC).UnixNano())
	s := New(d, func() time.Time { return time.Unix(0, now.Load()).UTC() })
	ctx := context.Background()
	a := testBrand(t, s)
	b := testBuyer(t, s, a, "甲")
	for _, day := range []models.Date{"2026-11-23", "2026-11-17", "2026-09-01"} {
		c := models.Collaboration{BuyerID: b, Type: models.CollabNote, Title: "t", Status: models.CollabCompleted,
			StartOn: day, Metrics: models.Metrics{GMVCents: 100}}
		if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []int{0, 1} {
		if err := s.DailyMaintenance(ctx); err != nil {
			t.Fatal(err)
		}
		if err := d.W.Exec("UPDATE stats_windows SET since = '', until = ''").Error; err != nil {
			t.Fatal(err)
		}
		if err := d.W.Exec("DELETE FROM buyer_period_stats").Error; err != nil {
			t.Fatal(err)
		}
		now.Add(int64(step) * int64(24*time.Hour))
		// A new process: its first maintenance run reads the rolled day.
		s = New(d, func() time.Time { return time.Unix(0, now.Load()).UTC() })
		if err := s.DailyMaintenance(ctx); err != nil {
			t.Fatal(err)
		}
		checkRollups(t, s, d, a.BrandID, fmt.Sprintf("day +%d", step))
		var n int64
		if err := d.R.Raw("SELECT COUNT(*) FROM buyer_period_stats").Scan(&n).Error; err != nil || n == 0 {
			t.Fatalf("day +%d: %d period rows (%v)", step, n, err)
		}
	}
}
