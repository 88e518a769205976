package api_test

import (
	"fmt"
	"testing"
)

func TestCapabilities(t *testing.T) {
	e := newEnv(t) // today is 2026-11-23
	o := e.register("山茶花")
	analyst := e.invite(o, "analyst")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	ob := e.createBuyer(e.register("别家").Token, map[string]any{"name": "别家"})
	path := "/api/v1/buyers/" + itoa(b) + "/capabilities"
	for i, day := range []string{"2026-09-01", "2026-11-01", "2026-10-01"} {
		r := e.must(201, "POST", path, o.Token, map[string]any{"recorded_on": day,
			"selection":  map[string]any{"skus_per_month": 10 + i, "categories_covered": 3, "hit_rate_pct": 35.5, "shop_window_items": 40},
			"livestream": map[string]any{"sessions_per_month": 4, "avg_minutes": 120, "avg_viewers": 800, "peak_viewers": 3000, "avg_gmv_cents": 1200000},
			"assessment": "选品稳定"})
		if r.JSON()["recorded_by"] != float64(o.UserID) || r.JSON()["selection"].(map[string]any)["hit_rate_pct"] != 35.5 {
			t.Fatalf("create: %s", r.Body)
		}
	}
	r := e.must(201, "POST", path, o.Token, map[string]any{})
	if r.JSON()["recorded_on"] != "2026-11-23" {
		t.Fatalf("default day: %s", r.Body)
	}
	items := e.must(200, "GET", path+"?limit=2", analyst.Token, nil).JSON()
	l := items["items"].([]any)
	if len(l) != 2 || l[0].(map[string]any)["recorded_on"] != "2026-11-23" || l[1].(map[string]any)["recorded_on"] != "2026-11-01" {
		t.Fatalf("newest first: %v", l)
	}
	next := e.must(200, "GET", path+"?limit=2&cursor="+items["next_cursor"].(string), analyst.Token, nil).JSON()["items"].([]any)
	if len(next) != 2 || next[1].(map[string]any)["recorded_on"] != "2026-09-01" {
		t.Fatalf("second page: %v", next)
	}
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		field                     string
	}{
		{"future", "POST", path, o.Token, map[string]any{"recorded_on": "2026-11-24"}, 422, "recorded_on"},
		{"negative count", "POST", path, o.Token, map[string]any{"livestream": map[string]any{"avg_viewers": -1}}, 422, "livestream.avg_viewers"},
		{"hit rate over 100", "POST", path, o.Token, map[string]any{"selection": map[string]any{"hit_rate_pct": 100.5}}, 422, "selection.hit_rate_pct"},
		{"unknown nested field", "POST", path, o.Token, map[string]any{"selection": map[string]any{"skus": 1}}, 422, "selection.skus"},
		{"malformed", "POST", path, o.Token, "{", 400, ""},
		{"analyst may not write", "POST", path, analyst.Token, map[string]any{}, 403, ""},
		{"another brand's buyer read", "GET", "/api/v1/buyers/" + itoa(ob) + "/capabilities", o.Token, nil, 404, ""},
		{"another brand's buyer write", "POST", "/api/v1/buyers/" + itoa(ob) + "/capabilities", o.Token, map[string]any{}, 404, ""},
		{"bad limit", "GET", path + "?limit=0", o.Token, nil, 422, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(tt.method, tt.path, tt.token, tt.body)
			if r.Status != tt.status || (tt.field != "" && r.Field(tt.field) == "") {
				t.Fatalf("status %d, want %d (field %s): %s", r.Status, tt.status, tt.field, r.Body)
			}
		})
	}
}

func TestActivitiesAndFollowUps(t *testing.T) {
	e := newEnv(t) // today is 2026-11-23
	o := e.register("山茶花")
	manager := e.invite(o, "manager")
	analyst := e.invite(o, "analyst")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	other := e.register("别家")
	ob := e.createBuyer(other.Token, map[string]any{"name": "别家"})
	otherAct := e.must(201, "POST", "/api/v1/buyers/"+itoa(ob)+"/activities", other.Token,
		map[string]any{"kind": "call", "summary": "x", "follow_up_on": "2026-11-01"}).JSON()
	path := "/api/v1/buyers/" + itoa(b) + "/activities"
	ids := map[string]string{}
	for i, f := range []string{"2026-11-25", "2026-11-20", "2026-11-23", ""} {
		body := map[string]any{"kind": "meeting", "summary": fmt.Sprintf("沟通 %d", i),
			"occurred_at": fmt.Sprintf("2026-11-%02dT09:00:00Z", 10+i)}
		if f != "" {
			body["follow_up_on"] = f
		}
		r := e.must(201, "POST", path, manager.Token, body).JSON()
		ids[f] = itoa(num(r["id"]))
	}
	l := e.must(200, "GET", path, analyst.Token, nil).JSON()["items"].([]any)
	if len(l) != 4 || l[0].(map[string]any)["summary"] != "沟通 3" {
		t.Fatalf("newest first: %v", l)
	}
	due := func(q string) []any {
		return e.must(200, "GET", "/api/v1/follow-ups"+q, analyst.Token, nil).JSON()["items"].([]any)
	}
	if d := due(""); len(d) != 2 || d[0].(map[string]any)["follow_up_on"] != "2026-11-20" {
		t.Fatalf("due today: %v", d)
	}
	if d := due("?due_before=2026-12-01"); len(d) != 3 {
		t.Fatalf("due before Dec: %v", d)
	}
	r := e.must(200, "PATCH", "/api/v1/activities/"+ids["2026-11-20"], manager.Token, map[string]any{"done": true})
	if r.JSON()["done"] != true {
		t.Fatalf("patch: %s", r.Body)
	}
	e.must(200, "PATCH", "/api/v1/activities/"+ids["2026-11-23"], o.Token, map[string]any{"follow_up_on": nil, "summary": "改期"})
	if d := due(""); len(d) != 0 {
		t.Fatalf("after done: %v", d)
	}
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		field                     string
	}{
		{"bad kind", "POST", path, o.Token, map[string]any{"kind": "party", "summary": "x"}, 422, "kind"},
		{"empty summary", "POST", path, o.Token, map[string]any{"kind": "call", "summary": " "}, 422, "summary"},
		{"bad follow-up date", "POST", path, o.Token, map[string]any{"kind": "call", "summary": "x", "follow_up_on": "11/23"}, 422, "follow_up_on"},
		{"unknown field", "PATCH", "/api/v1/activities/" + ids[""], o.Token, map[string]any{"kind": "call"}, 422, "kind"},
		{"done null", "PATCH", "/api/v1/activities/" + ids[""], o.Token, map[string]any{"done": nil}, 422, "done"},
		{"analyst may not write", "POST", path, analyst.Token, map[string]any{"kind": "call", "summary": "x"}, 403, ""},
		{"analyst may not patch", "PATCH", "/api/v1/activities/" + ids[""], analyst.Token, map[string]any{"done": true}, 403, ""},
		{"another brand's activity", "PATCH", "/api/v1/activities/" + itoa(num(otherAct["id"])), o.Token, map[string]any{"done": true}, 404, ""},
		{"another brand's buyer", "GET", "/api/v1/buyers/" + itoa(ob) + "/activities", o.Token, nil, 404, ""},
		{"bad due_before", "GET", "/api/v1/follow-ups?due_before=soon", o.Token, nil, 422, "due_before"},
		{"malformed", "PATCH", "/api/v1/activities/" + ids[""], o.Token, "[1]", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(tt.method, tt.path, tt.token, tt.body)
			if r.Status != tt.status || (tt.field != "" && r.Field(tt.field) == "") {
				t.Fatalf("status %d, want %d (field %s): %s", r.Status, tt.status, tt.field, r.Body)
			}
		})
	}
	// Another brand's follow-ups never show.
	if d := due("?due_before=2027-01-01"); len(d) != 1 {
		t.Fatalf("tenant scope: %v", d)
	}
}
