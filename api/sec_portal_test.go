package api_test

// Issue 17, finding 4: the portal reached a cancelled goal by id (comments,
// acknowledge, new comment) although its list hid it. Every portal read by
// id must agree with the list it belongs to.

import (
	"testing"
)

func TestPortalReadsByIDAgreeWithLists(t *testing.T) {
	e := newEnv(t)
	o := e.register("门户")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	archived := e.createBuyer(o.Token, map[string]any{"name": "归档买手"})
	unlinked := e.createBuyer(o.Token, map[string]any{"name": "没有账号"})
	p := e.portalBuyer(o, b)
	// A second partnership whose buyer is archived: hidden from the list.
	codeA := e.must(201, "POST", "/api/v1/buyers/"+itoa(archived)+"/invite", o.Token, nil).JSON()["code"]
	e.must(200, "POST", "/api/v1/portal/partnerships", p.Token, map[string]any{"code": codeA})
	other := e.register("别家")
	ob := e.createBuyer(other.Token, map[string]any{"name": "别家买手"})

	var goals []int64
	for _, buyer := range []int64{b, archived, unlinked} {
		goals = append(goals, newGoal(e, o, buyer, "进行中"))
		g := newGoal(e, o, buyer, "取消")
		e.must(200, "PATCH", "/api/v1/goals/"+itoa(g), o.Token, map[string]any{"status": "cancelled"})
		goals = append(goals, g)
		g = jnum(e.must(201, "POST", "/api/v1/goals", o.Token, map[string]any{"buyer_id": buyer, "title": "达成",
			"metric": "custom", "target": 5, "period_start": "2026-11-01", "period_end": "2026-11-30"}).JSON(), "id")
		if st := e.must(200, "PATCH", "/api/v1/goals/"+itoa(g), o.Token, map[string]any{"current": 6}).JSON()["status"]; st != "achieved" {
			t.Fatalf("custom goal status %v", st)
		}
		goals = append(goals, g)
	}
	goals = append(goals, newGoal(e, other, ob, "别家的目标"))
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(archived), o.Token, nil)

	// The lists.
	listed := map[int64]bool{}
	for _, it := range e.must(200, "GET", "/api/v1/portal/partnerships", p.Token, nil).List() {
		listed[jnum(it.(map[string]any), "buyer_id")] = true
	}
	shown := map[int64]bool{}
	for buyer := range listed {
		d := e.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(buyer), p.Token, nil).JSON()
		for _, g := range d["goals"].([]any) {
			shown[jnum(g.(map[string]any), "id")] = true
		}
	}
	if len(listed) != 1 || !listed[b] || len(shown) != 2 {
		t.Fatalf("lists: partnerships %v goals %v", listed, shown)
	}
	// Every partnership by id agrees with the list.
	for _, buyer := range []int64{b, archived, unlinked, ob} {
		r := e.do("GET", "/api/v1/portal/partnerships/"+itoa(buyer), p.Token, nil)
		if (r.Status == 200) != listed[buyer] || (r.Status != 200 && r.Status != 404) {
			t.Errorf("partnership %d: %d, listed %v", buyer, r.Status, listed[buyer])
		}
	}
	// Every goal by id, through every portal route that names one.
	for _, g := range goals {
		for _, c := range []struct {
			method, path string
			body         any
			ok           int
		}{
			{"GET", "/comments", nil, 200},
			{"POST", "/comments", map[string]any{"body": "收到"}, 201},
			{"POST", "/acknowledge", nil, 200},
		} {
			r := e.do(c.method, "/api/v1/portal/goals/"+itoa(g)+c.path, p.Token, c.body)
			if shown[g] && r.Status != c.ok || !shown[g] && (r.Status != 404 || r.ErrCode() != "not_found") {
				t.Errorf("%s goal %d%s: %d %s, shown in the list: %v", c.method, g, c.path, r.Status, r.Body, shown[g])
			}
		}
	}
}
