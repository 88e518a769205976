package api_test

// Issue 17, finding 5: ten wrong passwords from any address locked the owner
// out for about 12 minutes. Failures now count per (account, address); across
// addresses a higher per-account limit delays attempts instead of refusing them.

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"huoban/api"
)

func loginFrom(e *env, addr, email, password string) (resp, time.Duration) {
	start := time.Now()
	r := e.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json", remote: addr + ":1",
		body: strings.NewReader(`{"email":"` + email + `","password":"` + password + `"}`)})
	return r, time.Since(start)
}

// TestLockoutFromAnotherAddress: the reported case — an attacker's ten wrong
// passwords do not keep the owner, on another address, out.
func TestLockoutFromAnotherAddress(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerAccount = 10; c.LoginPerAccountSlow = 1000 })
	o := e.register("锁定")
	for i := 0; i < 12; i++ {
		loginFrom(e, "203.0.113.66", o.Email, "wrong password")
	}
	r, _ := loginFrom(e, "203.0.113.66", o.Email, pw)
	wantErr(t, r, 429, "rate_limited")
	if r, _ := loginFrom(e, "198.51.100.20", o.Email, pw); r.Status != 200 {
		t.Fatalf("the owner from their own address: %d %s", r.Status, r.Body)
	}
}

// TestAccountWideLimitDelays: attempts past the account-wide limit, from
// many addresses, are answered late, not refused; the right password still
// signs in, late; another account is not slowed.
func TestAccountWideLimitDelays(t *testing.T) {
	const delay = 300 * time.Millisecond
	e := newEnv(t, func(c *api.Config) { c.LoginPerAccount = 10; c.LoginPerAccountSlow = 5; c.LoginDelay = delay })
	o := e.register("延迟")
	other := e.register("别家")
	for i := 0; i < 4; i++ { // registering was the account's first attempt
		r, took := loginFrom(e, "203.0.113."+strconv.Itoa(i+1), o.Email, "wrong password")
		if r.Status != 401 || took >= delay {
			t.Fatalf("attempt %d within the limit: %d after %v", i+1, r.Status, took)
		}
	}
	r, took := loginFrom(e, "203.0.113.50", o.Email, "wrong password")
	if r.Status != 401 || took < delay {
		t.Fatalf("past the limit: %d after %v, want 401 after ≥ %v", r.Status, took, delay)
	}
	r, took = loginFrom(e, "198.51.100.20", o.Email, pw)
	if r.Status != 200 || took < delay {
		t.Fatalf("the owner past the limit: %d after %v, want 200 after ≥ %v", r.Status, took, delay)
	}
	if r, took := loginFrom(e, "198.51.100.21", other.Email, pw); r.Status != 200 || took >= delay {
		t.Fatalf("another account: %d after %v", r.Status, took)
	}
}
