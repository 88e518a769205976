package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestTeamListAndRoles(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	a := e.invite(o, "analyst")
	r := e.must(200, "GET", "/api/v1/team", o.Token, nil)
	team := r.List()
	if len(team) != 3 || strings.Contains(string(r.Body), "password") || strings.Contains(string(r.Body), "$2a$") {
		t.Fatalf("team %s", r.Body)
	}
	roles := map[int64]string{}
	for _, u := range team {
		roles[jnum(u.(map[string]any), "id")] = u.(map[string]any)["role"].(string)
	}
	if roles[o.UserID] != "owner" || roles[m.UserID] != "manager" || roles[a.UserID] != "analyst" {
		t.Fatalf("roles %v", roles)
	}

	// A role change applies to the member's next request, with the same token.
	wantErr(t, e.do("POST", "/api/v1/buyers", a.Token, map[string]any{"name": "x"}), 403, "forbidden")
	if u := e.must(200, "PATCH", "/api/v1/team/"+itoa(a.UserID), o.Token, map[string]any{"role": "manager"}).JSON(); u["role"] != "manager" {
		t.Fatalf("change role answer %v", u)
	}
	e.must(201, "POST", "/api/v1/buyers", a.Token, map[string]any{"name": "x"})
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "analyst"})
	wantErr(t, e.do("POST", "/api/v1/buyers", m.Token, map[string]any{"name": "y"}), 403, "forbidden")
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "analyst"}) // unchanged is fine

	for _, role := range []any{"buyer", "boss", "", nil, 3} {
		wantField(t, e.do("PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": role}), "role")
	}
	wantErr(t, e.do("PATCH", "/api/v1/team/99999", o.Token, map[string]any{"role": "analyst"}), 404, "not_found")
	wantErr(t, e.do("PATCH", "/api/v1/team/abc", o.Token, map[string]any{"role": "analyst"}), 404, "not_found")
}

func TestLastOwnerStays(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	wantErr(t, e.do("PATCH", "/api/v1/team/"+itoa(o.UserID), o.Token, map[string]any{"role": "manager"}), 409, "conflict")
	wantErr(t, e.do("DELETE", "/api/v1/team/"+itoa(o.UserID), o.Token, nil), 409, "conflict")
	if me := e.must(200, "GET", "/api/v1/me", o.Token, nil).JSON(); me["role"] != "owner" {
		t.Fatalf("the last owner changed: %v", me)
	}
	// With a second owner, the first may step down, and then the second is the last.
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "owner"})
	e.must(200, "PATCH", "/api/v1/team/"+itoa(o.UserID), o.Token, map[string]any{"role": "analyst"})
	wantErr(t, e.do("GET", "/api/v1/team", o.Token, nil), 403, "forbidden")
	wantErr(t, e.do("DELETE", "/api/v1/team/"+itoa(m.UserID), m.Token, nil), 409, "conflict")
	wantErr(t, e.do("PATCH", "/api/v1/team/"+itoa(m.UserID), m.Token, map[string]any{"role": "analyst"}), 409, "conflict")
	e.must(204, "DELETE", "/api/v1/team/"+itoa(o.UserID), m.Token, nil)
}

func TestRemovedMemberLosesAccess(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	id := e.createBuyer(o.Token, map[string]any{"name": "A", "owner_id": m.UserID})
	e.must(200, "GET", "/api/v1/me", m.Token, nil)
	e.must(204, "DELETE", "/api/v1/team/"+itoa(m.UserID), o.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/me", m.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("GET", "/api/v1/buyers", m.Token, nil), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": m.Refresh}), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": m.Email, "password": pw}), 401, "unauthorized")
	if team := e.must(200, "GET", "/api/v1/team", o.Token, nil).List(); len(team) != 1 {
		t.Fatalf("team %v", team)
	}
	wantErr(t, e.do("DELETE", "/api/v1/team/"+itoa(m.UserID), o.Token, nil), 404, "not_found")
	// Their buyers stay, unowned.
	if b := e.buyer(o.Token, id); b["owner_id"] != nil {
		t.Fatalf("owner_id of a removed member: %v", b["owner_id"])
	}
}

func TestAPITokens(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	bid := e.createBuyer(o.Token, map[string]any{"name": "A"})
	rd := e.must(201, "POST", "/api/v1/tokens", o.Token, map[string]any{"name": "BI 报表", "scope": "read"}).JSON()
	wr := e.must(201, "POST", "/api/v1/tokens", o.Token, map[string]any{"name": "导入", "scope": "write"}).JSON()
	readTok, writeTok := rd["token"].(string), wr["token"].(string)
	if !strings.HasPrefix(readTok, "hb_") || rd["scope"] != "read" || !strings.HasPrefix(readTok, rd["prefix"].(string)) ||
		len(rd["prefix"].(string)) >= len(readTok)-20 || rd["last_used_at"] != nil {
		t.Fatalf("created token %v", rd)
	}
	list := e.must(200, "GET", "/api/v1/tokens", o.Token, nil)
	if strings.Contains(string(list.Body), readTok) || strings.Contains(string(list.Body), writeTok) || strings.Contains(string(list.Body), `"token"`) {
		t.Fatalf("list shows secrets: %s", list.Body)
	}
	if l := list.List(); len(l) != 2 {
		t.Fatalf("tokens %v", l)
	}
	var clear int64
	e.db.R.Raw("SELECT count(*) FROM api_tokens WHERE token_hash IN (?, ?)", readTok, writeTok).Scan(&clear)
	if clear != 0 {
		t.Fatal("API tokens stored in clear")
	}

	// read: GET only.
	e.must(200, "GET", "/api/v1/buyers", readTok, nil)
	e.must(200, "GET", "/api/v1/buyers/"+itoa(bid), readTok, nil)
	before := e.buyer(o.Token, bid)
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/buyers", map[string]any{"name": "x"}},
		{"PATCH", "/api/v1/buyers/" + itoa(bid), map[string]any{"city": "x"}},
		{"DELETE", "/api/v1/buyers/" + itoa(bid), nil},
		{"POST", "/api/v1/buyers/" + itoa(bid) + "/stage", map[string]any{"stage": "trial"}},
		{"PATCH", "/api/v1/me", map[string]any{"name": "x"}},
		{"POST", "/api/v1/team/invites", map[string]any{"role": "analyst"}},
		{"POST", "/api/v1/tokens", map[string]any{"name": "x", "scope": "read"}},
		{"DELETE", "/api/v1/tokens/" + itoa(jnum(wr, "id")), nil},
	} {
		wantErr(t, e.do(c.method, c.path, readTok, c.body), 403, "forbidden")
	}
	if after := e.buyer(o.Token, bid); !jsonEq(before, after) {
		t.Fatal("a read token changed a buyer")
	}

	// write: acts as the owner.
	nb := e.createBuyer(writeTok, map[string]any{"name": "由令牌创建"})
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(nb), writeTok, map[string]any{"city": "上海"})
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(nb), writeTok, nil)
	// The audit log is a person's to read (issue 17); it names the owner and the token.
	wantErr(t, e.do("GET", "/api/v1/audit", writeTok, nil), 403, "forbidden")
	audit := e.must(200, "GET", "/api/v1/audit?entity=buyer&entity_id="+itoa(nb), o.Token, nil).List()
	if len(audit) == 0 || jnum(audit[0].(map[string]any), "actor_id") != o.UserID || audit[0].(map[string]any)["actor_token"] == nil {
		t.Fatalf("token writes not audited as the owner's token: %v", audit)
	}
	// Tokens cannot make tokens or change passwords.
	wantErr(t, e.do("POST", "/api/v1/tokens", writeTok, map[string]any{"name": "x", "scope": "write"}), 403, "forbidden")
	wantErr(t, e.do("PATCH", "/api/v1/me", writeTok, map[string]any{"password": "new password 1", "current_password": pw}), 403, "forbidden")

	// last_used_at is set on use.
	for _, tk := range e.must(200, "GET", "/api/v1/tokens", o.Token, nil).List() {
		m := tk.(map[string]any)
		at, err := time.Parse(time.RFC3339, stringOf(m["last_used_at"]))
		if err != nil || !at.Equal(e.now.Now()) {
			t.Fatalf("last_used_at of %v = %v (%v)", m["name"], m["last_used_at"], err)
		}
	}

	// Revoked: stops at once.
	e.must(204, "DELETE", "/api/v1/tokens/"+itoa(jnum(rd, "id")), o.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/buyers", readTok, nil), 401, "unauthorized")
	wantErr(t, e.do("DELETE", "/api/v1/tokens/"+itoa(jnum(rd, "id")), o.Token, nil), 404, "not_found")
	e.must(200, "GET", "/api/v1/buyers", writeTok, nil)
	for _, bad := range []string{"hb_unknown", "hb_" + strings.Repeat("a", 200)} {
		wantErr(t, e.do("GET", "/api/v1/buyers", bad, nil), 401, "unauthorized")
	}

	// A token acts with its owner's current role.
	m := e.invite(o, "manager")
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "owner"})
	e.must(200, "PATCH", "/api/v1/team/"+itoa(o.UserID), m.Token, map[string]any{"role": "analyst"})
	wantErr(t, e.do("POST", "/api/v1/buyers", writeTok, map[string]any{"name": "x"}), 403, "forbidden")

	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"name": "", "scope": "read"}, "name"},
		{map[string]any{"name": "x", "scope": "admin"}, "scope"},
		{map[string]any{"name": "x"}, "scope"},
		{map[string]any{"name": strings.Repeat("n", 101), "scope": "read"}, "name"},
	} {
		wantField(t, e.do("POST", "/api/v1/tokens", m.Token, c.body), c.field)
	}
}

func stringOf(v any) string { s, _ := v.(string); return s }

type auditEntry struct {
	ID       int64                     `json:"id"`
	ActorID  *int64                    `json:"actor_id"`
	Action   string                    `json:"action"`
	Entity   string                    `json:"entity"`
	EntityID int64                     `json:"entity_id"`
	Changes  map[string]map[string]any `json:"changes"`
	At       string                    `json:"at"`
}

func (e *env) audit(token, query string) []auditEntry {
	e.t.Helper()
	r := e.must(200, "GET", "/api/v1/audit"+query, token, nil)
	var out []auditEntry
	if err := json.Unmarshal(r.Body, &out); err != nil {
		e.t.Fatalf("audit %s: %v", r.Body, err)
	}
	return out
}

func TestAuditLog(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.invite(o, "manager")
	id := e.createBuyer(m.Token, map[string]any{"name": "林小拼", "city": "杭州"})
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(id), m.Token, map[string]any{"city": "上海", "name": "林小拼"})
	e.must(200, "PATCH", "/api/v1/buyers/"+itoa(id), m.Token, map[string]any{"city": "上海"}) // no change: no entry
	e.must(200, "POST", "/api/v1/buyers/"+itoa(id)+"/stage", m.Token, map[string]any{"stage": "trial", "reason": "试播"})
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(id), o.Token, nil)
	e.must(204, "DELETE", "/api/v1/buyers/"+itoa(id)+"?purge=true", o.Token, nil)
	e.must(200, "PATCH", "/api/v1/team/"+itoa(m.UserID), o.Token, map[string]any{"role": "analyst"})
	e.must(204, "DELETE", "/api/v1/team/"+itoa(m.UserID), o.Token, nil)
	tok := e.must(201, "POST", "/api/v1/tokens", o.Token, map[string]any{"name": "bi", "scope": "read"}).JSON()
	e.must(204, "DELETE", "/api/v1/tokens/"+itoa(jnum(tok, "id")), o.Token, nil)

	all := e.audit(o.Token, "?limit=200")
	for i := 1; i < len(all); i++ {
		if all[i].ID >= all[i-1].ID {
			t.Fatalf("audit not newest first: %+v", all)
		}
	}
	find := func(action, entity string, eid int64) []auditEntry {
		var out []auditEntry
		for _, a := range all {
			if a.Action == action && a.Entity == entity && a.EntityID == eid {
				out = append(out, a)
			}
		}
		return out
	}
	must1 := func(action, entity string, eid int64, actor int64) auditEntry {
		t.Helper()
		got := find(action, entity, eid)
		if len(got) == 0 {
			t.Fatalf("no audit entry %s %s %d in %+v", action, entity, eid, all)
		}
		if got[0].ActorID == nil || *got[0].ActorID != actor {
			t.Errorf("%s %s: actor %v, want %d", action, entity, got[0].ActorID, actor)
		}
		if _, err := time.Parse(time.RFC3339, got[0].At); err != nil {
			t.Errorf("at %q", got[0].At)
		}
		return got[0]
	}
	c := must1("create", "buyer", id, m.UserID)
	if c.Changes["name"]["to"] != "林小拼" || c.Changes["name"]["from"] != nil {
		t.Errorf("create changes %v", c.Changes)
	}
	ups := find("update", "buyer", id)
	if len(ups) != 2 { // the city change and the archive
		t.Fatalf("buyer updates %+v", ups)
	}
	if ch := ups[1].Changes; len(ch) != 1 || ch["city"]["from"] != "杭州" || ch["city"]["to"] != "上海" {
		t.Errorf("update changes %v, want only city", ch)
	}
	if ch := ups[0].Changes; ch["status"]["from"] != "active" || ch["status"]["to"] != "archived" {
		t.Errorf("archive changes %v", ch)
	}
	st := must1("update", "stage", id, m.UserID)
	if st.Changes["stage"]["from"] != "prospect" || st.Changes["stage"]["to"] != "trial" {
		t.Errorf("stage changes %v", st.Changes)
	}
	d := must1("delete", "buyer", id, o.UserID)
	if d.Changes["name"]["from"] != "林小拼" {
		t.Errorf("delete changes %v", d.Changes)
	}
	must1("create", "team", m.UserID, m.UserID)
	if r := must1("update", "team", m.UserID, o.UserID); r.Changes["role"]["from"] != "manager" || r.Changes["role"]["to"] != "analyst" {
		t.Errorf("role change %v", r.Changes)
	}
	must1("delete", "team", m.UserID, o.UserID)
	must1("create", "token", jnum(tok, "id"), o.UserID)
	must1("delete", "token", jnum(tok, "id"), o.UserID)
	if len(find("create", "invite", 1)) == 0 {
		t.Errorf("invite not audited")
	}
	for _, a := range all {
		b, _ := json.Marshal(a.Changes)
		if strings.Contains(string(b), "$2a$") || strings.Contains(string(b), "hb_") && a.Entity != "token" {
			t.Errorf("audit leaks a secret: %s", b)
		}
	}

	// Filters and paging.
	if got := e.audit(o.Token, "?entity=buyer&entity_id="+itoa(id)); len(got) != 4 {
		t.Errorf("entity filter: %d entries", len(got))
	}
	page := e.audit(o.Token, "?limit=2")
	if len(page) != 2 || page[0].ID != all[0].ID {
		t.Fatalf("limit: %+v", page)
	}
	if next := e.audit(o.Token, "?limit=2&before_id="+itoa(page[1].ID)); len(next) != 2 || next[0].ID != all[2].ID {
		t.Fatalf("before_id: %+v", next)
	}
	for _, q := range []struct{ query, field string }{
		{"?entity_id=abc", "entity_id"}, {"?entity_id=0", "entity_id"}, {"?before_id=-1", "before_id"}, {"?limit=0", "limit"}, {"?limit=201", "limit"},
	} {
		wantField(t, e.do("GET", "/api/v1/audit"+q.query, o.Token, nil), q.field)
	}
}

// TestRemovingAMemberWithHistory: a member who made buyers, stage changes and
// API tokens can be removed; their tokens die and their history stays.
func TestRemovingAMemberWithHistory(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	o2 := e.invite(o, "manager")
	e.must(200, "PATCH", "/api/v1/team/"+itoa(o2.UserID), o.Token, map[string]any{"role": "owner"})
	id := e.createBuyer(o2.Token, map[string]any{"name": "A", "owner_id": o2.UserID})
	e.must(200, "POST", "/api/v1/buyers/"+itoa(id)+"/stage", o2.Token, map[string]any{"stage": "trial", "reason": "r"})
	tok := e.must(201, "POST", "/api/v1/tokens", o2.Token, map[string]any{"name": "t", "scope": "write"}).JSON()["token"].(string)
	e.must(200, "GET", "/api/v1/buyers", tok, nil)

	e.must(204, "DELETE", "/api/v1/team/"+itoa(o2.UserID), o.Token, nil)
	wantErr(t, e.do("GET", "/api/v1/buyers", tok, nil), 401, "unauthorized")
	if l := e.must(200, "GET", "/api/v1/tokens", o.Token, nil).List(); len(l) != 0 {
		t.Fatalf("tokens of a removed member are listed: %v", l)
	}
	b := e.buyer(o.Token, id)
	if b["owner_id"] != nil || b["stage"] != "trial" {
		t.Fatalf("buyer after removal %v", b)
	}
	h := e.must(200, "GET", "/api/v1/buyers/"+itoa(id)+"/stage-history", o.Token, nil).List()
	if len(h) != 1 || h[0].(map[string]any)["by_user_id"] != nil {
		t.Fatalf("history after removal %v", h)
	}
	if a := e.audit(o.Token, "?entity=buyer&entity_id="+itoa(id)); len(a) == 0 {
		t.Fatal("the removed member's audit entries are gone")
	}
}
