package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// partnershipEnv is a brand with a manager, one buyer and helpers.
type partnershipEnv struct {
	*env
	owner, manager account
	buyer          int64
}

func newPartnership(t *testing.T) *partnershipEnv {
	e := newEnv(t)
	o := e.register("山茶花")
	m := e.invite(o, "manager")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "interest_circles": []string{"拼豆"},
		"categories": []string{"文创/手作材料"}})
	return &partnershipEnv{env: e, owner: o, manager: m, buyer: b}
}

func (p *partnershipEnv) collab(extra map[string]any) int64 {
	p.t.Helper()
	return num(p.createCollab(p.manager.Token, collabBody(p.buyer, extra))["id"])
}

func (p *partnershipEnv) goal(body map[string]any) map[string]any {
	p.t.Helper()
	b := map[string]any{"buyer_id": p.buyer, "title": "十一月 GMV", "metric": "gmv_cents", "target": 200000,
		"period_start": "2026-11-01", "period_end": "2026-11-30", "shared_note": "一起冲"}
	for k, v := range body {
		b[k] = v
	}
	return p.must(201, "POST", "/api/v1/goals", p.manager.Token, b).JSON()
}

func (p *partnershipEnv) milestoneCodes() map[string]int {
	p.t.Helper()
	out := map[string]int{}
	for _, m := range p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/milestones", p.owner.Token, nil).List() {
		out[m.(map[string]any)["code"].(string)]++
	}
	return out
}

func progress(g map[string]any) (int64, string) {
	return num(g["progress"].(map[string]any)["current"]), g["status"].(string)
}

func TestGoalProgressFollowsCollaborations(t *testing.T) {
	p := newPartnership(t)
	g := p.goal(nil)
	gid := itoa(num(g["id"]))
	if cur, st := progress(g); cur != 0 || st != "active" {
		t.Fatalf("new goal: %d %s", cur, st)
	}
	c1 := p.collab(map[string]any{"start_on": "2026-11-05", "end_on": "2026-11-05"}) // gmv 100000
	p.collab(map[string]any{"start_on": "2026-10-31", "end_on": "2026-10-31"})       // outside the period
	p.collab(map[string]any{"start_on": "2026-11-06", "end_on": "2026-11-06", "status": "planned"})
	if cur, st := progress(p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()); cur != 100000 || st != "active" {
		t.Fatalf("after one completed collaboration in the period: %d %s", cur, st)
	}
	c2 := p.collab(map[string]any{"start_on": "2026-11-20", "end_on": "2026-11-20"})
	got := p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()
	if cur, st := progress(got); cur != 200000 || st != "achieved" {
		t.Fatalf("reaching the target: %d %s", cur, st)
	}
	if pct := got["progress"].(map[string]any)["pct"].(float64); pct != 100 {
		t.Fatalf("pct %v", pct)
	}
	if p.milestoneCodes()["goal_achieved"] != 1 {
		t.Fatal("goal_achieved milestone missing")
	}
	// Editing a collaboration out of the period lowers progress; deleting one recomputes.
	p.must(200, "PATCH", "/api/v1/collaborations/"+itoa(c2), p.manager.Token, map[string]any{"start_on": "2026-12-01", "end_on": "2026-12-01"})
	if cur, st := progress(p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()); cur != 100000 || st != "active" {
		t.Fatalf("after moving one out: %d %s", cur, st)
	}
	p.must(204, "DELETE", "/api/v1/collaborations/"+itoa(c1), p.manager.Token, nil)
	if cur, _ := progress(p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()); cur != 0 {
		t.Fatalf("after delete: %d", cur)
	}
	if p.milestoneCodes()["goal_achieved"] != 1 {
		t.Fatal("a milestone reached stays reached")
	}
}

func TestGoalMissedAfterTheLastDay(t *testing.T) {
	p := newPartnership(t)
	g := p.goal(map[string]any{"period_start": "2026-11-01", "period_end": "2026-11-24"})
	gid := itoa(num(g["id"]))
	p.now.Advance(24 * time.Hour) // 2026-11-24: the last day is still active
	p.owner = p.signIn(p.owner)
	if _, st := progress(p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()); st != "active" {
		t.Fatalf("on the last day: %s", st)
	}
	if n := len(p.must(200, "GET", "/api/v1/goals?status=missed", p.owner.Token, nil).JSON()["items"].([]any)); n != 0 {
		t.Fatalf("missed filter on the last day: %d", n)
	}
	p.now.Advance(24 * time.Hour) // 2026-11-25
	p.owner = p.signIn(p.owner)
	if _, st := progress(p.must(200, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil).JSON()); st != "missed" {
		t.Fatalf("the day after: %s", st)
	}
	if n := len(p.must(200, "GET", "/api/v1/goals?status=missed", p.owner.Token, nil).JSON()["items"].([]any)); n != 1 {
		t.Fatalf("missed filter: %d", n)
	}
}

func TestCustomGoalAndValidation(t *testing.T) {
	p := newPartnership(t)
	g := p.goal(map[string]any{"metric": "custom", "target": 3, "title": "三次选品会"})
	gid := itoa(num(g["id"]))
	r := p.must(200, "PATCH", "/api/v1/goals/"+gid, p.manager.Token, map[string]any{"current": 3})
	if cur, st := progress(r.JSON()); cur != 3 || st != "achieved" {
		t.Fatalf("custom: %d %s", cur, st)
	}
	computed := p.goal(nil)
	if r := p.do("PATCH", "/api/v1/goals/"+itoa(num(computed["id"])), p.manager.Token, map[string]any{"current": 5}); r.Status != 422 || r.Field("current") == "" {
		t.Fatalf("current on a computed goal: %d %s", r.Status, r.Body)
	}
	bad := map[string]any{"buyer_id": p.buyer, "title": "", "metric": "likes", "target": 0, "period_start": "2026-11-30", "period_end": "2026-11-01"}
	r = p.do("POST", "/api/v1/goals", p.manager.Token, bad)
	for _, f := range []string{"title", "metric", "target", "period_end"} {
		if r.Status != 422 || r.Field(f) == "" {
			t.Fatalf("want a field error for %s: %d %s", f, r.Status, r.Body)
		}
	}
	analyst := p.invite(p.owner, "analyst")
	if r := p.do("POST", "/api/v1/goals", analyst.Token, map[string]any{}); r.Status != 403 {
		t.Fatalf("analyst: %d", r.Status)
	}
	other := p.register("别家")
	if r := p.do("GET", "/api/v1/goals/"+gid, other.Token, nil); r.Status != 404 {
		t.Fatalf("other brand: %d", r.Status)
	}
	if r := p.do("POST", "/api/v1/goals", other.Token, map[string]any{"buyer_id": p.buyer, "title": "x", "metric": "orders",
		"target": 1, "period_start": "2026-11-01", "period_end": "2026-11-30"}); r.Status != 422 || r.Field("buyer_id") == "" {
		t.Fatalf("a goal for another brand's buyer: %d %s", r.Status, r.Body)
	}
	r = p.must(200, "PATCH", "/api/v1/goals/"+gid, p.manager.Token, map[string]any{"status": "cancelled"})
	if r.JSON()["status"] != "cancelled" {
		t.Fatalf("cancel: %s", r.Body)
	}
	p.must(201, "POST", "/api/v1/goals/"+gid+"/comments", p.manager.Token, map[string]any{"body": "下个月再来"})
	if l := p.must(200, "GET", "/api/v1/goals/"+gid+"/comments", analyst.Token, nil).List(); len(l) != 1 {
		t.Fatalf("comments: %v", l)
	}
	p.must(204, "DELETE", "/api/v1/goals/"+gid, p.manager.Token, nil)
	p.must(404, "GET", "/api/v1/goals/"+gid, p.owner.Token, nil)
}

func TestAutomaticMilestonesOnce(t *testing.T) {
	p := newPartnership(t)
	p.collab(map[string]any{"status": "planned"})
	if len(p.milestoneCodes()) != 0 {
		t.Fatal("a planned collaboration reaches nothing")
	}
	big := map[string]any{"views": 10000, "viewers": 5000, "orders": 300, "gmv_cents": 12_000_000}
	for i := 0; i < 5; i++ {
		p.collab(map[string]any{"metrics": big})
	}
	got := p.milestoneCodes()
	for _, code := range []string{"first_collaboration", "first_livestream", "gmv_10k_session", "gmv_100k_session", "five_collaborations"} {
		if got[code] != 1 {
			t.Fatalf("%s reached %d times; all %v", code, got[code], got)
		}
	}
	if got["gmv_1m_total"] != 0 {
		t.Fatal("¥600,000 in total is below ¥1,000,000")
	}
	p.must(200, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/stage", p.manager.Token, map[string]any{"stage": "partner", "reason": "稳定"})
	p.must(200, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/stage", p.manager.Token, map[string]any{"stage": "paused", "reason": "淡季"})
	p.must(200, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/stage", p.manager.Token, map[string]any{"stage": "partner", "reason": "回归"})
	if got := p.milestoneCodes(); got["stage_partner"] != 1 {
		t.Fatalf("stage_partner once: %v", got)
	}
	r := p.must(201, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/milestones", p.manager.Token,
		map[string]any{"title": "第一次线下选品会", "achieved_on": "2026-11-20", "note": "杭州"})
	if r.JSON()["source"] != "manual" || r.JSON()["code"] != "manual" {
		t.Fatalf("manual: %s", r.Body)
	}
	if r := p.do("POST", "/api/v1/buyers/"+itoa(p.buyer)+"/milestones", p.manager.Token,
		map[string]any{"title": "x", "achieved_on": "2027-01-01"}); r.Status != 422 || r.Field("achieved_on") == "" {
		t.Fatalf("future milestone: %d %s", r.Status, r.Body)
	}
}

func TestMilestonesUnderConcurrentWrites(t *testing.T) {
	p := newPartnership(t)
	g := p.goal(map[string]any{"metric": "collaborations", "target": 16})
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := p.do("POST", "/api/v1/collaborations", p.manager.Token, collabBody(p.buyer, map[string]any{
				"metrics": map[string]any{"gmv_cents": 7_000_000, "views": 1, "orders": 1}}))
			if r.Status != 201 {
				t.Errorf("create: %d %s", r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	got := p.milestoneCodes()
	for code, n := range got {
		if n != 1 {
			t.Fatalf("%s recorded %d times", code, n)
		}
	}
	for _, code := range []string{"first_collaboration", "gmv_1m_total", "five_collaborations", "goal_achieved"} {
		if got[code] != 1 {
			t.Fatalf("%s missing: %v", code, got)
		}
	}
	if cur, st := progress(p.must(200, "GET", "/api/v1/goals/"+itoa(num(g["id"])), p.owner.Token, nil).JSON()); cur != 16 || st != "achieved" {
		t.Fatalf("goal after concurrent writes: %d %s", cur, st)
	}
}

func TestHealthEndpointAndStoredScore(t *testing.T) {
	p := newPartnership(t)
	for _, day := range []string{"2026-10-01", "2026-10-20", "2026-11-10"} {
		p.collab(map[string]any{"start_on": day, "end_on": day})
	}
	h := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", p.owner.Token, nil).JSON()
	if len(h["factors"].([]any)) != 6 || len(h["trend"].([]any)) != 3 {
		t.Fatalf("health: %v", h)
	}
	for _, f := range h["factors"].([]any) {
		if f.(map[string]any)["note"] == "" {
			t.Fatalf("factor without a reason: %v", f)
		}
	}
	b := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer), p.owner.Token, nil).JSON()
	if b["health"].(map[string]any)["score"] != h["score"] {
		t.Fatalf("stored %v vs computed %v", b["health"], h["score"])
	}
	other := p.register("别家")
	p.must(404, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/health", other.Token, nil)
}

func TestMatchRanksByCircleAndCategory(t *testing.T) {
	p := newPartnership(t)
	camp := p.createBuyer(p.owner.Token, map[string]any{"name": "阿野露营", "interest_circles": []string{"露营"},
		"categories": []string{"户外/露营装备"}})
	r := p.must(200, "GET", "/api/v1/buyers/match?circle=露营&category=户外&type=livestream", p.owner.Token, nil).List()
	if len(r) != 1 || num(r[0].(map[string]any)["buyer"].(map[string]any)["id"]) != camp {
		t.Fatalf("match: %v", r)
	}
	if reasons := r[0].(map[string]any)["reasons"].([]any); len(reasons) < 2 || !strings.Contains(reasons[0].(string), "露营") {
		t.Fatalf("reasons: %v", reasons)
	}
	p.must(422, "GET", "/api/v1/buyers/match?type=tv", p.owner.Token, nil)
	other := p.register("别家")
	if r := p.must(200, "GET", "/api/v1/buyers/match?circle=露营", other.Token, nil).List(); len(r) != 0 {
		t.Fatalf("another brand's buyers leaked: %v", r)
	}
}

func TestDashboard(t *testing.T) {
	p := newPartnership(t)
	p.collab(map[string]any{"start_on": "2026-11-10", "end_on": "2026-11-10"})
	p.collab(map[string]any{"start_on": "2026-10-10", "end_on": "2026-10-10", "type": "note"})
	p.collab(map[string]any{"start_on": "2026-11-12", "end_on": "2026-11-12", "status": "planned"})
	p.goal(map[string]any{"period_end": "2026-11-30"})
	d := p.must(200, "GET", "/api/v1/dashboard?days=30", p.owner.Token, nil).JSON()
	if num(d["gmv_cents"]) != 100000 || num(d["gmv_cents_prev"]) != 100000 || num(d["collaborations"]) != 1 || num(d["active_buyers"]) != 1 {
		t.Fatalf("totals: %v", d)
	}
	if months := d["gmv_by_month"].([]any); len(months) != 12 || months[11].(map[string]any)["month"] != "2026-11" {
		t.Fatalf("months: %v", months)
	}
	if top := d["top_buyers"].([]any); len(top) != 1 || top[0].(map[string]any)["name"] != "林小拼" {
		t.Fatalf("top: %v", top)
	}
	if len(d["by_stage"].([]any)) != 5 || len(d["goals_ending_soon"].([]any)) != 1 {
		t.Fatalf("stages/goals: %v %v", d["by_stage"], d["goals_ending_soon"])
	}
	// The cached dashboard follows writes.
	p.collab(map[string]any{"start_on": "2026-11-11", "end_on": "2026-11-11"})
	if d := p.must(200, "GET", "/api/v1/dashboard", p.owner.Token, nil).JSON(); num(d["gmv_cents"]) != 200000 {
		t.Fatalf("after a write: %v", d["gmv_cents"])
	}
	p.must(422, "GET", "/api/v1/dashboard?days=0", p.owner.Token, nil)
	other := p.register("别家")
	if d := p.must(200, "GET", "/api/v1/dashboard", other.Token, nil).JSON(); num(d["gmv_cents"]) != 0 {
		t.Fatalf("another brand sees GMV: %v", d)
	}
}

func TestBuyerPortal(t *testing.T) {
	p := newPartnership(t)
	p.collab(map[string]any{"internal_notes": "只给品牌看", "brand_rating": 2})
	g := p.goal(nil)
	gid := itoa(num(g["id"]))
	inv := p.must(201, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/invite", p.manager.Token, nil).JSON()
	r := p.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv["code"], "name": "林小拼",
		"email": "lin@example.com", "password": "correct horse"})
	buyer := sessionOf(r, "lin@example.com")
	if r.JSON()["user"].(map[string]any)["role"] != "buyer" {
		t.Fatalf("role: %s", r.Body)
	}
	// The same code cannot be used twice.
	if r := p.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv["code"], "name": "x",
		"email": "x@example.com", "password": "correct horse"}); r.Status != 422 {
		t.Fatalf("reuse: %d", r.Status)
	}
	list := p.must(200, "GET", "/api/v1/portal/partnerships", buyer.Token, nil).List()
	if len(list) != 1 || list[0].(map[string]any)["brand"].(map[string]any)["name"] != "山茶花" {
		t.Fatalf("partnerships: %v", list)
	}
	detail := p.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(p.buyer), buyer.Token, nil)
	for _, secret := range []string{"internal_notes", "brand_rating", "只给品牌看", "health", "contact", "wechat"} {
		if strings.Contains(string(detail.Body), secret) {
			t.Fatalf("portal shows %q: %s", secret, detail.Body)
		}
	}
	d := detail.JSON()
	if len(d["goals"].([]any)) != 1 || len(d["collaborations"].([]any)) != 1 || len(d["milestones"].([]any)) == 0 {
		t.Fatalf("detail: %s", detail.Body)
	}
	ack := p.must(200, "POST", "/api/v1/portal/goals/"+gid+"/acknowledge", buyer.Token, nil).JSON()
	if ack["acknowledged_at"] == nil {
		t.Fatal("acknowledged_at not set")
	}
	p.must(201, "POST", "/api/v1/portal/goals/"+gid+"/comments", buyer.Token, map[string]any{"body": "收到，一起努力"})
	p.must(201, "POST", "/api/v1/goals/"+gid+"/comments", p.manager.Token, map[string]any{"body": "加油"})
	cs := p.must(200, "GET", "/api/v1/portal/goals/"+gid+"/comments", buyer.Token, nil).List()
	if len(cs) != 2 || cs[0].(map[string]any)["author"].(map[string]any)["role"] != "buyer" {
		t.Fatalf("comments: %v", cs)
	}
	// A buyer is refused on every staff endpoint.
	for _, path := range []string{"/api/v1/buyers", "/api/v1/goals", "/api/v1/dashboard", "/api/v1/team", "/api/v1/collaborations"} {
		if r := p.do("GET", path, buyer.Token, nil); r.Status != 403 {
			t.Fatalf("buyer on %s: %d", path, r.Status)
		}
	}
	// Staff are refused on the portal.
	p.must(403, "GET", "/api/v1/portal/partnerships", p.owner.Token, nil)

	// Another brand invites the same buyer: the signed-in buyer links it.
	q := newPartnershipIn(p.env, "第二个品牌")
	inv2 := p.must(201, "POST", "/api/v1/buyers/"+itoa(q.buyer)+"/invite", q.owner.Token, nil).JSON()
	if r := p.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv2["code"], "name": "林小拼",
		"email": "lin@example.com", "password": "correct horse"}); r.Status != 409 {
		t.Fatalf("accepting with an existing email: %d", r.Status)
	}
	list2 := p.must(200, "POST", "/api/v1/portal/partnerships", buyer.Token, map[string]any{"code": inv2["code"]}).List()
	if len(list2) != 2 {
		t.Fatalf("two partnerships: %v", list2)
	}
	// A second buyer sees none of the first one's partnerships or goals.
	inv3 := p.must(201, "POST", "/api/v1/buyers/"+itoa(p.createBuyer(p.owner.Token, map[string]any{"name": "另一位"}))+"/invite", p.owner.Token, nil).JSON()
	other := sessionOf(p.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv3["code"], "name": "另一位",
		"email": "other@example.com", "password": "correct horse"}), "other@example.com")
	p.must(404, "GET", "/api/v1/portal/partnerships/"+itoa(p.buyer), other.Token, nil)
	p.must(404, "POST", "/api/v1/portal/goals/"+gid+"/acknowledge", other.Token, nil)
	p.must(404, "GET", "/api/v1/portal/goals/"+gid+"/comments", other.Token, nil)
	p.must(404, "POST", "/api/v1/portal/goals/"+gid+"/comments", other.Token, map[string]any{"body": "偷看"})
	// A linked buyer cannot be invited again.
	p.must(409, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/invite", p.manager.Token, nil)
}

// signIn signs a user in again (after the test clock moved past their token).
func (e *env) signIn(a account) account {
	e.t.Helper()
	return sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": a.Email, "password": "correct horse"}), a.Email)
}

// newPartnershipIn makes another brand with its own buyer in the same env.
func newPartnershipIn(e *env, brand string) *partnershipEnv {
	o := e.register(brand)
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	return &partnershipEnv{env: e, owner: o, manager: o, buyer: b}
}

func TestDailyMaintenanceDecaysHealth(t *testing.T) {
	p := newPartnership(t)
	for _, day := range []string{"2026-11-01", "2026-11-10", "2026-11-20"} {
		p.collab(map[string]any{"start_on": day, "end_on": day})
	}
	score := func() float64 {
		p.owner = p.signIn(p.owner)
		b := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer), p.owner.Token, nil).JSON()
		return b["health"].(map[string]any)["score"].(float64)
	}
	before := score()
	p.now.Advance(100 * 24 * time.Hour)
	if err := p.srv.DailyMaintenance(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := score()
	if after >= before || after >= 50 {
		t.Fatalf("after 100 silent days the stored health must fall below steady: %v → %v", before, after)
	}
	b := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer), p.owner.Token, nil).JSON()
	if num(b["stats"].(map[string]any)["gmv_cents_90d"]) != 0 {
		t.Fatalf("the 90-day GMV must have rolled out: %v", b["stats"])
	}
}
