package api_test

import (
	"context"
	"testing"
	"time"
)

func tierOf(b map[string]any) string {
	t, _ := b["tier"].(map[string]any)
	if t == nil {
		return ""
	}
	return t["name"].(string)
}

func (p *planEnv) tier(body map[string]any) int64 {
	p.t.Helper()
	return jnum(p.must(201, "POST", "/api/v1/tiers", p.owner.Token, body).JSON(), "id")
}

func (p *planEnv) ladder() (entry, silver, gold int64) {
	entry = p.tier(map[string]any{"name": "入门", "rank": 1})
	silver = p.tier(map[string]any{"name": "银牌", "rank": 2, "criteria": map[string]any{"gmv_cents_90d": 90000, "completed_90d": 1}})
	gold = p.tier(map[string]any{"name": "金牌", "rank": 3, "benefits": []string{"优先选品", "专属价", "优先选品"},
		"criteria": map[string]any{"gmv_cents_90d": 5000000, "completed_90d": 2, "promises_kept_pct": 80}})
	return
}

func TestTiersFollowTheBuyer(t *testing.T) {
	p := newPlanEnv(t)
	if b := p.buyerJSON(p.buyer); b["tier"] != nil {
		t.Fatalf("no tiers, no tier: %v", b["tier"])
	}
	_, silver, gold := p.ladder()
	l := p.must(200, "GET", "/api/v1/tiers", p.analyst.Token, nil).List()
	if len(l) != 3 || len(l[2].(map[string]any)["benefits"].([]any)) != 2 {
		t.Fatalf("tiers %v", l)
	}
	// Defining tiers assigns them at once; a new buyer gets the entry tier too.
	if got := tierOf(p.buyerJSON(p.buyer)); got != "入门" {
		t.Fatalf("tier %q", got)
	}
	nb := p.createBuyer(p.manager.Token, map[string]any{"name": "新买手"})
	if got := tierOf(p.buyerJSON(nb)); got != "入门" {
		t.Fatalf("new buyer's tier %q", got)
	}
	// A collaboration moves the stats, and the tier with them (net of nothing: gmv 100000 ≥ 90000).
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-11-10", "end_on": "2026-11-10"}))
	b := p.buyerJSON(p.buyer)
	if got := tierOf(b); got != "银牌" {
		t.Fatalf("after a collaboration %q", got)
	}
	if r := b["tier"].(map[string]any); num(r["rank"]) != 2 || num(r["id"]) != silver {
		t.Fatalf("tier ref %v", r)
	}
	// The buyers list and the board read it from the row.
	for _, it := range p.must(200, "GET", "/api/v1/buyers", p.analyst.Token, nil).JSON()["items"].([]any) {
		if m := it.(map[string]any); num(m["id"]) == p.buyer && tierOf(m) != "银牌" {
			t.Fatalf("list tier %v", m["tier"])
		}
	}
	// Pinning holds the tier whatever the criteria say; null unpins.
	if got := tierOf(p.must(200, "PATCH", "/api/v1/buyers/"+itoa(p.buyer), p.manager.Token, map[string]any{"tier_id": gold}).JSON()); got != "金牌" {
		t.Fatalf("pinned %q", got)
	}
	p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": "2026-11-11", "end_on": "2026-11-11"}))
	if got := tierOf(p.buyerJSON(p.buyer)); got != "金牌" {
		t.Fatalf("a pin survives upkeep: %q", got)
	}
	if got := tierOf(p.must(200, "PATCH", "/api/v1/buyers/"+itoa(p.buyer), p.manager.Token, map[string]any{"tier_id": nil}).JSON()); got != "银牌" {
		t.Fatalf("unpinned %q", got)
	}
	// Raising a tier's bar re-assigns at once; deleting a tier too.
	p.must(200, "PATCH", "/api/v1/tiers/"+itoa(silver), p.owner.Token, map[string]any{"criteria": map[string]any{"completed_90d": 3}})
	if got := tierOf(p.buyerJSON(p.buyer)); got != "入门" {
		t.Fatalf("after raising silver's bar %q", got)
	}
	p.must(200, "PATCH", "/api/v1/tiers/"+itoa(silver), p.owner.Token, map[string]any{"criteria": map[string]any{"completed_90d": 2}, "name": "白银"})
	if got := tierOf(p.buyerJSON(p.buyer)); got != "白银" {
		t.Fatalf("a renamed tier shows its new name: %q", got)
	}
	p.must(200, "PATCH", "/api/v1/buyers/"+itoa(p.buyer), p.manager.Token, map[string]any{"tier_id": gold})
	p.must(204, "DELETE", "/api/v1/tiers/"+itoa(gold), p.owner.Token, nil)
	if got := tierOf(p.buyerJSON(p.buyer)); got != "白银" {
		t.Fatalf("a pinned tier deleted falls back to assignment: %q", got)
	}
	// The daily run moves the tier as the 90-day window moves on.
	p.now.Advance(100 * 24 * time.Hour)
	if err := p.srv.DailyMaintenance(context.Background()); err != nil {
		t.Fatal(err)
	}
	p.manager = p.signInAgain(p.manager)
	if got := tierOf(p.buyerJSON(p.buyer)); got != "入门" {
		t.Fatalf("100 days later %q", got)
	}
	p.owner = p.signInAgain(p.owner)
	audit := string(p.must(200, "GET", "/api/v1/audit?entity=tier", p.owner.Token, nil).Body)
	if len(audit) < 50 {
		t.Fatalf("tier writes are audited: %s", audit)
	}
}

func (p *planEnv) buyerJSON(id int64) map[string]any {
	p.t.Helper()
	return p.must(200, "GET", "/api/v1/buyers/"+itoa(id), p.manager.Token, nil).JSON()
}

func (p *planEnv) signInAgain(a account) account {
	p.t.Helper()
	r := p.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": a.Email, "password": "correct horse"})
	a.Token = r.JSON()["access_token"].(string)
	return a
}

func TestTierValidation(t *testing.T) {
	p := newPlanEnv(t)
	silver := p.tier(map[string]any{"name": "银牌", "rank": 2})
	for _, c := range []struct {
		field string
		body  map[string]any
	}{
		{"criteria.gmv_cents_90d", map[string]any{"name": "x", "rank": 5, "criteria": map[string]any{"gmv_cents_90d": -1}}},
		{"criteria.completed_90d", map[string]any{"name": "x", "rank": 5, "criteria": map[string]any{"completed_90d": -3}}},
		{"criteria.promises_kept_pct", map[string]any{"name": "x", "rank": 5, "criteria": map[string]any{"promises_kept_pct": 100.5}}},
		{"criteria.promises_kept_pct", map[string]any{"name": "x", "rank": 5, "criteria": map[string]any{"promises_kept_pct": -0.01}}},
		{"criteria.bogus", map[string]any{"name": "x", "rank": 5, "criteria": map[string]any{"bogus": 1}}},
		{"rank", map[string]any{"name": "x"}},
		{"rank", map[string]any{"name": "x", "rank": 0}},
		{"name", map[string]any{"name": "", "rank": 4}},
	} {
		wantField(t, p.do("POST", "/api/v1/tiers", p.owner.Token, c.body), c.field)
	}
	wantField(t, p.do("PATCH", "/api/v1/tiers/"+itoa(silver), p.owner.Token, map[string]any{"criteria": map[string]any{"promises_kept_pct": 101}}), "criteria.promises_kept_pct")
	wantErr(t, p.do("POST", "/api/v1/tiers", p.owner.Token, map[string]any{"name": "又一个", "rank": 2}), 409, "conflict")
	p.tier(map[string]any{"name": "金牌", "rank": 3})
	wantErr(t, p.do("PATCH", "/api/v1/tiers/"+itoa(silver), p.owner.Token, map[string]any{"rank": 3}), 409, "conflict")
	// Roles and tenancy.
	wantErr(t, p.do("POST", "/api/v1/tiers", p.manager.Token, map[string]any{"name": "x", "rank": 9}), 403, "forbidden")
	wantErr(t, p.do("PATCH", "/api/v1/tiers/"+itoa(silver), p.manager.Token, map[string]any{"name": "x"}), 403, "forbidden")
	wantErr(t, p.do("DELETE", "/api/v1/tiers/"+itoa(silver), p.analyst.Token, nil), 403, "forbidden")
	wantErr(t, p.do("PATCH", "/api/v1/tiers/"+itoa(silver), p.other.Token, map[string]any{"name": "x"}), 404, "not_found")
	wantErr(t, p.do("DELETE", "/api/v1/tiers/"+itoa(silver), p.other.Token, nil), 404, "not_found")
	if n := len(p.must(200, "GET", "/api/v1/tiers", p.other.Token, nil).List()); n != 0 {
		t.Fatalf("another brand sees %d tiers", n)
	}
	// Pinning another brand's tier, or pinning at create, is refused.
	before := p.buyerJSON(p.buyer)["tier"]
	otherTier := jnum(p.must(201, "POST", "/api/v1/tiers", p.other.Token, map[string]any{"name": "别家", "rank": 1}).JSON(), "id")
	wantField(t, p.do("PATCH", "/api/v1/buyers/"+itoa(p.buyer), p.manager.Token, map[string]any{"tier_id": otherTier}), "tier_id")
	wantField(t, p.do("POST", "/api/v1/buyers", p.manager.Token, map[string]any{"name": "x", "tier_id": silver}), "tier_id")
	if b := p.buyerJSON(p.buyer); !jsonEq(b["tier"], before) || tierOf(b) != "金牌" {
		t.Fatalf("refused pins changed the tier: %v", b["tier"])
	}
}
