package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"huoban/db"
	"huoban/models"
	"huoban/partnership"
)

// TestStoredTierMatchesRecompute holds the tier kept on the buyer row (and
// the standing it was assigned from) against a recomputation from the raw
// collaborations and commitments, after every random write and after the
// calendar moves and the daily run refreshes it.
func TestStoredTierMatchesRecompute(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	s := New(d, func() time.Time { return now })
	ctx := context.Background()
	a := testBrand(t, s)
	for _, tr := range []models.Tier{
		{Name: "入门", Rank: 1},
		{Name: "银牌", Rank: 2, Completed90d: 2, PromisesKeptPct: 5000},
		{Name: "金牌", Rank: 3, GMVCents90d: 150000, Completed90d: 3, PromisesKeptPct: 8000},
	} {
		tr := tr
		tr.Benefits = models.StringList{}
		if err := s.CreateTier(ctx, a, &tr); err != nil {
			t.Fatal(err)
		}
	}
	var buyers []int64
	for _, name := range []string{"甲", "乙", "丙"} {
		buyers = append(buyers, testBuyer(t, s, a, name))
	}
	var commitments []int64
	for _, b := range buyers {
		rec, err := s.CreatePlan(ctx, a, &models.Plan{BuyerID: b, Title: "p", PeriodStart: "2025-01-01", PeriodEnd: "2027-12-31"},
			[]CommitmentInput{{Side: models.SideBuyer, Kind: "notes"}, {Side: models.SideBuyer, Kind: "livestreams"},
				{Side: models.SideBrand, Kind: "samples"}, {Side: models.SideBuyer, Kind: "custom", Description: "x"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProposePlan(ctx, a, rec.ID); err != nil {
			t.Fatal(err)
		}
		for _, c := range rec.Commitments {
			commitments = append(commitments, c.ID)
		}
	}
	tiers, err := brandTiers(d.R, a.BrandID)
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		today := s.Today()
		var collabs []models.Collaboration
		d.R.Find(&collabs)
		var cs []models.Commitment
		d.R.Find(&cs)
		for _, id := range buyers {
			var st partnership.Standing
			for _, c := range collabs {
				if c.BuyerID == id && c.Status == models.CollabCompleted && c.StartOn >= today.AddDays(-89) && c.StartOn <= today {
					st.Completed90d++
					st.GMVCents90d += c.Metrics.GMVCents
				}
			}
			var tally partnership.SideTally
			for _, c := range cs {
				if c.BuyerID == id && c.Side == models.SideBuyer && c.SettledOn > today.AddDays(-365) && c.SettledOn <= today {
					switch c.Status {
					case models.CommitmentKept:
						tally.Kept++
					case models.CommitmentMissed:
						tally.Missed++
					}
				}
			}
			st.KeptPct = tally.KeptPct()
			want := partnership.AssignTier(st, tiers)
			b, err := s.GetBuyer(ctx, a.BrandID, id)
			if err != nil {
				t.Fatal(err)
			}
			gotKept := "nil"
			if b.TierKeptBP != nil {
				gotKept = models.Pct(*b.TierKeptBP).String()
			}
			wantKept := "nil"
			if st.KeptPct != nil {
				wantKept = st.KeptPct.String()
			}
			if b.TierID == nil || want == nil || *b.TierID != want.ID || b.TierName != want.Name || b.TierRank != want.Rank ||
				b.TierCompleted90d != st.Completed90d || b.GMVCents90d != st.GMVCents90d || gotKept != wantKept {
				t.Fatalf("%s, buyer %d: stored tier %v %q (completed %d, gmv %d, kept %s), recomputed %+v from %+v (kept %s)",
					step, id, b.TierID, b.TierName, b.TierCompleted90d, b.GMVCents90d, gotKept, want, st, wantKept)
			}
		}
	}
	rng := rand.New(rand.NewPCG(14, 14))
	statuses := []models.CollabStatus{models.CollabCompleted, models.CollabCompleted, models.CollabPlanned}
	settle := []models.CommitmentStatus{models.CommitmentKept, models.CommitmentKept, models.CommitmentMissed, models.CommitmentWaived, models.CommitmentOpen}
	for step := range 120 {
		if rng.IntN(2) == 0 {
			c := models.Collaboration{Type: models.CollabLivestream, Title: "t", BuyerID: buyers[rng.IntN(len(buyers))],
				Status: statuses[rng.IntN(len(statuses))], StartOn: s.Today().AddDays(-rng.IntN(120)), Metrics: models.Metrics{GMVCents: rng.Int64N(80000)}}
			c.EndOn = c.StartOn
			if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
				t.Fatal(err)
			}
		} else {
			on := s.Today().AddDays(-rng.IntN(400))
			if _, err := s.SettleCommitment(ctx, a, commitments[rng.IntN(len(commitments))],
				Settlement{Status: settle[rng.IntN(len(settle))], SettledOn: on}); err != nil {
				t.Fatal(err)
			}
		}
		check("step " + strconv.Itoa(step))
		if step%30 == 29 {
			// The calendar moves on: the daily run brings stored tiers up to the new windows.
			now = now.Add(time.Duration(10+rng.IntN(40)) * 24 * time.Hour)
			if err := s.DailyMaintenance(ctx); err != nil {
				t.Fatal(err)
			}
			check("after the daily run")
		}
	}
}
