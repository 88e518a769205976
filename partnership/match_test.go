package partnership

import "testing"

func TestRankPrefersCircleCategoryCapacityAndHealth(t *testing.T) {
	cands := []MatchCandidate{
		{BuyerID: 1, Circles: []string{"露营"}, Categories: []string{"户外/露营装备"}, HealthScore: 80,
			Capacity: &Capacity{SessionsPerMonth: 8, AvgViewers: 6000}},
		{BuyerID: 2, Circles: []string{"露营"}, Categories: []string{"户外"}, HealthScore: 40},
		{BuyerID: 3, Circles: []string{"母婴"}, Categories: []string{"母婴/喂养"}, HealthScore: 95},
		{BuyerID: 4, Circles: []string{"拼豆"}, Categories: []string{"户外/露营装备"}, HealthScore: 60,
			Capacity: &Capacity{SessionsPerMonth: 1, AvgViewers: 100}},
	}
	got := Rank(MatchQuery{Circle: "露营", Category: "户外/露营装备", Type: "livestream"}, cands, "zh-CN")
	if len(got) != 3 {
		t.Fatalf("buyer 3 shares neither circle nor category and must not be ranked: %+v", got)
	}
	if got[0].BuyerID != 1 || got[0].Score != 96 { // 30 circle + 30 category + 20 capacity + 80% of 20 health
		t.Fatalf("best match first with full score: %+v", got)
	}
	for _, m := range got {
		if len(m.Reasons) == 0 {
			t.Fatalf("every match says why: %+v", m)
		}
	}
	if en := Rank(MatchQuery{Circle: "露营"}, cands, "en"); en[0].Reasons[0] != "in the 露营 interest circle" {
		t.Fatalf("english reasons: %+v", en[0].Reasons)
	}
}

func TestRankWithoutFiltersRanksEveryone(t *testing.T) {
	got := Rank(MatchQuery{}, []MatchCandidate{{BuyerID: 1}, {BuyerID: 2, HealthScore: 50}}, "")
	if len(got) != 2 || got[0].BuyerID != 2 {
		t.Fatalf("%+v", got)
	}
}
