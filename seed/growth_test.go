package seed

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"huoban/store"
)

// BenchmarkReadCostGrowth measures how the cost of the reads that used to
// grow with the data grows now: the dashboard (7/30/90 days, read from the
// rollups) and one buyer's collaborations (limit 50: the first page and the
// last, after a cursor), on synthetic brands of 10,000 buyers and each size of
// HUOBAN_GROWTH (comma-separated collaboration counts, e.g.
// 100000,1000000,5000000). Seeding takes about 30 CPU-s per million rows,
// so it is skipped unless HUOBAN_GROWTH is set:
//
//	HUOBAN_GROWTH=100000,1000000 go test -run '^$' -bench ReadCostGrowth -benchtime 2000x ./seed
func BenchmarkReadCostGrowth(b *testing.B) {
	sizes := os.Getenv("HUOBAN_GROWTH")
	if sizes == "" {
		b.Skip("set HUOBAN_GROWTH=100000,1000000,… to seed and measure")
	}
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) { growthAt(b, n) })
	}
}

func growthAt(b *testing.B, collabs int) {
	ctx := context.Background()
	d, s := openStore(b)
	res, err := Synthetic(ctx, d, s, SyntheticOptions{Buyers: 10000, Collaborations: collabs,
		OwnerEmail: "g@example.com", OwnerPassword: "growth-password-1"})
	if err != nil {
		b.Fatal(err)
	}
	top, err := s.ListBuyers(ctx, res.BrandID, store.BuyerQuery{Sort: "gmv_cents_90d", Desc: true, Status: "active", Limit: 1})
	if err != nil || len(top.Items) == 0 {
		b.Fatal(err)
	}
	buyer := top.Items[0].ID
	q := store.CollaborationQuery{BuyerID: buyer, Sort: "start_on", Desc: true, Limit: 50}
	// The cursor of the buyer's last page.
	last := ""
	for c := q; ; {
		p, err := s.ListCollaborations(ctx, res.BrandID, c)
		if err != nil {
			b.Fatal(err)
		}
		if p.NextCursor == nil {
			break
		}
		last, c.Cursor = *p.NextCursor, *p.NextCursor
	}
	b.Logf("%d collaborations; buyer %d has %d completed", collabs, buyer, top.Items[0].StatCollaborations)
	for _, days := range []int{7, 30, 90} {
		b.Run("dashboard-"+strconv.Itoa(days), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Dashboard(ctx, res.BrandID, days); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("buyer-collaborations-first", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListCollaborations(ctx, res.BrandID, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	deep := q
	deep.Cursor = last
	b.Run("buyer-collaborations-last", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListCollaborations(ctx, res.BrandID, deep); err != nil {
				b.Fatal(err)
			}
		}
	})
}
