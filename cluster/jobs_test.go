package cluster

import (
	"testing"
	"time"
)

// addBuyers inserts n active buyers into the brand of owner straight into
// the schema (fast; the API would take minutes on a busy machine).
func (c *cluster) addBuyers(brandOf session, n int) {
	c.t.Helper()
	if _, err := c.db.Exec(`INSERT INTO buyers (brand_id, name, stage, created_at, updated_at)
		SELECT u.brand_id, '买手 ' || g, 'prospect', now(), now()
		FROM users u, generate_series(1, $2) AS g WHERE u.id = $1`, brandOf.userID, n); err != nil {
		c.t.Fatal(err)
	}
}

// dailyRuns counts the recorded runs of the daily maintenance.
func (c *cluster) dailyRuns() int64 {
	return c.scalar("SELECT COUNT(*) FROM background_runs WHERE job = 'daily_maintenance'")
}

// The daily maintenance runs once per day however many instances run it:
// three instances started together (each runs it at start) and checking
// every 100 ms record one run, and each later "new day" (the day it last ran
// forgotten) gets one more run, not one per instance. The health refresh
// over a few thousand buyers takes long enough that instances checking
// together would overlap without the cluster lock.
func TestDailyMaintenanceRunsOnceAcrossInstances(t *testing.T) {
	c := startCluster(t, 3, withEnv("HUOBAN_MAINTENANCE_INTERVAL=100ms"))
	eventually(t, 60*time.Second, "the first daily run", func() bool { return c.dailyRuns() >= 1 })
	c.addBuyers(c.nodes[0].register(t, "jobs@example.com"), 3000)
	const days = 3
	for day := 2; day <= days; day++ {
		time.Sleep(500 * time.Millisecond) // several checks of every instance after the last run
		if _, err := c.db.Exec("DELETE FROM settings WHERE key = 'health_refreshed_on'"); err != nil {
			t.Fatal(err)
		}
		eventually(t, 60*time.Second, "the next daily run", func() bool { return c.dailyRuns() >= int64(day) })
	}
	time.Sleep(time.Second)
	if n := c.dailyRuns(); n != days {
		var who []string
		rows, _ := c.db.Query("SELECT instance || ' ' || started_at::text || '..' || finished_at::text FROM background_runs ORDER BY id")
		for rows != nil && rows.Next() {
			var s string
			rows.Scan(&s)
			who = append(who, s)
		}
		t.Fatalf("%d daily runs recorded for %d days, want one per day: %v", n, days, who)
	}
	if n := c.scalar("SELECT COUNT(DISTINCT run_key) FROM background_runs"); n != 1 {
		t.Fatalf("runs for %d different days, want today's", n)
	}
}
