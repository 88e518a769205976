package cluster

import (
	"fmt"
	"testing"
)

// loginPerAccount is the server's default limit of attempts per account
// (api.Config.LoginPerAccount) in its window of 15 minutes.
const loginPerAccount = 10

// Failed sign-ins spread over three instances count against one limit: the
// account is limited after loginPerAccount attempts in all, not per
// instance, and once limited it is limited on every instance.
func TestLoginLimitHoldsOnEveryInstance(t *testing.T) {
	c := startCluster(t, 3)
	email := "limit@example.com"
	c.nodes[0].register(t, email) // an attempt too: register counts against the account
	allowed := 1
	var limitedOn *node
	for i := 0; i < 3*loginPerAccount && limitedOn == nil; i++ {
		n := c.nodes[i%3]
		a, err := n.call("POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": "wrong password"})
		if err != nil {
			t.Fatal(err)
		}
		switch a.status {
		case 401:
			allowed++
		case 429:
			limitedOn = n
			wantError(t, "limited login", a, 429, "rate_limited")
			if a.header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		default:
			t.Fatalf("login on %s: %d %v", n.name, a.status, a.body)
		}
	}
	if limitedOn == nil {
		t.Fatalf("never limited after %d attempts over 3 instances", allowed)
	}
	if allowed > loginPerAccount {
		t.Fatalf("%d attempts allowed over 3 instances, the limit is %d: each instance counts alone", allowed, loginPerAccount)
	}
	// Limited everywhere, even with the right password; other accounts are not.
	for _, n := range c.nodes {
		a, err := n.call("POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, fmt.Sprintf("login on %s after the limit", n.name), a, 429, "rate_limited")
		a, err = n.call("POST", "/api/v1/auth/login", "", map[string]any{"email": "other-" + n.name + "@example.com", "password": "wrong password"})
		if err != nil || a.status != 401 {
			t.Fatalf("another account on %s: %d %v %v", n.name, a.status, a.body, err)
		}
	}
	if rows := c.scalar("SELECT COUNT(*) FROM attempt_limits"); rows == 0 {
		t.Fatal("no shared attempt rows in PostgreSQL")
	}
}
