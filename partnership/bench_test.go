package partnership

import "testing"

func BenchmarkComputeHealth100Collaborations(b *testing.B) {
	in := HealthInput{Today: today, Collabs: run(100, 7, 1, 3_000_000),
		Goals:        []HealthGoal{{Status: "achieved"}, {Status: "active", Current: 5, Target: 10}},
		Capabilities: []HealthCapability{{today.AddDays(-200), 20}, {today.AddDays(-10), 30}}}
	b.ReportAllocs()
	for b.Loop() {
		ComputeHealth(in)
	}
}

func BenchmarkDetectMilestones100Collaborations(b *testing.B) {
	cs := make([]CompletedCollab, 100)
	for i := range cs {
		cs[i] = CompletedCollab{ID: int64(i), Type: "livestream", StartOn: today.AddDays(-i), GMVCents: int64(i) * 100_000}
	}
	b.ReportAllocs()
	for b.Loop() {
		DetectMilestones(cs)
	}
}

func BenchmarkRank1000Candidates(b *testing.B) {
	cands := make([]MatchCandidate, 1000)
	for i := range cands {
		cands[i] = MatchCandidate{BuyerID: int64(i), Circles: []string{"露营", "户外"}, Categories: []string{"户外/露营装备"},
			HealthScore: i % 100, Capacity: &Capacity{SessionsPerMonth: int64(i % 10), AvgViewers: int64(i * 10)}}
	}
	q := MatchQuery{Circle: "露营", Category: "户外", Type: "livestream"}
	b.ReportAllocs()
	for b.Loop() {
		Rank(q, cands, "zh-CN")
	}
}
