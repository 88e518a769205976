package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"huoban/api"
)

// brandSet is one brand's users and records for the route-table-driven tests.
type brandSet struct {
	owner, manager, analyst, portal account // portal: a buyer user linked to buyer
	readToken, writeToken           string  // API tokens of the owner
	buyer, collab, goal, tokenID    int64
	activity                        int64
	invite                          int64 // an open team invite
	webhook, delivery               int64 // an endpoint with one queued ping
	plan, commitment, tier          int64 // a proposed plan with a buyer-side commitment, and a tier
}

// fixture is two brands, A and B, each with every kind of caller and one of
// every record. B's records carry secretB in their text, which no answer to
// a caller of brand A may ever contain.
type fixture struct {
	*env
	a, b brandSet
}

const secretB = "BRAND-B-SECRET-机密"

func newFixture(t testing.TB) *fixture {
	t.Helper()
	e := newEnv(t)
	f := &fixture{env: e}
	f.a = f.brand("品牌A", "a")
	f.b = f.brand("品牌B", secretB)
	return f
}

func (f *fixture) brand(name, secret string) brandSet {
	e := f.env
	var s brandSet
	s.owner = e.register(name)
	s.manager = e.invite(s.owner, "manager")
	s.analyst = e.invite(s.owner, "analyst")
	s.buyer = e.createBuyer(s.owner.Token, map[string]any{"name": "买手 " + secret, "xhs_id": "xhs-" + secret,
		"notes": secret, "contact": map[string]any{"wechat": "wx-" + secret}})
	c := collabFor(s.buyer)
	c["internal_notes"] = secret
	s.collab = jnum(e.must(201, "POST", "/api/v1/collaborations", s.owner.Token, c).JSON(), "id")
	s.goal = jnum(e.must(201, "POST", "/api/v1/goals", s.owner.Token, map[string]any{"buyer_id": s.buyer,
		"title": "目标 " + secret, "metric": "gmv_cents", "target": 200000, "period_start": "2026-11-01",
		"period_end": "2026-11-30", "shared_note": secret}).JSON(), "id")
	s.activity = jnum(e.must(201, "POST", "/api/v1/buyers/"+itoa(s.buyer)+"/activities", s.owner.Token, map[string]any{
		"kind": "call", "summary": "电话 " + secret, "occurred_at": "2026-11-20T10:00:00Z", "follow_up_on": "2026-11-22"}).JSON(), "id")
	for _, scope := range []string{"read", "write"} {
		r := e.must(201, "POST", "/api/v1/tokens", s.owner.Token, map[string]any{"name": scope + "-" + secret, "scope": scope})
		if scope == "read" {
			s.readToken = r.JSON()["token"].(string)
		} else {
			s.writeToken = r.JSON()["token"].(string)
			s.tokenID = jnum(r.JSON(), "id")
		}
	}
	s.invite = jnum(e.must(201, "POST", "/api/v1/team/invites", s.owner.Token, map[string]any{"role": "analyst"}).JSON(), "id")
	s.webhook = jnum(e.must(201, "POST", "/api/v1/webhooks", s.owner.Token, map[string]any{
		"url": "https://203.0.113.10/" + secret, "description": secret}).JSON(), "id")
	e.must(202, "POST", "/api/v1/webhooks/"+itoa(s.webhook)+"/test", s.owner.Token, nil)
	s.delivery = jnum(e.must(200, "GET", "/api/v1/webhooks/"+itoa(s.webhook)+"/deliveries", s.owner.Token, nil).
		JSON()["items"].([]any)[0].(map[string]any), "id")
	pl := e.must(201, "POST", "/api/v1/plans", s.owner.Token, map[string]any{"buyer_id": s.buyer, "title": "计划 " + secret,
		"period_start": "2026-11-01", "period_end": "2026-12-31", "commitments": []any{
			map[string]any{"side": "buyer", "kind": "custom", "description": "承诺 " + secret, "due_on": "2026-12-01"}}}).JSON()
	s.plan = jnum(pl, "id")
	s.commitment = jnum(pl["commitments"].([]any)[0].(map[string]any), "id")
	e.must(200, "POST", "/api/v1/plans/"+itoa(s.plan)+"/propose", s.owner.Token, nil)
	s.tier = jnum(e.must(201, "POST", "/api/v1/tiers", s.owner.Token, map[string]any{"name": "等级 " + secret, "rank": 1}).JSON(), "id")
	inv := e.must(201, "POST", "/api/v1/buyers/"+itoa(s.buyer)+"/invite", s.owner.Token, nil).JSON()
	email := qs("portal%d@example.com", seq.Add(1))
	s.portal = sessionOf(e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": inv["code"], "name": "买手用户", "email": email, "password": "correct horse"}), email)
	return s
}

// url fills a route's path parameters with the records of brand s.
func (f *fixture) url(spec api.RouteSpec, s brandSet) string {
	p := spec.Path
	id := s.buyer
	switch {
	case strings.Contains(p, "/collaborations/"):
		id = s.collab
	case strings.Contains(p, "/goals/"):
		id = s.goal
	case strings.HasPrefix(p, "/api/v1/tokens/"):
		id = s.tokenID
	case strings.HasPrefix(p, "/api/v1/activities/"):
		id = s.activity
	case strings.HasPrefix(p, "/api/v1/invites/"):
		id = s.invite
	case strings.HasPrefix(p, "/api/v1/webhooks/"):
		id = s.webhook
	case strings.Contains(p, "/plans/"):
		id = s.plan
	case strings.Contains(p, "/commitments/"):
		id = s.commitment
	case strings.HasPrefix(p, "/api/v1/tiers/"):
		id = s.tier
	}
	return strings.NewReplacer(":id", itoa(id), ":buyer_id", itoa(s.buyer), ":user_id", itoa(s.analyst.UserID),
		":delivery_id", itoa(s.delivery)).Replace(p)
}

// hasParam tells whether a route names a record in its path.
func hasParam(spec api.RouteSpec) bool { return strings.Contains(spec.Path, "/:") }

// tokenFor is the caller of brand s that the route's access level admits.
func tokenFor(spec api.RouteSpec, s brandSet) string {
	switch spec.Access {
	case "buyer":
		return s.portal.Token
	case "public":
		return ""
	}
	return s.owner.Token
}

// checkContract fails unless r keeps the contract: no 5xx, every non-2xx has
// the error body with a code and a message, and nothing of brand B leaks.
func checkContract(t testing.TB, what string, r resp) {
	t.Helper()
	if r.Status >= 500 {
		t.Fatalf("%s: %d %s", what, r.Status, r.Body)
	}
	if strings.Contains(string(r.Body), secretB) {
		t.Fatalf("%s: brand B's data in the answer: %s", what, r.Body)
	}
	if r.Status >= 300 {
		var eb struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(r.Body, &eb); err != nil || eb.Error.Code == "" || eb.Error.Message == "" {
			t.Fatalf("%s: %d without the error body: %q", what, r.Status, r.Body)
		}
	}
}
