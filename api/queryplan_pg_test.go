package api_test

import (
	"regexp"
	"strings"
	"testing"

	"huoban/db"
	"huoban/db/dbtest"
)

// seqScan matches a PostgreSQL plan node that reads a whole table.
var seqScan = regexp.MustCompile(`Seq Scan on (\w+)`)

// TestPostgresQueriesUseIndexes is the PostgreSQL twin of
// TestListAndDashboardQueriesUseIndexes: with sequential scans priced out
// (enable_seqscan = off), a query that still plans one has no index to use.
// The tables are tiny, so plain EXPLAIN would prefer scans regardless.
func TestPostgresQueriesUseIndexes(t *testing.T) {
	if dbtest.Dialect() != db.Postgres {
		t.Skip("needs HUOBAN_TEST_POSTGRES")
	}
	te := newTracedEnv(t)
	o, buyer := seedBrand(te, 3)
	explained := 0
	for _, path := range readEndpoints(buyer) {
		for _, sql := range te.capture("GET", path, o.Token) {
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
				t.Fatalf("%s: explain %s: %v", path, sql, err)
			}
			tx.Rollback()
			explained++
			for _, step := range plan {
				// settings holds a handful of rows; a scan is a lookup.
				if m := seqScan.FindStringSubmatch(step); m != nil && m[1] != "settings" {
					t.Errorf("%s scans table %s without an index:\n  %s\n  plan:\n    %s", path, m[1], sql, strings.Join(plan, "\n    "))
				}
				// A page of a circle or a buyer's collaborations reads an index in order.
				if (labelPage("GET", path) || strings.Contains(path, "collaborations?buyer_id=")) &&
					strings.Contains(sql, "LIMIT") && strings.HasPrefix(strings.TrimLeft(step, " ->"), "Sort ") {
					t.Errorf("%s sorts instead of reading an index in order:\n  %s\n  plan:\n    %s", path, sql, strings.Join(plan, "\n    "))
				}
			}
		}
	}
	if explained < len(readEndpoints(buyer)) {
		t.Fatalf("only %d statements explained", explained)
	}
}
