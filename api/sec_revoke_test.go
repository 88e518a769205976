package api_test

// Issue 17, finding 3: a brand could not cut a buyer off. Archiving a buyer
// left the portal open; buyer invites could not be revoked; a buyer user's
// link could not be ended.

import (
	"testing"
)

// portalBuyer invites a buyer user to buyer in owner's brand and returns them.
func (e *env) portalBuyer(owner account, buyer int64) account {
	e.t.Helper()
	code := e.must(201, "POST", "/api/v1/buyers/"+itoa(buyer)+"/invite", owner.Token, nil).JSON()["code"]
	email := qs("portal%d@example.com", seq.Add(1))
	return sessionOf(e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": code, "name": "买手用户", "email": email, "password": "correct horse"}), email)
}

func newGoal(e *env, owner account, buyer int64, title string) int64 {
	e.t.Helper()
	return jnum(e.must(201, "POST", "/api/v1/goals", owner.Token, map[string]any{"buyer_id": buyer, "title": title,
		"metric": "orders", "target": 5, "period_start": "2026-11-01", "period_end": "2026-11-30"}).JSON(), "id")
}

// TestArchivedBuyerPortalIsSuspended: the reported case — after archiving, a
// buyer user still read the partnership, goals made after archiving too.
func TestArchivedBuyerPortalIsSuspended(t *testing.T) {
	e := newEnv(t)
	o := e.register("归档")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	p := e.portalBuyer(o, b)
	e.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(b), p.Token, nil)

	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(b), o.Token, nil)
	g := newGoal(e, o, b, "归档后的目标")
	wantErr(t, e.do("GET", "/api/v1/portal/partnerships/"+itoa(b), p.Token, nil), 404, "not_found")
	if l := e.must(200, "GET", "/api/v1/portal/partnerships", p.Token, nil).List(); len(l) != 0 {
		t.Fatalf("the list still shows the archived partnership: %v", l)
	}
	wantErr(t, e.do("GET", "/api/v1/portal/goals/"+itoa(g)+"/comments", p.Token, nil), 404, "not_found")
	wantErr(t, e.do("POST", "/api/v1/portal/goals/"+itoa(g)+"/comments", p.Token, map[string]any{"body": "hi"}), 404, "not_found")
	wantErr(t, e.do("POST", "/api/v1/portal/goals/"+itoa(g)+"/acknowledge", p.Token, nil), 404, "not_found")
	acc := e.must(200, "GET", "/api/v1/buyers/"+itoa(b)+"/portal-access", o.Token, nil).List()
	if len(acc) != 1 || acc[0].(map[string]any)["suspended"] != true {
		t.Fatalf("portal access while archived: %v", acc)
	}

	// Restoring the buyer brings the link back.
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(b), o.Token, map[string]any{"status": "active"})
	e.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(b), p.Token, nil)
	e.must(200, "POST", "/api/v1/portal/goals/"+itoa(g)+"/acknowledge", p.Token, nil)
	acc = e.must(200, "GET", "/api/v1/buyers/"+itoa(b)+"/portal-access", o.Token, nil).List()
	if len(acc) != 1 || acc[0].(map[string]any)["suspended"] != false || jnum(acc[0].(map[string]any), "user_id") != p.UserID {
		t.Fatalf("portal access after restoring: %v", acc)
	}
}

// TestEndPortalAccess ends a buyer user's link to one brand: their current
// access token stops reaching it at once; another brand's link stays; with
// no link left, their refresh tokens go too.
func TestEndPortalAccess(t *testing.T) {
	e := newEnv(t)
	a := e.register("品牌A")
	manager := e.invite(a, "manager")
	analyst := e.invite(a, "analyst")
	bA := e.createBuyer(a.Token, map[string]any{"name": "林小拼"})
	p := e.portalBuyer(a, bA)
	other := e.register("品牌B")
	bB := e.createBuyer(other.Token, map[string]any{"name": "林小拼B"})
	codeB := e.must(201, "POST", "/api/v1/buyers/"+itoa(bB)+"/invite", other.Token, nil).JSON()["code"]
	e.must(200, "POST", "/api/v1/portal/partnerships", p.Token, map[string]any{"code": codeB})
	gA := newGoal(e, a, bA, "A 的目标")

	// Wrong role, wrong brand, bad id, API token.
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", analyst.Token, nil), 403, "forbidden")
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", other.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/buyers/abc/portal-access", a.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", p.Token, nil), 403, "forbidden")
	tok := e.must(201, "POST", "/api/v1/tokens", a.Token, map[string]any{"name": "w", "scope": "write"}).JSON()["token"].(string)
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", tok, nil), 403, "forbidden")
	wantErr(t, e.do("GET", "/api/v1/buyers/"+itoa(bA)+"/portal-access", other.Token, nil), 404, "not_found")

	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", manager.Token, nil)
	// The same access token, at once: brand A is gone, brand B stays.
	wantErr(t, e.do("GET", "/api/v1/portal/partnerships/"+itoa(bA), p.Token, nil), 404, "not_found")
	wantErr(t, e.do("POST", "/api/v1/portal/goals/"+itoa(gA)+"/comments", p.Token, map[string]any{"body": "x"}), 404, "not_found")
	e.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(bB), p.Token, nil)
	if l := e.must(200, "GET", "/api/v1/portal/partnerships", p.Token, nil).List(); len(l) != 1 {
		t.Fatalf("partnerships after ending A: %v", l)
	}
	if l := e.must(200, "GET", "/api/v1/buyers/"+itoa(bA)+"/portal-access", a.Token, nil).List(); len(l) != 0 {
		t.Fatalf("portal access after ending: %v", l)
	}
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(bA)+"/portal-access", a.Token, nil), 404, "not_found")
	// Still linked elsewhere: the session lives on.
	r := e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": p.Refresh})
	refresh := r.JSON()["refresh_token"].(string)
	// The last link ends: the refresh tokens go too.
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(bB)+"/portal-access", other.Token, nil)
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": refresh}), 401, "unauthorized")
	// The audit log has it.
	if l := e.must(200, "GET", "/api/v1/audit?entity=buyer_link&entity_id="+itoa(bA), a.Token, nil).List(); len(l) < 2 ||
		l[0].(map[string]any)["action"] != "delete" {
		t.Fatalf("audit: %v", l)
	}
	// A new invite can be made for the buyer again.
	e.must(201, "POST", "/api/v1/buyers/"+itoa(bA)+"/invite", a.Token, nil)
}

// TestRevokeInvites: open buyer and team invites are listed and revoked; a
// revoked code no longer works.
func TestRevokeInvites(t *testing.T) {
	e := newEnv(t)
	o := e.register("邀请")
	manager := e.invite(o, "manager")
	analyst := e.invite(o, "analyst")
	other := e.register("别家")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	inv := e.must(201, "POST", "/api/v1/buyers/"+itoa(b)+"/invite", manager.Token, nil).JSON()
	l := e.must(200, "GET", "/api/v1/buyers/"+itoa(b)+"/invites", manager.Token, nil).List()
	if len(l) != 1 || jnum(l[0].(map[string]any), "id") != jnum(inv, "id") || l[0].(map[string]any)["code"] != nil {
		t.Fatalf("open invites %v", l)
	}
	wantErr(t, e.do("GET", "/api/v1/buyers/"+itoa(b)+"/invites", analyst.Token, nil), 403, "forbidden")
	wantErr(t, e.do("GET", "/api/v1/buyers/"+itoa(b)+"/invites", other.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/invites/"+itoa(jnum(inv, "id")), other.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/invites/"+itoa(jnum(inv, "id")), analyst.Token, nil), 403, "forbidden")
	wantErr(t, e.do("DELETE", "/api/v1/invites/x", manager.Token, nil), 404, "not_found")

	e.must(204, "DELETE", "/api/v1/invites/"+itoa(jnum(inv, "id")), manager.Token, nil)
	if l := e.must(200, "GET", "/api/v1/buyers/"+itoa(b)+"/invites", manager.Token, nil).List(); len(l) != 0 {
		t.Fatalf("after revoking: %v", l)
	}
	r := e.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv["code"], "name": "n",
		"email": "revoked@example.com", "password": "correct horse"})
	if r.Status != 422 || r.Field("code") == "" {
		t.Fatalf("a revoked code: %d %s", r.Status, r.Body)
	}
	wantErr(t, e.do("DELETE", "/api/v1/invites/"+itoa(jnum(inv, "id")), manager.Token, nil), 404, "not_found")

	// Team invites: the owner lists and revokes; a manager may not.
	team := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "manager", "email": "m@example.com"}).JSON()
	tl := e.must(200, "GET", "/api/v1/team/invites", o.Token, nil).List()
	if len(tl) != 1 || tl[0].(map[string]any)["email"] != "m@example.com" {
		t.Fatalf("team invites %v", tl)
	}
	if l := e.must(200, "GET", "/api/v1/team/invites", other.Token, nil).List(); len(l) != 0 {
		t.Fatalf("another brand sees team invites: %v", l)
	}
	wantErr(t, e.do("GET", "/api/v1/team/invites", manager.Token, nil), 403, "forbidden")
	wantErr(t, e.do("DELETE", "/api/v1/invites/"+itoa(jnum(team, "id")), manager.Token, nil), 403, "forbidden")
	e.must(204, "DELETE", "/api/v1/invites/"+itoa(jnum(team, "id")), o.Token, nil)
	r = e.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": team["code"], "name": "n",
		"email": "m@example.com", "password": "correct horse"})
	if r.Status != 422 {
		t.Fatalf("a revoked team code: %d %s", r.Status, r.Body)
	}
	if l := e.must(200, "GET", "/api/v1/audit?entity=invite", o.Token, nil).List(); len(l) < 4 {
		t.Fatalf("audit of invites: %v", l)
	}
}
