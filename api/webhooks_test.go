package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"huoban/api"
)

// hookEnv is a server whose webhooks may reach the loopback receivers of
// the tests, with a fixed one-minute backoff so retries come on the test clock.
func hookEnv(t *testing.T, opts ...envOption) *env {
	return newEnv(t, append([]envOption{func(c *api.Config) {
		c.WebhookAllowPrivate = true
		c.Webhooks.Backoff = func(int) time.Duration { return time.Minute }
	}}, opts...)...)
}

// deliver runs the worker until nothing is due (at most n rounds).
func (e *env) deliver(n int) {
	e.t.Helper()
	for range n {
		served, err := e.srv.DeliverWebhooks(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		if served == 0 {
			return
		}
	}
}

// relogin signs a in again (after the test clock passed its token's lifetime).
func (e *env) relogin(a *account) {
	e.t.Helper()
	*a = sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": a.Email, "password": "correct horse"}), a.Email)
}

// addHook makes an endpoint and returns its id and secret.
func (e *env) addHook(token string, body map[string]any) (int64, string) {
	e.t.Helper()
	m := e.must(201, "POST", "/api/v1/webhooks", token, body).JSON()
	return jnum(m, "id"), m["secret"].(string)
}

// deliveries returns an endpoint's delivery log, newest first.
func (e *env) deliveries(token string, hook int64) []map[string]any {
	e.t.Helper()
	var out []map[string]any
	for _, it := range e.must(200, "GET", "/api/v1/webhooks/"+itoa(hook)+"/deliveries", token, nil).JSON()["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func TestWebhookEndpointsCRUD(t *testing.T) {
	e := newEnv(t)
	owner := e.register("钩子")
	manager := e.invite(owner, "manager")
	analyst := e.invite(owner, "analyst")
	other := e.register("别家")

	r := e.must(201, "POST", "/api/v1/webhooks", owner.Token, map[string]any{
		"url": "https://203.0.113.10/in", "events": []string{"collaboration.created", "buyer.created"}, "description": "BI"})
	m := r.JSON()
	secret, _ := m["secret"].(string)
	raw, err := base64Decode(strings.TrimPrefix(secret, "whsec_"))
	if !strings.HasPrefix(secret, "whsec_") || err != nil || len(raw) != 32 {
		t.Fatalf("secret %q is not whsec_ + base64 of 32 bytes", secret)
	}
	if m["format"] != "standard" || m["active"] != true || len(m["events"].([]any)) != 2 {
		t.Fatalf("created: %s", r.Body)
	}
	id := jnum(m, "id")
	list := e.must(200, "GET", "/api/v1/webhooks", owner.Token, nil)
	if strings.Contains(string(list.Body), secret) || strings.Contains(string(list.Body), `"secret"`) {
		t.Fatalf("the list shows the secret: %s", list.Body)
	}
	if got := len(list.JSON()["items"].([]any)); got != 1 {
		t.Fatalf("list has %d endpoints", got)
	}
	p := e.must(200, "PATCH", "/api/v1/webhooks/"+itoa(id), owner.Token, map[string]any{"events": []string{"*"}, "active": false}).JSON()
	if p["active"] != false || p["events"].([]any)[0] != "*" {
		t.Fatalf("patched: %v", p)
	}
	rot := e.must(200, "POST", "/api/v1/webhooks/"+itoa(id)+"/rotate-secret", owner.Token, nil).JSON()
	if s, _ := rot["secret"].(string); !strings.HasPrefix(s, "whsec_") || s == secret {
		t.Fatalf("rotated secret %v", rot)
	}
	e.must(202, "POST", "/api/v1/webhooks/"+itoa(id)+"/test", owner.Token, nil)
	ds := e.deliveries(owner.Token, id)
	if len(ds) != 1 || ds[0]["event_type"] != "ping" || ds[0]["status"] != "pending" || !strings.HasPrefix(ds[0]["event_id"].(string), "evt_") {
		t.Fatalf("deliveries after a test: %v", ds)
	}
	// A pending delivery is not retried: only dead or failed ones.
	wantErr(t, e.do("POST", "/api/v1/webhooks/"+itoa(id)+"/deliveries/"+itoa(jnum(ds[0], "id"))+"/retry", owner.Token, nil), 409, "conflict")

	// Bad input.
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"url": "ftp://203.0.113.11"}, "url"},
		{map[string]any{"url": "https://user:pw@203.0.113.11"}, "url"},
		{map[string]any{"url": "https://203.0.113.11", "events": []string{"buyer.exploded"}}, "events"},
		{map[string]any{"url": "https://203.0.113.11", "events": []string{}}, "events"},
		{map[string]any{"url": "https://203.0.113.11", "events": []string{"*", "buyer.created"}}, "events"},
		{map[string]any{"url": "https://203.0.113.11", "format": "slack"}, "format"},
		{map[string]any{"url": "https://203.0.113.11", "bot_secret": "abc"}, "bot_secret"},
	} {
		wantField(t, e.do("POST", "/api/v1/webhooks", owner.Token, c.body), c.field)
	}
	wantErr(t, e.do("POST", "/api/v1/webhooks", owner.Token, map[string]any{"url": "https://203.0.113.11", "secret": "mine"}), 422, "validation_failed")

	// Roles: managers and analysts may not; another brand's owner sees 404.
	for _, tok := range []string{manager.Token, analyst.Token} {
		wantErr(t, e.do("GET", "/api/v1/webhooks", tok, nil), 403, "forbidden")
		wantErr(t, e.do("POST", "/api/v1/webhooks", tok, map[string]any{"url": "https://203.0.113.11"}), 403, "forbidden")
	}
	for _, c := range []struct{ method, path string }{
		{"PATCH", "/webhooks/" + itoa(id)}, {"DELETE", "/webhooks/" + itoa(id)}, {"POST", "/webhooks/" + itoa(id) + "/rotate-secret"},
		{"POST", "/webhooks/" + itoa(id) + "/test"}, {"GET", "/webhooks/" + itoa(id) + "/deliveries"},
		{"POST", "/webhooks/" + itoa(id) + "/deliveries/" + itoa(jnum(ds[0], "id")) + "/retry"},
	} {
		var body any
		if c.method == "PATCH" {
			body = map[string]any{"description": "x"}
		}
		wantErr(t, e.do(c.method, "/api/v1"+c.path, other.Token, body), 404, "not_found")
	}
	if n := len(e.must(200, "GET", "/api/v1/webhooks", other.Token, nil).JSON()["items"].([]any)); n != 0 {
		t.Fatalf("another brand lists %d endpoints", n)
	}
	e.must(204, "DELETE", "/api/v1/webhooks/"+itoa(id), owner.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/webhooks/"+itoa(id)+"/deliveries", owner.Token, nil), 404, "not_found")
	audit := e.must(200, "GET", "/api/v1/audit?entity=webhook", owner.Token, nil)
	if strings.Contains(string(audit.Body), secret) || len(audit.List()) < 4 {
		t.Fatalf("audit of webhooks: %s", audit.Body)
	}
}

// TestWebhookSSRF: targets that are (or resolve to) loopback, private,
// link-local, multicast or unspecified addresses are refused at create and,
// when a name changes what it resolves to later, at delivery.
func TestWebhookSSRF(t *testing.T) {
	e := newEnv(t)
	owner := e.register("SSRF钩子")
	for _, u := range []string{"http://127.0.0.1/x", "http://[::1]/x", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
		"http://localhost:8080/x", "http://192.168.1.1/", "http://0.0.0.0/", "http://224.0.0.1/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/"} {
		r := e.do("POST", "/api/v1/webhooks", owner.Token, map[string]any{"url": u})
		wantField(t, r, "url")
	}
	// A target that passed the check and now resolves to loopback (DNS
	// rebinding) is refused when delivering: the receiver hears nothing.
	rec := newReceiver(t)
	id, _ := e.addHook(owner.Token, map[string]any{"url": "https://203.0.113.10/x"})
	port := rec.URL[strings.LastIndex(rec.URL, ":")+1:]
	if err := e.db.W.Exec("UPDATE webhooks SET url = ? WHERE id = ?", "http://localhost:"+port+"/x", id).Error; err != nil {
		t.Fatal(err)
	}
	e.createBuyer(owner.Token, map[string]any{"name": "反弹"})
	e.deliver(1)
	ds := e.deliveries(owner.Token, id)
	if len(rec.got()) != 0 || len(ds) != 1 || ds[0]["status"] != "failed" || !strings.Contains(ds[0]["last_error"].(string), "private") {
		t.Fatalf("delivery to a rebound name: %d requests, log %v", len(rec.got()), ds)
	}
}

// TestWebhookRetriedWithTheSameID: a receiver answering 500, 500, 200 gets
// the event three times with the same webhook-id, every time signed.
func TestWebhookRetriedWithTheSameID(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("重试")
	rec := newReceiver(t, 500, 500)
	id, secret := e.addHook(owner.Token, map[string]any{"url": rec.URL + "/hook", "events": []string{"buyer.created"}})
	buyer := e.createBuyer(owner.Token, map[string]any{"name": "小拼"})
	e.deliver(3)
	if n := len(rec.got()); n != 1 {
		t.Fatalf("after the first round: %d requests", n)
	}
	d := e.deliveries(owner.Token, id)[0]
	if d["status"] != "failed" || jnum(d, "attempts") != 1 || jnum(d, "last_status") != 500 || d["next_attempt_at"] == nil {
		t.Fatalf("after a 500: %v", d)
	}
	for range 2 {
		e.now.Advance(61 * time.Second)
		e.deliver(3)
	}
	hits := rec.got()
	if len(hits) != 3 || hits[0].id != hits[1].id || hits[1].id != hits[2].id {
		t.Fatalf("want 3 requests with one webhook-id, got %d: %v", len(hits), hits)
	}
	checkSigned(t, hits, secret, e.now.Now())
	var body struct {
		ID, Type  string
		BrandID   int64 `json:"brand_id"`
		CreatedAt string
		Data      map[string]any
	}
	if err := json.Unmarshal(hits[2].body, &body); err != nil || body.ID != hits[2].id || body.Type != "buyer.created" ||
		body.BrandID != owner.BrandID || jnum(body.Data, "id") != buyer || body.Data["name"] != "小拼" {
		t.Fatalf("body %s", hits[2].body)
	}
	d = e.deliveries(owner.Token, id)[0]
	if d["status"] != "delivered" || jnum(d, "attempts") != 3 || d["delivered_at"] == nil || d["next_attempt_at"] != nil {
		t.Fatalf("after the 200: %v", d)
	}
	// The filter: a collaboration is not an event this endpoint wants.
	e.must(201, "POST", "/api/v1/collaborations", owner.Token, collabFor(buyer))
	e.deliver(2)
	if len(rec.got()) != 3 || len(e.deliveries(owner.Token, id)) != 1 {
		t.Fatal("an unsubscribed event was delivered")
	}
}

// TestWebhookDeadAndRetry: a delivery that keeps failing goes dead after
// the attempts and the window; a retry queues it again and it arrives.
func TestWebhookDeadAndRetry(t *testing.T) {
	e := hookEnv(t, func(c *api.Config) { c.Webhooks.Backoff = func(int) time.Duration { return 4 * time.Hour } })
	owner := e.register("死信")
	rec := newReceiver(t, 503, 503, 503, 503, 503, 503, 503, 503)
	id, _ := e.addHook(owner.Token, map[string]any{"url": rec.URL})
	e.createBuyer(owner.Token, map[string]any{"name": "小死"})
	for i := 0; i < 8; i++ {
		e.deliver(1)
		e.relogin(&owner)
		if i < 7 {
			d := e.deliveries(owner.Token, id)[0]
			if d["status"] != "failed" {
				t.Fatalf("attempt %d: %v", i+1, d)
			}
		}
		e.now.Advance(4*time.Hour + time.Second)
	}
	e.relogin(&owner)
	d := e.deliveries(owner.Token, id)[0]
	if d["status"] != "dead" || jnum(d, "attempts") != 8 || len(rec.got()) != 8 {
		t.Fatalf("after 8 failures over 28 hours: %v (%d requests)", d, len(rec.got()))
	}
	r := e.must(200, "POST", "/api/v1/webhooks/"+itoa(id)+"/deliveries/"+itoa(jnum(d, "id"))+"/retry", owner.Token, nil).JSON()
	if r["status"] != "pending" {
		t.Fatalf("retried: %v", r)
	}
	e.deliver(1)
	if d := e.deliveries(owner.Token, id)[0]; d["status"] != "delivered" || len(rec.got()) != 9 || rec.got()[8].id != rec.got()[0].id {
		t.Fatalf("after the retry: %v", d)
	}
}

// TestWebhookOrderAndRotation: an endpoint's events arrive oldest first,
// a failing one holding the later ones back; after a rotation both secrets
// sign for 24 hours, then only the new one.
func TestWebhookOrderAndRotation(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("顺序")
	rec := newReceiver(t, 500)
	id, secret := e.addHook(owner.Token, map[string]any{"url": rec.URL})
	b := e.createBuyer(owner.Token, map[string]any{"name": "一"})
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(b), owner.Token, map[string]any{"city": "杭州"})
	e.must(200, "POST", "/api/v1/buyers/"+itoa(b)+"/stage", owner.Token, map[string]any{"stage": "trial", "reason": "试"})
	e.deliver(3)
	if n := len(rec.got()); n != 1 {
		t.Fatalf("a failed head let %d requests through", n)
	}
	rot := e.must(200, "POST", "/api/v1/webhooks/"+itoa(id)+"/rotate-secret", owner.Token, nil).JSON()
	newSecret := rot["secret"].(string)
	e.now.Advance(time.Minute + time.Second)
	e.deliver(3)
	hits := rec.got()
	var types []string
	for _, h := range hits[1:] {
		var ev struct{ Type string }
		json.Unmarshal(h.body, &ev)
		types = append(types, ev.Type)
		if len(strings.Fields(h.signature)) != 2 {
			t.Fatalf("during the overlap: signature header %q", h.signature)
		}
	}
	if strings.Join(types, ",") != "buyer.created,buyer.updated,buyer.stage_changed" {
		t.Fatalf("order: %v", types)
	}
	checkSigned(t, hits[1:], secret, e.now.Now())
	checkSigned(t, hits[1:], newSecret, e.now.Now())
	e.now.Advance(24*time.Hour + time.Minute)
	e.relogin(&owner)
	e.must(202, "POST", "/api/v1/webhooks/"+itoa(id)+"/test", owner.Token, nil)
	e.deliver(2)
	last := rec.got()[len(rec.got())-1]
	checkSigned(t, []hit{last}, newSecret, e.now.Now())
	if verifySignature(secret, last.id, last.timestamp, last.body, last.signature) == nil {
		t.Fatal("the old secret still signs after 24 hours")
	}
}

// TestWebhookRobotFormats: 飞书 gets a signed text message, 企业微信 a
// markdown message; both in Chinese; a robot's refusal inside a 200 is a failure.
func TestWebhookRobotFormats(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("机器人")
	fs := newReceiver(t)
	fs.reply = `{"code":0,"msg":"success","data":{}}`
	wc := newReceiver(t)
	wc.reply = `{"errcode":93000,"errmsg":"invalid webhook url"}`
	fid, _ := e.addHook(owner.Token, map[string]any{"url": fs.URL, "format": "feishu", "bot_secret": "fs-secret-123",
		"events": []string{"collaboration.created"}})
	wid, _ := e.addHook(owner.Token, map[string]any{"url": wc.URL, "format": "wecom", "events": []string{"collaboration.created"}})
	b := e.createBuyer(owner.Token, map[string]any{"name": "机器人买手"})
	e.must(201, "POST", "/api/v1/collaborations", owner.Token, collabFor(b))
	e.deliver(2)
	var f struct {
		Timestamp string `json:"timestamp"`
		Sign      string `json:"sign"`
		MsgType   string `json:"msg_type"`
		Content   struct{ Text string }
	}
	if len(fs.got()) != 1 || json.Unmarshal(fs.got()[0].body, &f) != nil || f.MsgType != "text" ||
		!strings.Contains(f.Content.Text, "【伙伴】新合作") || !strings.Contains(f.Content.Text, "机密合作") {
		t.Fatalf("feishu body: %s", fs.got())
	}
	// 飞书's check, from its robot guide: HMAC-SHA256 keyed with
	// timestamp + "\n" + secret over nothing, base64.
	if f.Sign != feishuSign(f.Timestamp, "fs-secret-123") {
		t.Fatalf("feishu sign %q for timestamp %q", f.Sign, f.Timestamp)
	}
	var w struct {
		MsgType  string `json:"msgtype"`
		Markdown struct{ Content string }
	}
	if len(wc.got()) != 1 || json.Unmarshal(wc.got()[0].body, &w) != nil || w.MsgType != "markdown" ||
		!strings.Contains(w.Markdown.Content, "新合作") {
		t.Fatalf("wecom body: %s", wc.got())
	}
	if d := e.deliveries(owner.Token, fid)[0]; d["status"] != "delivered" {
		t.Fatalf("feishu delivery %v", d)
	}
	if d := e.deliveries(owner.Token, wid)[0]; d["status"] != "failed" || !strings.Contains(d["last_error"].(string), "93000") {
		t.Fatalf("a wecom refusal inside a 200: %v", d)
	}
}

// TestWebhookOneEventPerImport: a CSV import is one collaborations.imported
// event with the count and every id.
func TestWebhookOneEventPerImport(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("导入")
	rec := newReceiver(t)
	id, _ := e.addHook(owner.Token, map[string]any{"url": rec.URL, "events": []string{"collaborations.imported", "collaboration.created"}})
	b := e.createBuyer(owner.Token, map[string]any{"name": "导入买手"})
	var csv strings.Builder
	csv.WriteString("buyer_id,type,title,status,start_on,end_on,gmv_cents\n")
	for i := range 250 {
		csv.WriteString(itoa(b) + ",note,笔记" + itoa(int64(i)) + ",completed,2026-11-01,2026-11-01,100\n")
	}
	r := e.raw(rawReq{method: "POST", path: "/api/v1/collaborations/import", token: owner.Token, ct: "text/csv", body: strings.NewReader(csv.String())})
	if r.Status != 200 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	e.deliver(2)
	ds := e.deliveries(owner.Token, id)
	hits := rec.got()
	if len(ds) != 1 || len(hits) != 1 {
		t.Fatalf("an import of 250 rows made %d deliveries", len(ds))
	}
	var ev struct {
		Type string
		Data struct {
			Count int
			IDs   []int64
		}
	}
	json.Unmarshal(hits[0].body, &ev)
	if ev.Type != "collaborations.imported" || ev.Data.Count != 250 || len(ev.Data.IDs) != 250 {
		t.Fatalf("import event: %s", hits[0].body)
	}
	list := e.must(200, "GET", "/api/v1/collaborations?limit=200&buyer_id="+itoa(b), owner.Token, nil).JSON()["items"].([]any)
	seen := map[int64]bool{}
	for _, id := range ev.Data.IDs {
		seen[id] = true
	}
	for _, it := range list {
		if !seen[jnum(it.(map[string]any), "id")] {
			t.Fatalf("collaboration %v is not in the event's ids", it)
		}
	}
}

// TestWebhookNoEventForAFailedWrite: a write that fails leaves no event.
func TestWebhookNoEventForAFailedWrite(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("失败")
	rec := newReceiver(t)
	id, _ := e.addHook(owner.Token, map[string]any{"url": rec.URL})
	e.createBuyer(owner.Token, map[string]any{"name": "甲", "xhs_id": "same"})
	wantErr(t, e.do("POST", "/api/v1/buyers", owner.Token, map[string]any{"name": "乙", "xhs_id": "same"}), 409, "conflict")
	e.deliver(2)
	if n := len(e.deliveries(owner.Token, id)); n != 1 || len(rec.got()) != 1 {
		t.Fatalf("%d deliveries for one committed and one failed write", n)
	}
}

// TestWebhookPrune: delivered rows older than 30 days go in the maintenance run; others stay.
func TestWebhookPrune(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("清理")
	rec := newReceiver(t)
	id, _ := e.addHook(owner.Token, map[string]any{"url": rec.URL})
	e.createBuyer(owner.Token, map[string]any{"name": "旧"})
	e.deliver(2)
	e.now.Advance(31 * 24 * time.Hour)
	e.relogin(&owner)
	rec.answers = []int{500}
	e.createBuyer(owner.Token, map[string]any{"name": "新"})
	e.deliver(2)
	if err := e.srv.DailyMaintenance(context.Background()); err != nil {
		t.Fatal(err)
	}
	ds := e.deliveries(owner.Token, id)
	if len(ds) != 1 || ds[0]["status"] != "failed" {
		t.Fatalf("after pruning: %v", ds)
	}
	var events int64
	e.db.R.Raw("SELECT COUNT(*) FROM webhook_events").Scan(&events)
	if events != 1 {
		t.Fatalf("%d events left, want 1", events)
	}
}

// TestWebhookPatchFormatAndBotSecret: a 飞书 bot secret can be changed (and
// is never shown), and leaving the feishu format drops it.
func TestWebhookPatchFormatAndBotSecret(t *testing.T) {
	e := hookEnv(t)
	owner := e.register("改格式")
	rec := newReceiver(t)
	id, _ := e.addHook(owner.Token, map[string]any{"url": rec.URL, "format": "feishu", "bot_secret": "first-secret"})
	p := e.must(200, "PATCH", "/api/v1/webhooks/"+itoa(id), owner.Token, map[string]any{"bot_secret": "second-secret"})
	if strings.Contains(string(p.Body), "second-secret") || p.JSON()["bot_secret_set"] != true {
		t.Fatalf("the bot secret is shown: %s", p.Body)
	}
	e.must(202, "POST", "/api/v1/webhooks/"+itoa(id)+"/test", owner.Token, nil)
	e.deliver(2)
	var f struct{ Timestamp, Sign string }
	json.Unmarshal(rec.got()[0].body, &f)
	if f.Sign != feishuSign(f.Timestamp, "second-secret") {
		t.Fatalf("signed with the old bot secret: %s", rec.got()[0].body)
	}
	p = e.must(200, "PATCH", "/api/v1/webhooks/"+itoa(id), owner.Token, map[string]any{"format": "standard"})
	if p.JSON()["bot_secret_set"] != false || p.JSON()["format"] != "standard" {
		t.Fatalf("after leaving feishu: %s", p.Body)
	}
	wantField(t, e.do("PATCH", "/api/v1/webhooks/"+itoa(id), owner.Token, map[string]any{"url": "http://[::1]:1/x", "active": nil}), "active")
	audit := e.must(200, "GET", "/api/v1/audit?entity=webhook", owner.Token, nil)
	if strings.Contains(string(audit.Body), "second-secret") || strings.Contains(string(audit.Body), "first-secret") {
		t.Fatalf("the audit log holds a bot secret: %s", audit.Body)
	}
}
