package api_test

import (
	"strings"
	"testing"
	"time"
)

func TestBuyerCreate(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	r := e.must(201, "POST", "/api/v1/buyers", m.Token, map[string]any{
		"name": "  林小拼 ", "xhs_id": " lin123 ", "avatar_url": "https://img.example.com/a.png", "city": "杭州", "followers": 12000,
		"interest_circles": []string{" 拼豆 ", "露营", "拼豆", ""}, "categories": []string{"美妆/护肤/精华"}, "tags": []string{"新人"},
		"stage": "trial", "owner_id": m.UserID, "commission_pct": 12.5,
		"contact": map[string]any{"wechat": "linxp", "phone": "13800000000", "email": "Lin@Example.com"}, "notes": "备注",
	})
	b := r.JSON()
	want := map[string]any{"name": "林小拼", "xhs_id": "lin123", "city": "杭州", "followers": 12000.0, "stage": "trial", "status": "active",
		"owner_id": float64(m.UserID), "commission_pct": 12.5, "notes": "备注", "avatar_url": "https://img.example.com/a.png"}
	for k, v := range want {
		if !jsonEq(b[k], v) {
			t.Errorf("%s = %v, want %v", k, b[k], v)
		}
	}
	if !jsonEq(b["interest_circles"], []string{"拼豆", "露营"}) || !jsonEq(b["tags"], []string{"新人"}) {
		t.Errorf("lists %v %v", b["interest_circles"], b["tags"])
	}
	if !jsonEq(b["contact"], map[string]any{"wechat": "linxp", "phone": "13800000000", "email": "lin@example.com"}) {
		t.Errorf("contact %v", b["contact"])
	}
	if !jsonEq(b["stats"], map[string]any{"collaborations": 0, "gmv_cents_total": 0, "gmv_cents_90d": 0, "last_collaboration_on": nil}) {
		t.Errorf("stats %v", b["stats"])
	}
	if h, _ := b["health"].(map[string]any); h == nil || h["label"] == nil {
		t.Errorf("health %v", b["health"])
	}
	if ca, _ := b["created_at"].(string); !strings.HasSuffix(ca, "Z") {
		t.Errorf("created_at %v not RFC 3339 UTC", b["created_at"])
	} else if _, err := time.Parse(time.RFC3339, ca); err != nil {
		t.Error(err)
	}
	if got := e.buyer(o.Token, jnum(b, "id")); !jsonEq(got, b) {
		t.Errorf("GET differs from the create answer:\n%v\n%v", got, b)
	}
	// Defaults: prospect, empty lists (not null), null xhs_id and owner.
	d := e.must(201, "POST", "/api/v1/buyers", m.Token, map[string]any{"name": "默认"}).JSON()
	if d["stage"] != "prospect" || d["xhs_id"] != nil || d["owner_id"] != nil || !jsonEq(d["categories"], []string{}) {
		t.Errorf("defaults %v", d)
	}
}

func TestBuyerValidation(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	other := e.register("别家")
	id := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "lin", "followers": 5, "interest_circles": []string{"拼豆"}})
	before := e.buyer(o.Token, id)
	many := make([]string, 21)
	for i := range many {
		many[i] = "圈" + itoa(int64(i))
	}
	cases := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"name": ""}, "name"},
		{map[string]any{"name": "   "}, "name"},
		{map[string]any{"name": nil}, "name"},
		{map[string]any{"name": strings.Repeat("名", 101)}, "name"},
		{map[string]any{"name": 5}, "name"},
		{map[string]any{"followers": -1}, "followers"},
		{map[string]any{"followers": 1.5}, "followers"},
		{map[string]any{"followers": "many"}, "followers"},
		{map[string]any{"followers": nil}, "followers"},
		{map[string]any{"commission_pct": 100.01}, "commission_pct"},
		{map[string]any{"commission_pct": -1}, "commission_pct"},
		{map[string]any{"commission_pct": 12.345}, "commission_pct"},
		{map[string]any{"commission_pct": "12"}, "commission_pct"},
		{map[string]any{"avatar_url": "javascript:alert(1)"}, "avatar_url"},
		{map[string]any{"avatar_url": "/relative.png"}, "avatar_url"},
		{map[string]any{"status": "deleted"}, "status"},
		{map[string]any{"owner_id": 0}, "owner_id"},
		{map[string]any{"owner_id": 99999}, "owner_id"},
		{map[string]any{"owner_id": other.UserID}, "owner_id"},
		{map[string]any{"owner_id": "me"}, "owner_id"},
		{map[string]any{"interest_circles": many}, "interest_circles"},
		{map[string]any{"categories": many}, "categories"},
		{map[string]any{"tags": many}, "tags"},
		{map[string]any{"interest_circles": "拼豆"}, "interest_circles"},
		{map[string]any{"categories": []string{strings.Repeat("长", 51)}}, "categories"},
		{map[string]any{"contact": "wechat"}, "contact"},
		{map[string]any{"contact": map[string]any{"email": "not-an-email"}}, "contact.email"},
		{map[string]any{"contact": map[string]any{"fax": "1"}}, "contact.fax"},
		{map[string]any{"xhs_id": strings.Repeat("x", 65)}, "xhs_id"},
		{map[string]any{"city": strings.Repeat("城", 51)}, "city"},
		{map[string]any{"stage": "partner"}, "stage"}, // stage is not patched here
		{map[string]any{"city": "北京", "followers": -5}, "followers"},
	}
	for _, c := range cases {
		wantField(t, e.do("PATCH", "/api/v1/buyers/"+itoa(id), o.Token, c.body), c.field)
		if c.field == "stage" || c.field == "name" && c.body["name"] == nil {
			continue
		}
		create := map[string]any{"name": "新"}
		for k, v := range c.body {
			create[k] = v
		}
		wantField(t, e.do("POST", "/api/v1/buyers", o.Token, create), c.field)
	}
	wantField(t, e.do("POST", "/api/v1/buyers", o.Token, map[string]any{}), "name")
	wantField(t, e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": "x", "stage": "boss"}), "stage")
	if after := e.buyer(o.Token, id); !jsonEq(before, after) {
		t.Fatalf("bad input changed the buyer:\n%v\n%v", before, after)
	}
	if n := len(ids(e.must(200, "GET", "/api/v1/buyers?status=all", o.Token, nil))); n != 1 {
		t.Fatalf("bad creates made buyers: %d", n)
	}
	// Twenty distinct after trimming and de-duplication is fine.
	twenty := append(append([]string{}, many[:20]...), " "+many[0]+" ", many[1])
	r := e.must(200, "PATCH", "/api/v1/buyers/"+itoa(id), o.Token, map[string]any{"interest_circles": twenty})
	if l := r.JSON()["interest_circles"].([]any); len(l) != 20 {
		t.Fatalf("%d circles", len(l))
	}
}

func TestBuyerPatchChangesOnlyFieldsSent(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	id := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "lin", "city": "杭州", "followers": 10,
		"interest_circles": []string{"拼豆"}, "categories": []string{"美妆"}, "tags": []string{"t"}, "owner_id": m.UserID,
		"commission_pct": 10, "contact": map[string]any{"wechat": "w", "phone": "p", "email": "e@example.com"}, "notes": "n"})
	before := e.buyer(o.Token, id)
	e.now.Advance(time.Minute)
	for _, c := range []struct {
		body    map[string]any
		changed map[string]any
	}{
		{map[string]any{"city": "上海"}, map[string]any{"city": "上海"}},
		{map[string]any{"followers": 0}, map[string]any{"followers": 0}},
		{map[string]any{"contact": map[string]any{"phone": "138"}}, map[string]any{"contact": map[string]any{"wechat": "w", "phone": "138", "email": "e@example.com"}}},
		{map[string]any{"contact": map[string]any{"wechat": nil}}, map[string]any{"contact": map[string]any{"wechat": "", "phone": "138", "email": "e@example.com"}}},
		{map[string]any{"xhs_id": nil}, map[string]any{"xhs_id": nil}},
		{map[string]any{"owner_id": nil}, map[string]any{"owner_id": nil}},
		{map[string]any{"categories": []string{}}, map[string]any{"categories": []string{}}},
		{map[string]any{"notes": nil}, map[string]any{"notes": ""}},
		{map[string]any{"xhs_id": "lin2", "commission_pct": 0}, map[string]any{"xhs_id": "lin2", "commission_pct": 0}},
		{map[string]any{}, map[string]any{}},
	} {
		after := e.must(200, "PATCH", "/api/v1/buyers/"+itoa(id), o.Token, c.body).JSON()
		for k, v := range c.changed {
			before[k] = v
		}
		for k := range before {
			if k == "updated_at" {
				continue
			}
			if !jsonEq(before[k], after[k]) {
				t.Errorf("PATCH %v: %s = %v, want %v", c.body, k, after[k], before[k])
			}
		}
		if got := e.buyer(o.Token, id); !jsonEq(got, after) {
			t.Errorf("PATCH answer differs from GET")
		}
	}
	if after := e.buyer(o.Token, id); after["updated_at"] == before["created_at"] {
		t.Errorf("updated_at not moved: %v", after["updated_at"])
	}
}

func TestBuyerXhsIDUniquePerBrand(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	other := e.register("别家")
	a := e.createBuyer(o.Token, map[string]any{"name": "A", "xhs_id": "same"})
	b := e.createBuyer(o.Token, map[string]any{"name": "B", "xhs_id": "other"})
	wantErr(t, e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": "C", "xhs_id": " same "}), 409, "conflict")
	wantErr(t, e.do("PATCH", "/api/v1/buyers/"+itoa(b), o.Token, map[string]any{"xhs_id": "same"}), 409, "conflict")
	if got := e.buyer(o.Token, b); got["xhs_id"] != "other" {
		t.Fatalf("conflicting PATCH changed xhs_id: %v", got["xhs_id"])
	}
	// Another brand may use it.
	e.createBuyer(other.Token, map[string]any{"name": "A'", "xhs_id": "same"})
	// Many buyers without xhs_id are fine; an empty one means none.
	e.createBuyer(o.Token, map[string]any{"name": "D"})
	e.createBuyer(o.Token, map[string]any{"name": "E", "xhs_id": ""})
	// Cleared, the id is free again; an archived buyer still holds its id.
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(a), o.Token, map[string]any{"xhs_id": nil})
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(b), o.Token, map[string]any{"xhs_id": "same"})
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(b), o.Token, nil)
	wantErr(t, e.do("POST", "/api/v1/buyers", o.Token, map[string]any{"name": "F", "xhs_id": "same"}), 409, "conflict")
}

func TestBuyerArchiveAndPurge(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	a := e.createBuyer(o.Token, map[string]any{"name": "A"})
	b := e.createBuyer(o.Token, map[string]any{"name": "B"})
	withCollab := e.createBuyer(o.Token, map[string]any{"name": "C"})
	e.must(201, "POST", "/api/v1/collaborations", o.Token, collabFor(withCollab))

	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(a), o.Token, nil)
	if got := e.buyer(o.Token, a); got["status"] != "archived" || got["name"] != "A" {
		t.Fatalf("archived buyer %v", got)
	}
	if l := ids(e.must(200, "GET", "/api/v1/buyers", o.Token, nil)); contains(l, a) || !contains(l, b) {
		t.Fatalf("default list %v", l)
	}
	if l := ids(e.must(200, "GET", "/api/v1/buyers?status=archived", o.Token, nil)); len(l) != 1 || l[0] != a {
		t.Fatalf("archived list %v", l)
	}
	if l := ids(e.must(200, "GET", "/api/v1/buyers?status=all", o.Token, nil)); len(l) != 3 {
		t.Fatalf("all list %v", l)
	}
	// Back to active with a PATCH.
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(a), o.Token, map[string]any{"status": "active"})

	wantField(t, e.do("DELETE", "/api/v1/buyers/"+itoa(b)+"?purge=maybe", o.Token, nil), "purge")
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(b)+"?purge=true", o.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/buyers/"+itoa(b), o.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(b)+"?purge=true", o.Token, nil), 404, "not_found")
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(b), o.Token, nil), 404, "not_found")
	// A buyer with collaborations is archived, never purged.
	wantErr(t, e.do("DELETE", "/api/v1/buyers/"+itoa(withCollab)+"?purge=true", o.Token, nil), 409, "conflict")
	e.buyer(o.Token, withCollab)
}

func TestBuyerStage(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	id := e.createBuyer(o.Token, map[string]any{"name": "A"})
	if h := e.must(200, "GET", "/api/v1/buyers/"+itoa(id)+"/stage-history", o.Token, nil).List(); len(h) != 0 {
		t.Fatalf("history of a new buyer %v", h)
	}
	r := e.must(200, "POST", "/api/v1/buyers/"+itoa(id)+"/stage", m.Token, map[string]any{"stage": "trial", "reason": " 首次试播 "})
	if r.JSON()["stage"] != "trial" || jnum(r.JSON(), "id") != id {
		t.Fatalf("stage answer %s", r.Body)
	}
	e.now.Advance(time.Minute)
	e.must(200, "POST", "/api/v1/buyers/"+itoa(id)+"/stage", o.Token, map[string]any{"stage": "partner", "reason": "稳定"})
	e.now.Advance(time.Minute)
	e.must(200, "POST", "/api/v1/buyers/"+itoa(id)+"/stage", o.Token, map[string]any{"stage": "paused"})
	h := e.must(200, "GET", "/api/v1/buyers/"+itoa(id)+"/stage-history", o.Token, nil).List()
	if len(h) != 3 {
		t.Fatalf("history %v", h)
	}
	want := []struct {
		from, to, reason string
		by               int64
	}{{"partner", "paused", "", o.UserID}, {"trial", "partner", "稳定", o.UserID}, {"prospect", "trial", "首次试播", m.UserID}}
	var prev time.Time
	for i, w := range want {
		c := h[i].(map[string]any)
		if c["from"] != w.from || c["to"] != w.to || c["reason"] != w.reason || jnum(c, "by_user_id") != w.by {
			t.Errorf("history[%d] = %v, want %+v", i, c, w)
		}
		at, err := time.Parse(time.RFC3339, c["at"].(string))
		if err != nil || (i > 0 && !at.Before(prev)) {
			t.Errorf("history not newest first: %v", h)
		}
		prev = at
	}
	before := e.buyer(o.Token, id)
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"stage": "boss"}, "stage"},
		{map[string]any{"stage": ""}, "stage"},
		{map[string]any{}, "stage"},
		{map[string]any{"stage": "paused"}, "stage"}, // already there
		{map[string]any{"stage": "core", "reason": strings.Repeat("因", 501)}, "reason"},
		{map[string]any{"stage": "core", "reason": 1}, "reason"},
	} {
		wantField(t, e.do("POST", "/api/v1/buyers/"+itoa(id)+"/stage", o.Token, c.body), c.field)
	}
	if after := e.buyer(o.Token, id); !jsonEq(before, after) {
		t.Fatal("refused stage changes changed the buyer")
	}
	if h := e.must(200, "GET", "/api/v1/buyers/"+itoa(id)+"/stage-history", o.Token, nil).List(); len(h) != 3 {
		t.Fatalf("refused stage changes were recorded: %d", len(h))
	}
	wantErr(t, e.do("GET", "/api/v1/buyers/99999/stage-history", o.Token, nil), 404, "not_found")
}

func TestBuyerListFilters(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	a := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "linxp", "interest_circles": []string{"拼豆", "露营"},
		"categories": []string{"美妆/护肤/精华"}, "tags": []string{"直播新星"}, "owner_id": m.UserID})
	b := e.createBuyer(o.Token, map[string]any{"name": "周露营", "xhs_id": "zhou_100%", "interest_circles": []string{"露营"},
		"categories": []string{"户外"}, "stage": "partner"})
	c := e.createBuyer(o.Token, map[string]any{"name": "母婴王", "interest_circles": []string{"母婴"}, "stage": "partner", "owner_id": o.UserID})
	d := e.createBuyer(o.Token, map[string]any{"name": "已归档拼豆", "interest_circles": []string{"拼豆"}})
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(d), o.Token, nil)

	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", []int64{a, b, c}},
		{"q=小拼", []int64{a}},
		{"q=linxp", []int64{a}},
		{"q=LINXP", []int64{a}},
		{"q=直播新星", []int64{a}},
		{"q=100%25", []int64{b}},
		{"q=%25", []int64{b}},
		{"q=_", []int64{b}},
		{"q=nobody", nil},
		{"stage=partner", []int64{b, c}},
		{"stage=trial", nil},
		{"status=archived", []int64{d}},
		{"status=all&circle=拼豆", []int64{a, d}},
		{"circle=拼豆", []int64{a}},
		{"circle=露营", []int64{a, b}},
		{"circle=露", nil},
		{"category=户外", []int64{b}},
		{"category=美妆/护肤/精华", []int64{a}},
		{"owner_id=" + itoa(m.UserID), []int64{a}},
		{"owner_id=" + itoa(o.UserID) + "&stage=partner", []int64{c}},
		{"circle=露营&stage=partner", []int64{b}},
	} {
		r := e.must(200, "GET", "/api/v1/buyers?"+tc.query+"&limit=200", o.Token, nil)
		got := ids(r)
		if !sameSet(got, tc.want) {
			t.Errorf("?%s = %v, want %v", tc.query, got, tc.want)
		}
	}
	for _, tc := range []struct{ query, field string }{
		{"stage=boss", "stage"}, {"status=gone", "status"}, {"owner_id=abc", "owner_id"}, {"owner_id=0", "owner_id"},
		{"sort=price", "sort"}, {"sort=--name", "sort"}, {"sort=", "sort"}, {"limit=0", "limit"}, {"limit=201", "limit"},
		{"limit=abc", "limit"}, {"limit=-1", "limit"}, {"total=perhaps", "total"},
	} {
		wantField(t, e.do("GET", "/api/v1/buyers?"+tc.query, o.Token, nil), tc.field)
	}
	// total only when asked.
	r := e.must(200, "GET", "/api/v1/buyers?limit=1", o.Token, nil)
	if _, ok := r.JSON()["total"]; ok {
		t.Fatalf("total without ?total=true: %s", r.Body)
	}
	if r.JSON()["next_cursor"] == nil {
		t.Fatal("no next_cursor with more rows")
	}
	r = e.must(200, "GET", "/api/v1/buyers?limit=1&total=true&stage=partner", o.Token, nil)
	if jnum(r.JSON(), "total") != 2 || len(ids(r)) != 1 {
		t.Fatalf("total: %s", r.Body)
	}
	r = e.must(200, "GET", "/api/v1/buyers?limit=200", o.Token, nil)
	if r.JSON()["next_cursor"] != nil {
		t.Fatalf("next_cursor on the last page: %s", r.Body)
	}
	// An empty list is [] not null.
	if r := e.must(200, "GET", "/api/v1/buyers?q=nobody", o.Token, nil); !strings.Contains(string(r.Body), `"items":[]`) {
		t.Fatalf("empty list %s", r.Body)
	}
	// Default sort is by name; -name reverses.
	asc := names(e.must(200, "GET", "/api/v1/buyers?sort=name", o.Token, nil))
	desc := names(e.must(200, "GET", "/api/v1/buyers?sort=-name", o.Token, nil))
	if len(asc) != 3 || asc[0] != desc[2] || asc[2] != desc[0] {
		t.Fatalf("asc %v desc %v", asc, desc)
	}
}

func contains(l []int64, id int64) bool {
	for _, v := range l {
		if v == id {
			return true
		}
	}
	return false
}

func sameSet(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for _, v := range b {
		if !contains(a, v) {
			return false
		}
	}
	return true
}
