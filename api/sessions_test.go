package api_test

import "testing"

// login signs email in again (a second device) and returns that session.
func (e *env) login(email string) account {
	e.t.Helper()
	return sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{
		"email": email, "password": "correct horse"}), email)
}

// Logout ends the user's access tokens at once, not after their 15
// minutes; the other device's refresh token still works and its new access
// token signs in.
func TestLogoutEndsAccessTokensAtOnce(t *testing.T) {
	e := newEnv(t)
	a := e.register("会话")
	other := e.login(a.Email)
	e.must(200, "GET", "/api/v1/me", a.Token, nil)
	e.must(204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": a.Refresh})
	wantErr(t, e.do("GET", "/api/v1/me", a.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("GET", "/api/v1/me", other.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": a.Refresh}), 401, "unauthorized")
	r := e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.Refresh})
	e.must(200, "GET", "/api/v1/me", sessionOf(r, a.Email).Token, nil)
	// An unknown refresh token ends nothing.
	fresh := e.login(a.Email)
	e.must(204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": "hbr_unknown"})
	e.must(200, "GET", "/api/v1/me", fresh.Token, nil)
}

// A password change ends every access token of the user; signing in with
// the new password works.
func TestPasswordChangeEndsAccessTokens(t *testing.T) {
	e := newEnv(t)
	a := e.register("改密")
	other := e.login(a.Email)
	e.must(200, "PATCH", "/api/v1/me", a.Token, map[string]any{"password": "battery staple", "current_password": "correct horse"})
	wantErr(t, e.do("GET", "/api/v1/me", a.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("GET", "/api/v1/me", other.Token, nil), 401, "unauthorized")
	r := e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": a.Email, "password": "battery staple"})
	e.must(200, "GET", "/api/v1/me", sessionOf(r, a.Email).Token, nil)
	// A name change is no reason to sign out.
	tok := sessionOf(r, a.Email).Token
	e.must(200, "PATCH", "/api/v1/me", tok, map[string]any{"name": "新名字"})
	e.must(200, "GET", "/api/v1/me", tok, nil)
}

// A role change applies to the member's next request with the same token
// (the role is read from the user row on every request, not from the
// token); a removed member's token is refused at once.
func TestRoleChangeAndRemovalApplyAtOnce(t *testing.T) {
	e := newEnv(t)
	owner := e.register("角色")
	m := e.invite(owner, "manager")
	e.must(201, "POST", "/api/v1/buyers", m.Token, map[string]any{"name": "甲"})
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), owner.Token, map[string]any{"role": "analyst"})
	wantErr(t, e.do("POST", "/api/v1/buyers", m.Token, map[string]any{"name": "乙"}), 403, "forbidden")
	e.must(200, "GET", "/api/v1/buyers", m.Token, nil)
	e.must(204, "DELETE", "/api/v1/team/"+itoa(m.UserID), owner.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/buyers", m.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": m.Refresh}), 401, "unauthorized")
}
