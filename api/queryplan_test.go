package api_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"huoban/api"
	"huoban/db"
	"huoban/db/dbtest"
)

// tracedEnv is a test server whose database reports every SQL statement.
type tracedEnv struct {
	*env
	mu    sync.Mutex
	stmts []string
	on    bool
}

func newTracedEnv(t *testing.T) *tracedEnv {
	te := &tracedEnv{}
	d := dbtest.Open(t, db.Options{
		Trace: func(_ context.Context, sql string) {
			te.mu.Lock()
			if te.on {
				te.stmts = append(te.stmts, sql)
			}
			te.mu.Unlock()
		}})
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	srv, err := api.NewServer(api.Config{BcryptCost: 4, Now: clk.Now, LoginPerIP: 1000, LoginPerAccount: 1000, Quiet: true}, d)
	if err != nil {
		t.Fatal(err)
	}
	te.env = &env{t: t, srv: srv, db: d, now: clk}
	return te
}

// capture returns the statements one request ran.
func (te *tracedEnv) capture(method, path, token string) []string {
	return te.captureBody(200, method, path, token, nil)
}

// captureBody is capture for a request with a body and an expected status.
func (te *tracedEnv) captureBody(status int, method, path, token string, body any) []string {
	te.t.Helper()
	if err := te.srv.DailyMaintenance(context.Background()); err != nil { // keep once-a-day work out of the count
		te.t.Fatal(err)
	}
	if dbtest.Dialect() == db.SQLite {
		// The maintenance analyzed these tiny tables, and with their real
		// sizes the planner rightly scans them; without statistics it plans
		// as for large tables, which is what these tests check.
		if err := te.db.W.Exec("DROP TABLE IF EXISTS sqlite_stat1").Error; err != nil {
			te.t.Fatal(err)
		}
	}
	// A write first, so cached reads (the dashboard) are computed afresh.
	te.must(200, "PATCH", "/api/v1/me", token, map[string]any{"locale": "zh-CN"})
	te.mu.Lock()
	te.stmts, te.on = nil, true
	te.mu.Unlock()
	te.must(status, method, path, token, body)
	te.mu.Lock()
	defer te.mu.Unlock()
	te.on = false
	return te.stmts
}

// seedBrand makes a brand with n buyers, each with two collaborations and a goal.
func seedBrand(te *tracedEnv, n int) (account, int64) {
	o := te.register("山茶花")
	var first int64
	for i := 0; i < n; i++ {
		b := te.createBuyer(o.Token, map[string]any{"name": "买手" + itoa(int64(i)), "interest_circles": []string{"露营"},
			"categories": []string{"户外/露营装备"}, "tags": []string{"直播"}})
		if first == 0 {
			first = b
		}
		for _, day := range []string{"2026-10-01", "2026-11-01"} {
			te.createCollab(o.Token, collabBody(b, map[string]any{"start_on": day, "end_on": day}))
		}
		te.must(201, "POST", "/api/v1/goals", o.Token, map[string]any{"buyer_id": b, "title": "GMV", "metric": "gmv_cents",
			"target": 100, "period_start": "2026-11-01", "period_end": "2026-11-30"})
	}
	return o, first
}

// readEndpoints are the list and dashboard reads whose plans must use indexes.
func readEndpoints(buyer int64) []string {
	b := itoa(buyer)
	paths := []string{
		"/api/v1/buyers?circle=露营", "/api/v1/buyers?category=户外/露营装备", "/api/v1/buyers?stage=prospect",
		"/api/v1/buyers?q=买手", "/api/v1/buyers?total=true",
		"/api/v1/collaborations", "/api/v1/collaborations?buyer_id=" + b, "/api/v1/collaborations?status=completed&from=2026-10-15",
		"/api/v1/collaborations?sort=-gmv_cents", "/api/v1/collaborations?sort=roi", "/api/v1/collaborations?sort=created_at",
		"/api/v1/goals", "/api/v1/goals?buyer_id=" + b, "/api/v1/goals?status=missed",
		"/api/v1/dashboard", "/api/v1/dashboard?days=365",
		"/api/v1/buyers/" + b + "/milestones", "/api/v1/buyers/" + b + "/stage-history", "/api/v1/buyers/" + b + "/health",
		"/api/v1/buyers/match?circle=露营&category=户外", "/api/v1/audit",
	}
	for _, s := range []string{"name", "created_at", "followers", "gmv_cents_90d", "last_collaboration_on", "health"} {
		paths = append(paths, "/api/v1/buyers?sort="+s, "/api/v1/buyers?sort=-"+s)
	}
	return paths
}

// pagedList tells whether a request reads one keyset page of a list.
func pagedList(method, path string) bool {
	if method != "GET" {
		return false
	}
	p, _, _ := strings.Cut(path, "?")
	switch p {
	case "/api/v1/buyers", "/api/v1/collaborations", "/api/v1/goals", "/api/v1/audit":
		return true
	}
	return false
}

// labelPage tells whether a request reads one page of buyers of a circle or
// a category in the default order.
func labelPage(method, path string) bool {
	p, q, _ := strings.Cut(path, "?")
	return method == "GET" && p == "/api/v1/buyers" && (strings.Contains(q, "circle=") || strings.Contains(q, "category=")) &&
		!strings.Contains(q, "sort=")
}

// fullScan matches a plan step that reads a whole table without an index.
var fullScan = regexp.MustCompile(`^SCAN (\w+)( USING (COVERING )?INDEX \w+)?$`)

func TestListAndDashboardQueriesUseIndexes(t *testing.T) {
	if dbtest.Dialect() != db.SQLite {
		t.Skip("reads SQLite's EXPLAIN QUERY PLAN")
	}
	te := newTracedEnv(t)
	o, buyer := seedBrand(te, 3)
	tables := map[string]bool{}
	var names []string
	if err := te.db.R.Raw("SELECT name FROM sqlite_master WHERE type = 'table'").Scan(&names).Error; err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		tables[n] = n != "settings" // one row per setting; a scan is a lookup
	}
	type call struct {
		status       int
		method, path string
		body         any
	}
	var calls []call
	for _, path := range readEndpoints(buyer) {
		calls = append(calls, call{200, "GET", path, nil})
	}
	// Deep pages (after a cursor) seek the same index to the cursor.
	for _, first := range []string{"/api/v1/collaborations?buyer_id=" + itoa(buyer), "/api/v1/buyers?circle=露营",
		"/api/v1/buyers?sort=-gmv_cents_90d", "/api/v1/collaborations?sort=-start_on"} {
		next, _ := te.must(200, "GET", first+"&limit=1", o.Token, nil).JSON()["next_cursor"].(string)
		if next == "" {
			t.Fatalf("%s: no second page", first)
		}
		calls = append(calls, call{200, "GET", first + "&limit=1&cursor=" + next, nil})
	}
	// Writes read back what they keep up to date (stats, milestones, goals, health).
	calls = append(calls,
		call{201, "POST", "/api/v1/collaborations", collabBody(buyer, nil)},
		call{201, "POST", "/api/v1/buyers/" + itoa(buyer) + "/capabilities", map[string]any{"recorded_on": "2026-11-01",
			"selection": map[string]any{"skus_per_month": 5}}},
		call{200, "POST", "/api/v1/buyers/" + itoa(buyer) + "/stage", map[string]any{"stage": "partner", "reason": "稳定"}})
	for _, cl := range calls {
		path := cl.method + " " + cl.path
		for _, sql := range te.captureBody(cl.status, cl.method, cl.path, o.Token, cl.body) {
			verb := strings.Fields(strings.ToUpper(strings.TrimSpace(sql)) + " ")[0]
			if verb != "SELECT" && verb != "UPDATE" && verb != "DELETE" && verb != "INSERT" {
				continue
			}
			rows, err := te.db.R.Raw("EXPLAIN QUERY PLAN " + sql).Rows()
			if err != nil {
				t.Fatalf("%s: explain %s: %v", path, sql, err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			for _, step := range plan {
				if m := fullScan.FindStringSubmatch(step); m != nil && tables[m[1]] {
					t.Errorf("%s scans table %s without an index:\n  %s\n  plan: %v", path, m[1], sql, plan)
				}
				// A page of a list is read in its sort's index order: sorting the
				// whole filtered set (or a tie group of it) per page grows with the data.
				if pagedList(cl.method, cl.path) && strings.Contains(step, "ORDER BY") && strings.Contains(sql, "LIMIT") {
					t.Errorf("%s sorts instead of reading an index in order:\n  %s\n  plan: %v", path, sql, plan)
				}
				// A circle or category page reads the label index in page
				// order, not the buyers probing each one's labels.
				if labelPage(cl.method, cl.path) && strings.Contains(sql, "LIMIT") &&
					(strings.Contains(step, "CORRELATED") || strings.HasPrefix(step, "SEARCH buyers USING INDEX")) {
					t.Errorf("%s probes labels buyer by buyer instead of reading the label index:\n  %s\n  plan: %v", path, sql, plan)
				}
			}
		}
	}
}

func TestNoEndpointQueriesPerRow(t *testing.T) {
	te := newTracedEnv(t)
	o, buyer := seedBrand(te, 12)
	for _, path := range readEndpoints(buyer) {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		small := len(te.capture("GET", path+sep+"limit=2", o.Token))
		large := len(te.capture("GET", path+sep+"limit=20", o.Token))
		if large != small {
			t.Errorf("%s: %d queries for 2 rows but %d for 20: a query per row", path, small, large)
		}
	}
}
