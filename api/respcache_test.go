package api_test

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"huoban/api"
)

// TestCachedRoutesExist keeps the cache's route list in step with the table.
func TestCachedRoutesExist(t *testing.T) {
	e := newEnv(t)
	if !e.srv.CachesReads() {
		t.Skip("PostgreSQL: answers are not cached across requests")
	}
	n := 0
	for _, r := range e.srv.RouteSpecs() {
		if r.Cached {
			n++
			if r.Method != "GET" || r.Access != "analyst" {
				t.Errorf("%s %s: only staff reads of brand data may be cached", r.Method, r.Path)
			}
		}
	}
	if n != 5 {
		t.Errorf("%d cached routes, want 5 (the cached column of the route table changed?)", n)
	}
}

// TestCachedReadsSeeEveryWrite checks that a cached answer is never served
// after a write: the writer and everyone else read the new state at once.
func TestCachedReadsSeeEveryWrite(t *testing.T) {
	e := newEnv(t)
	own := e.register("缓存")
	analyst := e.invite(own, "analyst")
	id := e.createBuyer(own.Token, map[string]any{"name": "甲"})
	path := qs("/api/v1/buyers/%d", id)
	first := e.must(200, "GET", path, analyst.Token, nil)
	again := e.must(200, "GET", path, analyst.Token, nil)
	if !bytes.Equal(first.Body, again.Body) || again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
		t.Fatalf("the same read answered differently:\n%s\n%s", first.Body, again.Body)
	}
	e.must(200, "GET", "/api/v1/buyers", analyst.Token, nil)

	e.must(200, "PATCH", path, own.Token, map[string]any{"name": "乙"})
	if got := e.buyer(analyst.Token, id)["name"]; got != "乙" {
		t.Fatalf("after the rename another member read %v", got)
	}
	if got := names(e.must(200, "GET", "/api/v1/buyers", analyst.Token, nil)); len(got) != 1 || got[0] != "乙" {
		t.Fatalf("list after the rename: %v", got)
	}
	// A write to another table moves the buyer's stats: the cached buyer must go too.
	e.must(200, "GET", path, own.Token, nil)
	e.must(201, "POST", "/api/v1/collaborations", own.Token, map[string]any{"buyer_id": id, "type": "note",
		"title": "t", "status": "completed", "start_on": "2026-11-20", "metrics": map[string]any{"gmv_cents": 500}})
	stats := e.buyer(own.Token, id)["stats"].(map[string]any)
	if stats["collaborations"].(float64) != 1 || stats["gmv_cents_90d"].(float64) != 500 {
		t.Fatalf("stats after a collaboration: %v", stats)
	}
	cl := e.must(200, "GET", qs("/api/v1/collaborations?buyer_id=%d", id), own.Token, nil)
	if len(ids(cl)) != 1 {
		t.Fatalf("collaborations after the create: %s", cl.Body)
	}
}

// TestCachedReadsStayInTheirTenant checks that one brand's cached answer to
// a path never reaches another brand asking for the same path.
func TestCachedReadsStayInTheirTenant(t *testing.T) {
	e := newEnv(t)
	a, b := e.register("甲牌"), e.register("乙牌")
	idA := e.createBuyer(a.Token, map[string]any{"name": "甲的买手"})
	e.createBuyer(b.Token, map[string]any{"name": "乙的买手"})
	for range 2 {
		if got := names(e.must(200, "GET", "/api/v1/buyers", a.Token, nil)); len(got) != 1 || got[0] != "甲的买手" {
			t.Fatalf("brand A's list: %v", got)
		}
		if got := names(e.must(200, "GET", "/api/v1/buyers", b.Token, nil)); len(got) != 1 || got[0] != "乙的买手" {
			t.Fatalf("brand B's list: %v", got)
		}
		e.must(200, "GET", qs("/api/v1/buyers/%d", idA), a.Token, nil)
		wantErr(t, e.do("GET", qs("/api/v1/buyers/%d", idA), b.Token, nil), 404, "not_found")
	}
}

// TestCachedReadSkipsTheDatabase checks that a repeated read is answered
// without reading buyers again, and that the next day it is read afresh.
func TestCachedReadSkipsTheDatabase(t *testing.T) {
	te := newTracedEnv(t)
	if !te.srv.CachesReads() {
		t.Skip("PostgreSQL: answers are not cached across requests")
	}
	own := te.register("缓存")
	te.createBuyer(own.Token, map[string]any{"name": "甲"})
	buyerReads := func() int {
		te.mu.Lock()
		defer te.mu.Unlock()
		n := 0
		for _, s := range te.stmts {
			if strings.Contains(s, "FROM `buyers`") || strings.Contains(s, "FROM buyers") {
				n++
			}
		}
		return n
	}
	if n := len(te.capture("GET", "/api/v1/buyers", own.Token)); n == 0 {
		t.Fatal("the first read ran no statement")
	}
	te.mu.Lock()
	te.stmts, te.on = nil, true
	te.mu.Unlock()
	te.must(200, "GET", "/api/v1/buyers", own.Token, nil)
	if n := buyerReads(); n != 0 {
		t.Fatalf("a repeated read read buyers %d times", n)
	}
	te.now.Advance(24 * time.Hour)
	te.mu.Lock()
	te.on = false // the sign-in reads no buyers, but keep it out of the count
	te.mu.Unlock()
	again := sessionOf(te.must(200, "POST", "/api/v1/auth/login", "", map[string]any{
		"email": own.Email, "password": "correct horse"}), own.Email)
	te.mu.Lock()
	te.stmts, te.on = nil, true
	te.mu.Unlock()
	te.must(200, "GET", "/api/v1/buyers", again.Token, nil)
	if n := buyerReads(); n == 0 {
		t.Fatal("the next day's read was answered from the previous day's cache")
	}
}

// TestConcurrentMissesComputeOnce checks that readers arriving together
// after a write share one computation of the dashboard.
func TestConcurrentMissesComputeOnce(t *testing.T) {
	te := newTracedEnv(t)
	if !te.srv.CachesReads() {
		t.Skip("PostgreSQL: answers are not cached across requests")
	}
	own := te.register("缓存")
	id := te.createBuyer(own.Token, map[string]any{"name": "甲"})
	te.must(201, "POST", "/api/v1/collaborations", own.Token, map[string]any{"buyer_id": id, "type": "note",
		"title": "t", "status": "completed", "start_on": "2026-11-20", "metrics": map[string]any{"gmv_cents": 500}})
	one := 0
	for _, s := range te.capture("GET", "/api/v1/dashboard?days=30", own.Token) {
		if strings.Contains(s, "dashboard_daily") {
			one++
		}
	}
	te.must(200, "PATCH", "/api/v1/me", own.Token, map[string]any{"locale": "zh-CN"}) // a write: the cache is stale
	te.mu.Lock()
	te.stmts, te.on = nil, true
	te.mu.Unlock()
	var wg sync.WaitGroup
	start := make(chan struct{})
	bodies := make([][]byte, 16)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req := httptest.NewRequest("GET", "/api/v1/dashboard?days=30", nil)
			req.Header.Set("Authorization", "Bearer "+own.Token)
			w := httptest.NewRecorder()
			te.srv.ServeHTTP(w, req)
			if w.Code != 200 {
				t.Errorf("status %d: %s", w.Code, w.Body)
			}
			bodies[i] = w.Body.Bytes()
		}()
	}
	close(start)
	wg.Wait()
	te.mu.Lock()
	defer te.mu.Unlock()
	n := 0
	for _, s := range te.stmts {
		if strings.Contains(s, "dashboard_daily") {
			n++
		}
	}
	if n != one {
		t.Errorf("16 concurrent readers ran %d dashboard statements; one computation runs %d", n, one)
	}
	for _, b := range bodies[1:] {
		if !bytes.Equal(b, bodies[0]) {
			t.Fatalf("concurrent readers got different answers:\n%s\n%s", b, bodies[0])
		}
	}
}

// TestResponseCacheOff checks that NoResponseCache reads the database every time.
func TestResponseCacheOff(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.NoResponseCache = true })
	if e.srv.CachesReads() {
		t.Fatal("the cache is on though turned off")
	}
	for _, r := range e.srv.RouteSpecs() {
		if r.Cached {
			t.Errorf("%s %s still cached", r.Method, r.Path)
		}
	}
}
