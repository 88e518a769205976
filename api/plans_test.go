package api_test

import (
	"strings"
	"testing"
)

// planEnv is a brand with an owner, a manager, an analyst, one buyer linked
// to a portal user, and a second brand with its own buyer and portal user.
type planEnv struct {
	*env
	owner, manager, analyst account
	buyer                   int64
	portal                  account // the buyer's portal user
	other                   account // owner of brand B
	otherBuyer              int64
	otherPortal             account // brand B's buyer's portal user
	sibling                 int64   // another buyer of brand A, with its own portal user
	siblingPortal           account
}

func newPlanEnv(t *testing.T) *planEnv {
	t.Helper()
	e := newEnv(t)
	p := &planEnv{env: e}
	p.owner = e.register("山茶花")
	p.manager = e.invite(p.owner, "manager")
	p.analyst = e.invite(p.owner, "analyst")
	p.buyer = e.createBuyer(p.owner.Token, map[string]any{"name": "林小拼"})
	p.portal = p.portalUser(p.owner, p.buyer)
	p.sibling = e.createBuyer(p.owner.Token, map[string]any{"name": "周露营"})
	p.siblingPortal = p.portalUser(p.owner, p.sibling)
	p.other = e.register("别家")
	p.otherBuyer = e.createBuyer(p.other.Token, map[string]any{"name": "别家买手"})
	p.otherPortal = p.portalUser(p.other, p.otherBuyer)
	return p
}

func (p *planEnv) portalUser(staff account, buyer int64) account {
	p.t.Helper()
	code := p.must(201, "POST", "/api/v1/buyers/"+itoa(buyer)+"/invite", staff.Token, nil).JSON()["code"]
	email := qs("buyer%d@example.com", seq.Add(1))
	return sessionOf(p.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": code, "name": "买手本人", "email": email, "password": "correct horse"}), email)
}

// planBody is a valid plan for buyer with one commitment of each side.
func planBody(buyer int64, extra map[string]any) map[string]any {
	b := map[string]any{"buyer_id": buyer, "title": "十二月合作计划", "period_start": "2026-11-01", "period_end": "2026-12-31",
		"commitments": []any{
			map[string]any{"side": "brand", "kind": "exclusive_price", "description": "拼豆套装专属价 8 折", "due_on": "2026-11-20"},
			map[string]any{"side": "buyer", "kind": "livestreams", "description": "每周一场拼豆直播", "due_on": "2026-12-20"},
		}}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func (p *planEnv) plan(extra map[string]any) map[string]any {
	p.t.Helper()
	return p.must(201, "POST", "/api/v1/plans", p.manager.Token, planBody(p.buyer, extra)).JSON()
}

func commitmentsOf(plan map[string]any) []map[string]any {
	var out []map[string]any
	for _, c := range plan["commitments"].([]any) {
		out = append(out, c.(map[string]any))
	}
	return out
}

func (p *planEnv) agreedPlan() (int64, []map[string]any) {
	p.t.Helper()
	pl := p.plan(nil)
	id := itoa(jnum(pl, "id"))
	p.must(200, "POST", "/api/v1/plans/"+id+"/propose", p.manager.Token, nil)
	p.must(200, "POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil)
	got := p.must(200, "POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil).JSON()
	if got["status"] != "agreed" {
		p.t.Fatalf("plan not agreed: %v", got)
	}
	return jnum(pl, "id"), commitmentsOf(got)
}

func TestPlanLifecycle(t *testing.T) {
	p := newPlanEnv(t)
	g := p.must(201, "POST", "/api/v1/goals", p.manager.Token, map[string]any{"buyer_id": p.buyer, "title": "十二月 GMV",
		"metric": "gmv_cents", "target": 300000, "period_start": "2026-12-01", "period_end": "2026-12-31"}).JSON()
	pl := p.plan(map[string]any{"goal_ids": []any{jnum(g, "id")}})
	id := itoa(jnum(pl, "id"))
	if pl["status"] != "draft" || len(commitmentsOf(pl)) != 2 || pl["goal_ids"].([]any)[0].(float64) != float64(jnum(g, "id")) {
		t.Fatalf("draft %v", pl)
	}
	// A draft is the brand's own work: the buyer does not see it, and nobody agrees to it yet.
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil), 404, "not_found")
	wantErr(t, p.do("POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil), 409, "conflict")
	wantErr(t, p.do("POST", "/api/v1/plans/"+id+"/close", p.manager.Token, nil), 409, "conflict")
	if len(p.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(p.buyer), p.portal.Token, nil).JSON()["plans"].([]any)) != 0 {
		t.Fatal("the portal shows a draft")
	}

	got := p.must(200, "POST", "/api/v1/plans/"+id+"/propose", p.manager.Token, nil).JSON()
	if got["status"] != "proposed" {
		t.Fatalf("propose: %v", got)
	}
	wantErr(t, p.do("POST", "/api/v1/plans/"+id+"/propose", p.manager.Token, nil), 409, "conflict")
	// The buyer comments and agrees first; the brand's agreement completes it.
	p.must(201, "POST", "/api/v1/portal/plans/"+id+"/comments", p.portal.Token, map[string]any{"body": "直播改到周五可以吗"})
	p.must(201, "POST", "/api/v1/plans/"+id+"/comments", p.manager.Token, map[string]any{"body": "可以"})
	if cs := p.must(200, "GET", "/api/v1/portal/plans/"+id+"/comments", p.portal.Token, nil).List(); len(cs) != 2 ||
		cs[0].(map[string]any)["author"].(map[string]any)["role"] != "buyer" {
		t.Fatalf("comments %v", cs)
	}
	got = p.must(200, "POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil).JSON()
	if got["status"] != "proposed" || got["buyer_agreed_at"] == nil || got["brand_agreed_at"] != nil {
		t.Fatalf("after the buyer agreed: %v", got)
	}
	got = p.must(200, "POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil).JSON()
	if got["status"] != "agreed" || got["brand_agreed_at"] == nil {
		t.Fatalf("after both agreed: %v", got)
	}
	// Agreeing again changes nothing.
	again := p.must(200, "POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil).JSON()
	if again["brand_agreed_at"] != got["brand_agreed_at"] {
		t.Fatal("a second agreement moved the time")
	}
	// A new title keeps it agreed; a change to the commitments sends it back and clears both agreements.
	got = p.must(200, "PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"title": "冬季合作计划"}).JSON()
	if got["status"] != "agreed" {
		t.Fatalf("title change: %v", got)
	}
	cs := commitmentsOf(got)
	got = p.must(200, "PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"commitments": []any{
		map[string]any{"id": cs[0]["id"], "side": "brand", "kind": "exclusive_price", "description": "拼豆套装专属价 7 折", "due_on": "2026-11-20"},
		map[string]any{"id": cs[1]["id"], "side": "buyer", "kind": "livestreams", "description": "每周一场拼豆直播", "due_on": "2026-12-20"},
	}}).JSON()
	if got["status"] != "proposed" || got["brand_agreed_at"] != nil || got["buyer_agreed_at"] != nil {
		t.Fatalf("after a commitment changed: %v", got)
	}
	// Adding a commitment to an agreed plan does the same.
	p.must(200, "POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil)
	p.must(200, "POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil)
	p.must(201, "POST", "/api/v1/plans/"+id+"/commitments", p.manager.Token, map[string]any{"side": "brand", "kind": "samples"})
	if got = p.must(200, "GET", "/api/v1/plans/"+id, p.analyst.Token, nil).JSON(); got["status"] != "proposed" || len(commitmentsOf(got)) != 3 {
		t.Fatalf("after adding a commitment: %v", got)
	}
	if d := commitmentsOf(got)[2]["due_on"]; d != "2026-12-31" {
		t.Fatalf("a commitment without due_on is due on the plan's last day: %v", d)
	}
	p.must(200, "POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil)
	p.must(200, "POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil)
	got = p.must(200, "POST", "/api/v1/plans/"+id+"/close", p.manager.Token, nil).JSON()
	if got["status"] != "closed" {
		t.Fatalf("close: %v", got)
	}
	// A closed plan can no longer be agreed, changed or withdrawn.
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+id+"/agree", p.portal.Token, nil), 409, "conflict")
	wantErr(t, p.do("POST", "/api/v1/plans/"+id+"/agree", p.manager.Token, nil), 409, "conflict")
	wantErr(t, p.do("PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"title": "x"}), 409, "conflict")
	wantErr(t, p.do("POST", "/api/v1/plans/"+id+"/withdraw", p.manager.Token, nil), 409, "conflict")

	// A withdrawn plan cannot be agreed either, by either side.
	w := p.plan(nil)
	wid := itoa(jnum(w, "id"))
	p.must(200, "POST", "/api/v1/plans/"+wid+"/propose", p.manager.Token, nil)
	p.must(200, "POST", "/api/v1/plans/"+wid+"/withdraw", p.manager.Token, nil)
	wantErr(t, p.do("POST", "/api/v1/portal/plans/"+wid+"/agree", p.portal.Token, nil), 409, "conflict")
	wantErr(t, p.do("POST", "/api/v1/plans/"+wid+"/agree", p.manager.Token, nil), 409, "conflict")

	// The list filters by buyer and status.
	l := p.must(200, "GET", "/api/v1/plans?status=closed&buyer_id="+itoa(p.buyer)+"&total=true", p.analyst.Token, nil).JSON()
	if l["total"].(float64) != 1 || len(l["items"].([]any)) != 1 {
		t.Fatalf("list %v", l)
	}
	wantField(t, p.do("GET", "/api/v1/plans?status=bogus", p.analyst.Token, nil), "status")
	// Every write is in the audit log.
	audit := string(p.must(200, "GET", "/api/v1/audit?entity=plan&entity_id="+id, p.owner.Token, nil).Body)
	if !strings.Contains(audit, `"closed"`) || !strings.Contains(audit, `"create"`) {
		t.Fatalf("audit %s", audit)
	}
}

func TestPlanBadInputWritesNothing(t *testing.T) {
	p := newPlanEnv(t)
	otherGoal := p.must(201, "POST", "/api/v1/goals", p.manager.Token, map[string]any{"buyer_id": p.sibling, "title": "别人的目标",
		"metric": "orders", "target": 10, "period_start": "2026-12-01", "period_end": "2026-12-31"}).JSON()
	count := func() string {
		var n [3]int64
		p.db.R.Raw("SELECT COUNT(*) FROM plans").Scan(&n[0])
		p.db.R.Raw("SELECT COUNT(*) FROM commitments").Scan(&n[1])
		p.db.R.Raw("SELECT COUNT(*) FROM plan_goals").Scan(&n[2])
		return qs("%v", n)
	}
	before := count()
	mismatch := []any{map[string]any{"side": "buyer", "kind": "exclusive_price"}}
	for _, c := range []struct {
		name, field string
		body        map[string]any
	}{
		{"side and kind do not match", "commitments[0].kind", planBody(p.buyer, map[string]any{"commitments": mismatch})},
		{"unknown side", "commitments[0].side", planBody(p.buyer, map[string]any{"commitments": []any{map[string]any{"side": "both", "kind": "custom"}}})},
		{"custom needs a description", "commitments[0].description", planBody(p.buyer, map[string]any{"commitments": []any{map[string]any{"side": "buyer", "kind": "custom"}}})},
		{"due before the period", "commitments[1].due_on", planBody(p.buyer, map[string]any{"commitments": []any{
			map[string]any{"side": "brand", "kind": "samples", "due_on": "2026-11-02"},
			map[string]any{"side": "brand", "kind": "samples", "due_on": "2026-10-31"}}})},
		{"due after the period", "commitments[0].due_on", planBody(p.buyer, map[string]any{"commitments": []any{
			map[string]any{"side": "buyer", "kind": "notes", "due_on": "2027-01-01"}}})},
		{"unknown member of a commitment", "commitments", planBody(p.buyer, map[string]any{"commitments": []any{
			map[string]any{"side": "buyer", "kind": "notes", "bogus": 1}}})},
		{"a goal of another buyer", "goal_ids", planBody(p.buyer, map[string]any{"goal_ids": []any{jnum(otherGoal, "id")}})},
		{"another brand's buyer", "buyer_id", planBody(p.otherBuyer, nil)},
		{"period backwards", "period_end", planBody(p.buyer, map[string]any{"period_end": "2026-10-01"})},
		{"no title", "title", planBody(p.buyer, map[string]any{"title": " "})},
	} {
		r := p.do("POST", "/api/v1/plans", p.manager.Token, c.body)
		if r.Status != 422 || r.Field(c.field) == "" {
			t.Errorf("%s: %d %s, want 422 naming %s", c.name, r.Status, r.Body, c.field)
		}
	}
	if after := count(); after != before {
		t.Fatalf("refused plans were written: %s → %s", before, after)
	}
	// On an existing plan: a bad commitment, a due day outside, or a period that would leave one outside, change nothing.
	pl := p.plan(nil)
	id := itoa(jnum(pl, "id"))
	snap := string(p.must(200, "GET", "/api/v1/plans/"+id, p.manager.Token, nil).Body)
	wantField(t, p.do("POST", "/api/v1/plans/"+id+"/commitments", p.manager.Token, map[string]any{"side": "brand", "kind": "livestreams"}), "kind")
	wantField(t, p.do("POST", "/api/v1/plans/"+id+"/commitments", p.manager.Token, map[string]any{"side": "buyer", "kind": "notes", "due_on": "2027-02-01"}), "due_on")
	wantField(t, p.do("PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"period_end": "2026-12-01"}), "period_end")
	wantField(t, p.do("PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"buyer_id": p.sibling}), "buyer_id")
	wantField(t, p.do("PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"commitments": []any{
		map[string]any{"id": 999999, "side": "buyer", "kind": "notes"}}}), "commitments[0].id")
	wantField(t, p.do("PATCH", "/api/v1/plans/"+id, p.manager.Token, map[string]any{"commitments": []any{}, "goal_ids": []any{jnum(otherGoal, "id")}}), "goal_ids")
	wantField(t, p.do("POST", "/api/v1/plans/"+id+"/comments", p.manager.Token, map[string]any{"body": ""}), "body")
	wantField(t, p.do("GET", "/api/v1/plans?buyer_id=abc", p.analyst.Token, nil), "buyer_id")
	wantField(t, p.do("GET", "/api/v1/plans?limit=500", p.analyst.Token, nil), "limit")
	wantField(t, p.do("POST", "/api/v1/plans/"+id+"/commitments", p.manager.Token, map[string]any{"side": "brand", "kind": "samples", "id": 5}), "id")
	wantErr(t, p.do("GET", "/api/v1/plans?cursor=garbage", p.analyst.Token, nil), 400, "bad_request")
	// An empty plan cannot be proposed.
	empty := p.plan(map[string]any{"commitments": []any{}})
	wantField(t, p.do("POST", "/api/v1/plans/"+itoa(jnum(empty, "id"))+"/propose", p.manager.Token, nil), "commitments")
	if now := string(p.must(200, "GET", "/api/v1/plans/"+id, p.manager.Token, nil).Body); now != snap {
		t.Fatalf("refused changes changed the plan:\n%s\n%s", snap, now)
	}
}
