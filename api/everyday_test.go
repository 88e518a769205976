package api_test

import (
	"fmt"
	"testing"
)

// details returns error.details of an error body.
func (r resp) details() map[string]any {
	e, _ := r.JSON()["error"].(map[string]any)
	d, _ := e["details"].(map[string]any)
	return d
}

// wantDetail fails unless field's problem has code and params (as fmt prints them).
func wantDetail(t *testing.T, r resp, field, code, params string) {
	t.Helper()
	d, ok := r.details()[field].(map[string]any)
	if !ok {
		t.Fatalf("no details for %s: %s", field, r.Body)
	}
	if d["code"] != code || fmt.Sprint(d["params"]) != params {
		t.Fatalf("%s: %v %v, want %s %s", field, d["code"], d["params"], code, params)
	}
	if r.Field(field) == "" {
		t.Fatalf("%s lost its English message: %s", field, r.Body)
	}
}

// TestValidationDetails: every field problem carries a code and params
// beside its English message.
func TestValidationDetails(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	r := e.do("POST", "/api/v1/collaborations", o.Token, map[string]any{"buyer_id": b, "type": "podcast",
		"status": "completed", "start_on": "2026-11-02", "end_on": "2026-11-01", "commission_pct": 120,
		"metrics": map[string]any{"gmv_cents": 100, "refund_cents": 200}, "brand_rating": 9, "colour": "red"})
	wantErr(t, r, 422, "validation_failed")
	wantDetail(t, r, "colour", "unknown_field", "map[]")
	r = e.do("POST", "/api/v1/collaborations", o.Token, map[string]any{"buyer_id": b, "type": "podcast",
		"status": "completed", "start_on": "2026-11-02", "end_on": "2026-11-01", "commission_pct": 120,
		"metrics": map[string]any{"gmv_cents": 100, "refund_cents": 200}, "brand_rating": 9})
	wantDetail(t, r, "title", "required", "map[]")
	wantDetail(t, r, "type", "one_of", "map[values:[livestream note shop_window seeding]]")
	wantDetail(t, r, "end_on", "date_order", "map[after:start_on]")
	wantDetail(t, r, "commission_pct", "between", "map[max:100 min:0]")
	wantDetail(t, r, "metrics.refund_cents", "refund_over_gmv", "map[]")
	wantDetail(t, r, "brand_rating", "between", "map[max:5 min:1]")
	r = e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": "x", "followers": "many"})
	wantDetail(t, r, "followers", "invalid_type", "map[type:integer]")
	r = e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": fmt.Sprintf("%0101d", 1)})
	wantDetail(t, r, "name", "max_length", "map[max:100]")
	r = e.do("POST", fmt.Sprintf("/api/v1/buyers/%d/milestones", b), o.Token, map[string]any{"title": "x", "achieved_on": "2027-01-01"})
	wantDetail(t, r, "achieved_on", "not_future", "map[]")
	r = e.do("POST", "/api/v1/auth/register", "", map[string]any{"brand_name": "x", "name": "y", "email": "a@b.co", "password": "short"})
	wantDetail(t, r, "password", "min_length", "map[min:8]")
	r = e.do("GET", "/api/v1/collaborations?from=yesterday", o.Token, nil)
	wantDetail(t, r, "from", "invalid_date", "map[]")
	// A unique clash is a 409 that names its field.
	e.createBuyer(o.Token, map[string]any{"name": "甲", "xhs_id": "dup"})
	r = e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": "乙", "xhs_id": "dup"})
	if r.Status != 409 || r.ErrCode() != "conflict" {
		t.Fatalf("dup: %d %s", r.Status, r.Body)
	}
	wantDetail(t, r, "xhs_id", "unique", "map[]")
}

// TestNewBuyerHealthAndDashboardNames: a buyer without collaborations is
// new (not dormant), with coded health notes; the dashboard's follow-ups and
// goals name their buyer.
func TestNewBuyerHealthAndDashboardNames(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	if l := e.buyer(o.Token, b)["health"].(map[string]any)["label"]; l != "new" {
		t.Fatalf("new buyer's label %v", l)
	}
	h := e.must(200, "GET", fmt.Sprintf("/api/v1/buyers/%d/health", b), o.Token, nil).JSON()
	if h["label"] != "new" {
		t.Fatalf("health %v", h)
	}
	for _, x := range h["factors"].([]any) {
		f := x.(map[string]any)
		if f["note_code"] == "" || f["note_params"] == nil || f["note"] == "" {
			t.Fatalf("factor without a note code: %v", f)
		}
	}
	e.must(201, "POST", "/api/v1/collaborations", o.Token, map[string]any{"buyer_id": b, "type": "note", "title": "t",
		"status": "completed", "start_on": "2026-11-20", "metrics": map[string]any{"gmv_cents": 100}})
	if l := e.buyer(o.Token, b)["health"].(map[string]any)["label"]; l == "new" {
		t.Fatal("a buyer with a completed collaboration is not new")
	}
	h = e.must(200, "GET", fmt.Sprintf("/api/v1/buyers/%d/health", b), o.Token, nil).JSON()
	rec := h["factors"].([]any)[0].(map[string]any)
	if rec["note_code"] != "days_since_last" || fmt.Sprint(rec["note_params"]) != "map[days:3]" {
		t.Fatalf("recency %v", rec)
	}

	e.must(201, "POST", fmt.Sprintf("/api/v1/buyers/%d/activities", b), o.Token, map[string]any{"kind": "call",
		"summary": "回访", "follow_up_on": "2026-11-22"})
	e.must(201, "POST", "/api/v1/goals", o.Token, map[string]any{"buyer_id": b, "title": "月度成交", "metric": "orders",
		"target": 10, "period_start": "2026-11-01", "period_end": "2026-11-30"})
	d := e.must(200, "GET", "/api/v1/dashboard", o.Token, nil).JSON()
	for _, k := range []string{"follow_ups_due", "goals_ending_soon"} {
		l := d[k].([]any)
		if len(l) != 1 || l[0].(map[string]any)["buyer_name"] != "林小拼" {
			t.Fatalf("%s: %v", k, d[k])
		}
	}
}
