package api_test

// The OWASP API Security Top 10 (2023), one test per item, each showing the
// defence Huoban has against it. API1 and API5 are generated from the route
// table (Server.RouteSpecs), so a route added later is checked without
// anyone remembering to add it here.

import (
	"bytes"
	"fmt"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"huoban/api"
)

// bodyFor is a well-formed body for a route, so that a refusal comes from
// authorization and not from validation.
func bodyFor(spec api.RouteSpec, s brandSet) any {
	switch spec.Method + " " + spec.Path {
	case "PATCH /api/v1/buyers/:id":
		return map[string]any{"city": "上海"}
	case "POST /api/v1/buyers/:id/stage":
		return map[string]any{"stage": "trial", "reason": "试播"}
	case "POST /api/v1/buyers/:id/milestones":
		return map[string]any{"title": "首场破万", "achieved_on": "2026-11-01"}
	case "PATCH /api/v1/collaborations/:id":
		return map[string]any{"title": "新标题"}
	case "PATCH /api/v1/goals/:id":
		return map[string]any{"title": "新目标"}
	case "POST /api/v1/goals/:id/comments", "POST /api/v1/portal/goals/:id/comments":
		return map[string]any{"body": "加油"}
	case "POST /api/v1/buyers/:id/activities":
		return map[string]any{"kind": "call", "summary": "电话沟通", "occurred_at": "2026-11-20T10:00:00Z"}
	case "PATCH /api/v1/activities/:id":
		return map[string]any{"done": true}
	case "POST /api/v1/buyers/:id/capabilities":
		return map[string]any{"recorded_on": "2026-11-01", "selection": map[string]any{"skus_per_month": 5}}
	case "PATCH /api/v1/team/:user_id":
		return map[string]any{"role": "manager"}
	case "POST /api/v1/webhooks":
		return map[string]any{"url": "https://203.0.113.10/new"}
	case "PATCH /api/v1/webhooks/:id":
		return map[string]any{"description": "新说明"}
	case "POST /api/v1/notifications/read":
		return map[string]any{"all": true}
	case "POST /api/v1/buyers/:id/selections": // issue 15
		return map[string]any{"product_id": 1, "decision": "picked", "reason": "试试"}
	case "PATCH /api/v1/plans/:id":
		return map[string]any{"title": "新计划名"}
	case "POST /api/v1/plans/:id/commitments":
		return map[string]any{"side": "brand", "kind": "samples"}
	case "POST /api/v1/plans/:id/comments", "POST /api/v1/portal/plans/:id/comments":
		return map[string]any{"body": "好的"}
	case "PATCH /api/v1/commitments/:id", "PATCH /api/v1/portal/commitments/:id":
		return map[string]any{"status": "kept"}
	case "POST /api/v1/buyers/:id/handover":
		return map[string]any{"to_user_id": s.manager.UserID}
	case "PATCH /api/v1/tiers/:id":
		return map[string]any{"name": "新等级名"}
	}
	if spec.Body {
		return map[string]any{}
	}
	return nil
}

// TestOWASP_API1_BOLA calls every route that names a record in its path with
// brand B's record: as brand A's caller of the right role (404, never B's
// data), as a buyer user (403 or 404), as an analyst for writes (403) and
// with a read-scoped API token for writes (403). B's records are intact after.
func TestOWASP_API1_BOLA(t *testing.T) {
	f := newFixture(t)
	snapshot := func() string {
		var out []byte
		for _, p := range []string{"/buyers/" + itoa(f.b.buyer), "/collaborations/" + itoa(f.b.collab), "/goals/" + itoa(f.b.goal),
			"/goals/" + itoa(f.b.goal) + "/comments", "/buyers/" + itoa(f.b.buyer) + "/milestones", "/tokens", "/team",
			"/buyers/" + itoa(f.b.buyer) + "/stage-history"} {
			out = append(out, f.must(200, "GET", "/api/v1"+p, f.b.owner.Token, nil).Body...)
		}
		return string(out)
	}
	before := snapshot()
	n := 0
	for _, spec := range f.srv.RouteSpecs() {
		if !hasParam(spec) {
			continue
		}
		n++
		url := f.url(spec, f.b)
		body := bodyFor(spec, f.b)
		name := spec.Method + " " + spec.Path
		write := spec.Method != "GET"

		r := f.do(spec.Method, url, tokenFor(spec, f.a), body)
		checkContract(t, name+" by brand A", r)
		if r.Status != 404 {
			t.Errorf("%s on brand B's record by brand A's %s: %d %s, want 404", name, spec.Access, r.Status, r.Body)
		}
		if spec.Access != "buyer" {
			r = f.do(spec.Method, url, f.a.portal.Token, body)
			checkContract(t, name+" by a buyer", r)
			if r.Status != 403 && r.Status != 404 {
				t.Errorf("%s by a buyer user: %d, want 403 or 404", name, r.Status)
			}
			// The buyer's own brand's record is refused too.
			if r := f.do(spec.Method, f.url(spec, f.a), f.a.portal.Token, bodyFor(spec, f.a)); r.Status != 403 {
				t.Errorf("%s on its own brand's record by a buyer user: %d, want 403", name, r.Status)
			}
		}
		if write {
			own := f.url(spec, f.a)
			if r := f.do(spec.Method, own, f.a.analyst.Token, bodyFor(spec, f.a)); r.Status != 403 {
				t.Errorf("%s by an analyst: %d %s, want 403", name, r.Status, r.Body)
			}
			if r := f.do(spec.Method, own, f.a.readToken, bodyFor(spec, f.a)); r.Status != 403 {
				t.Errorf("%s with a read-scoped API token: %d %s, want 403", name, r.Status, r.Body)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d routes with a record id in the route table; the generator lost some", n)
	}
	// Brand B's records are byte for byte what they were, and its token works.
	if after := snapshot(); after != before {
		t.Fatalf("brand B's records changed:\nbefore %s\nafter  %s", before, after)
	}
	f.must(200, "GET", "/api/v1/me", f.b.writeToken, nil)
	t.Logf("%d routes with a record id checked", n)
}

// TestOWASP_API2_BrokenAuthentication: every non-public route refuses a
// missing, malformed, foreign-key-signed or "none"-algorithm token; a spent
// refresh token revokes its family.
func TestOWASP_API2_BrokenAuthentication(t *testing.T) {
	f := newFixture(t)
	other := newEnv(t) // a server with another secret signs a token for the same user id
	forged := other.register("伪造").Token
	bad := []string{"", "garbage", forged, "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.", "hb_not_a_real_token",
		f.a.owner.Token[:len(f.a.owner.Token)-3] + "abc"}
	for _, spec := range f.srv.RouteSpecs() {
		if spec.Access == "public" {
			continue
		}
		for i, tok := range bad {
			r := f.do(spec.Method, f.url(spec, f.a), tok, bodyFor(spec, f.a))
			if r.Status != 401 || r.ErrCode() != "unauthorized" {
				t.Errorf("%s %s with bad token #%d: %d %s", spec.Method, spec.Path, i, r.Status, r.Body)
			}
		}
	}
	// Expired: the clock moves past the 15-minute access token lifetime.
	f.now.Advance(16 * time.Minute)
	wantErr(t, f.do("GET", "/api/v1/me", f.a.owner.Token, nil), 401, "unauthorized")
	// Refresh rotation: presenting a spent refresh token revokes the family.
	r := f.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": f.a.owner.Refresh})
	fresh := r.JSON()["refresh_token"].(string)
	wantErr(t, f.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": f.a.owner.Refresh}), 401, "unauthorized")
	wantErr(t, f.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": fresh}), 401, "unauthorized")
}

// TestOWASP_API3_PropertyLevelAuthorization: server-owned fields sent in a
// body are refused with 422 naming them (mass assignment), and answers never
// carry secrets or brand-internal fields to those who may not see them.
func TestOWASP_API3_PropertyLevelAuthorization(t *testing.T) {
	f := newFixture(t)
	b := itoa(f.a.buyer)
	cases := []struct {
		method, path string
		token        string
		field        string
		value        any
	}{
		{"POST", "/api/v1/buyers", f.a.owner.Token, "id", 99},
		{"POST", "/api/v1/buyers", f.a.owner.Token, "brand_id", f.b.owner.BrandID},
		{"POST", "/api/v1/buyers", f.a.owner.Token, "stats", map[string]any{"collaborations": 9}},
		{"POST", "/api/v1/buyers", f.a.owner.Token, "health", map[string]any{"score": 100}},
		{"POST", "/api/v1/buyers", f.a.owner.Token, "created_at", "2020-01-01T00:00:00Z"},
		{"PATCH", "/api/v1/buyers/" + b, f.a.owner.Token, "brand_id", f.b.owner.BrandID},
		{"PATCH", "/api/v1/buyers/" + b, f.a.owner.Token, "stage", "core"},
		{"POST", "/api/v1/collaborations", f.a.owner.Token, "kpis", map[string]any{"roi": 99}},
		{"POST", "/api/v1/collaborations", f.a.owner.Token, "created_by", f.b.owner.UserID},
		{"POST", "/api/v1/collaborations", f.a.owner.Token, "brand_id", f.b.owner.BrandID},
		{"PATCH", "/api/v1/collaborations/" + itoa(f.a.collab), f.a.owner.Token, "id", 1},
		{"POST", "/api/v1/goals", f.a.owner.Token, "progress", map[string]any{"current": 1}},
		{"POST", "/api/v1/goals", f.a.owner.Token, "created_by", 1},
		{"PATCH", "/api/v1/me", f.a.analyst.Token, "role", "owner"},
		{"PATCH", "/api/v1/me", f.a.analyst.Token, "brand_id", f.b.owner.BrandID},
		{"POST", "/api/v1/tokens", f.a.owner.Token, "prefix", "hb_x"},
		{"POST", "/api/v1/auth/register", "", "role", "owner"},
	}
	valid := map[string]map[string]any{
		"/api/v1/buyers":         {"name": "x"},
		"/api/v1/collaborations": collabFor(f.a.buyer),
		"/api/v1/goals": {"buyer_id": f.a.buyer, "title": "t", "metric": "orders", "target": 5,
			"period_start": "2026-11-01", "period_end": "2026-11-30"},
		"/api/v1/tokens":        {"name": "x", "scope": "read"},
		"/api/v1/auth/register": {"brand_name": "b", "name": "n", "email": "mass@example.com", "password": "correct horse"},
	}
	for _, c := range cases {
		body := map[string]any{}
		for k, v := range valid[c.path] {
			body[k] = v
		}
		body[c.field] = c.value
		r := f.do(c.method, c.path, c.token, body)
		if r.Status != 422 || r.Field(c.field) == "" {
			t.Errorf("%s %s with %s: %d %s, want 422 naming it", c.method, c.path, c.field, r.Status, r.Body)
		}
	}
	// Excessive data exposure: no hashes or secrets in answers.
	for _, p := range []string{"/api/v1/me", "/api/v1/team", "/api/v1/tokens", "/api/v1/audit"} {
		body := string(f.must(200, "GET", p, f.a.owner.Token, nil).Body)
		for _, leak := range []string{"password", "hash", "jwt_secret", "refresh", f.a.readToken, f.a.writeToken, f.a.owner.Refresh} {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s shows %q: %s", p, leak, body)
			}
		}
	}
	// The portal hides brand-internal fields from the buyer.
	portal := string(f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(f.a.buyer), f.a.portal.Token, nil).Body)
	for _, leak := range []string{"internal_notes", "brand_rating", "wx-a", "health"} {
		if strings.Contains(portal, leak) {
			t.Errorf("the portal shows %q: %s", leak, portal)
		}
	}
}

// TestOWASP_API4_ResourceConsumption: page size, body size (JSON and CSV),
// header size and login attempts are all bounded.
func TestOWASP_API4_ResourceConsumption(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerIP = 5 })
	owner := e.register("限流")
	for _, list := range []string{"/api/v1/buyers", "/api/v1/collaborations", "/api/v1/goals", "/api/v1/buyers/match"} {
		wantField(t, e.do("GET", list+"?limit=201", owner.Token, nil), "limit")
		wantField(t, e.do("GET", list+"?limit=0", owner.Token, nil), "limit")
	}
	e.must(200, "GET", "/api/v1/buyers?limit=200", owner.Token, nil)

	// JSON over 1 MiB: refused by its declared length, and when streamed without one.
	big := `{"name":"x","notes":"` + strings.Repeat("a", 1<<20) + `"}`
	wantErr(t, e.do("POST", "/api/v1/buyers", owner.Token, big), 413, "payload_too_large")
	req := httptest.NewRequest("POST", "/api/v1/buyers", io.MultiReader(strings.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+owner.Token)
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	wantErr(t, resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}, 413, "payload_too_large")

	// CSV over 20 MiB: every /api/v1 route (the importer included, once merged
	// from its branch) refuses a declared length over the CSV limit unread.
	for _, path := range []string{"/api/v1/collaborations/import", "/api/v1/buyers"} {
		req = httptest.NewRequest("POST", path, bytes.NewReader(nil))
		req.ContentLength = 20<<20 + 1
		req.Header.Set("Content-Type", "text/csv")
		req.Header.Set("Authorization", "Bearer "+owner.Token)
		w = httptest.NewRecorder()
		e.srv.ServeHTTP(w, req)
		if path == "/api/v1/buyers" || w.Code != 405 {
			wantErr(t, resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}, 413, "payload_too_large")
		}
	}
	// An oversized Authorization header is refused before any parsing.
	wantErr(t, e.do("GET", "/api/v1/me", strings.Repeat("a", 5000), nil), 401, "unauthorized")

	// Login attempts per client: the 6th within a minute is refused with Retry-After.
	for i := 0; i < 5; i++ {
		e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": owner.Email, "password": "wrong password"})
	}
	r := e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": owner.Email, "password": "correct horse"})
	wantErr(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
}

// TestOWASP_API5_FunctionLevelAuthorization checks every route of the table
// against every role it does not admit: 401 without a token, 403 for a role
// below the route's, 403 for staff on the portal and buyers on staff routes.
func TestOWASP_API5_FunctionLevelAuthorization(t *testing.T) {
	f := newFixture(t)
	callers := map[string]account{"analyst": f.a.analyst, "manager": f.a.manager, "owner": f.a.owner, "buyer": f.a.portal}
	admits := map[string][]string{
		"anyUser": {"analyst", "manager", "owner", "buyer"},
		"analyst": {"analyst", "manager", "owner"},
		"manager": {"manager", "owner"},
		"owner":   {"owner"},
		"buyer":   {"buyer"},
	}
	for _, spec := range f.srv.RouteSpecs() {
		if spec.Access == "public" {
			continue
		}
		ok, known := admits[spec.Access]
		if !known {
			t.Fatalf("%s %s: access %q is new; add it to this test", spec.Method, spec.Path, spec.Access)
		}
		wantErr(t, f.do(spec.Method, f.url(spec, f.a), "", bodyFor(spec, f.a)), 401, "unauthorized")
		// People-only routes (team, tokens, webhooks, calendar keys, invites,
		// portal access, PATCH /me, audit): no API token, whatever its scope.
		if spec.People {
			for scope, tok := range map[string]string{"write": f.a.writeToken, "read": f.a.readToken} {
				r := f.do(spec.Method, f.url(spec, f.a), tok, bodyFor(spec, f.a))
				if r.Status != 403 || r.ErrCode() != "forbidden" {
					t.Errorf("%s %s (people only) with a %s-scope API token: %d %s, want 403", spec.Method, spec.Path, scope, r.Status, r.Body)
				}
			}
		}
		for role, who := range callers {
			if slices.Contains(ok, role) {
				continue
			}
			r := f.do(spec.Method, f.url(spec, f.a), who.Token, bodyFor(spec, f.a))
			if r.Status != 403 || r.ErrCode() != "forbidden" {
				t.Errorf("%s %s (%s) by %s: %d %s, want 403", spec.Method, spec.Path, spec.Access, role, r.Status, r.Body)
			}
		}
	}
}

// TestOWASP_API6_SensitiveBusinessFlows: the flows worth automating against
// (sign-up, sign-in, invites) are rate limited per client and invites are
// single use, so codes cannot be replayed or shared.
func TestOWASP_API6_SensitiveBusinessFlows(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerIP = 3 })
	owner := e.register("流程")
	code := e.must(201, "POST", "/api/v1/team/invites", owner.Token, map[string]any{"role": "analyst"}).JSON()["code"]
	e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": code, "name": "a", "email": "a1@example.com", "password": "correct horse"})
	r := e.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": code, "name": "b", "email": "b1@example.com", "password": "correct horse"})
	if r.Status != 422 && r.Status != 404 && r.Status != 429 {
		t.Fatalf("an invite code used twice: %d %s", r.Status, r.Body)
	}
	var last resp
	for i := 0; i < 5; i++ {
		last = e.do("POST", "/api/v1/auth/register", "", map[string]any{"brand_name": "刷", "name": "n",
			"email": fmt.Sprintf("bot%d@example.com", i), "password": "correct horse"})
	}
	wantErr(t, last, 429, "rate_limited")
}

// TestOWASP_API7_SSRF: the only requests Huoban makes on anyone's behalf
// are webhook deliveries, whose targets are checked after DNS resolution on
// every connection (TestWebhookSSRF, webhook.TestTransportRefusesPrivateTargets).
// Avatars are not fetched: avatar_url is only handed to the browser, and
// only http(s) URLs are accepted, so a stored value cannot make the SPA load
// file:, javascript: or data: URLs either.
func TestOWASP_API7_SSRF(t *testing.T) {
	e := newEnv(t)
	owner := e.register("SSRF")
	for _, u := range []string{"file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1:6379/_x", "data:text/html,x", "//evil.example"} {
		wantField(t, e.do("POST", "/api/v1/buyers", owner.Token, map[string]any{"name": "x", "avatar_url": u}), "avatar_url")
	}
	e.must(201, "POST", "/api/v1/buyers", owner.Token, map[string]any{"name": "x", "avatar_url": "https://img.example.com/a.png"})
}

// TestOWASP_API8_SecurityMisconfiguration: every answer (API, errors, 404,
// 405, health, the SPA) carries the security headers; CORS is closed unless
// configured; a 500 tells nothing internal; X-Forwarded-For is not believed.
func TestOWASP_API8_SecurityMisconfiguration(t *testing.T) {
	e := newEnv(t)
	owner := e.register("配置")
	origin := map[string]string{"Origin": "https://evil.example"}
	answers := []resp{
		e.do("GET", "/api/v1/me", owner.Token, nil),
		e.do("GET", "/api/v1/me", "", nil),
		e.do("GET", "/api/v1/nope", owner.Token, nil),
		e.do("PUT", "/api/v1/buyers", owner.Token, nil),
		e.do("GET", "/healthz", "", nil),
		e.do("GET", "/api/openapi.json", "", nil),
		e.do("GET", "/", "", nil),
		e.do("GET", "/buyers/12", "", nil),
		e.raw(rawReq{method: "GET", path: "/api/v1/me", token: owner.Token, header: origin}),
		e.raw(rawReq{method: "OPTIONS", path: "/api/v1/buyers", header: map[string]string{
			"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}}),
	}
	for i, r := range answers {
		h := r.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") ||
			!strings.Contains(csp, "object-src 'none'") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("answer #%d: CSP %q", i, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("answer #%d: headers %v", i, h)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("answer #%d: CORS open without configuration: %v", i, h)
		}
	}
	// Configured origins, and only those, may read answers from a browser.
	c := newEnv(t, func(c *api.Config) { c.CORSOrigins = []string{"https://bi.example.com"} })
	tok := c.register("跨域").Token
	ok := c.raw(rawReq{method: "GET", path: "/api/v1/me", token: tok, header: map[string]string{"Origin": "https://bi.example.com"}})
	if ok.Header.Get("Access-Control-Allow-Origin") != "https://bi.example.com" || ok.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("allowed origin: %v", ok.Header)
	}
	pre := c.raw(rawReq{method: "OPTIONS", path: "/api/v1/buyers", header: map[string]string{
		"Origin": "https://bi.example.com", "Access-Control-Request-Method": "POST"}})
	if pre.Status != 204 || !strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Fatalf("preflight: %d %v", pre.Status, pre.Header)
	}
	if r := c.raw(rawReq{method: "GET", path: "/api/v1/me", token: tok, header: origin}); r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("another origin allowed: %v", r.Header)
	}
	// X-Forwarded-For is not believed (no trusted proxies): it cannot dodge the login limit.
	l := newEnv(t, func(c *api.Config) { c.LoginPerIP = 2 })
	var last resp
	for i := 0; i < 4; i++ {
		last = l.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json",
			body:   strings.NewReader(`{"email":"x@example.com","password":"wrong password"}`),
			header: map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", i)}})
	}
	wantErr(t, last, 429, "rate_limited")
}

// TestOWASP_API9_InventoryManagement: the served OpenAPI document describes
// every route of the table, and the router serves nothing the table (plus
// /healthz and the document itself) does not list: no forgotten debug or
// old-version endpoints.
func TestOWASP_API9_InventoryManagement(t *testing.T) {
	e := newEnv(t)
	doc := e.must(200, "GET", "/api/openapi.json", "", nil).JSON()
	paths, _ := doc["paths"].(map[string]any)
	table := map[string]bool{"GET /healthz": true, "GET /api/openapi.json": true}
	for _, spec := range e.srv.RouteSpecs() {
		table[spec.Method+" "+spec.Path] = true
		p := spec.Path
		for _, seg := range strings.Split(p, "/") {
			if strings.HasPrefix(seg, ":") {
				p = strings.Replace(p, seg, "{"+seg[1:]+"}", 1)
			}
		}
		ops, _ := paths[p].(map[string]any)
		if ops[strings.ToLower(spec.Method)] == nil {
			t.Errorf("%s %s is not in the OpenAPI document", spec.Method, p)
		}
	}
	for _, r := range e.srv.Routes() {
		if !table[r.Method+" "+r.Path] {
			t.Errorf("the router serves %s %s, which the route table does not list", r.Method, r.Path)
		}
	}
	for _, old := range []string{"/api/v0/buyers", "/api/buyers", "/api/v1/debug"} {
		if r := e.do("GET", old, "", nil); r.Status != 404 {
			t.Errorf("GET %s: %d", old, r.Status)
		}
	}
	// Outside /api every path is the web app's (client-side routes), so no
	// debug handler may answer there: /debug/pprof/ gets the app's page.
	if r := e.do("GET", "/debug/pprof/", "", nil); r.Status != 404 &&
		(!strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || strings.Contains(string(r.Body), "goroutine")) {
		t.Errorf("GET /debug/pprof/: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}

// TestOWASP_API10_UnsafeConsumption: Huoban calls no third-party API, so the
// only foreign data it consumes is what clients send: JSON bodies, decoded
// strictly (unknown fields, duplicate objects, trailing data and wrong types
// refused; fuzzed by FuzzJSONBodies), and CSV imports (FuzzCSVImport).
func TestOWASP_API10_UnsafeConsumption(t *testing.T) {
	e := newEnv(t)
	owner := e.register("消费")
	wantField(t, e.do("POST", "/api/v1/buyers", owner.Token, `{"name":"x","nmae":"y"}`), "nmae")
	wantErr(t, e.do("POST", "/api/v1/buyers", owner.Token, `{"name":"x"}{"name":"y"}`), 400, "bad_request")
	wantErr(t, e.do("POST", "/api/v1/buyers", owner.Token, `[{"name":"x"}]`), 400, "bad_request")
	wantField(t, e.do("POST", "/api/v1/buyers", owner.Token, `{"name":"x","followers":"many"}`), "followers")
	r := e.raw(rawReq{method: "POST", path: "/api/v1/buyers", token: owner.Token, ct: "text/plain", body: strings.NewReader(`{"name":"x"}`)})
	wantErr(t, r, 400, "bad_request")
}
