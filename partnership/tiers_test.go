package partnership

import (
	"testing"

	"huoban/models"
)

var ladder = []TierDef{
	{ID: 3, Name: "金牌", Rank: 3, Criteria: TierCriteria{GMVCents90d: 10_000_000, Completed90d: 6, PromisesKeptPct: 9000}},
	{ID: 1, Name: "入门", Rank: 1},
	{ID: 2, Name: "银牌", Rank: 2, Criteria: TierCriteria{GMVCents90d: 3_000_000, Completed90d: 3, PromisesKeptPct: 7000}},
}

func TestAssignTier(t *testing.T) {
	tests := []struct {
		name string
		s    Standing
		want int64 // tier id, 0 for none
	}{
		{"no record meets the entry tier with no criteria", Standing{}, 1},
		{"all silver criteria met", Standing{GMVCents90d: 3_000_000, Completed90d: 3, KeptPct: pct(7000)}, 2},
		{"one criterion short of silver stays entry", Standing{GMVCents90d: 3_000_000, Completed90d: 2, KeptPct: pct(10000)}, 1},
		{"no settled promise misses a promises criterion", Standing{GMVCents90d: 50_000_000, Completed90d: 20}, 1},
		{"gold needs every gold criterion", Standing{GMVCents90d: 10_000_000, Completed90d: 6, KeptPct: pct(9000)}, 3},
		{"gold GMV with silver promises is silver", Standing{GMVCents90d: 10_000_000, Completed90d: 6, KeptPct: pct(8999)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AssignTier(tt.s, ladder)
			var id int64
			if got != nil {
				id = got.ID
			}
			if id != tt.want {
				t.Fatalf("tier %v, want %d", got, tt.want)
			}
		})
	}
}

func TestAssignTierNoneAndUnnested(t *testing.T) {
	if got := AssignTier(Standing{}, ladder[:1]); got != nil {
		t.Fatalf("nobody meets gold from nothing: %v", got)
	}
	if got := AssignTier(Standing{}, nil); got != nil {
		t.Fatalf("no tiers: %v", got)
	}
	// A higher tier with a lower bar in some criterion is held on its own criteria.
	odd := []TierDef{{ID: 1, Rank: 1, Criteria: TierCriteria{GMVCents90d: 100}}, {ID: 2, Rank: 2, Criteria: TierCriteria{Completed90d: 1}}}
	if got := AssignTier(Standing{Completed90d: 1}, odd); got == nil || got.ID != 2 {
		t.Fatalf("unnested tiers: %v", got)
	}
}

func TestNextTierMissing(t *testing.T) {
	s := Standing{GMVCents90d: 6_700_000, Completed90d: 7, KeptPct: pct(8000)}
	next, m := NextTier(s, 2, ladder)
	if next == nil || next.ID != 3 {
		t.Fatalf("next %v", next)
	}
	if m != (Missing{GMVCents90d: 3_300_000, Completed90d: 0, PromisesKeptPct: 1000}) {
		t.Fatalf("missing %+v", m)
	}
	if next, _ := NextTier(s, 3, ladder); next != nil {
		t.Fatalf("above the top: %v", next)
	}
	next, m = NextTier(Standing{}, 0, ladder)
	if next == nil || next.ID != 1 || !m.Met() {
		t.Fatalf("from no tier: %v %+v", next, m)
	}
	if _, m := NextTier(Standing{}, 1, ladder); m.PromisesKeptPct != models.Pct(7000) {
		t.Fatalf("no settled promise misses the whole share: %+v", m)
	}
}
