package api_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestGetNeverWrites moves the clock a day on without the maintenance loop
// and checks that no read then writes: rolling the 90-day window (and the
// period rollups) is the maintenance loop's job, not a request's.
func TestGetNeverWrites(t *testing.T) {
	te := newTracedEnv(t)
	o, buyer := seedBrand(te, 3)
	if err := te.srv.DailyMaintenance(context.Background()); err != nil {
		t.Fatal(err)
	}
	te.now.Advance(24 * time.Hour)
	r := te.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": "correct horse"})
	o.Token = r.JSON()["access_token"].(string)
	paths := append(readEndpoints(buyer), "/api/v1/buyers/"+itoa(buyer), "/api/v1/dashboard?days=7",
		"/api/v1/dashboard?days=90")
	for _, path := range paths {
		te.mu.Lock()
		te.stmts, te.on = nil, true
		te.mu.Unlock()
		te.must(200, "GET", path, o.Token, nil)
		te.mu.Lock()
		te.on = false
		stmts := te.stmts
		te.mu.Unlock()
		for _, sql := range stmts {
			verb := strings.ToUpper(strings.Fields(strings.TrimSpace(sql) + " ")[0])
			switch verb {
			case "INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT", "COMMIT":
				t.Errorf("GET %s writes: %s", path, sql)
			}
		}
	}
}
