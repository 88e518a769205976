package api_test

import (
	"context"
	"fmt"
	"testing"
)

// eventTypes returns the webhook event types recorded for a brand, oldest first.
func (e *env) eventTypes(brandOwner account) []string {
	e.t.Helper()
	me := e.must(200, "GET", "/api/v1/me", brandOwner.Token, nil).JSON()
	var out []string
	e.db.R.Raw("SELECT type FROM webhook_events WHERE brand_id = ? ORDER BY id", jnum(me, "brand_id")).Scan(&out)
	return out
}

// newEvents runs cause and returns the event types it recorded for the brand.
func (e *env) newEvents(brandOwner account, cause func()) []string {
	e.t.Helper()
	before := len(e.eventTypes(brandOwner))
	cause()
	return e.eventTypes(brandOwner)[before:]
}

// TestPartnershipEventsAndNotices: plans, promises, reviews and selections
// make their webhook events and notifications in the write's transaction,
// for the right person; another brand's users hear nothing.
func TestPartnershipEventsAndNotices(t *testing.T) {
	f := newFixture(t)
	a := f.a
	buyer := itoa(a.buyer)
	f.must(200, "PATCH", "/api/v1/buyers/"+buyer, a.owner.Token, map[string]any{"owner_id": a.manager.UserID})
	others := []account{f.b.owner, f.b.manager, f.b.portal}
	otherCounts := func() []int64 {
		var out []int64
		for _, u := range others {
			out = append(out, f.unread(u.Token))
		}
		return out
	}
	quiet := otherCounts()
	wantEvents := func(what string, got []string, want ...string) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: events %v, want %v", what, got, want)
		}
	}
	lastNote := func(who account, kind string) map[string]any {
		t.Helper()
		ns := f.notes(who.Token, "?unread=true")
		if len(ns) == 0 || ns[0]["kind"] != kind {
			t.Fatalf("want a %s notification first, got %v", kind, ns)
		}
		return ns[0]
	}

	// A plan proposed: plan.proposed, and the buyer hears of it.
	var plan int64
	portalBefore := f.unread(a.portal.Token)
	wantEvents("propose", f.newEvents(a.owner, func() {
		plan = jnum(f.must(201, "POST", "/api/v1/plans", a.manager.Token, map[string]any{"buyer_id": a.buyer, "title": "冬季计划",
			"period_start": "2026-11-01", "period_end": "2026-12-31", "commitments": []any{
				map[string]any{"side": "buyer", "kind": "livestreams", "description": "四场直播", "due_on": "2026-11-23"},
				map[string]any{"side": "brand", "kind": "samples", "description": "寄样 20 件", "due_on": "2026-11-23"}}}).JSON(), "id")
		f.must(200, "POST", "/api/v1/plans/"+itoa(plan)+"/propose", a.manager.Token, nil)
	}), "plan.proposed")
	if f.unread(a.portal.Token) != portalBefore+1 || lastNote(a.portal, "plan_proposed")["link"] != "/portal/"+buyer {
		t.Fatal("the buyer was not told of the proposed plan")
	}

	// Both agree: the buyer's agreement tells the buyer's owner; plan.agreed once.
	managerBefore := f.unread(a.manager.Token)
	wantEvents("agree", f.newEvents(a.owner, func() {
		f.must(200, "POST", "/api/v1/portal/plans/"+itoa(plan)+"/agree", a.portal.Token, nil)
		f.must(200, "POST", "/api/v1/plans/"+itoa(plan)+"/agree", a.manager.Token, nil)
	}), "plan.agreed")
	if f.unread(a.manager.Token) != managerBefore+1 || lastNote(a.manager, "plan_agreed")["link"] != "/buyers/"+buyer {
		t.Fatal("the buyer's owner was not told of the agreement")
	}

	// The buyer reports its promise kept: commitment.settled and a notice to the owner.
	got := f.must(200, "GET", "/api/v1/plans/"+itoa(plan), a.manager.Token, nil).JSON()
	var buyerSide, brandSide int64
	for _, c := range got["commitments"].([]any) {
		m := c.(map[string]any)
		if m["side"] == "buyer" {
			buyerSide = jnum(m, "id")
		} else {
			brandSide = jnum(m, "id")
		}
	}
	wantEvents("kept", f.newEvents(a.owner, func() {
		f.must(200, "PATCH", "/api/v1/portal/commitments/"+itoa(buyerSide), a.portal.Token, map[string]any{"status": "kept"})
	}), "commitment.settled")
	lastNote(a.manager, "commitment_kept")
	// Setting it back to open is no settlement.
	wantEvents("reopen", f.newEvents(a.owner, func() {
		f.must(200, "PATCH", "/api/v1/commitments/"+itoa(buyerSide), a.manager.Token, map[string]any{"status": "open"})
	}))

	// The brand's promise due today: its owner hears once, however often maintenance runs.
	managerBefore, portalBefore = f.unread(a.manager.Token), f.unread(a.portal.Token)
	for range 2 {
		if err := f.srv.DailyMaintenance(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if f.unread(a.manager.Token) != managerBefore+1 || f.unread(a.portal.Token) != portalBefore+1 {
		t.Fatalf("due promises: manager %d→%d, buyer %d→%d", managerBefore, f.unread(a.manager.Token), portalBefore, f.unread(a.portal.Token))
	}
	lastNote(a.manager, "commitment_due")
	lastNote(a.portal, "commitment_due")
	f.must(200, "PATCH", "/api/v1/commitments/"+itoa(brandSide), a.manager.Token, map[string]any{"status": "kept"})

	// A review shared: review.shared and the buyer hears; an unshared one says nothing.
	collab := jnum(f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, map[string]any{"buyer_id": a.buyer,
		"type": "livestream", "title": "复盘场", "status": "completed", "start_on": "2026-11-20"}).JSON(), "id")
	var review int64
	wantEvents("unshared review", f.newEvents(a.owner, func() {
		review = jnum(f.must(201, "POST", "/api/v1/collaborations/"+itoa(collab)+"/review", a.manager.Token,
			map[string]any{"went_well": "节奏好", "to_improve": "开场慢", "shared": false}).JSON(), "id")
	}))
	portalBefore = f.unread(a.portal.Token)
	wantEvents("shared review", f.newEvents(a.owner, func() {
		f.must(200, "PATCH", "/api/v1/reviews/"+itoa(review), a.manager.Token, map[string]any{"shared": true})
	}), "review.shared")
	if f.unread(a.portal.Token) != portalBefore+1 {
		t.Fatal("the buyer was not told of the shared review")
	}
	lastNote(a.portal, "review_shared")

	// The buyer marks a pool product: the owner hears.
	product := jnum(f.must(201, "POST", "/api/v1/products", a.manager.Token, map[string]any{"name": "露营灯", "sku": "LAMP-N1",
		"in_pool": true}).JSON(), "id")
	managerBefore = f.unread(a.manager.Token)
	f.must(201, "POST", "/api/v1/portal/selections", a.portal.Token, map[string]any{"buyer_id": a.buyer, "product_id": product,
		"decision": "interested", "reason": "粉丝爱露营"})
	if f.unread(a.manager.Token) != managerBefore+1 || lastNote(a.manager, "selection")["body"] != "粉丝爱露营" {
		t.Fatal("the buyer's owner was not told of the selection")
	}

	if after := otherCounts(); !jsonEq(quiet, after) {
		t.Fatalf("another brand's users were notified: %v → %v", quiet, after)
	}
	for _, typ := range f.eventTypes(f.b.owner) {
		if typ != "buyer.created" && typ != "collaboration.created" && typ != "goal.created" && typ != "ping" &&
			typ != "plan.proposed" && typ != "milestone.reached" {
			t.Fatalf("brand B recorded %s from brand A's writes", typ)
		}
	}
}
