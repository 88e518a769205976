package api_test

import (
	"testing"
)

// benchCreateCollab measures POST /collaborations for one buyer, with the
// brand's tiers (so each write runs the tier upkeep) or without any.
func benchCreateCollab(b *testing.B, tiers bool) {
	e := newEnv(b)
	o := e.register("压测")
	buyer := e.createBuyer(o.Token, map[string]any{"name": "买手"})
	if tiers {
		for i, name := range []string{"入门", "银牌", "金牌"} {
			e.must(201, "POST", "/api/v1/tiers", o.Token, map[string]any{"name": name, "rank": i + 1,
				"criteria": map[string]any{"gmv_cents_90d": i * 100000, "completed_90d": i * 2, "promises_kept_pct": i * 30}})
		}
	}
	body := collabBody(buyer, map[string]any{"start_on": "2026-11-10", "end_on": "2026-11-10"})
	b.ResetTimer()
	for range b.N {
		if r := e.do("POST", "/api/v1/collaborations", o.Token, body); r.Status != 201 {
			b.Fatalf("%d %s", r.Status, r.Body)
		}
	}
}

func BenchmarkCreateCollaborationNoTiers(b *testing.B)   { benchCreateCollab(b, false) }
func BenchmarkCreateCollaborationWithTiers(b *testing.B) { benchCreateCollab(b, true) }
