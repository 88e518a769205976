package api_test

import (
	"testing"

	"huoban/db"
)

// tableNames returns the application's tables (not the engine's own) on either dialect.
func tableNames(t testing.TB, d *db.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if d.Dialect == db.Postgres {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	}
	var tables []string
	if err := d.R.Raw(q).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	return tables
}
