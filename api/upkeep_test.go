package api_test

import (
	"sync"
	"testing"
)

// TestWriteAnswersAfterItsUpkeep posts completed collaborations for several
// buyers at once (on SQLite they share group-commit batches, on PostgreSQL
// they run concurrently) and checks that as soon as each POST has answered,
// its upkeep is there: the buyer's stats, its first-collaboration milestone,
// its goal's progress, its health and the dashboard's rollups. The upkeep is
// deferred to the end of the transaction (store/upkeep.go), never past the
// answer, on both engines.
func TestWriteAnswersAfterItsUpkeep(t *testing.T) {
	e := newEnv(t) // today is 2026-11-23
	o := e.register("山茶花")
	const n = 8
	var buyers, goals [n]int64
	for i := range n {
		buyers[i] = e.createBuyer(o.Token, map[string]any{"name": "买手" + itoa(int64(i))})
		goals[i] = num(e.must(201, "POST", "/api/v1/goals", o.Token, map[string]any{"buyer_id": buyers[i], "title": "GMV",
			"metric": "gmv_cents", "target": 1000000, "period_start": "2026-11-01", "period_end": "2026-11-30"}).JSON()["id"])
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gmv := int64(10000 * (i + 1))
			r := e.do("POST", "/api/v1/collaborations", o.Token, collabBody(buyers[i], map[string]any{"start_on": "2026-11-20",
				"end_on": nil, "metrics": map[string]any{"gmv_cents": gmv, "orders": 3}}))
			if r.Status != 201 {
				t.Errorf("create: %d %s", r.Status, r.Body)
				return
			}
			b := e.do("GET", "/api/v1/buyers/"+itoa(buyers[i]), o.Token, nil).JSON()
			st := b["stats"].(map[string]any)
			if num(st["collaborations"]) != 1 || num(st["gmv_cents_90d"]) != gmv || st["last_collaboration_on"] != "2026-11-20" {
				t.Errorf("buyer %d stats right after the write: %v", i, st)
			}
			if h := b["health"].(map[string]any); h["label"] == "dormant" {
				t.Errorf("buyer %d health not refreshed: %v", i, h)
			}
			found := false
			for _, m := range e.do("GET", "/api/v1/buyers/"+itoa(buyers[i])+"/milestones", o.Token, nil).List() {
				found = found || m.(map[string]any)["code"] == "first_collaboration"
			}
			if !found {
				t.Errorf("buyer %d: no first_collaboration milestone right after the write", i)
			}
			g := e.do("GET", "/api/v1/goals/"+itoa(goals[i]), o.Token, nil).JSON()
			if cur := num(g["progress"].(map[string]any)["current"]); cur != gmv {
				t.Errorf("buyer %d goal progress right after the write: %d, want %d", i, cur, gmv)
			}
		}()
	}
	wg.Wait()
	d := e.must(200, "GET", "/api/v1/dashboard?days=7", o.Token, nil).JSON()
	if num(d["active_buyers"]) != n || len(d["top_buyers"].([]any)) != 5 ||
		num(d["top_buyers"].([]any)[0].(map[string]any)["gmv_cents"]) != 10000*n {
		t.Errorf("dashboard after the writes: active %v, top %v", d["active_buyers"], d["top_buyers"])
	}
}
