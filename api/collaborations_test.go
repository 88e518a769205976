package api_test

import (
	"context"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// collabBody is a valid collaboration body for buyer.
func collabBody(buyer int64, extra map[string]any) map[string]any {
	b := map[string]any{
		"buyer_id": buyer, "type": "livestream", "title": "双11 拼豆专场", "products": []string{"拼豆套装A"},
		"status": "completed", "start_on": "2026-11-01", "end_on": "2026-11-01",
		"slot_fee_cents": 20000, "commission_pct": 20, "sample_cost_cents": 0,
		"metrics":      map[string]any{"views": 1000, "viewers": 400, "orders": 10, "gmv_cents": 100000, "refund_cents": 10000},
		"brand_rating": 5, "shared_feedback": "节奏很好", "internal_notes": "续约",
	}
	for k, v := range extra {
		if v == nil {
			delete(b, k)
			continue
		}
		b[k] = v
	}
	return b
}

func (e *env) createCollab(token string, body map[string]any) map[string]any {
	e.t.Helper()
	return e.must(201, "POST", "/api/v1/collaborations", token, body).JSON()
}

func num(v any) int64 { f, _ := v.(float64); return int64(f) }

func TestCollaborationCRUD(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	buyer := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "commission_pct": 15})
	c := e.createCollab(o.Token, collabBody(buyer, nil))
	kpis := c["kpis"].(map[string]any)
	want := map[string]any{"net_gmv_cents": 90000.0, "aov_cents": 10000.0, "conversion_pct": 2.5, "gpm_cents": 100000.0,
		"commission_cents": 18000.0, "total_cost_cents": 38000.0, "roi": 2.3684}
	for k, v := range want {
		if kpis[k] != v {
			t.Errorf("kpis.%s = %v, want %v", k, kpis[k], v)
		}
	}
	if num(c["created_by"]) != o.UserID || c["internal_notes"] != "续约" {
		t.Errorf("created_by/internal_notes: %v", c)
	}
	id := itoa(num(c["id"]))

	// The buyer's commission is the default.
	c2 := e.createCollab(o.Token, collabBody(buyer, map[string]any{"commission_pct": nil, "status": "planned"}))
	if c2["commission_pct"] != 15.0 {
		t.Errorf("inherited commission = %v", c2["commission_pct"])
	}

	// PATCH one metric; KPIs follow.
	r := e.must(200, "PATCH", "/api/v1/collaborations/"+id, o.Token, map[string]any{"metrics": map[string]any{"orders": 20}})
	m := r.JSON()
	if m["kpis"].(map[string]any)["aov_cents"] != 5000.0 || m["metrics"].(map[string]any)["gmv_cents"] != 100000.0 {
		t.Errorf("after patch: %s", r.Body)
	}
	// Zero division gives null.
	r = e.must(200, "PATCH", "/api/v1/collaborations/"+id, o.Token, map[string]any{
		"slot_fee_cents": 0, "commission_pct": 0, "metrics": map[string]any{"orders": 0, "views": 0, "viewers": 0}})
	k := r.JSON()["kpis"].(map[string]any)
	for _, f := range []string{"aov_cents", "conversion_pct", "gpm_cents", "roi"} {
		if k[f] != nil {
			t.Errorf("kpis.%s = %v, want null", f, k[f])
		}
	}
	e.must(200, "GET", "/api/v1/collaborations/"+id, o.Token, nil)

	// Audit has create and update.
	a := e.must(200, "GET", "/api/v1/audit?entity=collaboration&entity_id="+id, o.Token, nil).List()
	if len(a) != 3 {
		t.Fatalf("audit entries = %d", len(a))
	}

	// Purge of a buyer with collaborations is refused.
	e.must(409, "DELETE", "/api/v1/buyers/"+itoa(buyer)+"?purge=true", o.Token, nil)

	e.must(204, "DELETE", "/api/v1/collaborations/"+id, o.Token, nil)
	e.must(404, "GET", "/api/v1/collaborations/"+id, o.Token, nil)
	a = e.must(200, "GET", "/api/v1/audit?entity=collaboration&entity_id="+id, o.Token, nil).List()
	if first := a[0].(map[string]any); first["action"] != "delete" || len(first["changes"].(map[string]any)) == 0 {
		t.Errorf("delete audit: %v", first)
	}
}

func TestCollaborationErrors(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	analyst := e.invite(o, "analyst")
	manager := e.invite(o, "manager")
	buyer := e.createBuyer(o.Token, map[string]any{"name": "林小拼"})
	other := e.register("别家")
	otherBuyer := e.createBuyer(other.Token, map[string]any{"name": "别家买手"})
	id := itoa(num(e.createCollab(o.Token, collabBody(buyer, nil))["id"]))
	otherID := itoa(num(e.createCollab(other.Token, collabBody(otherBuyer, nil))["id"]))

	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		field                     string
	}{
		{"analyst reads", "GET", "/api/v1/collaborations", analyst.Token, nil, 200, ""},
		{"analyst may not create", "POST", "/api/v1/collaborations", analyst.Token, collabBody(buyer, nil), 403, ""},
		{"analyst may not patch", "PATCH", "/api/v1/collaborations/" + id, analyst.Token, map[string]any{"title": "x"}, 403, ""},
		{"analyst may not delete", "DELETE", "/api/v1/collaborations/" + id, analyst.Token, nil, 403, ""},
		{"manager creates", "POST", "/api/v1/collaborations", manager.Token, collabBody(buyer, nil), 201, ""},
		{"another brand's record", "GET", "/api/v1/collaborations/" + otherID, o.Token, nil, 404, ""},
		{"another brand's record patch", "PATCH", "/api/v1/collaborations/" + otherID, o.Token, map[string]any{"title": "x"}, 404, ""},
		{"another brand's record delete", "DELETE", "/api/v1/collaborations/" + otherID, o.Token, nil, 404, ""},
		{"another brand's buyer", "POST", "/api/v1/collaborations", o.Token, collabBody(otherBuyer, nil), 422, "buyer_id"},
		{"move to another brand's buyer", "PATCH", "/api/v1/collaborations/" + id, o.Token, map[string]any{"buyer_id": otherBuyer}, 422, "buyer_id"},
		{"malformed", "POST", "/api/v1/collaborations", o.Token, `{"title":`, 400, ""},
		{"missing required", "POST", "/api/v1/collaborations", o.Token, map[string]any{}, 422, "start_on"},
		{"bad type", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"type": "tv"}), 422, "type"},
		{"bad status", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"status": "done"}), 422, "status"},
		{"bad date", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"start_on": "2026-13-01"}), 422, "start_on"},
		{"end before start", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"end_on": "2026-10-01"}), 422, "end_on"},
		{"negative metric", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"metrics": map[string]any{"views": -1}}), 422, "metrics.views"},
		{"refund over gmv", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"metrics": map[string]any{"gmv_cents": 1, "refund_cents": 2}}), 422, "metrics.refund_cents"},
		{"fractional cents", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"slot_fee_cents": 1.5}), 422, "slot_fee_cents"},
		{"rating 6", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"brand_rating": 6}), 422, "brand_rating"},
		{"commission 101", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"commission_pct": 101}), 422, "commission_pct"},
		{"kpis not accepted", "POST", "/api/v1/collaborations", o.Token, collabBody(buyer, map[string]any{"kpis": map[string]any{}}), 422, "kpis"},
		{"id not accepted", "PATCH", "/api/v1/collaborations/" + id, o.Token, map[string]any{"id": 5}, 422, "id"},
		{"created_by not accepted", "PATCH", "/api/v1/collaborations/" + id, o.Token, map[string]any{"created_by": 5}, 422, "created_by"},
		{"unknown metric", "PATCH", "/api/v1/collaborations/" + id, o.Token, map[string]any{"metrics": map[string]any{"likes": 5}}, 422, "metrics.likes"},
		{"patch merged refund check", "PATCH", "/api/v1/collaborations/" + id, o.Token, map[string]any{"metrics": map[string]any{"refund_cents": 100001}}, 422, "metrics.refund_cents"},
		{"bad sort", "GET", "/api/v1/collaborations?sort=title", o.Token, nil, 422, "sort"},
		{"bad from", "GET", "/api/v1/collaborations?from=yesterday", o.Token, nil, 422, "from"},
		{"bad type filter", "GET", "/api/v1/collaborations?type=tv", o.Token, nil, 422, "type"},
		{"bad cursor", "GET", "/api/v1/collaborations?cursor=zzz", o.Token, nil, 400, ""},
		{"no token", "GET", "/api/v1/collaborations", "", nil, 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(tt.method, tt.path, tt.token, tt.body)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.field != "" && r.Field(tt.field) == "" {
				t.Fatalf("no error on field %s: %s", tt.field, r.Body)
			}
		})
	}
}

func TestCollaborationListFiltersSortsAndCursors(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b1 := e.createBuyer(o.Token, map[string]any{"name": "甲"})
	b2 := e.createBuyer(o.Token, map[string]any{"name": "乙"})
	types := []string{"livestream", "note", "shop_window", "seeding"}
	for i := 0; i < 23; i++ {
		b := b1
		if i%3 == 0 {
			b = b2
		}
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*7).Format("2006-01-02")
		extra := map[string]any{"type": types[i%4], "start_on": day, "end_on": nil,
			"metrics": map[string]any{"gmv_cents": (i * 37) % 11 * 1000, "views": 10, "viewers": 10}}
		if i%5 == 0 {
			extra["slot_fee_cents"], extra["commission_pct"] = 0, 0 // roi null
		}
		e.createCollab(o.Token, collabBody(b, extra))
	}
	walk := func(query string) []map[string]any {
		var out []map[string]any
		cursor := ""
		for {
			r := e.must(200, "GET", "/api/v1/collaborations?limit=4&"+query+cursor, o.Token, nil).JSON()
			for _, it := range r["items"].([]any) {
				out = append(out, it.(map[string]any))
			}
			nc, ok := r["next_cursor"].(string)
			if !ok {
				return out
			}
			cursor = "&cursor=" + nc
		}
	}
	all := walk("")
	if len(all) != 23 {
		t.Fatalf("walked %d", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1]["start_on"].(string) < all[i]["start_on"].(string) {
			t.Fatalf("default sort is not -start_on")
		}
	}
	for _, sort := range []string{"gmv_cents", "-gmv_cents", "roi", "-roi", "created_at", "-created_at", "start_on"} {
		got := walk("sort=" + sort)
		if len(got) != 23 {
			t.Fatalf("sort %s walked %d", sort, len(got))
		}
		seen := map[float64]bool{}
		for _, it := range got {
			seen[it["id"].(float64)] = true
		}
		if len(seen) != 23 {
			t.Fatalf("sort %s repeated rows", sort)
		}
		if strings.HasSuffix(sort, "roi") {
			var prev any = "start"
			for _, it := range got {
				r := it["kpis"].(map[string]any)["roi"]
				if prev != "start" && prev != nil && r != nil {
					if (sort == "roi" && r.(float64) < prev.(float64)) || (sort == "-roi" && r.(float64) > prev.(float64)) {
						t.Fatalf("sort %s out of order", sort)
					}
				}
				prev = r
			}
		}
	}
	if got := walk("buyer_id=" + itoa(b2)); len(got) != 8 {
		t.Errorf("buyer filter: %d", len(got))
	}
	if got := walk("type=note"); len(got) != 6 {
		t.Errorf("type filter: %d", len(got))
	}
	if got := walk("from=2026-02-01&to=2026-02-28"); len(got) != 4 {
		t.Errorf("date filter: %d", len(got))
	}
	r := e.must(200, "GET", "/api/v1/collaborations?total=true&type=livestream", o.Token, nil).JSON()
	if r["total"] != 6.0 {
		t.Errorf("total = %v", r["total"])
	}
}

// advanceDays moves the clock, runs the daily maintenance (as the server's
// maintenance loop does each minute: reads never roll the stats window) and
// signs o in again (access tokens expire).
func (e *env) advanceDays(o *account, days int) {
	e.t.Helper()
	e.now.Advance(time.Duration(days) * 24 * time.Hour)
	if err := e.srv.DailyMaintenance(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	r := e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": "correct horse"})
	o.Token = r.JSON()["access_token"].(string)
}

// buyerStats fetches a buyer's stats.
func (e *env) buyerStats(token string, id int64) map[string]any {
	e.t.Helper()
	return e.must(200, "GET", "/api/v1/buyers/"+itoa(id), token, nil).JSON()["stats"].(map[string]any)
}

func TestBuyerStatsFollowWritesAndTheCalendar(t *testing.T) {
	e := newEnv(t) // today is 2026-11-23
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "甲"})
	gmv := func(day string, cents int, status string) string {
		return itoa(num(e.createCollab(o.Token, collabBody(b, map[string]any{"start_on": day, "end_on": nil, "status": status,
			"metrics": map[string]any{"gmv_cents": cents}}))["id"]))
	}
	gmv("2026-08-26", 100, "completed") // 89 days ago: inside the window
	gmv("2026-08-25", 200, "completed") // 90 days ago: outside
	id := gmv("2026-11-20", 400, "completed")
	gmv("2026-11-21", 800, "planned") // not completed: never counted
	s := e.buyerStats(o.Token, b)
	if s["collaborations"] != 3.0 || s["gmv_cents_total"] != 700.0 || s["gmv_cents_90d"] != 500.0 || s["last_collaboration_on"] != "2026-11-20" {
		t.Fatalf("stats %v", s)
	}
	e.advanceDays(&o, 1) // 2026-08-26 leaves the window
	if s := e.buyerStats(o.Token, b); s["gmv_cents_90d"] != 400.0 {
		t.Fatalf("next day: %v", s)
	}
	// The list sort sees the rolled value too.
	l := e.must(200, "GET", "/api/v1/buyers?sort=-gmv_cents_90d", o.Token, nil).JSON()["items"].([]any)
	if l[0].(map[string]any)["stats"].(map[string]any)["gmv_cents_90d"] != 400.0 {
		t.Fatalf("list: %v", l[0])
	}
	e.must(200, "PATCH", "/api/v1/collaborations/"+id, o.Token, map[string]any{"status": "cancelled"})
	if s := e.buyerStats(o.Token, b); s["collaborations"] != 2.0 || s["gmv_cents_90d"] != 0.0 || s["last_collaboration_on"] != "2026-08-26" {
		t.Fatalf("after cancel: %v", s)
	}
	e.advanceDays(&o, 200) // far jump: nothing in the window
	e.must(204, "DELETE", "/api/v1/collaborations/"+id, o.Token, nil)
	if s := e.buyerStats(o.Token, b); s["gmv_cents_90d"] != 0.0 || s["gmv_cents_total"] != 300.0 {
		t.Fatalf("after jump: %v", s)
	}
	// A collaboration dated in the future enters the window on its day.
	e.createCollab(o.Token, collabBody(b, map[string]any{"start_on": "2027-06-15", "end_on": nil, "metrics": map[string]any{"gmv_cents": 5}}))
	if s := e.buyerStats(o.Token, b); s["gmv_cents_90d"] != 0.0 {
		t.Fatalf("future: %v", s)
	}
	e.advanceDays(&o, 5) // 2027-06-16
	if s := e.buyerStats(o.Token, b); s["gmv_cents_90d"] != 5.0 {
		t.Fatalf("future day arrived: %v", s)
	}
}

// TestBuyerStatsProperty checks that after a random sequence of writes and
// day changes the stored stats equal a recomputation from scratch.
func TestBuyerStatsProperty(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	buyers := []int64{e.createBuyer(o.Token, map[string]any{"name": "甲"}), e.createBuyer(o.Token, map[string]any{"name": "乙"}),
		e.createBuyer(o.Token, map[string]any{"name": "丙"})}
	rng := rand.New(rand.NewSource(7))
	statuses := []string{"planned", "in_progress", "completed", "cancelled"}
	type rec struct {
		buyer  int64
		status string
		day    string
		gmv    int64
	}
	live := map[string]*rec{}
	var ids []string
	randDay := func() string {
		return e.now.Now().AddDate(0, 0, -rng.Intn(200)+5).Format("2006-01-02")
	}
	for step := 0; step < 150; step++ {
		switch op := rng.Intn(10); {
		case op < 5 || len(ids) == 0:
			r := &rec{buyer: buyers[rng.Intn(3)], status: statuses[rng.Intn(4)], day: randDay(), gmv: int64(rng.Intn(100000))}
			c := e.createCollab(o.Token, collabBody(r.buyer, map[string]any{"status": r.status, "start_on": r.day, "end_on": nil,
				"metrics": map[string]any{"gmv_cents": r.gmv}}))
			id := itoa(num(c["id"]))
			live[id] = r
			ids = append(ids, id)
		case op < 8:
			id := ids[rng.Intn(len(ids))]
			r := live[id]
			r.buyer, r.status, r.day, r.gmv = buyers[rng.Intn(3)], statuses[rng.Intn(4)], randDay(), int64(rng.Intn(100000))
			e.must(200, "PATCH", "/api/v1/collaborations/"+id, o.Token, map[string]any{"buyer_id": r.buyer, "status": r.status,
				"start_on": r.day, "metrics": map[string]any{"gmv_cents": r.gmv, "refund_cents": 0}})
		case op < 9:
			i := rng.Intn(len(ids))
			e.must(204, "DELETE", "/api/v1/collaborations/"+ids[i], o.Token, nil)
			delete(live, ids[i])
			ids = append(ids[:i], ids[i+1:]...)
		default:
			e.advanceDays(&o, rng.Intn(40))
		}
	}
	today := e.now.Now().Format("2006-01-02")
	start := e.now.Now().AddDate(0, 0, -89).Format("2006-01-02")
	for _, b := range buyers {
		var n, total, d90 int64
		last := ""
		for _, r := range live {
			if r.buyer != b || r.status != "completed" {
				continue
			}
			n++
			total += r.gmv
			if r.day >= start && r.day <= today {
				d90 += r.gmv
			}
			if r.day > last {
				last = r.day
			}
		}
		s := e.buyerStats(o.Token, b)
		var gotLast string
		if v, ok := s["last_collaboration_on"].(string); ok {
			gotLast = v
		}
		if num(s["collaborations"]) != n || num(s["gmv_cents_total"]) != total || num(s["gmv_cents_90d"]) != d90 || gotLast != last {
			t.Fatalf("buyer %d: stored %v, want n=%d total=%d 90d=%d last=%q", b, s, n, total, d90, last)
		}
	}
}
