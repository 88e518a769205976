package api_test

import (
	"fmt"
	"testing"
)

// milestoneByCode fetches a buyer's milestones keyed by code.
func (e *env) milestoneByCode(token string, buyerID int64) map[string]map[string]any {
	e.t.Helper()
	out := map[string]map[string]any{}
	for _, x := range e.must(200, "GET", fmt.Sprintf("/api/v1/buyers/%d/milestones", buyerID), token, nil).List() {
		m := x.(map[string]any)
		out[m["code"].(string)] = m
	}
	return out
}

// wantMilestone fails unless the milestone code sits on day and collaboration
// (0: none, with the source_gone note).
func wantMilestone(t *testing.T, ms map[string]map[string]any, code, day string, collab int64) {
	t.Helper()
	m, ok := ms[code]
	if !ok {
		t.Fatalf("%s not reached: %v", code, ms)
	}
	got, _ := m["collaboration_id"].(float64)
	if m["achieved_on"] != day || int64(got) != collab {
		t.Fatalf("%s on %v by %v, want %s by %d", code, m["achieved_on"], m["collaboration_id"], day, collab)
	}
	wantNote := ""
	if collab == 0 {
		wantNote = "source_gone"
	}
	if m["note_code"] != wantNote {
		t.Fatalf("%s note_code %v, want %q", code, m["note_code"], wantNote)
	}
}

// TestMilestonesFollowTheRecord: a milestone sits on the collaboration that
// first reached it in start_on order, through back-fills, PATCHes, imports
// and deletes, on both engines (HUOBAN_TEST_POSTGRES).
func TestMilestonesFollowTheRecord(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "xhs_lin"})
	collab := func(typ, day string, gmv int64) int64 {
		r := e.must(201, "POST", "/api/v1/collaborations", o.Token, map[string]any{"buyer_id": b, "type": typ,
			"title": typ + " " + day, "status": "completed", "start_on": day, "metrics": map[string]any{"gmv_cents": gmv}})
		return int64(r.JSON()["id"].(float64))
	}
	a := collab("livestream", "2026-10-01", 500_000)
	ms := e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-10-01", a)
	wantMilestone(t, ms, "first_livestream", "2026-10-01", a)

	// A back-filled earlier collaboration takes first_collaboration to its day.
	bf := collab("note", "2026-06-01", 2_000_000)
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-06-01", bf)
	wantMilestone(t, ms, "first_livestream", "2026-10-01", a)
	wantMilestone(t, ms, "gmv_10k_session", "2026-06-01", bf)

	// A PATCH that moves a collaboration earlier moves its milestones with it.
	e.must(200, "PATCH", fmt.Sprintf("/api/v1/collaborations/%d", a), o.Token, map[string]any{"start_on": "2026-05-01"})
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-05-01", a)
	wantMilestone(t, ms, "first_livestream", "2026-05-01", a)

	// An import of an even earlier livestream, in the import's transaction.
	r := e.doCSV(importPath, o.Token, []byte("buyer_xhs_id,type,title,status,start_on,gmv_cents\n"+
		"xhs_lin,livestream,早场,completed,2026-04-01,100\n"), false)
	if r.Status != 200 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	ms = e.milestoneByCode(o.Token, b)
	imported := int64(ms["first_collaboration"]["collaboration_id"].(float64))
	if imported == a || imported == bf {
		t.Fatalf("first_collaboration did not move to the import: %v", ms["first_collaboration"])
	}
	wantMilestone(t, ms, "first_collaboration", "2026-04-01", imported)
	wantMilestone(t, ms, "first_livestream", "2026-04-01", imported)

	// Deleting the collaboration that earned it moves it to the next qualifying one.
	e.must(204, "DELETE", fmt.Sprintf("/api/v1/collaborations/%d", imported), o.Token, nil)
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-05-01", a)
	wantMilestone(t, ms, "first_livestream", "2026-05-01", a)

	// With none qualifying, it stays reached on its day, with a note.
	e.must(204, "DELETE", fmt.Sprintf("/api/v1/collaborations/%d", bf), o.Token, nil)
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "gmv_10k_session", "2026-06-01", 0)
	if ms["gmv_10k_session"]["note"] == "" {
		t.Fatalf("kept milestone without a note: %v", ms["gmv_10k_session"])
	}
	// Un-completing counts as losing it too.
	e.must(200, "PATCH", fmt.Sprintf("/api/v1/collaborations/%d", a), o.Token, map[string]any{"status": "cancelled"})
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-05-01", 0)
	wantMilestone(t, ms, "first_livestream", "2026-05-01", 0)
	// A new qualifying collaboration gives it a collaboration again.
	c := collab("livestream", "2026-11-01", 1_500_000)
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-11-01", c)
	wantMilestone(t, ms, "gmv_10k_session", "2026-11-01", c)
	if len(ms) != 3 {
		t.Fatalf("milestones %v", ms)
	}
}

// TestMilestonesAllReachedStillMove covers the shortcut for a buyer that
// has reached every collaboration milestone: a later collaboration leaves
// them alone, an earlier one still moves them.
func TestMilestonesAllReachedStillMove(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "阿野"})
	collab := func(typ, day string, gmv int64) int64 {
		r := e.must(201, "POST", "/api/v1/collaborations", o.Token, map[string]any{"buyer_id": b, "type": typ,
			"title": "t", "status": "completed", "start_on": day, "metrics": map[string]any{"gmv_cents": gmv}})
		return int64(r.JSON()["id"].(float64))
	}
	first := collab("livestream", "2026-08-01", 30_000_000)
	for i := 2; i <= 5; i++ {
		collab("note", fmt.Sprintf("2026-08-%02d", i), 20_000_000)
	}
	ms := e.milestoneByCode(o.Token, b)
	if len(ms) != 6 {
		t.Fatalf("want every collaboration milestone: %v", ms)
	}
	wantMilestone(t, ms, "first_collaboration", "2026-08-01", first)
	collab("note", "2026-09-01", 100)
	if after := e.milestoneByCode(o.Token, b); !jsonEq(after, ms) {
		t.Fatalf("a later collaboration moved milestones:\n%v\n%v", ms, after)
	}
	early := collab("shop_window", "2026-07-01", 100)
	ms = e.milestoneByCode(o.Token, b)
	wantMilestone(t, ms, "first_collaboration", "2026-07-01", early)
	wantMilestone(t, ms, "first_livestream", "2026-08-01", first)
	// five_collaborations now falls on the fourth of August.
	if ms["five_collaborations"]["achieved_on"] != "2026-08-04" {
		t.Fatalf("five_collaborations %v", ms["five_collaborations"])
	}
}
