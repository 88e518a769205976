package api_test

import (
	"strings"
	"testing"

	"huoban/db"
	"huoban/db/dbtest"
)

// explainScans returns the plan steps of sql that read a whole table of
// tables without an index.
func (te *tracedEnv) explainScans(t *testing.T, sql string, tables map[string]bool) []string {
	t.Helper()
	rows, err := te.db.R.Raw("EXPLAIN QUERY PLAN " + sql).Rows()
	if err != nil {
		t.Fatalf("explain %s: %v", sql, err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		if m := fullScan.FindStringSubmatch(detail); m != nil && tables[m[1]] {
			bad = append(bad, detail)
		}
	}
	return bad
}

// planCall is one request whose statements a plan test explains.
type planCall struct {
	status       int
	method, path string
	body         any
}

// productPlanCalls seeds a brand with a product sold, reviewed, selected and
// a feed key, and returns the issue-15 reads (and the writes that check
// overlaps and keep items) whose plans must use indexes.
func productPlanCalls(te *tracedEnv) (account, []planCall) {
	o, buyer := seedBrand(te, 3)
	b := itoa(buyer)
	product := jnum(te.must(201, "POST", "/api/v1/products", o.Token, map[string]any{"name": "露营灯", "sku": "L-1",
		"category": "户外/露营装备", "circles": []string{"露营"}, "in_pool": true}).JSON(), "id")
	p := itoa(product)
	c := collabBody(buyer, map[string]any{"status": "completed", "metrics": map[string]any{"gmv_cents": 10000},
		"items": []map[string]any{{"product_id": product, "units": 1, "gmv_cents": 5000}}})
	collab := jnum(te.must(201, "POST", "/api/v1/collaborations", o.Token, c).JSON(), "id")
	te.must(201, "POST", "/api/v1/collaborations/"+itoa(collab)+"/review", o.Token, map[string]any{"went_well": "好",
		"shared": true, "next_actions": []map[string]any{{"text": "补货", "side": "brand", "due_on": "2026-11-25"}}})
	te.must(201, "POST", "/api/v1/buyers/"+b+"/selections", o.Token, map[string]any{"product_id": product, "decision": "picked"})
	key := te.must(201, "POST", "/api/v1/me/calendar-key", o.Token, nil).JSON()["key"].(string)
	return o, []planCall{
		{200, "GET", "/api/v1/products/" + p + "/performance", nil},
		{200, "GET", "/api/v1/products?in_pool=true", nil},
		{200, "GET", "/api/v1/buyers/" + b + "/selections", nil},
		{200, "GET", "/api/v1/buyers/" + b + "/reviews", nil},
		{200, "GET", "/api/v1/collaborations/" + itoa(collab) + "/review", nil},
		{200, "GET", "/api/v1/calendar", nil},
		{200, "GET", "/api/v1/calendar?from=2026-10-01&to=2026-12-31", nil},
		{200, "GET", "/api/v1/calendar?buyer_id=" + b, nil},
		{200, "GET", "/api/v1/calendar?owner_id=" + itoa(o.UserID), nil},
		{200, "GET", "/api/v1/calendar.ics?key=" + key, nil},
		{200, "GET", "/api/v1/buyers/match?product_id=" + p, nil},
		{200, "GET", "/api/v1/dashboard", nil},
		{201, "POST", "/api/v1/collaborations", collabBody(buyer, map[string]any{"type": "livestream", "status": "planned",
			"starts_at": "2026-12-01T12:00:00Z", "duration_minutes": 60})},
		{200, "PATCH", "/api/v1/collaborations/" + itoa(collab), map[string]any{"metrics": map[string]any{"refund_cents": 100}}},
	}
}

// TestProductAndCalendarReadsUseIndexes: product performance, the selection
// log, reviews, the calendar (and its feed), the pool in the portal and the
// overlap check read indexes, never a whole table: at 1M collaborations they
// cost what their answer holds.
func TestProductAndCalendarReadsUseIndexes(t *testing.T) {
	if dbtest.Dialect() != db.SQLite {
		t.Skip("reads SQLite's EXPLAIN QUERY PLAN")
	}
	te := newTracedEnv(t)
	o, calls := productPlanCalls(te)
	tables := map[string]bool{}
	var names []string
	if err := te.db.R.Raw("SELECT name FROM sqlite_master WHERE type = 'table'").Scan(&names).Error; err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		tables[n] = n != "settings"
	}
	for _, cl := range calls {
		stmts := te.captureBody(cl.status, cl.method, cl.path, o.Token, cl.body)
		if len(stmts) == 0 {
			t.Errorf("%s %s ran no statement", cl.method, cl.path)
		}
		for _, sql := range stmts {
			verb := strings.Fields(strings.ToUpper(strings.TrimSpace(sql)) + " ")[0]
			if verb != "SELECT" && verb != "UPDATE" && verb != "DELETE" && verb != "INSERT" {
				continue
			}
			if bad := te.explainScans(t, sql, tables); len(bad) > 0 {
				t.Errorf("%s %s scans without an index:\n  %s\n  %v", cl.method, cl.path, sql, bad)
			}
			// The performance read never touches the collaborations.
			if strings.Contains(cl.path, "/performance") && strings.Contains(sql, "collaborations ") {
				t.Errorf("product performance reads collaborations: %s", sql)
			}
		}
	}
}

// TestProductAndCalendarReadsUseIndexesOnPostgres is the PostgreSQL twin:
// with sequential scans priced out, a plan that still has one has no index.
func TestProductAndCalendarReadsUseIndexesOnPostgres(t *testing.T) {
	if dbtest.Dialect() != db.Postgres {
		t.Skip("needs HUOBAN_TEST_POSTGRES")
	}
	te := newTracedEnv(t)
	o, calls := productPlanCalls(te)
	explained := 0
	for _, cl := range calls {
		for _, sql := range te.captureBody(cl.status, cl.method, cl.path, o.Token, cl.body) {
			if !strings.HasPrefix(strings.TrimSpace(strings.ToUpper(sql)), "SELECT") {
				continue
			}
			tx := te.db.R.Begin()
			if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
				t.Fatal(err)
			}
			var plan []string
			if err := tx.Raw("EXPLAIN " + sql).Scan(&plan).Error; err != nil {
				tx.Rollback()
				t.Errorf("%s %s: explain %s: %v", cl.method, cl.path, sql, err)
				continue
			}
			tx.Rollback()
			explained++
			for _, step := range plan {
				if m := seqScan.FindStringSubmatch(step); m != nil && m[1] != "settings" {
					t.Errorf("%s %s scans table %s:\n  %s\n    %s", cl.method, cl.path, m[1], sql, strings.Join(plan, "\n    "))
				}
			}
		}
	}
	if explained < len(calls) {
		t.Fatalf("only %d statements explained", explained)
	}
}
