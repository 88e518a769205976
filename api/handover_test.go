package api_test

import (
	"strings"
	"testing"
)

func TestHandover(t *testing.T) {
	p := newPlanEnv(t)
	_, cs := p.agreedPlan()
	p.must(200, "PATCH", "/api/v1/buyers/"+itoa(p.buyer), p.owner.Token, map[string]any{"owner_id": p.owner.UserID})
	p.must(201, "POST", "/api/v1/goals", p.manager.Token, map[string]any{"buyer_id": p.buyer, "title": "十二月 GMV",
		"metric": "gmv_cents", "target": 30000000, "period_start": "2026-11-01", "period_end": "2026-12-31"})
	p.must(201, "POST", "/api/v1/buyers/"+itoa(p.buyer)+"/activities", p.manager.Token, map[string]any{
		"kind": "call", "summary": "确认寄样地址", "follow_up_on": "2026-11-25"})
	for i := 0; i < 6; i++ {
		p.createCollab(p.manager.Token, collabBody(p.buyer, map[string]any{"start_on": qs("2026-11-%02d", i+1), "end_on": qs("2026-11-%02d", i+1)}))
	}
	url := "/api/v1/buyers/" + itoa(p.buyer) + "/handover"
	cands := p.must(200, "GET", url+"/candidates", p.manager.Token, nil).List()
	if len(cands) != 1 || num(cands[0].(map[string]any)["id"]) != p.manager.UserID || strings.Contains(qs("%v", cands), "@") {
		t.Fatalf("candidates: the manager only (the owner owns it; no analyst; no emails): %v", cands)
	}
	before := p.buyerJSON(p.buyer)
	// Only a manager or owner of the brand can take a buyer over.
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{"to_user_id": p.analyst.UserID}), "to_user_id")
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{"to_user_id": p.other.UserID}), "to_user_id")
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{"to_user_id": p.portal.UserID}), "to_user_id")
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{"to_user_id": p.owner.UserID}), "to_user_id") // already owns it
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{}), "to_user_id")
	wantField(t, p.do("POST", url, p.manager.Token, map[string]any{"to_user_id": p.manager.UserID, "note": strings.Repeat("长", 2001)}), "note")
	wantErr(t, p.do("POST", url, p.analyst.Token, map[string]any{"to_user_id": p.manager.UserID}), 403, "forbidden")
	wantErr(t, p.do("POST", "/api/v1/buyers/"+itoa(p.otherBuyer)+"/handover", p.manager.Token, map[string]any{"to_user_id": p.manager.UserID}), 404, "not_found")
	if after := p.buyerJSON(p.buyer); !jsonEq(before, after) {
		t.Fatal("a refused handover changed the buyer")
	}
	if got := p.must(200, "GET", url, p.manager.Token, nil).JSON(); got["pending"] != nil {
		t.Fatalf("pending before any handover: %v", got)
	}

	act := p.must(201, "POST", url, p.owner.Token, map[string]any{"to_user_id": p.manager.UserID, "note": "她周五直播，别忘了寄样"}).JSON()
	if act["kind"] != "handover" || act["done"] != false {
		t.Fatalf("activity %v", act)
	}
	snap := act["snapshot"].(map[string]any)
	if snap["note"] != "她周五直播，别忘了寄样" || num(snap["to_user_id"]) != p.manager.UserID || num(snap["from_user_id"]) != p.owner.UserID {
		t.Fatalf("snapshot header %v", snap)
	}
	if n := len(snap["open_commitments"].([]any)); n != len(cs) {
		t.Fatalf("open commitments %d, want %d", n, len(cs))
	}
	sides := map[string]int{}
	for _, c := range snap["open_commitments"].([]any) {
		sides[c.(map[string]any)["side"].(string)]++
	}
	if sides["brand"] != 1 || sides["buyer"] != 1 {
		t.Fatalf("both sides' open commitments: %v", sides)
	}
	if len(snap["follow_ups"].([]any)) != 1 || len(snap["goals"].([]any)) != 1 {
		t.Fatalf("follow-ups and goals %v", snap)
	}
	collabs := snap["collaborations"].([]any)
	if len(collabs) != 5 || collabs[0].(map[string]any)["start_on"] != "2026-11-06" {
		t.Fatalf("the last five collaborations, newest first: %v", collabs)
	}
	if k := collabs[0].(map[string]any)["kpis"].(map[string]any); num(k["net_gmv_cents"]) != 90000 {
		t.Fatalf("kpis %v", k)
	}
	if h := snap["health"].(map[string]any); num(h["score"]) != num(p.buyerJSON(p.buyer)["health"].(map[string]any)["score"]) {
		t.Fatalf("health %v", h)
	}
	b := p.buyerJSON(p.buyer)
	if num(b["owner_id"]) != p.manager.UserID {
		t.Fatalf("owner %v", b["owner_id"])
	}
	// The new owner sees it on top of the buyer page until they dismiss it.
	pending := p.must(200, "GET", url, p.manager.Token, nil).JSON()["pending"].(map[string]any)
	if num(pending["id"]) != num(act["id"]) || pending["snapshot"] == nil {
		t.Fatalf("pending %v", pending)
	}
	wantErr(t, p.do("GET", url, p.other.Token, nil), 404, "not_found")
	p.must(200, "PATCH", "/api/v1/activities/"+itoa(num(act["id"])), p.manager.Token, map[string]any{"done": true})
	if got := p.must(200, "GET", url, p.manager.Token, nil).JSON(); got["pending"] != nil {
		t.Fatalf("pending after dismissal: %v", got)
	}
	// The timeline keeps it; a client cannot make one by hand.
	tl := p.must(200, "GET", "/api/v1/buyers/"+itoa(p.buyer)+"/activities", p.manager.Token, nil).JSON()["items"].([]any)
	if tl[0].(map[string]any)["kind"] != "handover" {
		t.Fatalf("timeline %v", tl[0])
	}
	wantField(t, p.do("POST", "/api/v1/buyers/"+itoa(p.buyer)+"/activities", p.manager.Token, map[string]any{"kind": "handover", "summary": "x"}), "kind")
	audit := string(p.must(200, "GET", "/api/v1/audit?entity=buyer&entity_id="+itoa(p.buyer), p.owner.Token, nil).Body)
	if !jsonHas(audit, "owner_id") {
		t.Fatalf("handover not audited: %s", audit)
	}
}

func jsonHas(s, key string) bool {
	for i := 0; i+len(key)+2 <= len(s); i++ {
		if s[i:i+len(key)+2] == `"`+key+`"` {
			return true
		}
	}
	return false
}
