package api_test

import (
	"encoding/json"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// world is two brands: A with an owner, a manager, an analyst, a buyer and an
// API token; B with its own owner and buyer.
type world struct {
	e                        *env
	owner, manager, analyst  account
	other                    account
	buyerA, buyerB, tokenIDA int64
	collabA                  int64
	tokenA                   string
}

const secretName = "机密买手A"

func newWorld(t testing.TB, opts ...envOption) *world {
	t.Helper()
	e := newEnv(t, opts...)
	w := &world{e: e}
	w.owner = e.register("品牌A")
	w.manager = e.invite(w.owner, "manager")
	w.analyst = e.invite(w.owner, "analyst")
	w.other = e.register("品牌B")
	w.buyerA = e.createBuyer(w.owner.Token, map[string]any{"name": secretName, "xhs_id": "xhs-secret-a",
		"city": "杭州", "contact": map[string]any{"wechat": "secret-wechat"}})
	w.buyerB = e.createBuyer(w.other.Token, map[string]any{"name": "买手B"})
	w.collabA = jnum(e.must(201, "POST", "/api/v1/collaborations", w.owner.Token, collabFor(w.buyerA)).JSON(), "id")
	r := e.must(201, "POST", "/api/v1/tokens", w.owner.Token, map[string]any{"name": "secret-token-name", "scope": "write"})
	w.tokenIDA = jnum(r.JSON(), "id")
	w.tokenA = r.JSON()["token"].(string)
	return w
}

// collabFor is a valid collaboration of buyer with brand-internal notes that must never leak.
func collabFor(buyer int64) map[string]any {
	return map[string]any{"buyer_id": buyer, "type": "livestream", "title": "机密合作", "products": []string{"拼豆套装A"},
		"status": "completed", "start_on": "2026-11-01", "end_on": "2026-11-01", "slot_fee_cents": 20000,
		"commission_pct": 20, "metrics": map[string]any{"views": 1000, "viewers": 400, "orders": 10, "gmv_cents": 100000},
		"internal_notes": "机密备注"}
}

// endpoint is one route with a valid body, for the matrices below.
type endpoint struct {
	method, path string // path placeholders: {buyer}, {member}, {token}
	access       string // public, any, analyst, manager, owner
	body         func(w *world) any
}

func (ep endpoint) url(w *world) string {
	return "/api/v1" + strings.NewReplacer("{buyer}", itoa(w.buyerA), "{member}", itoa(w.manager.UserID),
		"{token}", itoa(w.tokenIDA), "{collab}", itoa(w.collabA)).Replace(ep.path)
}

// ginPath is the path in gin syntax, as the router lists it.
func (ep endpoint) ginPath() string {
	return "/api/v1" + strings.NewReplacer("{buyer}", ":id", "{member}", ":user_id", "{token}", ":id", "{collab}", ":id").Replace(ep.path)
}

func (ep endpoint) hasID() bool { return strings.Contains(ep.path, "{") }

func fixed(v map[string]any) func(*world) any { return func(*world) any { return v } }

// endpoints lists every route of api/routes.go with a body that succeeds.
var endpoints = []endpoint{
	{"POST", "/auth/register", "public", fixed(map[string]any{"brand_name": "新品牌", "name": "新人", "email": "new@example.com", "password": "correct horse"})},
	{"POST", "/auth/login", "public", func(w *world) any { return map[string]any{"email": w.owner.Email, "password": "correct horse"} }},
	{"POST", "/auth/refresh", "public", func(w *world) any { return map[string]any{"refresh_token": w.owner.Refresh} }},
	{"POST", "/auth/logout", "public", func(w *world) any { return map[string]any{"refresh_token": w.owner.Refresh} }},
	{"POST", "/auth/accept-invite", "public", func(w *world) any {
		code := w.e.must(201, "POST", "/api/v1/team/invites", w.owner.Token, map[string]any{"role": "analyst"}).JSON()["code"]
		return map[string]any{"code": code, "name": "新同事", "email": "colleague@example.com", "password": "correct horse"}
	}},
	{"GET", "/me", "any", nil},
	{"PATCH", "/me", "any", fixed(map[string]any{"name": "新名字"})},
	{"GET", "/team", "owner", nil},
	{"POST", "/team/invites", "owner", fixed(map[string]any{"role": "analyst"})},
	{"PATCH", "/team/{member}", "owner", fixed(map[string]any{"role": "analyst"})},
	{"DELETE", "/team/{member}", "owner", nil},
	{"GET", "/buyers", "analyst", nil},
	{"POST", "/buyers", "manager", fixed(map[string]any{"name": "新买手"})},
	{"GET", "/buyers/{buyer}", "analyst", nil},
	{"PATCH", "/buyers/{buyer}", "manager", fixed(map[string]any{"city": "上海"})},
	{"DELETE", "/buyers/{buyer}", "owner", nil},
	{"POST", "/buyers/{buyer}/stage", "manager", fixed(map[string]any{"stage": "trial", "reason": "首次试播"})},
	{"GET", "/buyers/{buyer}/stage-history", "analyst", nil},
	{"GET", "/collaborations", "analyst", nil},
	{"POST", "/collaborations", "manager", func(w *world) any { return collabFor(w.buyerA) }},
	{"GET", "/collaborations/{collab}", "analyst", nil},
	{"PATCH", "/collaborations/{collab}", "manager", fixed(map[string]any{"title": "新标题"})},
	{"DELETE", "/collaborations/{collab}", "manager", nil},
	{"GET", "/tokens", "owner", nil},
	{"POST", "/tokens", "owner", fixed(map[string]any{"name": "bi", "scope": "read"})},
	{"DELETE", "/tokens/{token}", "owner", nil},
	{"GET", "/audit", "owner", nil},
	{"GET", "/team/invites", "owner", nil},
}

var rank = map[string]int{"any": 0, "analyst": 1, "manager": 2, "owner": 3}

// matrixPrefixes are the route groups this foundation matrix owns: every route
// under them must have a line in endpoints. Routes of later issues (goals,
// portal, dashboard, …) keep their matrices in their own test files.
var matrixPrefixes = []string{"/api/v1/auth/", "/api/v1/me", "/api/v1/team", "/api/v1/buyers", "/api/v1/collaborations",
	"/api/v1/tokens", "/api/v1/audit"}

// elsewhere are routes under matrixPrefixes that belong to later issues.
var elsewhere = []string{"/api/v1/buyers/:id/milestones", "/api/v1/buyers/:id/health", "/api/v1/buyers/:id/invite",
	"/api/v1/buyers/match", "/api/v1/buyers/:id/capabilities", "/api/v1/buyers/:id/activities", "/api/v1/buyers/export.csv",
	"/api/v1/collaborations/import", "/api/v1/collaborations/export.csv",
	"/api/v1/buyers/:id/portal-access", // portal access and buyer invites: api/sec_revoke_test.go
	"/api/v1/buyers/export.xlsx", "/api/v1/collaborations/export.xlsx", "/api/v1/collaborations/import-template.",
	// issue 15 (products15_test.go)
	"/api/v1/buyers/:id/selections", "/api/v1/buyers/:id/reviews", "/api/v1/collaborations/:id/review", "/api/v1/me/calendar-key",
	"/api/v1/buyers/:id/promises", "/api/v1/buyers/:id/handover"} // plans_matrix_test.go

// TestEndpointTableCoversEveryRoute fails when a route is added to a group of
// the foundation without a line in the matrices of this file.
func TestEndpointTableCoversEveryRoute(t *testing.T) {
	e := newEnv(t)
	have := map[string]bool{}
	for _, ep := range endpoints {
		have[ep.method+" "+ep.ginPath()] = true
	}
next:
	for _, r := range e.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		for _, p := range elsewhere {
			if strings.HasPrefix(r.Path, p) {
				continue next
			}
		}
		owned := false
		for _, p := range matrixPrefixes {
			owned = owned || strings.HasPrefix(r.Path, p)
		}
		if !owned {
			t.Logf("route %s %s is outside the foundation matrix", r.Method, r.Path)
			continue
		}
		if !have[r.Method+" "+r.Path] {
			t.Errorf("route %s %s has no line in the endpoint matrix", r.Method, r.Path)
		}
		delete(have, r.Method+" "+r.Path)
	}
	for k := range have {
		t.Errorf("matrix line %s has no route", k)
	}
}

func TestEveryEndpointHappyPath(t *testing.T) {
	for _, ep := range endpoints {
		t.Run(ep.method+" "+ep.path, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			var body any
			if ep.body != nil {
				body = ep.body(w)
			}
			tok := ""
			switch ep.access {
			case "any", "analyst":
				tok = w.analyst.Token
			case "manager":
				tok = w.manager.Token
			case "owner":
				tok = w.owner.Token
			}
			r := w.e.do(ep.method, ep.url(w), tok, body)
			if r.Status < 200 || r.Status > 299 {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			if r.Status == 204 && len(r.Body) != 0 {
				t.Fatalf("204 with a body: %s", r.Body)
			}
			if r.Status != 204 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("content type %q", r.Header.Get("Content-Type"))
			}
		})
	}
}

func TestEveryEndpointRefusesWrongRole(t *testing.T) {
	for _, ep := range endpoints {
		if ep.access == "public" || ep.access == "any" {
			continue
		}
		t.Run(ep.method+" "+ep.path, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			before := w.snapshot()
			for _, who := range []struct {
				role string
				acc  account
			}{{"analyst", w.analyst}, {"manager", w.manager}} {
				if rank[who.role] >= rank[ep.access] {
					continue
				}
				var body any
				if ep.body != nil {
					body = ep.body(w)
				}
				before = w.snapshot() // a body func may itself write (invites)
				r := w.e.do(ep.method, ep.url(w), who.acc.Token, body)
				if r.Status != 403 || r.ErrCode() != "forbidden" {
					t.Fatalf("%s: %d %s, want 403 forbidden", who.role, r.Status, r.Body)
				}
				if after := w.snapshot(); !jsonEq(before, after) {
					t.Fatalf("%s: a refused call changed the database:\n%v\n%v", who.role, before, after)
				}
			}
		})
	}
}

func TestEveryEndpointNeedsAToken(t *testing.T) {
	w := newWorld(t)
	for _, ep := range endpoints {
		if ep.access == "public" {
			continue
		}
		t.Run(ep.method+" "+ep.path, func(t *testing.T) {
			var body any
			if ep.body != nil {
				body = ep.body(w)
			}
			wantErr(t, w.e.do(ep.method, ep.url(w), "", body), 401, "unauthorized")
			wantErr(t, w.e.do(ep.method, ep.url(w), "garbage", body), 401, "unauthorized")
			r := w.e.raw(rawReq{method: ep.method, path: ep.url(w), header: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}})
			wantErr(t, r, 401, "unauthorized")
		})
	}
}

// TestEveryEndpointHidesOtherBrands calls every route that names a record with
// an id of brand A as brand B's owner: 404 with the error body, no data, no change.
func TestEveryEndpointHidesOtherBrands(t *testing.T) {
	for _, ep := range endpoints {
		if !ep.hasID() {
			continue
		}
		t.Run(ep.method+" "+ep.path, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			before := w.snapshot()
			var body any
			if ep.body != nil {
				body = ep.body(w)
			}
			r := w.e.do(ep.method, ep.url(w), w.other.Token, body)
			wantErr(t, r, 404, "not_found")
			for _, leak := range []string{secretName, "xhs-secret-a", "secret-wechat", "secret-token-name", "机密合作", "机密备注", w.manager.Email} {
				if strings.Contains(string(r.Body), leak) {
					t.Fatalf("answer leaks %q: %s", leak, r.Body)
				}
			}
			if after := w.snapshot(); !jsonEq(before, after) {
				t.Fatalf("a cross-brand call changed the database:\n%v\n%v", before, after)
			}
		})
	}
}

// TestListsHideOtherBrands checks that lists of brand B never show brand A's rows.
func TestListsHideOtherBrands(t *testing.T) {
	w := newWorld(t)
	w.e.must(200, "POST", "/api/v1/buyers/"+itoa(w.buyerA)+"/stage", w.owner.Token, map[string]any{"stage": "trial"})
	for _, path := range []string{"/api/v1/collaborations", "/api/v1/collaborations?buyer_id=" + itoa(w.buyerA), "/api/v1/buyers?status=all", "/api/v1/buyers?q=secret", "/api/v1/team", "/api/v1/tokens",
		"/api/v1/audit", "/api/v1/audit?entity=buyer&entity_id=" + itoa(w.buyerA), "/api/v1/buyers?owner_id=" + itoa(w.manager.UserID)} {
		r := w.e.must(200, "GET", path, w.other.Token, nil)
		for _, leak := range []string{secretName, "xhs-secret-a", "secret-token-name", "机密合作", w.manager.Email, w.owner.Email} {
			if strings.Contains(string(r.Body), leak) {
				t.Errorf("%s leaks %q: %s", path, leak, r.Body)
			}
		}
	}
	// A collaboration for another brand's buyer is refused and made nowhere.
	before := w.snapshot()
	if r := w.e.do("POST", "/api/v1/collaborations", w.other.Token, collabFor(w.buyerA)); r.Status < 400 || strings.Contains(string(r.Body), secretName) {
		t.Fatalf("collaboration for another brand's buyer: %d %s", r.Status, r.Body)
	}
	if r := w.e.do("PATCH", "/api/v1/buyers/"+itoa(w.buyerB), w.other.Token, map[string]any{"owner_id": w.owner.UserID}); r.Status != 422 {
		t.Fatalf("owner_id of another brand's user: %d %s", r.Status, r.Body)
	}
	if after := w.snapshot(); !jsonEq(before, after) {
		t.Fatal("a refused cross-brand write changed the database")
	}
	// And brand A sees its own.
	if r := w.e.must(200, "GET", "/api/v1/buyers", w.owner.Token, nil); !strings.Contains(string(r.Body), secretName) {
		t.Fatalf("brand A does not see its buyer: %s", r.Body)
	}
}

// TestEveryBodyIsReadStrictly sends each endpoint that takes a body the bad
// bodies of the contract; none changes anything.
func TestEveryBodyIsReadStrictly(t *testing.T) {
	big := `{"name":"` + strings.Repeat("a", 1<<20) + `"}`
	for _, ep := range endpoints {
		if ep.body == nil {
			continue
		}
		t.Run(ep.method+" "+ep.path, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			tok := w.owner.Token
			if ep.access == "public" {
				tok = ""
			}
			good, _ := json.Marshal(ep.body(w))
			before := w.snapshot()
			cases := []struct {
				name, ct, body string
				status         int
				code           string
			}{
				{"malformed", "application/json", `{"name":`, 400, "bad_request"},
				{"trailing data", "application/json", string(good) + ` {"x":1}`, 400, "bad_request"},
				{"trailing garbage", "application/json", string(good) + `x`, 400, "bad_request"},
				{"array", "application/json", `[` + string(good) + `]`, 400, "bad_request"},
				{"null", "application/json", `null`, 400, "bad_request"},
				{"empty", "application/json", ``, 400, "bad_request"},
				{"text/plain", "text/plain", string(good), 400, "bad_request"},
				{"form", "application/x-www-form-urlencoded", "name=x", 400, "bad_request"},
				{"no content type", "", string(good), 400, "bad_request"},
				{"over 1 MiB", "application/json", big, 413, "payload_too_large"},
				{"unknown field", "application/json", strings.Replace(string(good), "{", `{"bogus_field":1,`, 1), 422, "validation_failed"},
			}
			for _, tc := range cases {
				r := w.e.raw(rawReq{method: ep.method, path: ep.url(w), token: tok, ct: tc.ct, body: strings.NewReader(tc.body)})
				if r.Status != tc.status || r.ErrCode() != tc.code {
					t.Errorf("%s: %d %s, want %d %s", tc.name, r.Status, trim(r.Body), tc.status, tc.code)
				}
				if tc.name == "unknown field" && r.Field("bogus_field") == "" {
					t.Errorf("unknown field not named: %s", r.Body)
				}
			}
			// JSON with charset is fine; it is only checked here to not be refused as a content type.
			r := w.e.raw(rawReq{method: ep.method, path: ep.url(w), token: tok, ct: "application/json; charset=utf-8", body: strings.NewReader(`{"bogus_field":1}`)})
			if r.Status != 422 {
				t.Errorf("charset content type: %d %s", r.Status, trim(r.Body))
			}
			if after := w.snapshot(); !jsonEq(before, after) {
				t.Fatalf("bad bodies changed the database:\n%v\n%v", before, after)
			}
		})
	}
}

// TestDeclaredHugeBodyIsRefusedUnread: a Content-Length over the upload limit is refused before reading.
func TestDeclaredHugeBodyIsRefusedUnread(t *testing.T) {
	w := newWorld(t)
	req := httptest.NewRequest("POST", "/api/v1/buyers", strings.NewReader(`{"name":"x"}`))
	req.ContentLength = 30 << 20
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+w.owner.Token)
	rec := httptest.NewRecorder()
	w.e.srv.ServeHTTP(rec, req)
	r := resp{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	wantErr(t, r, 413, "payload_too_large")
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/api/v1/unknown", 404, "not_found"},
		{"GET", "/api/v1/buyers/1/unknown", 404, "not_found"},
		{"GET", "/api/v2/buyers", 404, "not_found"},
		{"GET", "/api/nothing", 404, "not_found"},
		{"GET", "/api", 404, "not_found"},
		{"POST", "/api/v1/unknown", 404, "not_found"},
		{"GET", "/api/v1/buyers/abc", 404, "not_found"},
		{"GET", "/api/v1/buyers/0", 404, "not_found"},
		{"GET", "/api/v1/buyers/-1", 404, "not_found"},
		{"GET", "/api/v1/buyers/99999", 404, "not_found"},
		{"PUT", "/api/v1/buyers", 405, "method_not_allowed"},
		{"DELETE", "/api/v1/buyers", 405, "method_not_allowed"},
		{"PUT", "/api/v1/buyers/1", 405, "method_not_allowed"},
		{"GET", "/api/v1/auth/login", 405, "method_not_allowed"},
		{"DELETE", "/api/v1/me", 405, "method_not_allowed"},
		{"POST", "/api/v1/audit", 405, "method_not_allowed"},
	} {
		wantErr(t, w.e.do(c.method, c.path, w.owner.Token, nil), c.status, c.code)
	}
}

// TestServerOwnedFieldsAreRefused: id, stats, health and timestamps are never taken from a body.
func TestServerOwnedFieldsAreRefused(t *testing.T) {
	w := newWorld(t)
	before := w.e.buyer(w.owner.Token, w.buyerA)
	n := len(ids(w.e.must(200, "GET", "/api/v1/buyers?status=all", w.owner.Token, nil)))
	for field, v := range map[string]any{
		"id": 999, "stats": map[string]any{"collaborations": 5}, "health": map[string]any{"score": 99},
		"created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z", "brand_id": w.other.BrandID,
		"stage_history": []any{}, "gmv_cents_90d": 1,
	} {
		wantField(t, w.e.do("POST", "/api/v1/buyers", w.owner.Token, map[string]any{"name": "x", field: v}), field)
		wantField(t, w.e.do("PATCH", "/api/v1/buyers/"+itoa(w.buyerA), w.owner.Token, map[string]any{"city": "北京", field: v}), field)
	}
	if after := w.e.buyer(w.owner.Token, w.buyerA); !jsonEq(before, after) {
		t.Fatalf("buyer changed:\n%v\n%v", before, after)
	}
	if m := len(ids(w.e.must(200, "GET", "/api/v1/buyers?status=all", w.owner.Token, nil))); m != n {
		t.Fatalf("buyers %d → %d", n, m)
	}
	// Server-owned fields of users and tokens too.
	wantField(t, w.e.do("PATCH", "/api/v1/me", w.owner.Token, map[string]any{"role": "owner"}), "role")
	wantField(t, w.e.do("PATCH", "/api/v1/me", w.owner.Token, map[string]any{"brand_id": 1}), "brand_id")
	wantField(t, w.e.do("POST", "/api/v1/tokens", w.owner.Token, map[string]any{"name": "x", "scope": "read", "token": "hb_mine"}), "token")
	wantField(t, w.e.do("POST", "/api/v1/auth/register", "", map[string]any{"brand_name": "b", "name": "n",
		"email": "r@example.com", "password": "correct horse", "role": "owner"}), "role")
}

// snapshot counts the rows of every table and the content of brand A's buyer,
// so tests can show a refused call changed nothing.
func (w *world) snapshot() map[string]any {
	w.e.t.Helper()
	out := map[string]any{}
	tables := tableNames(w.e.t, w.e.db)
	sort.Strings(tables)
	for _, tb := range tables {
		if tb == "settings" { // housekeeping marks (e.g. the daily stats roll-forward), not client data
			continue
		}
		var n int64
		w.e.db.R.Raw(`SELECT count(*) FROM "` + tb + `"`).Scan(&n)
		out[tb] = n
	}
	var rows []map[string]any
	w.e.db.R.Raw(`SELECT * FROM buyers ORDER BY id`).Scan(&rows)
	out["buyers_rows"] = rows
	var users []map[string]any
	w.e.db.R.Raw(`SELECT id, role, name, locale, password_hash FROM users ORDER BY id`).Scan(&users)
	out["users_rows"] = users
	var rt []map[string]any
	w.e.db.R.Raw(`SELECT id, used_at, revoked_at FROM refresh_tokens ORDER BY id`).Scan(&rt)
	out["refresh_rows"] = rt
	var inv []map[string]any
	w.e.db.R.Raw(`SELECT id, used_at FROM invites ORDER BY id`).Scan(&inv)
	out["invite_rows"] = inv
	return out
}

func trim(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// TestBuyerUsersCannotUseStaffEndpoints: a portal (buyer-role) user is refused
// every staff endpoint of the matrix with 403, and changes nothing.
func TestBuyerUsersCannotUseStaffEndpoints(t *testing.T) {
	w := newWorld(t)
	code := w.e.must(201, "POST", "/api/v1/buyers/"+itoa(w.buyerA)+"/invite", w.manager.Token, nil).JSON()["code"]
	r := w.e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": code, "name": "林小拼", "email": "buyer@example.com", "password": pw})
	portal := sessionOf(r, "buyer@example.com")
	if me := w.e.must(200, "GET", "/api/v1/me", portal.Token, nil).JSON(); me["role"] != "buyer" || me["brand_id"] != nil {
		t.Fatalf("portal user %v", me)
	}
	for _, ep := range endpoints {
		if ep.access == "public" || ep.access == "any" {
			continue
		}
		var body any
		if ep.body != nil {
			body = ep.body(w)
		}
		before := w.snapshot()
		r := w.e.do(ep.method, ep.url(w), portal.Token, body)
		if r.Status != 403 || r.ErrCode() != "forbidden" {
			t.Errorf("%s %s: %d %s, want 403", ep.method, ep.path, r.Status, trim(r.Body))
		}
		if strings.Contains(string(r.Body), "secret-wechat") || strings.Contains(string(r.Body), "机密备注") {
			t.Errorf("%s %s leaks brand-internal data", ep.method, ep.path)
		}
		if after := w.snapshot(); !jsonEq(before, after) {
			t.Errorf("%s %s: a refused call changed the database", ep.method, ep.path)
		}
	}
}
