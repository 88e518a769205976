package cluster

import "testing"

// A session ended on one instance ends on all at once: logout and a password
// change refuse the old access token on the next request to any instance; a
// role change applies there to the next request with the same token.
func TestSessionsEndOnEveryInstance(t *testing.T) {
	c := startCluster(t, 3)
	a, b, cc := c.nodes[0], c.nodes[1], c.nodes[2]
	email := "sessions@example.com"
	s := a.register(t, email)
	// One JWT secret for all: a token from A works on B and C.
	b.must(t, 200, "GET", "/api/v1/me", s.access, nil)
	cc.must(t, 200, "GET", "/api/v1/me", s.access, nil)

	a.must(t, 204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": s.refresh})
	for _, n := range c.nodes {
		r, err := n.call("GET", "/api/v1/me", s.access, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, "token after logout on "+n.name, r, 401, "unauthorized")
	}

	s = sessionOf(b.must(t, 200, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": password}), email)
	other := sessionOf(a.must(t, 200, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": password}), email)
	cc.must(t, 200, "PATCH", "/api/v1/me", s.access, map[string]any{"password": "a new long password", "current_password": password})
	for _, n := range c.nodes {
		for _, tok := range []string{s.access, other.access} {
			r, err := n.call("GET", "/api/v1/me", tok, nil)
			if err != nil {
				t.Fatal(err)
			}
			wantError(t, "token after the password change on "+n.name, r, 401, "unauthorized")
		}
	}
	r, err := a.call("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.refresh})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, "refresh after the password change", r, 401, "unauthorized")
	owner := sessionOf(a.must(t, 200, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": "a new long password"}), email)

	// A manager demoted on A can no longer write on B, with the same token.
	code := a.must(t, 201, "POST", "/api/v1/team/invites", owner.access, map[string]any{"role": "manager"}).body["code"].(string)
	m := sessionOf(b.must(t, 201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{
		"code": code, "name": "经理", "email": "manager@example.com", "password": password}), "manager@example.com")
	cc.must(t, 201, "POST", "/api/v1/buyers", m.access, map[string]any{"name": "买手甲"})
	a.must(t, 200, "PATCH", "/api/v1/team/"+itoa(m.userID), owner.access, map[string]any{"role": "analyst"})
	r, err = b.call("POST", "/api/v1/buyers", m.access, map[string]any{"name": "买手乙"})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, "write after the demotion", r, 403, "forbidden")
	cc.must(t, 204, "DELETE", "/api/v1/team/"+itoa(m.userID), owner.access, nil)
	r, err = b.call("GET", "/api/v1/buyers", m.access, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, "read after the removal", r, 401, "unauthorized")
}
