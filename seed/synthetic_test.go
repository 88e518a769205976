package seed

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"huoban/db"
	"huoban/store"
)

func openStore(tb testing.TB) (*db.DB, *store.Store) {
	tb.Helper()
	d, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "seed.db"), db.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d, store.New(d, func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
}

type statRow struct {
	ID, N, Total, D90 int64
	Last              *string
}

func stats(t *testing.T, d *db.DB) []statRow {
	var out []statRow
	if err := d.R.Raw(`SELECT id, stat_collaborations AS n, gmv_cents_total AS total, gmv_cents_90d AS d90,
		last_collaboration_on AS last FROM buyers ORDER BY id`).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSyntheticStatsAreConsistent(t *testing.T) {
	d, s := openStore(t)
	ctx := context.Background()
	var before int64
	d.R.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'collaborations'").Row().Scan(&before)
	res, err := Synthetic(ctx, d, s, SyntheticOptions{Buyers: 60, Collaborations: 3000, OwnerEmail: "s@example.com", OwnerPassword: "correct horse"})
	if err != nil {
		t.Fatal(err)
	}
	var n, types, statuses int64
	d.R.Raw("SELECT COUNT(*), COUNT(DISTINCT type), COUNT(DISTINCT status) FROM collaborations").Row().Scan(&n, &types, &statuses)
	if n != 3000 || types != 4 || statuses != 4 || res.Capabilities < 60 {
		t.Fatalf("rows %d types %d statuses %d caps %d", n, types, statuses, res.Capabilities)
	}
	var idx int64
	d.R.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'collaborations'").Row().Scan(&idx)
	if idx != before || idx == 0 {
		t.Fatalf("collaboration indexes after seeding: %d, before: %d", idx, before)
	}
	seeded := stats(t, d)
	if err := s.RecomputeAllStats(ctx); err != nil {
		t.Fatal(err)
	}
	again := stats(t, d)
	var some bool
	for i := range seeded {
		a, b := seeded[i], again[i]
		if a.N != b.N || a.Total != b.Total || a.D90 != b.D90 || (a.Last == nil) != (b.Last == nil) || (a.Last != nil && *a.Last != *b.Last) {
			t.Fatalf("buyer %d: seeded %+v, recomputed %+v", a.ID, a, b)
		}
		some = some || a.D90 > 0
	}
	if !some {
		t.Fatal("no buyer has GMV in the last 90 days")
	}
	if _, err := Synthetic(ctx, d, s, SyntheticOptions{Buyers: 1, OwnerEmail: "s@example.com", OwnerPassword: "correct horse"}); err == nil {
		t.Fatal("seeding the same owner twice must fail")
	}
}

// BenchmarkSynthetic100k seeds 1,000 buyers and 100,000 collaborations.
func BenchmarkSynthetic100k(b *testing.B) {
	var ru0, ru1 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	defer func() {
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
		cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}()
	for b.Loop() {
		d, s := openStore(b)
		if _, err := Synthetic(context.Background(), d, s, SyntheticOptions{Buyers: 1000, Collaborations: 100_000,
			OwnerEmail: "s@example.com", OwnerPassword: "correct horse"}); err != nil {
			b.Fatal(err)
		}
	}
}
