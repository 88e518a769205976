package api_test

import (
	"testing"
)

func sideCounts(l map[string]any, side string) [4]int64 {
	s := l[side].(map[string]any)
	return [4]int64{num(s["kept"]), num(s["missed"]), num(s["open"]), num(s["overdue"])}
}

func healthFactor(h map[string]any, name string) float64 {
	for _, f := range h["factors"].([]any) {
		if m := f.(map[string]any); m["name"] == name {
			return m["value"].(float64)
		}
	}
	return -1
}

func TestPromisesLedger(t *testing.T) {
	p := newPlanEnv(t)
	pid, cs := p.agreedPlan()
	brandC, buyerC := itoa(num(cs[0]["id"])), itoa(num(cs[1]["id"]))
	ledgerURL := "/api/v1/buyers/" + itoa(p.buyer) + "/promises"

	// Today is 2026-11-23: the brand's promise was due 11-20 and is overdue, shown, not missed.
	l := p.must(200, "GET", ledgerURL, p.analyst.Token, nil).JSON()
	if sideCounts(l, "brand") != [4]int64{0, 0, 1, 1} || sideCounts(l, "buyer") != [4]int64{0, 0, 1, 0} {
		t.Fatalf("ledger %v", l)
	}
	items := l["items"].([]any)
	if first := items[0].(map[string]any); first["overdue"] != true || first["status"] != "open" || first["plan_title"] != "十二月合作计划" {
		t.Fatalf("the overdue promise comes first: %v", items)
	}
	h := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", p.analyst.Token, nil).JSON()
	if healthFactor(h, "promises_kept") != 0.5 {
		t.Fatalf("nothing settled is neutral: %v", h)
	}

	// The brand settles its promise as missed, with a note and a day.
	got := p.must(200, "PATCH", "/api/v1/commitments/"+brandC, p.manager.Token,
		map[string]any{"status": "missed", "settled_on": "2026-11-22", "note": "库存不足"}).JSON()
	if got["status"] != "missed" || got["settled_on"] != "2026-11-22" || got["settled_by"] != "brand" || got["overdue"] != false {
		t.Fatalf("settle %v", got)
	}
	// The buyer reports its own promise kept; a brand-side one is not the buyer's to report.
	wantErr(t, p.do("PATCH", "/api/v1/portal/commitments/"+brandC, p.portal.Token, map[string]any{"status": "kept"}), 403, "forbidden")
	wantField(t, p.do("PATCH", "/api/v1/portal/commitments/"+buyerC, p.portal.Token, map[string]any{"status": "missed"}), "status")
	got = p.must(200, "PATCH", "/api/v1/portal/commitments/"+buyerC, p.portal.Token, map[string]any{"status": "kept", "note": "已播 4 场"}).JSON()
	if got["status"] != "kept" || got["settled_by"] != "buyer" || got["settled_on"] != "2026-11-23" {
		t.Fatalf("buyer report %v", got)
	}
	l = p.must(200, "GET", ledgerURL, p.analyst.Token, nil).JSON()
	if sideCounts(l, "brand") != [4]int64{0, 1, 0, 0} || sideCounts(l, "buyer") != [4]int64{1, 0, 0, 0} {
		t.Fatalf("ledger after settling %v", l)
	}
	h = p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", p.analyst.Token, nil).JSON()
	if healthFactor(h, "promises_kept") != 0.5 { // brand 0 of 1, buyer 1 of 1: each side counts equally
		t.Fatalf("promises_kept %v", h)
	}
	// The brand can set the buyer's report back to open; settled_on goes with it.
	got = p.must(200, "PATCH", "/api/v1/commitments/"+buyerC, p.manager.Token, map[string]any{"status": "open"}).JSON()
	if got["status"] != "open" || got["settled_on"] != nil || got["settled_by"] != nil {
		t.Fatalf("set back %v", got)
	}
	// The buyer cannot overrule a brand's settlement as missed.
	p.must(200, "PATCH", "/api/v1/commitments/"+buyerC, p.manager.Token, map[string]any{"status": "waived"})
	wantErr(t, p.do("PATCH", "/api/v1/portal/commitments/"+buyerC, p.portal.Token, map[string]any{"status": "kept"}), 409, "conflict")

	// Bad settlements: unknown status, a day in the future, a day on an open one.
	wantField(t, p.do("PATCH", "/api/v1/commitments/"+brandC, p.manager.Token, map[string]any{"status": "done"}), "status")
	wantField(t, p.do("PATCH", "/api/v1/commitments/"+brandC, p.manager.Token, map[string]any{"status": "kept", "settled_on": "2026-11-24"}), "settled_on")
	wantField(t, p.do("PATCH", "/api/v1/commitments/"+brandC, p.manager.Token, map[string]any{"status": "open", "settled_on": "2026-11-20"}), "settled_on")
	// A settled commitment can be neither changed nor removed through the plan.
	wantField(t, p.do("PATCH", "/api/v1/plans/"+itoa(pid), p.manager.Token, map[string]any{"commitments": []any{
		map[string]any{"id": num(cs[1]["id"]), "side": "buyer", "kind": "livestreams", "description": "每周一场拼豆直播", "due_on": "2026-12-20"}}}), "commitments")

	// A draft's promises are not promises yet: not settled, not in the ledger, not the buyer's.
	draft := p.plan(nil)
	dc := itoa(num(commitmentsOf(draft)[1]["id"]))
	wantErr(t, p.do("PATCH", "/api/v1/commitments/"+dc, p.manager.Token, map[string]any{"status": "kept"}), 409, "conflict")
	wantErr(t, p.do("PATCH", "/api/v1/portal/commitments/"+dc, p.portal.Token, map[string]any{"status": "kept"}), 404, "not_found")
	if n := len(p.must(200, "GET", ledgerURL, p.analyst.Token, nil).JSON()["items"].([]any)); n != 2 {
		t.Fatalf("ledger items %d, want 2", n)
	}
	// Another buyer's or another brand's promise is not found.
	wantErr(t, p.do("PATCH", "/api/v1/portal/commitments/"+buyerC, p.siblingPortal.Token, map[string]any{"status": "kept"}), 404, "not_found")
	wantErr(t, p.do("PATCH", "/api/v1/portal/commitments/"+buyerC, p.otherPortal.Token, map[string]any{"status": "kept"}), 404, "not_found")
	wantErr(t, p.do("PATCH", "/api/v1/commitments/"+buyerC, p.other.Token, map[string]any{"status": "kept"}), 404, "not_found")
	wantErr(t, p.do("GET", ledgerURL, p.other.Token, nil), 404, "not_found")
	// The portal shows both sides' ledger.
	pr := p.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(p.buyer), p.portal.Token, nil).JSON()["promises"].(map[string]any)
	if sideCounts(pr, "brand") != [4]int64{0, 1, 0, 0} || len(pr["items"].([]any)) != 2 {
		t.Fatalf("portal promises %v", pr)
	}
}

// TestWithdrawnPlanLeavesTheLedger: a withdrawn plan's promises no longer count.
func TestWithdrawnPlanLeavesTheLedger(t *testing.T) {
	p := newPlanEnv(t)
	pid, cs := p.agreedPlan()
	p.must(200, "PATCH", "/api/v1/commitments/"+itoa(num(cs[0]["id"])), p.manager.Token, map[string]any{"status": "missed"})
	h := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", p.analyst.Token, nil).JSON()
	if healthFactor(h, "promises_kept") != 0 {
		t.Fatalf("one missed: %v", healthFactor(h, "promises_kept"))
	}
	p.must(200, "POST", "/api/v1/plans/"+itoa(pid)+"/withdraw", p.manager.Token, nil)
	l := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/promises", p.analyst.Token, nil).JSON()
	if len(l["items"].([]any)) != 0 || sideCounts(l, "brand") != [4]int64{} {
		t.Fatalf("ledger after withdrawal %v", l)
	}
	h = p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", p.analyst.Token, nil).JSON()
	if healthFactor(h, "promises_kept") != 0.5 {
		t.Fatalf("after withdrawal: %v", healthFactor(h, "promises_kept"))
	}
}
