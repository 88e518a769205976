package api_test

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Tests of issue 15: products, collaboration items and product performance,
// the selection pool and log, reviews, the calendar and its feed.

func (f *fixture) product(s brandSet, body map[string]any) int64 {
	f.t.Helper()
	return jnum(f.must(201, "POST", "/api/v1/products", s.manager.Token, body).JSON(), "id")
}

func TestProductCatalogue(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	id := f.product(a, map[string]any{"name": "露营灯", "sku": "LAMP-1", "category": "户外/露营装备", "price_cents": 12900,
		"circles": []string{"露营", "户外"}, "in_pool": true, "pool_note": "专属价 99 元"})
	p := f.must(200, "GET", "/api/v1/products/"+itoa(id), a.analyst.Token, nil).JSON()
	if p["sku"] != "LAMP-1" || p["status"] != "active" || p["in_pool"] != true || jnum(p, "price_cents") != 12900 {
		t.Fatalf("product %v", p)
	}
	// The SKU is unique within a brand, not across brands.
	wantErr(t, f.do("POST", "/api/v1/products", a.manager.Token, map[string]any{"name": "另一盏", "sku": "LAMP-1"}), 409, "conflict")
	f.product(b, map[string]any{"name": "B 的灯", "sku": "LAMP-1"})
	other := f.product(a, map[string]any{"name": "帐篷", "sku": "TENT-1", "category": "户外/帐篷"})
	wantErr(t, f.do("PATCH", "/api/v1/products/"+itoa(other), a.manager.Token, map[string]any{"sku": "LAMP-1"}), 409, "conflict")

	for name, body := range map[string]map[string]any{
		"name":        {"sku": "X-1"},
		"sku":         {"name": "无编码"},
		"price_cents": {"name": "负价", "sku": "X-2", "price_cents": -1},
		"status":      {"name": "状态", "sku": "X-3", "status": "gone"},
		"image_url":   {"name": "图", "sku": "X-4", "image_url": "javascript:alert(1)"},
		"colour":      {"name": "多余", "sku": "X-5", "colour": "red"},
		"in_pool":     {"name": "退市入池", "sku": "X-6", "status": "retired", "in_pool": true},
	} {
		r := f.do("POST", "/api/v1/products", a.manager.Token, body)
		wantErr(t, r, 422, "validation_failed")
		wantField(t, r, name)
	}

	// Filters.
	list := func(q string) []int64 { return ids(f.must(200, "GET", "/api/v1/products"+q, a.analyst.Token, nil)) }
	if got := list(""); len(got) != 2 || got[0] != other {
		t.Fatalf("newest first: %v", got)
	}
	for q, want := range map[string]int{"?q=lamp": 1, "?q=帐": 1, "?category=户外": 2, "?category=户外/帐篷": 1,
		"?circle=露营": 1, "?circle=露": 0, "?in_pool=true": 1, "?in_pool=false": 1, "?status=retired": 0} {
		if got := list(q); len(got) != want {
			t.Errorf("%s: %d products, want %d", q, len(got), want)
		}
	}
	page := f.must(200, "GET", "/api/v1/products?limit=1&total=true", a.analyst.Token, nil).JSON()
	if jnum(page, "total") != 2 || page["next_cursor"] == nil {
		t.Fatalf("page %v", page)
	}
	next := f.must(200, "GET", "/api/v1/products?limit=1&cursor="+page["next_cursor"].(string), a.analyst.Token, nil)
	if got := ids(next); len(got) != 1 || got[0] != id {
		t.Fatalf("second page %v", got)
	}
	wantErr(t, f.do("GET", "/api/v1/products?in_pool=maybe", a.analyst.Token, nil), 422, "validation_failed")
	wantErr(t, f.do("GET", "/api/v1/products?sort=name", a.analyst.Token, nil), 422, "validation_failed")

	// Retire; a retired product leaves the pool.
	wantErr(t, f.do("PATCH", "/api/v1/products/"+itoa(id), a.manager.Token, map[string]any{"status": "retired"}), 422, "validation_failed")
	r := f.must(200, "PATCH", "/api/v1/products/"+itoa(id), a.manager.Token, map[string]any{"status": "retired", "in_pool": false}).JSON()
	if r["status"] != "retired" {
		t.Fatalf("retire: %v", r)
	}

	// Tenant and role.
	wantErr(t, f.do("GET", "/api/v1/products/"+itoa(id), b.owner.Token, nil), 404, "not_found")
	wantErr(t, f.do("PATCH", "/api/v1/products/"+itoa(id), b.owner.Token, map[string]any{"name": "偷改"}), 404, "not_found")
	wantErr(t, f.do("DELETE", "/api/v1/products/"+itoa(id), b.owner.Token, nil), 404, "not_found")
	wantErr(t, f.do("POST", "/api/v1/products", a.analyst.Token, map[string]any{"name": "x", "sku": "Y"}), 403, "forbidden")
	wantErr(t, f.do("PATCH", "/api/v1/products/"+itoa(id), a.analyst.Token, map[string]any{"name": "x"}), 403, "forbidden")
	wantErr(t, f.do("GET", "/api/v1/products", a.portal.Token, nil), 403, "forbidden")
	if got := ids(f.must(200, "GET", "/api/v1/products", b.owner.Token, nil)); len(got) != 1 {
		t.Fatalf("brand B sees %v", got)
	}
	// Delete: an unused product goes; a used one must be retired.
	f.must(204, "DELETE", "/api/v1/products/"+itoa(other), a.manager.Token, nil)
	f.must(201, "POST", "/api/v1/buyers/"+itoa(a.buyer)+"/selections", a.manager.Token,
		map[string]any{"product_id": id, "decision": "declined", "reason": "已退市"})
	wantErr(t, f.do("DELETE", "/api/v1/products/"+itoa(id), a.manager.Token, nil), 409, "conflict")
}

func TestCollaborationItemsAndPerformance(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	lamp := f.product(a, map[string]any{"name": "露营灯", "sku": "LAMP-1", "category": "户外/露营装备", "circles": []string{"露营"}})
	tent := f.product(a, map[string]any{"name": "帐篷", "sku": "TENT-1", "category": "户外/露营装备"})
	foreign := f.product(b, map[string]any{"name": "B 的灯", "sku": "B-1"})
	second := f.createBuyer(a.owner.Token, map[string]any{"name": "第二位买手", "interest_circles": []string{"露营"},
		"categories": []string{"户外/露营装备"}})
	// collabFor: gmv 100000, slot fee 20000, commission 20%.
	withItems := func(buyer int64, status string, items []map[string]any) map[string]any {
		c := collabFor(buyer)
		c["status"] = status
		c["items"] = items
		return c
	}
	c1 := f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, withItems(a.buyer, "completed", []map[string]any{
		{"product_id": lamp, "units": 10, "gmv_cents": 60000}, {"product_id": tent, "units": 2, "gmv_cents": 40000}})).JSON()
	items := c1["items"].([]any)
	if len(items) != 2 || jnum(items[0].(map[string]any), "product_id") != lamp {
		t.Fatalf("items %v", c1["items"])
	}
	got := f.must(200, "GET", "/api/v1/collaborations/"+itoa(jnum(c1, "id")), a.analyst.Token, nil).JSON()
	if len(got["items"].([]any)) != 2 {
		t.Fatalf("read back %v", got["items"])
	}
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, withItems(second, "completed", []map[string]any{
		{"product_id": lamp, "units": 30, "gmv_cents": 90000}}))
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, withItems(second, "planned", []map[string]any{
		{"product_id": lamp, "units": 1, "gmv_cents": 1000}}))

	// Another brand's product is never linked; items may not sum above the GMV.
	r := f.do("POST", "/api/v1/collaborations", a.manager.Token, withItems(a.buyer, "completed", []map[string]any{
		{"product_id": foreign, "units": 1, "gmv_cents": 100}}))
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "items[0].product_id")
	r = f.do("POST", "/api/v1/collaborations", a.manager.Token, withItems(a.buyer, "completed", []map[string]any{
		{"product_id": lamp, "units": 1, "gmv_cents": 60000}, {"product_id": tent, "units": 1, "gmv_cents": 40001}}))
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "items")
	for _, bad := range []map[string]any{{"product_id": lamp, "units": -1, "gmv_cents": 0}, {"product_id": 0, "units": 1, "gmv_cents": 0},
		{"product_id": lamp, "units": 1, "gmv_cents": 0, "price": 3}} {
		wantErr(t, f.do("POST", "/api/v1/collaborations", a.manager.Token, withItems(a.buyer, "completed", []map[string]any{bad})), 422, "validation_failed")
	}
	cid := itoa(jnum(c1, "id"))
	r = f.do("PATCH", "/api/v1/collaborations/"+cid, a.manager.Token, map[string]any{"metrics": map[string]any{"gmv_cents": 50000}})
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "metrics.gmv_cents")

	perf := f.must(200, "GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.analyst.Token, nil).List()
	if len(perf) != 2 {
		t.Fatalf("performance %v", perf)
	}
	best := perf[0].(map[string]any)
	if jnum(best["buyer"].(map[string]any), "id") != second || jnum(best, "gmv_cents") != 90000 || jnum(best, "units") != 30 ||
		jnum(best, "collaborations") != 1 || best["last_on"] != "2026-11-01" {
		t.Fatalf("best %v", best)
	}
	// The lamp's share of c1: 60% of the cost (20000 + 20% of 100000) = 24000; ROI 60000/24000 = 2.5.
	if p := perf[1].(map[string]any); p["roi"] != 2.5 || jnum(p, "net_gmv_cents") != 60000 {
		t.Fatalf("second %v", p)
	}
	// Changing the collaboration keeps its items' shares: a refund of 10000 takes 6000 off the lamp.
	f.must(200, "PATCH", "/api/v1/collaborations/"+cid, a.manager.Token, map[string]any{"metrics": map[string]any{"refund_cents": 10000}})
	perf = f.must(200, "GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.analyst.Token, nil).List()
	if p := perf[1].(map[string]any); jnum(p, "net_gmv_cents") != 54000 {
		t.Fatalf("after refund %v", p)
	}
	// Replacing the items; cancelling drops it from performance.
	f.must(200, "PATCH", "/api/v1/collaborations/"+cid, a.manager.Token, map[string]any{"items": []map[string]any{
		{"product_id": tent, "units": 5, "gmv_cents": 100000}}})
	if perf := f.must(200, "GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.analyst.Token, nil).List(); len(perf) != 1 {
		t.Fatalf("after replacing %v", perf)
	}
	f.must(200, "PATCH", "/api/v1/collaborations/"+cid, a.manager.Token, map[string]any{"status": "cancelled"})
	if perf := f.must(200, "GET", "/api/v1/products/"+itoa(tent)+"/performance", a.analyst.Token, nil).List(); len(perf) != 0 {
		t.Fatalf("a cancelled collaboration counts: %v", perf)
	}
	wantErr(t, f.do("GET", "/api/v1/products/"+itoa(lamp)+"/performance", b.owner.Token, nil), 404, "not_found")
	wantErr(t, f.do("GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.portal.Token, nil), 403, "forbidden")
	wantErr(t, f.do("GET", "/api/v1/products/"+itoa(lamp)+"/performance?limit=0", a.analyst.Token, nil), 422, "validation_failed")

	// Matching by product: the buyer who sold the category says so.
	m := f.must(200, "GET", "/api/v1/buyers/match?product_id="+itoa(lamp), a.analyst.Token, nil).List()
	if len(m) == 0 {
		t.Fatal("no match")
	}
	top := m[0].(map[string]any)
	if jnum(top["buyer"].(map[string]any), "id") != second || !strings.HasPrefix(top["reasons"].([]any)[0].(string), "同品类 1 次合作，平均 ROI 2.5") {
		t.Fatalf("match %v", top)
	}
	wantErr(t, f.do("GET", "/api/v1/buyers/match?product_id="+itoa(foreign), a.analyst.Token, nil), 404, "not_found")
	wantErr(t, f.do("GET", "/api/v1/buyers/match?product_id=x", a.analyst.Token, nil), 422, "validation_failed")
}

func TestSelectionPoolAndLog(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	pool := f.product(a, map[string]any{"name": "露营灯", "sku": "LAMP-1", "price_cents": 12900, "in_pool": true})
	priced := f.product(a, map[string]any{"name": "帐篷", "sku": "TENT-1", "price_cents": 59900, "in_pool": true, "pool_note": "买手价 499"})
	hidden := f.product(a, map[string]any{"name": "未入池", "sku": "X-1"})
	poolB := f.product(b, map[string]any{"name": "B 池", "sku": "B-1", "in_pool": true})
	buyerURL := "/api/v1/buyers/" + itoa(a.buyer) + "/selections"

	// The dashboard lists pool products nobody picked.
	dash := f.must(200, "GET", "/api/v1/dashboard", a.analyst.Token, nil).JSON()
	if n := len(dash["pool_unpicked"].([]any)); n != 2 {
		t.Fatalf("unpicked %v", dash["pool_unpicked"])
	}

	// The portal shows the pool, with a price only beside a pool note.
	detail := f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(a.buyer), a.portal.Token, nil).JSON()
	seen := map[int64]map[string]any{}
	for _, p := range detail["pool"].([]any) {
		seen[jnum(p.(map[string]any), "id")] = p.(map[string]any)
	}
	if len(seen) != 2 || seen[hidden] != nil {
		t.Fatalf("pool %v", detail["pool"])
	}
	if _, has := seen[pool]["price_cents"]; has {
		t.Fatalf("price without a pool note: %v", seen[pool])
	}
	if jnum(seen[priced], "price_cents") != 59900 {
		t.Fatalf("priced %v", seen[priced])
	}

	// The buyer marks interest; bad picks are not found.
	sel := f.must(201, "POST", "/api/v1/portal/selections", a.portal.Token, map[string]any{"buyer_id": a.buyer, "product_id": pool,
		"decision": "interested", "reason": "粉丝常问露营灯"}).JSON()
	if sel["by"] != "buyer" || sel["decision"] != "interested" {
		t.Fatalf("selection %v", sel)
	}
	for _, body := range []map[string]any{
		{"buyer_id": a.buyer, "product_id": hidden, "decision": "interested"}, // not in the pool
		{"buyer_id": a.buyer, "product_id": poolB, "decision": "interested"},  // a brand the buyer is not partnered with
		{"buyer_id": b.buyer, "product_id": poolB, "decision": "interested"},  // another buyer record
		{"buyer_id": a.buyer, "product_id": 999999, "decision": "declined"},   // no such product
	} {
		wantErr(t, f.do("POST", "/api/v1/portal/selections", a.portal.Token, body), 404, "not_found")
	}
	r := f.do("POST", "/api/v1/portal/selections", a.portal.Token, map[string]any{"buyer_id": a.buyer, "product_id": pool, "decision": "picked"})
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "decision")
	wantErr(t, f.do("POST", "/api/v1/portal/selections", a.manager.Token, map[string]any{"buyer_id": a.buyer, "product_id": pool,
		"decision": "interested"}), 403, "forbidden")

	dash = f.must(200, "GET", "/api/v1/dashboard", a.analyst.Token, nil).JSON()
	waiting := dash["awaiting_answers"].([]any)
	if len(waiting) != 1 || jnum(waiting[0].(map[string]any)["product"].(map[string]any), "id") != pool {
		t.Fatalf("awaiting %v", waiting)
	}

	// Staff answer: picked. Bad input, tenant and role.
	picked := f.must(201, "POST", buyerURL, a.manager.Token, map[string]any{"product_id": pool, "decision": "picked", "reason": "先试一场"}).JSON()
	if picked["by"] != "brand" || picked["by_user"] == nil {
		t.Fatalf("picked %v", picked)
	}
	r = f.do("POST", buyerURL, a.manager.Token, map[string]any{"product_id": pool, "decision": "interested"})
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "decision")
	r = f.do("POST", buyerURL, a.manager.Token, map[string]any{"product_id": poolB, "decision": "picked"})
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "product_id")
	wantErr(t, f.do("POST", "/api/v1/buyers/"+itoa(b.buyer)+"/selections", a.manager.Token, map[string]any{"product_id": pool,
		"decision": "picked"}), 404, "not_found")
	wantErr(t, f.do("GET", "/api/v1/buyers/"+itoa(b.buyer)+"/selections", a.owner.Token, nil), 404, "not_found")
	wantErr(t, f.do("POST", buyerURL, a.analyst.Token, map[string]any{"product_id": pool, "decision": "picked"}), 403, "forbidden")
	wantErr(t, f.do("GET", buyerURL, a.portal.Token, nil), 403, "forbidden")

	dash = f.must(200, "GET", "/api/v1/dashboard", a.analyst.Token, nil).JSON()
	if len(dash["awaiting_answers"].([]any)) != 0 || len(dash["pool_unpicked"].([]any)) != 1 {
		t.Fatalf("after the answer: %v %v", dash["awaiting_answers"], dash["pool_unpicked"])
	}

	// The log: newest first, with how the product sold since.
	c := collabFor(a.buyer)
	c["items"] = []map[string]any{{"product_id": pool, "units": 7, "gmv_cents": 35000}}
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, c)
	log := f.must(200, "GET", buyerURL, a.analyst.Token, nil).JSON()["items"].([]any)
	if len(log) != 2 {
		t.Fatalf("log %v", log)
	}
	first := log[0].(map[string]any)
	sold := first["sold"].(map[string]any)
	if first["decision"] != "picked" || jnum(sold, "units") != 7 || jnum(sold, "gmv_cents") != 35000 ||
		first["product"].(map[string]any)["sku"] != "LAMP-1" {
		t.Fatalf("log entry %v", first)
	}
	if log[1].(map[string]any)["reason"] != "粉丝常问露营灯" {
		t.Fatalf("older entry %v", log[1])
	}
	detail = f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(a.buyer), a.portal.Token, nil).JSON()
	for _, p := range detail["pool"].([]any) {
		if pm := p.(map[string]any); jnum(pm, "id") == pool && pm["decision"] != "picked" {
			t.Fatalf("the portal does not show the latest decision: %v", pm)
		}
	}
}

func TestReviews(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	url := "/api/v1/collaborations/" + itoa(a.collab) + "/review"
	body := map[string]any{"went_well": "开场节奏好", "to_improve": "库存预警晚了", "internal_notes": "内部：坑位费偏高",
		"shared": false, "next_actions": []map[string]any{
			{"text": "补货 200 件", "side": "brand", "due_on": "2026-11-25"},
			{"text": "下场提前预告", "side": "buyer", "due_on": "2026-11-27"},
			{"text": "整理话术", "side": "buyer"}}}
	// Bad input, tenant and role first.
	bad := map[string]any{"next_actions": []map[string]any{{"text": "x", "side": "both"}}}
	r := f.do("POST", url, a.manager.Token, bad)
	wantErr(t, r, 422, "validation_failed")
	wantField(t, r, "next_actions[0].side")
	wantErr(t, f.do("POST", url, a.manager.Token, map[string]any{"next_actions": []map[string]any{{"text": "x", "side": "brand", "due_on": "soon"}}}),
		422, "validation_failed")
	wantErr(t, f.do("POST", url, a.manager.Token, map[string]any{"went_well": "x", "mood": "good"}), 422, "validation_failed")
	wantErr(t, f.do("POST", "/api/v1/collaborations/"+itoa(b.collab)+"/review", a.manager.Token, body), 404, "not_found")
	wantErr(t, f.do("POST", url, a.analyst.Token, body), 403, "forbidden")
	wantErr(t, f.do("POST", url, a.portal.Token, body), 403, "forbidden")

	rv := f.must(201, "POST", url, a.manager.Token, body).JSON()
	acts := rv["next_actions"].([]any)
	if len(acts) != 3 || rv["internal_notes"] != "内部：坑位费偏高" || jnum(rv, "collaboration_id") != a.collab {
		t.Fatalf("review %v", rv)
	}
	wantErr(t, f.do("POST", url, a.manager.Token, body), 409, "conflict")
	id := itoa(jnum(rv, "id"))
	f.must(200, "GET", url, a.analyst.Token, nil)
	wantErr(t, f.do("GET", "/api/v1/reviews/"+id, b.owner.Token, nil), 404, "not_found")
	wantErr(t, f.do("PATCH", "/api/v1/reviews/"+id, b.owner.Token, map[string]any{"shared": true}), 404, "not_found")
	wantErr(t, f.do("PATCH", "/api/v1/reviews/"+id, a.analyst.Token, map[string]any{"shared": true}), 403, "forbidden")

	// The brand-side action is a follow-up.
	fu := f.must(200, "GET", "/api/v1/follow-ups?due_before=2026-11-30", a.analyst.Token, nil).JSON()["items"].([]any)
	var follow map[string]any
	for _, x := range fu {
		if strings.Contains(x.(map[string]any)["summary"].(string), "补货 200 件") {
			follow = x.(map[string]any)
		}
	}
	if follow == nil || follow["follow_up_on"] != "2026-11-25" {
		t.Fatalf("no follow-up for the brand action: %v", fu)
	}
	// Not shared: the portal shows the buyer's open actions but not the review.
	detail := f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(a.buyer), a.portal.Token, nil)
	if d := detail.JSON(); len(d["reviews"].([]any)) != 0 || len(d["open_actions"].([]any)) != 1 {
		t.Fatalf("unshared: reviews %v open %v", d["reviews"], d["open_actions"])
	}
	// Share it and mark the follow-up done on the timeline.
	f.must(200, "PATCH", "/api/v1/activities/"+itoa(jnum(follow, "id")), a.manager.Token, map[string]any{"done": true})
	first := acts[0].(map[string]any)
	rv = f.must(200, "PATCH", "/api/v1/reviews/"+id, a.manager.Token, map[string]any{"shared": true, "next_actions": []map[string]any{
		{"id": jnum(first, "id"), "text": first["text"], "side": "brand", "due_on": "2026-11-25", "done": true},
		{"id": jnum(acts[1].(map[string]any), "id"), "text": "下场提前三天预告", "side": "buyer", "due_on": "2026-11-27"}}}).JSON()
	if len(rv["next_actions"].([]any)) != 2 || rv["shared"] != true || rv["next_actions"].([]any)[0].(map[string]any)["done"] != true {
		t.Fatalf("patched %v", rv)
	}
	r = f.do("PATCH", "/api/v1/reviews/"+id, a.manager.Token, map[string]any{"next_actions": []map[string]any{{"id": 999999, "text": "x", "side": "brand"}}})
	wantErr(t, r, 422, "validation_failed")
	detail = f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(a.buyer), a.portal.Token, nil)
	if strings.Contains(string(detail.Body), "坑位费偏高") || strings.Contains(string(detail.Body), "internal_notes") {
		t.Fatalf("the portal shows internal notes: %s", detail.Body)
	}
	d := detail.JSON()
	if len(d["reviews"].([]any)) != 1 || d["reviews"].([]any)[0].(map[string]any)["went_well"] != "开场节奏好" {
		t.Fatalf("shared review %v", d["reviews"])
	}
	if open := d["open_actions"].([]any); len(open) != 1 || open[0].(map[string]any)["text"] != "下场提前三天预告" {
		t.Fatalf("open actions %v", open)
	}
	// The buyer page lists reviews with the collaboration's KPIs.
	list := f.must(200, "GET", "/api/v1/buyers/"+itoa(a.buyer)+"/reviews", a.analyst.Token, nil).List()
	if len(list) != 1 || list[0].(map[string]any)["collaboration"].(map[string]any)["kpis"] == nil {
		t.Fatalf("buyer reviews %v", list)
	}
	wantErr(t, f.do("GET", "/api/v1/buyers/"+itoa(b.buyer)+"/reviews", a.owner.Token, nil), 404, "not_found")
}

// livestream is a timed livestream of buyer.
func livestream(buyer int64, startsAt string, minutes any, extra map[string]any) map[string]any {
	c := map[string]any{"buyer_id": buyer, "type": "livestream", "title": "直播 " + startsAt, "status": "planned",
		"starts_at": startsAt, "duration_minutes": minutes}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

func TestLivestreamOverlap(t *testing.T) {
	f := newFixture(t)
	a := f.a
	tok := a.manager.Token
	first := jnum(f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T12:00:00Z", 60, nil)).JSON(), "id")
	// Touching at either end is not an overlap.
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T13:00:00Z", 30, nil))
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T11:00:00Z", 60, nil))
	// One minute into it is.
	for _, start := range []string{"2026-12-01T12:59:00Z", "2026-12-01T11:01:00Z", "2026-12-01T12:15:00Z"} {
		r := f.do("POST", "/api/v1/collaborations", tok, livestream(a.buyer, start, 1, nil))
		wantErr(t, r, 409, "conflict")
	}
	r := f.do("POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T12:30:00Z", 10, nil))
	if !strings.Contains(string(r.Body), itoa(first)) {
		t.Fatalf("the conflict does not name the other collaboration: %s", r.Body)
	}
	// A session of a day starting the day before reaches into it.
	wantErr(t, f.do("POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-11-30T12:30:00Z", 1440, nil)), 409, "conflict")
	// allow_overlap, another buyer, a note, or a cancelled session may overlap.
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T12:30:00Z", 10, map[string]any{"allow_overlap": true}))
	other := f.createBuyer(a.owner.Token, map[string]any{"name": "另一位"})
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(other, "2026-12-01T12:30:00Z", 10, nil))
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T12:30:00Z", 10, map[string]any{"type": "note"}))
	f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T12:30:00Z", 10, map[string]any{"status": "cancelled"}))
	// Moving a session onto another is refused too.
	late := jnum(f.must(201, "POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-01T20:00:00Z", 60, nil)).JSON(), "id")
	wantErr(t, f.do("PATCH", "/api/v1/collaborations/"+itoa(late), tok, map[string]any{"starts_at": "2026-12-01T12:10:00Z"}), 409, "conflict")
	c := f.must(200, "PATCH", "/api/v1/collaborations/"+itoa(late), tok, map[string]any{"starts_at": "2026-12-01T21:00:00Z"}).JSON()
	if c["starts_at"] != "2026-12-01T21:00:00Z" || c["start_on"] != "2026-12-02" || jnum(c, "duration_minutes") != 60 {
		t.Fatalf("moved %v", c)
	}
	for _, d := range []any{0, 1441, -5, "long"} {
		r := f.do("POST", "/api/v1/collaborations", tok, livestream(a.buyer, "2026-12-05T12:00:00Z", d, nil))
		wantErr(t, r, 422, "validation_failed")
		wantField(t, r, "duration_minutes")
	}
	wantErr(t, f.do("POST", "/api/v1/collaborations", tok, livestream(a.buyer, "tomorrow", 60, nil)), 422, "validation_failed")
}

func TestCalendar(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, livestream(a.buyer, "2026-11-25T12:00:00Z", 90, nil))
	f.must(201, "POST", "/api/v1/collaborations", b.manager.Token, livestream(b.buyer, "2026-11-25T12:00:00Z", 90, nil))
	other := f.createBuyer(a.owner.Token, map[string]any{"name": "另一位", "owner_id": a.manager.UserID})
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, map[string]any{"buyer_id": other, "type": "note",
		"title": "笔记", "start_on": "2026-11-24"})
	items := f.must(200, "GET", "/api/v1/calendar", a.analyst.Token, nil).List()
	if len(items) != 2 {
		t.Fatalf("calendar %v", items)
	}
	first := items[0].(map[string]any)
	if first["title"] != "笔记" || first["starts_at"] != nil || items[1].(map[string]any)["starts_at"] != "2026-11-25T12:00:00Z" {
		t.Fatalf("order %v", items)
	}
	for q, want := range map[string]int{"?buyer_id=" + itoa(a.buyer): 1, "?owner_id=" + itoa(a.manager.UserID): 1,
		"?from=2026-11-25&to=2026-11-25": 1, "?from=2026-12-01": 0, "?buyer_id=" + itoa(b.buyer): 0,
		"?from=2026-11-01&to=2027-01-31": 3} { // with the fixture's collaboration of 2026-11-01
		if got := f.must(200, "GET", "/api/v1/calendar"+q, a.analyst.Token, nil).List(); len(got) != want {
			t.Errorf("%s: %d items, want %d", q, len(got), want)
		}
	}
	for _, q := range []string{"?from=2026-11-01&to=2027-02-01", "?from=2026-12-01&to=2026-11-01", "?from=soon", "?buyer_id=-1"} {
		wantErr(t, f.do("GET", "/api/v1/calendar"+q, a.analyst.Token, nil), 422, "validation_failed")
	}
	wantErr(t, f.do("GET", "/api/v1/calendar", a.portal.Token, nil), 403, "forbidden")
	// The portal shows the buyer's next 30 days.
	up := f.must(200, "GET", "/api/v1/portal/partnerships/"+itoa(a.buyer), a.portal.Token, nil).JSON()["upcoming"].([]any)
	if len(up) != 1 || up[0].(map[string]any)["starts_at"] != "2026-11-25T12:00:00Z" {
		t.Fatalf("upcoming %v", up)
	}
}

// unfoldICS reads an iCalendar stream per RFC 5545 3.1: CRLF line ends, a
// line starting with a space continues the one before; no line passes 75
// octets or splits a UTF-8 character. It returns the SUMMARY values unescaped.
func unfoldICS(t *testing.T, body string) (lines []string, summaries []string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bad content line %q", l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
			summaries = append(summaries, strings.NewReplacer(`\\`, `\`, `\;`, `;`, `\,`, `,`, `\n`, "\n").Replace(v))
		}
	}
	return lines, summaries
}

func TestCalendarFeed(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	title := strings.Repeat("冬季露营灯新品首发直播，", 8) + "限量;加赠"
	f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, livestream(a.buyer, "2026-11-25T12:00:00Z", 90,
		map[string]any{"title": title}))
	f.must(201, "POST", "/api/v1/collaborations", b.manager.Token, livestream(b.buyer, "2026-11-25T12:00:00Z", 90, nil))
	wantErr(t, f.do("POST", "/api/v1/me/calendar-key", a.portal.Token, nil), 403, "forbidden")
	wantErr(t, f.do("POST", "/api/v1/me/calendar-key", "", nil), 401, "unauthorized")
	k1 := f.must(201, "POST", "/api/v1/me/calendar-key", a.analyst.Token, nil).JSON()["key"].(string)
	r := f.do("GET", "/api/v1/calendar.ics?key="+k1, "", nil)
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed %d %s", r.Status, r.Header)
	}
	lines, summaries := unfoldICS(t, string(r.Body))
	if len(summaries) != 2 || summaries[1] != "买手 a · "+title { // after the fixture's collaboration
		t.Fatalf("summaries %q", summaries)
	}
	folds := strings.Count(string(r.Body), "\r\n ")
	if folds < 3 {
		t.Fatalf("a long title was folded %d times", folds)
	}
	need := map[string]bool{"BEGIN:VCALENDAR": false, "VERSION:2.0": false, "UID:collaboration-": false, "DTSTAMP:20261123T100000Z": false,
		"DTSTART:20261125T120000Z": false, "DTEND:20261125T133000Z": false, "STATUS:TENTATIVE": false}
	for _, l := range lines {
		for k := range need {
			if strings.HasPrefix(l, k) {
				need[k] = true
			}
		}
	}
	for k, ok := range need {
		if !ok {
			t.Errorf("no %s line in %s", k, r.Body)
		}
	}
	if strings.Contains(string(r.Body), secretB) {
		t.Fatal("the feed shows another brand")
	}
	// A new key revokes the old one; a wrong key says nothing more than 404.
	k2 := f.must(201, "POST", "/api/v1/me/calendar-key", a.analyst.Token, nil).JSON()["key"].(string)
	for _, k := range []string{k1, "hbcal_wrong", "", k2 + "x"} {
		r := f.do("GET", "/api/v1/calendar.ics?key="+k, "", nil)
		wantErr(t, r, 404, "not_found")
		if r.JSON()["error"].(map[string]any)["message"] != "not found" {
			t.Fatalf("a refused key says more: %s", r.Body)
		}
	}
	f.must(200, "GET", "/api/v1/calendar.ics?key="+k2, "", nil)
	// Only a hash is stored.
	var stored []string
	if err := f.db.R.Raw("SELECT key_hash FROM calendar_keys").Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	for _, s := range stored {
		if s == k2 || strings.Contains(s, "hbcal_") {
			t.Fatalf("the key is stored in clear: %s", s)
		}
	}
}

func TestImportItems(t *testing.T) {
	f := newFixture(t)
	a, b := f.a, f.b
	lamp := f.product(a, map[string]any{"name": "露营灯", "sku": "LAMP-1"})
	f.product(a, map[string]any{"name": "帐篷", "sku": "TENT-2"})
	f.product(b, map[string]any{"name": "B 的", "sku": "B-ONLY"})
	head := "buyer_xhs_id,type,title,status,start_on,gmv_cents,items\n"
	ok := head + "xhs-a,livestream,导入一,completed,2026-11-02,300000,LAMP-1*12*1548.00|TENT-2*3*1000\n" +
		"xhs-a,note,导入二,completed,2026-11-03,5000,LAMP-1*1*49.5\n" +
		"xhs-a,note,无商品,completed,2026-11-04,100,\n"
	r := f.doCSV("/api/v1/collaborations/import", a.manager.Token, []byte(ok), false)
	if r.Status != 200 || jnum(r.JSON(), "created") != 3 {
		t.Fatalf("import %d %s", r.Status, r.Body)
	}
	perf := f.must(200, "GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.analyst.Token, nil).List()
	if len(perf) != 1 || jnum(perf[0].(map[string]any), "units") != 13 || jnum(perf[0].(map[string]any), "gmv_cents") != 154800+4950 {
		t.Fatalf("performance after import %v", perf)
	}
	for name, line := range map[string]string{
		"unknown sku":     "xhs-a,note,x,completed,2026-11-02,300000,NOPE*1*1\n",
		"other brand sku": "xhs-a,note,x,completed,2026-11-02,300000,B-ONLY*1*1\n",
		"over gmv":        "xhs-a,note,x,completed,2026-11-02,100,LAMP-1*1*1.01\n",
		"bad format":      "xhs-a,note,x,completed,2026-11-02,100,LAMP-1:1:1\n",
		"three decimals":  "xhs-a,note,x,completed,2026-11-02,100000,LAMP-1*1*1.001\n",
		"negative units":  "xhs-a,note,x,completed,2026-11-02,100000,LAMP-1*-1*1\n",
	} {
		r := f.doCSV("/api/v1/collaborations/import", a.manager.Token, []byte(head+line), false)
		wantErr(t, r, 422, "validation_failed")
		if rows := r.rows(); len(rows) != 1 || rows[0]["field"] != "items" || rows[0]["row"] != 2.0 {
			t.Errorf("%s: rows %v", name, rows)
		}
	}
}

// TestDeletingACollaborationTakesItsItemsAndReview: the items and the review go with the collaboration.
func TestDeletingACollaborationTakesItsItemsAndReview(t *testing.T) {
	f := newFixture(t)
	a := f.a
	lamp := f.product(a, map[string]any{"name": "露营灯", "sku": "LAMP-1"})
	c := collabFor(a.buyer)
	c["items"] = []map[string]any{{"product_id": lamp, "units": 1, "gmv_cents": 1000}}
	id := itoa(jnum(f.must(201, "POST", "/api/v1/collaborations", a.manager.Token, c).JSON(), "id"))
	f.must(201, "POST", "/api/v1/collaborations/"+id+"/review", a.manager.Token, map[string]any{"went_well": "好", "shared": true})
	f.must(204, "DELETE", "/api/v1/collaborations/"+id, a.manager.Token, nil)
	if perf := f.must(200, "GET", "/api/v1/products/"+itoa(lamp)+"/performance", a.analyst.Token, nil).List(); len(perf) != 0 {
		t.Fatalf("performance after delete %v", perf)
	}
	if list := f.must(200, "GET", "/api/v1/buyers/"+itoa(a.buyer)+"/reviews", a.analyst.Token, nil).List(); len(list) != 0 {
		t.Fatalf("reviews after delete %v", list)
	}
	wantErr(t, f.do("GET", "/api/v1/collaborations/"+id+"/review", a.analyst.Token, nil), 404, "not_found")
	wantErr(t, f.do("GET", "/api/v1/collaborations/"+id+"/review", a.portal.Token, nil), 403, "forbidden")
	wantErr(t, f.do("DELETE", "/api/v1/products/"+itoa(lamp), a.analyst.Token, nil), 403, "forbidden")
}
