package api_test

import (
	"strings"
	"testing"
)

// planWorld is a planEnv with one proposed plan (a brand-side and a
// buyer-side commitment), a goal and a tier, for the route matrix below.
type planWorld struct {
	*planEnv
	plan, brandC, buyerC, tier int64
}

func newPlanWorld(t *testing.T) *planWorld {
	p := newPlanEnv(t)
	pl := p.plan(nil)
	w := &planWorld{planEnv: p, plan: jnum(pl, "id")}
	cs := commitmentsOf(pl)
	w.brandC, w.buyerC = num(cs[0]["id"]), num(cs[1]["id"])
	p.must(200, "POST", "/api/v1/plans/"+itoa(w.plan)+"/propose", p.manager.Token, nil)
	w.tier = p.tier(map[string]any{"name": "银牌", "rank": 1})
	return w
}

// planRoute is one route of issue 14 with a body that succeeds.
type planRoute struct {
	method, path string // {plan}, {brandC}, {buyerC}, {buyer}, {tier}
	access       string // analyst, manager, owner, buyer
	status       int
	body         func(w *planWorld) any
}

func (r planRoute) url(w *planWorld) string {
	return "/api/v1" + strings.NewReplacer("{plan}", itoa(w.plan), "{brandC}", itoa(w.brandC), "{buyerC}", itoa(w.buyerC),
		"{buyer}", itoa(w.buyer), "{tier}", itoa(w.tier)).Replace(r.path)
}

func fixedBody(v map[string]any) func(*planWorld) any { return func(*planWorld) any { return v } }

var planRoutes = []planRoute{
	{"GET", "/plans", "analyst", 200, nil},
	{"POST", "/plans", "manager", 201, func(w *planWorld) any { return planBody(w.buyer, nil) }},
	{"GET", "/plans/{plan}", "analyst", 200, nil},
	{"PATCH", "/plans/{plan}", "manager", 200, fixedBody(map[string]any{"title": "新名字"})},
	{"POST", "/plans/{plan}/propose", "manager", 409, nil}, // already proposed: its happy path is in TestPlanLifecycle
	{"POST", "/plans/{plan}/agree", "manager", 200, nil},
	{"POST", "/plans/{plan}/close", "manager", 409, nil}, // not agreed yet
	{"POST", "/plans/{plan}/withdraw", "manager", 200, nil},
	{"POST", "/plans/{plan}/commitments", "manager", 201, fixedBody(map[string]any{"side": "buyer", "kind": "notes", "description": "三篇笔记"})},
	{"GET", "/plans/{plan}/comments", "analyst", 200, nil},
	{"POST", "/plans/{plan}/comments", "manager", 201, fixedBody(map[string]any{"body": "请确认"})},
	{"PATCH", "/commitments/{brandC}", "manager", 200, fixedBody(map[string]any{"status": "kept", "note": "已寄出"})},
	{"GET", "/buyers/{buyer}/promises", "analyst", 200, nil},
	{"POST", "/buyers/{buyer}/handover", "manager", 201, func(w *planWorld) any { return map[string]any{"to_user_id": w.manager.UserID} }},
	{"GET", "/buyers/{buyer}/handover", "analyst", 200, nil},
	{"GET", "/buyers/{buyer}/handover/candidates", "manager", 200, nil},
	{"GET", "/tiers", "analyst", 200, nil},
	{"POST", "/tiers", "owner", 201, fixedBody(map[string]any{"name": "金牌", "rank": 2})},
	{"PATCH", "/tiers/{tier}", "owner", 200, fixedBody(map[string]any{"benefits": []string{"专属价"}})},
	{"DELETE", "/tiers/{tier}", "owner", 204, nil},
	{"POST", "/portal/plans/{plan}/agree", "buyer", 200, nil},
	{"GET", "/portal/plans/{plan}/comments", "buyer", 200, nil},
	{"POST", "/portal/plans/{plan}/comments", "buyer", 201, fixedBody(map[string]any{"body": "没问题"})},
	{"PATCH", "/portal/commitments/{buyerC}", "buyer", 200, fixedBody(map[string]any{"status": "kept"})},
}

func (w *planWorld) caller(access string) account {
	switch access {
	case "analyst":
		return w.analyst
	case "manager":
		return w.manager
	case "owner":
		return w.owner
	}
	return w.portal
}

// TestPlanRoutesCoverTheTable fails when a route of issue 14 has no line above.
func TestPlanRoutesCoverTheTable(t *testing.T) {
	e := newEnv(t)
	have := map[string]bool{}
	for _, r := range planRoutes {
		p := strings.NewReplacer("{plan}", ":id", "{brandC}", ":id", "{buyerC}", ":id", "{buyer}", ":id", "{tier}", ":id").Replace(r.path)
		have[r.method+" /api/v1"+p] = true
	}
	for _, spec := range e.srv.RouteSpecs() {
		p := spec.Path
		mine := strings.Contains(p, "/plans") || strings.Contains(p, "/commitments") || strings.Contains(p, "/tiers") ||
			strings.HasSuffix(p, "/promises") || strings.Contains(p, "/handover")
		if mine && !have[spec.Method+" "+p] {
			t.Errorf("%s %s has no line in planRoutes", spec.Method, p)
		}
	}
}

// TestPlanRoutesHappyTenantRole runs every route of issue 14 as the least
// role it admits (the answer it should give), as the role below it (403),
// as another brand's owner or another buyer (404), and checks that refused
// calls change nothing.
func TestPlanRoutesHappyTenantRole(t *testing.T) {
	below := map[string]string{"manager": "analyst", "owner": "manager", "analyst": "buyer", "buyer": "manager"}
	for _, r := range planRoutes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			t.Parallel()
			w := newPlanWorld(t)
			var body any
			if r.body != nil {
				body = r.body(w)
			}
			snap := func() string {
				var out []string
				for _, tb := range []string{"plans", "commitments", "plan_comments", "tiers", "activities", "audit_log", "buyers"} {
					var rows []map[string]any
					w.db.R.Raw(`SELECT * FROM ` + tb + ` ORDER BY 1`).Scan(&rows)
					out = append(out, qs("%v", rows))
				}
				return strings.Join(out, "\n")
			}
			before := snap()
			// Wrong role.
			wantErr(t, w.do(r.method, r.url(w), w.caller(below[r.access]).Token, body), 403, "forbidden")
			// Wrong tenant: another brand's staff, or another buyer (of this brand or another).
			if strings.Contains(r.path, "{") {
				if r.access == "buyer" {
					wantErr(t, w.do(r.method, r.url(w), w.siblingPortal.Token, body), 404, "not_found")
					wantErr(t, w.do(r.method, r.url(w), w.otherPortal.Token, body), 404, "not_found")
				} else {
					wantErr(t, w.do(r.method, r.url(w), w.other.Token, body), 404, "not_found")
				}
			}
			if after := snap(); after != before {
				t.Fatalf("a refused call changed the database")
			}
			// Happy path.
			got := w.do(r.method, r.url(w), w.caller(r.access).Token, body)
			if got.Status != r.status {
				t.Fatalf("%d %s, want %d", got.Status, got.Body, r.status)
			}
			if r.status >= 400 {
				wantErr(t, got, r.status, "conflict")
			}
		})
	}
}
