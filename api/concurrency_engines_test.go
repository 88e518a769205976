package api_test

import (
	"fmt"
	"sync"
	"testing"
)

// These tests send the same read-then-write request from several goroutines
// at once. On SQLite the single writer serializes them; on PostgreSQL
// (HUOBAN_TEST_POSTGRES) they pass only because the store locks the rows
// such a transaction depends on.

// warm opens n pooled connections, so concurrent requests do not queue
// behind connection set-up and really overlap.
func warm(e *env, token string, n int) {
	concurrently(n, func(int) resp { return e.do("GET", "/api/v1/me", token, nil) })
}

// concurrently runs n copies of fn at once and returns their answers.
func concurrently(n int, fn func(i int) resp) []resp {
	out := make([]resp, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			out[i] = fn(i)
		}(i)
	}
	close(start)
	wg.Wait()
	return out
}

// statuses counts the answers by status.
func statuses(rs []resp) map[int]int {
	m := map[int]int{}
	for _, r := range rs {
		m[r.Status]++
	}
	return m
}

func TestConcurrentRefreshSpendsTheTokenOnce(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	warm(e, o.Token, 6)
	rs := concurrently(6, func(int) resp {
		return e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh})
	})
	if got := statuses(rs); got[200] != 1 || got[401] != 5 {
		t.Fatalf("statuses %v, want one 200 and five 401", got)
	}
	// The others were reuse: the family is revoked, the winner's new token too.
	for _, r := range rs {
		if r.Status == 200 {
			next := sessionOf(r, o.Email)
			wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": next.Refresh}), 401, "unauthorized")
		}
	}
}

func TestConcurrentInviteAcceptedOnce(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	warm(e, o.Token, 5)
	code := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst"}).JSON()["code"].(string)
	rs := concurrently(5, func(i int) resp {
		return e.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{
			"code": code, "name": "a", "email": fmt.Sprintf("race%d-%d@example.com", i, seq.Add(1)), "password": "correct horse"})
	})
	if got := statuses(rs); got[201] != 1 || got[201]+got[422] != 5 {
		t.Fatalf("statuses %v, want one 201 and the rest 422", got)
	}
}

func TestConcurrentCollaborationsKeepBuyerStats(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	buyer := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	const n = 8
	warm(e, o.Token, n)
	rs := concurrently(n, func(int) resp {
		return e.do("POST", "/api/v1/collaborations", o.Token, collabBody(buyer, nil))
	})
	if got := statuses(rs); got[201] != n {
		t.Fatalf("statuses %v, want %d × 201", got, n)
	}
	stats := e.buyer(o.Token, buyer)["stats"].(map[string]any)
	if num(stats["collaborations"]) != n || num(stats["gmv_cents_total"]) != n*100000 {
		t.Fatalf("stats %v after %d completed collaborations of 100000 cents", stats, n)
	}
	var rolled int64
	if err := e.db.R.Raw("SELECT COALESCE(SUM(collaborations), 0) FROM dashboard_daily").Scan(&rolled).Error; err != nil {
		t.Fatal(err)
	}
	if rolled != n {
		t.Fatalf("dashboard rollup counts %d collaborations, want %d", rolled, n)
	}
}

func TestConcurrentDemotionsKeepAnOwner(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "owner"})
	warm(e, o.Token, 2)
	pair := [2]account{o, m}
	rs := concurrently(2, func(i int) resp {
		// Each owner demotes the other.
		return e.do("PATCH", "/api/v1/team/"+itoa(pair[1-i].UserID), pair[i].Token, map[string]any{"role": "manager"})
	})
	var owners int64
	if err := e.db.R.Raw("SELECT count(*) FROM users WHERE role = 'owner'").Scan(&owners).Error; err != nil {
		t.Fatal(err)
	}
	if owners != 1 {
		t.Fatalf("%d owners after two crossed demotions (statuses %v)", owners, statuses(rs))
	}
}
