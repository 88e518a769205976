package api_test

// Issue 17, finding 1: a write-scope API token could take a brand over
// (invite a manager, accept, promote to owner, delete the real owner). API
// tokens now never reach the routes that manage people or credentials, and
// the audit log names the token when one acts.

import (
	"testing"
)

// TestTokenCannotTakeOverBrand replays the reported takeover with a
// write-scope token: it fails at the first step with 403, and nothing of it
// happened.
func TestTokenCannotTakeOverBrand(t *testing.T) {
	w := newWorld(t)
	before := w.snapshot()
	// Step 1: the invite for a manager.
	r := w.e.do("POST", "/api/v1/team/invites", w.tokenA, map[string]any{"role": "manager"})
	wantErr(t, r, 403, "forbidden")
	// The later steps are refused on their own too: promote, remove, new token, audit.
	wantErr(t, w.e.do("PATCH", "/api/v1/team/"+itoa(w.manager.UserID), w.tokenA, map[string]any{"role": "owner"}), 403, "forbidden")
	wantErr(t, w.e.do("DELETE", "/api/v1/team/"+itoa(w.owner.UserID), w.tokenA, nil), 403, "forbidden")
	wantErr(t, w.e.do("POST", "/api/v1/tokens", w.tokenA, map[string]any{"name": "x", "scope": "write"}), 403, "forbidden")
	wantErr(t, w.e.do("DELETE", "/api/v1/tokens/"+itoa(w.tokenIDA), w.tokenA, nil), 403, "forbidden")
	wantErr(t, w.e.do("GET", "/api/v1/audit", w.tokenA, nil), 403, "forbidden")
	wantErr(t, w.e.do("PATCH", "/api/v1/me", w.tokenA, map[string]any{"name": "x"}), 403, "forbidden")
	wantErr(t, w.e.do("POST", "/api/v1/buyers/"+itoa(w.buyerA)+"/invite", w.tokenA, nil), 403, "forbidden")
	if after := w.snapshot(); !jsonEq(before, after) {
		t.Fatalf("refused token calls changed the database:\n%v\n%v", before, after)
	}
	// The owner, signed in, still does all of it.
	w.e.must(201, "POST", "/api/v1/team/invites", w.owner.Token, map[string]any{"role": "manager"})
}

// TestTokenStillWritesData: the people-only column takes nothing from
// integrations: a write token still writes the brand's data.
func TestTokenStillWritesData(t *testing.T) {
	f := newFixture(t)
	for _, spec := range f.srv.RouteSpecs() {
		if spec.People || spec.Access == "public" || spec.Access == "buyer" || spec.Access == "anyUser" {
			continue
		}
		r := f.do(spec.Method, f.url(spec, f.a), f.a.writeToken, bodyFor(spec, f.a))
		if r.Status == 403 || r.Status == 401 {
			t.Errorf("%s %s with a write token: %d %s", spec.Method, spec.Path, r.Status, r.Body)
		}
	}
}

// TestAuditNamesTheToken: a write made with an API token is in the audit
// log with the token's id and name beside its owner; a person's is not.
func TestAuditNamesTheToken(t *testing.T) {
	w := newWorld(t)
	id := w.e.createBuyer(w.tokenA, map[string]any{"name": "集成写入"})
	w.e.must(200, "PATCH", "/api/v1/buyers/"+itoa(id), w.owner.Token, map[string]any{"city": "上海"})
	rows := w.e.must(200, "GET", "/api/v1/audit?entity=buyer&entity_id="+itoa(id), w.owner.Token, nil).List()
	if len(rows) != 2 {
		t.Fatalf("audit rows %v", rows)
	}
	byPerson, byToken := rows[0].(map[string]any), rows[1].(map[string]any)
	tok, _ := byToken["actor_token"].(map[string]any)
	if byToken["action"] != "create" || tok == nil || jnum(tok, "id") != w.tokenIDA || tok["name"] != "secret-token-name" ||
		jnum(byToken, "actor_id") != w.owner.UserID {
		t.Fatalf("the token's write: %v", byToken)
	}
	if byPerson["actor_token"] != nil || jnum(byPerson, "actor_id") != w.owner.UserID {
		t.Fatalf("the person's write: %v", byPerson)
	}
	// The token's name stays in the log after the token is deleted.
	w.e.must(204, "DELETE", "/api/v1/tokens/"+itoa(w.tokenIDA), w.owner.Token, nil)
	rows = w.e.must(200, "GET", "/api/v1/audit?entity=buyer&entity_id="+itoa(id), w.owner.Token, nil).List()
	if tok, _ := rows[1].(map[string]any)["actor_token"].(map[string]any); tok == nil || tok["name"] != "secret-token-name" {
		t.Fatalf("after the token went: %v", rows[1])
	}
}
