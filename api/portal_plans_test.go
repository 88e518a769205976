package api_test

import (
	"testing"
)

func TestPortalSecondRound(t *testing.T) {
	p := newPlanEnv(t)
	p.tier(map[string]any{"name": "银牌", "rank": 1, "criteria": map[string]any{"gmv_cents_90d": 100000, "completed_90d": 1}})
	p.tier(map[string]any{"name": "金牌", "rank": 2, "benefits": []string{"优先选品"},
		"criteria": map[string]any{"gmv_cents_90d": 3500000, "completed_90d": 2, "promises_kept_pct": 80}})
	// Two completed collaborations: gmv 100000 each, 20% commission on net 90000 = 18000 each.
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-11-10", "end_on": "2026-11-10"}))
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-06-01", "end_on": "2026-06-01"})) // outside 90 days
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-11-12", "end_on": "2026-11-12", "status": "planned"}))
	p.must(201, "POST", "/api/v1/goals", p.manager.Token, map[string]any{"buyer_id": p.buyer, "title": "十一月 GMV",
		"metric": "gmv_cents", "target": 300000, "period_start": "2026-11-01", "period_end": "2026-11-30"})
	pid, cs := p.agreedPlan()
	url := "/api/v1/portal/partnerships/" + itoa(p.buyer)

	d := p.must(200, "GET", url, p.portal.Token, nil).JSON()
	if tr := d["tier"].(map[string]any); tr["name"] != "银牌" {
		t.Fatalf("tier %v", d["tier"])
	}
	next := d["next_tier"].(map[string]any)
	miss := next["missing"].(map[string]any)
	// 90-day GMV 100000 of 3500000: ¥33,000 missing; one more completed; no promise settled → all 80%.
	if next["name"] != "金牌" || num(miss["gmv_cents_90d"]) != 3400000 || num(miss["completed_90d"]) != 1 || miss["promises_kept_pct"].(float64) != 80 {
		t.Fatalf("next tier %v", next)
	}
	e := d["earnings"].(map[string]any)
	if num(e["commission_cents_90d"]) != 18000 || num(e["commission_cents_total"]) != 36000 {
		t.Fatalf("earnings %v", e)
	}
	g := d["goals"].([]any)[0].(map[string]any)
	pace := g["pace"].(map[string]any)
	// 100000 of 300000 on Nov 23, 8 days (2 weeks) left: 100000 a week; at 100000 per 23 days, 46 more days.
	if num(pace["needed_per_week"]) != 100000 || pace["projected_on"] != "2027-01-08" {
		t.Fatalf("pace %v", pace)
	}
	if d["stage"] != "prospect" {
		t.Fatalf("the stage stays in the answer for compatibility: %v", d["stage"])
	}
	plans := d["plans"].([]any)
	if len(plans) != 1 || plans[0].(map[string]any)["status"] != "agreed" {
		t.Fatalf("plans %v", plans)
	}
	// The buyer keeps its promise; the brand keeps its own: the kept share is 100% and the missing promises go.
	p.must(200, "PATCH", "/api/v1/portal/commitments/"+itoa(num(cs[1]["id"])), p.portal.Token, map[string]any{"status": "kept"})
	p.must(200, "PATCH", "/api/v1/commitments/"+itoa(num(cs[0]["id"])), p.manager.Token, map[string]any{"status": "kept"})
	d = p.must(200, "GET", url, p.portal.Token, nil).JSON()
	if miss := d["next_tier"].(map[string]any)["missing"].(map[string]any); miss["promises_kept_pct"].(float64) != 0 {
		t.Fatalf("after keeping: %v", miss)
	}
	// One more big livestream: gold. Nothing is above it.
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-11-20", "end_on": "2026-11-20",
		"metrics": map[string]any{"views": 1000, "viewers": 400, "orders": 300, "gmv_cents": 3400000}}))
	d = p.must(200, "GET", url, p.portal.Token, nil).JSON()
	if d["tier"].(map[string]any)["name"] != "金牌" || d["next_tier"] != nil {
		t.Fatalf("gold: %v %v", d["tier"], d["next_tier"])
	}
	// Another buyer's portal sees none of it.
	wantErr(t, p.do("GET", url, p.siblingPortal.Token, nil), 404, "not_found")
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+itoa(pid)+"/agree", p.siblingPortal.Token, nil), 404, "not_found")
	wantErr(t, p.do("GET", "/api/v1/portal/plans/"+itoa(pid)+"/comments", p.otherPortal.Token, nil), 404, "not_found")
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+itoa(pid)+"/comments", p.otherPortal.Token, map[string]any{"body": "x"}), 404, "not_found")
	wantField(t, p.do("POST", "/api/v1/portal/plans/"+itoa(pid)+"/comments", p.portal.Token, map[string]any{"body": " "}), "body")
	// Staff cannot use the buyer's side.
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+itoa(pid)+"/agree", p.manager.Token, nil), 403, "forbidden")
}
