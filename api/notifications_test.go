package api_test

import (
	"context"
	"strings"
	"testing"
)

// notes returns a user's notifications, newest first.
func (e *env) notes(token string, query string) []map[string]any {
	e.t.Helper()
	var out []map[string]any
	for _, it := range e.must(200, "GET", "/api/v1/notifications"+query, token, nil).JSON()["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func (e *env) unread(token string) int64 {
	e.t.Helper()
	return jnum(e.must(200, "GET", "/api/v1/notifications/unread-count", token, nil).JSON(), "count")
}

// TestNotificationsEachCauseOnce: every cause makes exactly one
// notification, for the right person, in the right brand and language;
// nobody else (another brand's users included) sees it.
func TestNotificationsEachCauseOnce(t *testing.T) {
	f := newFixture(t)
	a := f.a
	buyer := itoa(a.buyer)
	f.must(200, "PATCH", "/api/v1/buyers/"+buyer, a.owner.Token, map[string]any{"owner_id": a.manager.UserID})
	f.must(200, "PATCH", "/api/v1/me", a.manager.Token, map[string]any{"locale": "en"})
	everyone := []account{a.owner, a.manager, a.analyst, a.portal, f.b.owner, f.b.manager, f.b.portal}
	counts := func() []int64 {
		var out []int64
		for _, u := range everyone {
			out = append(out, f.unread(u.Token))
		}
		return out
	}
	step := func(what string, who int, kind, link string, cause func()) {
		t.Helper()
		before := counts()
		cause()
		after := counts()
		for i := range everyone {
			want := before[i]
			if i == who {
				want++
			}
			if after[i] != want {
				t.Fatalf("%s: user #%d has %d unread, want %d", what, i, after[i], want)
			}
		}
		n := f.notes(everyone[who].Token, "?unread=true")[0]
		if n["kind"] != kind || n["link"] != link || n["read_at"] != nil || n["title"] == "" {
			t.Fatalf("%s: %v", what, n)
		}
	}
	goal := itoa(a.goal)
	step("a buyer's comment", 1, "comment", "/buyers/"+buyer, func() {
		f.must(201, "POST", "/api/v1/portal/goals/"+goal+"/comments", a.portal.Token, map[string]any{"body": "样品收到了"})
	})
	if n := f.notes(a.manager.Token, "")[0]; !strings.Contains(n["title"].(string), "commented on the goal") || n["body"] != "样品收到了" {
		t.Fatalf("the manager reads English: %v", n)
	}
	step("an acknowledgement", 1, "goal_acknowledged", "/buyers/"+buyer, func() {
		f.must(200, "POST", "/api/v1/portal/goals/"+goal+"/acknowledge", a.portal.Token, nil)
	})
	step("a goal set", 3, "goal_set", "/portal/"+buyer, func() {
		f.must(201, "POST", "/api/v1/goals", a.manager.Token, map[string]any{"buyer_id": a.buyer, "title": "双十二冲刺",
			"metric": "orders", "target": 100, "period_start": "2026-12-01", "period_end": "2026-12-12"})
	})
	if n := f.notes(a.portal.Token, "")[0]; !strings.Contains(n["title"].(string), "双十二冲刺") || !strings.Contains(n["title"].(string), "品牌A") {
		t.Fatalf("the buyer's notification: %v", n)
	}
	step("a follow-up due today", 1, "follow_up_due", "/buyers/"+buyer, func() {
		f.must(201, "POST", "/api/v1/buyers/"+buyer+"/activities", a.owner.Token, map[string]any{
			"kind": "call", "summary": "回访直播效果", "occurred_at": "2026-11-20T10:00:00Z", "follow_up_on": "2026-11-23"})
		for range 2 { // the maintenance loop runs every minute: still once
			if err := f.srv.DailyMaintenance(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	})
	// A staff comment and the buyer's own changes notify nobody.
	before := counts()
	f.must(201, "POST", "/api/v1/goals/"+goal+"/comments", a.manager.Token, map[string]any{"body": "加油"})
	if after := counts(); !jsonEq(before, after) {
		t.Fatalf("a staff comment notified: %v → %v", before, after)
	}

	// Reading: one, then all; another user's ids change nothing.
	ns := f.notes(a.manager.Token, "")
	first := jnum(ns[0], "id")
	if m := f.must(200, "POST", "/api/v1/notifications/read", f.b.owner.Token, map[string]any{"ids": []int64{first}}).JSON(); jnum(m, "marked") != 0 {
		t.Fatalf("another brand's owner marked a notification: %v", m)
	}
	f.must(200, "POST", "/api/v1/notifications/read", a.manager.Token, map[string]any{"ids": []int64{first}})
	if got := f.unread(a.manager.Token); got != int64(len(ns)-1) {
		t.Fatalf("after reading one: %d unread of %d", got, len(ns))
	}
	if n := f.notes(a.manager.Token, "?unread=true"); len(n) != len(ns)-1 {
		t.Fatalf("unread list: %d", len(n))
	}
	f.must(200, "POST", "/api/v1/notifications/read", a.manager.Token, map[string]any{"all": true})
	if f.unread(a.manager.Token) != 0 || len(f.notes(a.manager.Token, "")) != len(ns) || f.notes(a.manager.Token, "")[0]["read_at"] == nil {
		t.Fatal("after reading all")
	}
	// The buyer marks theirs read too (buyers use the same endpoints).
	f.must(200, "POST", "/api/v1/notifications/read", a.portal.Token, map[string]any{"all": true})
	if f.unread(a.portal.Token) != 0 {
		t.Fatal("the buyer's notifications stay unread")
	}

	// Bad input.
	for _, body := range []map[string]any{{}, {"ids": []int64{}}, {"ids": []int64{1}, "all": true}, {"ids": []int64{-1}}} {
		wantField(t, f.do("POST", "/api/v1/notifications/read", a.owner.Token, body), "ids")
	}
	wantField(t, f.do("GET", "/api/v1/notifications?unread=maybe", a.owner.Token, nil), "unread")
	wantErr(t, f.do("GET", "/api/v1/notifications", "", nil), 401, "unauthorized")
	// Notifications are a person's inbox: API tokens reach none of it.
	wantErr(t, f.do("GET", "/api/v1/notifications", a.readToken, nil), 403, "forbidden")
	wantErr(t, f.do("POST", "/api/v1/notifications/read", a.readToken, map[string]any{"all": true}), 403, "forbidden")
}
