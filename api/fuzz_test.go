package api_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"huoban/api"
)

// writeRoutes are the route-table lines that take a request body or change
// state with POST or PATCH, in table order.
func writeRoutes(f *fixture) []api.RouteSpec {
	var out []api.RouteSpec
	for _, r := range f.srv.RouteSpecs() {
		if r.Method == "POST" || r.Method == "PATCH" {
			out = append(out, r)
		}
	}
	return out
}

// jsonSeeds are bodies every write route is seeded with: valid-looking,
// malformed, hostile.
var jsonSeeds = []string{
	`{}`, `{"name":"新买手"}`, `null`, `[]`, `"x"`, `{"a":1}{"b":2}`, `{"name":"x","name":"y"}`,
	`{"id":1,"brand_id":2}`, `{"buyer_id":1}`, `{"metrics":{"gmv_cents":-1}}`, `{"followers":1e400}`,
	`{"commission_pct":100.001}`, `{"start_on":"2026-02-30"}`, `{"target":9223372036854775808}`,
	`{"role":"owner"}`, `{"stage":"core","reason":"` + strings.Repeat("长", 600) + `"}`,
	`{"name":"\u0000\ud800"}`, `{"contact":{"email":"a@b"}}`, `{"interest_circles":[1,2]}`,
	`{"metrics":null}`, `{"code":"x","name":"y","email":"z@example.com","password":"correct horse"}`,
}

// FuzzJSONBodies sends fuzzed bodies to every POST and PATCH route of the
// route table as a caller of brand A whose role the route admits. Properties:
// no panic, no 5xx, every non-2xx in the contract's error body, and never a
// byte of brand B's data.
func FuzzJSONBodies(f *testing.F) {
	fx := newFixture(f)
	routes := writeRoutes(fx)
	bodies := map[string]any{}
	for _, ep := range endpoints {
		if ep.body != nil && !strings.Contains(ep.path, "/auth/") {
			bodies[ep.method+" "+ep.ginPath()] = ep.body(&world{buyerA: fx.a.buyer, collabA: fx.a.collab})
		}
	}
	for i, r := range routes {
		if b, ok := bodies[r.Method+" "+r.Path]; ok {
			j, _ := json.Marshal(b)
			f.Add(uint8(i), j)
		}
		for _, s := range jsonSeeds {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		spec := routes[int(which)%len(routes)]
		fx.t = t
		what := spec.Method + " " + spec.Path + " " + string(body)
		r := within(t, what, func() resp { return fx.do(spec.Method, fx.url(spec, fx.a), tokenFor(spec, fx.a), body) })
		checkContract(t, what, r)
	})
}

// FuzzCSVImport sends fuzzed CSV files to POST /collaborations/import.
// The importer is built on another branch; until it is merged here the route
// answers 404 and the target skips (see docs/RELIABILITY.md).
func FuzzCSVImport(f *testing.F) {
	fx := newFixture(f)
	probe := fx.raw(rawReq{method: "POST", path: "/api/v1/collaborations/import?dry_run=true", token: fx.a.owner.Token,
		ct: "text/csv", body: strings.NewReader("buyer_id\n")})
	if probe.Status == 404 || probe.Status == 405 {
		f.Skip("POST /collaborations/import is not in this tree yet")
	}
	head := "buyer_xhs_id,type,title,status,start_on,end_on,gmv_cents,orders,views,viewers\n"
	for _, s := range []string{
		head + "xhs-a,livestream,直播,completed,2026-11-01,2026-11-01,100000,10,1000,400\n",
		head + "xhs-" + secretB + ",note,偷,completed,2026-11-01,2026-11-01,1,1,1,1\n",
		"\ufeff" + head + "xhs-a,note,\"多行\n标题\",planned,2026-11-01,,0,0,0,0\n",
		head + "xhs-a,livestream,x,completed,2026-13-01,2026-11-01,-1,x,,\n",
		"buyer_id,buyer_id\n1,2\n", "\"unterminated\n", "", ",,,\n,,,\n",
		"buyer_id,type,title,status,start_on,id,brand_id,kpis\n1,note,t,planned,2026-11-01,5,2,{}\n",
	} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, csv []byte, dry bool) {
		fx.t = t
		path := "/api/v1/collaborations/import"
		if dry {
			path += "?dry_run=true"
		}
		r := within(t, "import", func() resp {
			return fx.raw(rawReq{method: "POST", path: path, token: fx.a.manager.Token, ct: "text/csv", body: strings.NewReader(string(csv))})
		})
		checkContract(t, "import "+qs("%q", csv), r)
	})
}

// FuzzListCursor sends fuzzed cursors and sorts to the keyset-paged lists.
func FuzzListCursor(f *testing.F) {
	fx := newFixture(f)
	first := fx.must(200, "GET", "/api/v1/buyers?limit=1&sort=-followers", fx.a.owner.Token, nil).JSON()
	cur, _ := first["next_cursor"].(string)
	lists := []string{"/api/v1/buyers", "/api/v1/collaborations", "/api/v1/goals"}
	for i := range lists {
		for _, s := range []struct{ cursor, sort string }{{cur, "-followers"}, {cur, "name"}, {"", "health"},
			{"eyJzIjoibmFtZSIsInYiOiIxIiwiaSI6MX0", "name"}, {"!!", ""}, {"eyJzIjoiLWdtdl9jZW50cyIsInYiOm51bGwsImkiOjF9", "-gmv_cents"}} {
			f.Add(uint8(i), s.cursor, s.sort)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, cursor, sort string) {
		fx.t = t
		q := "?limit=2&cursor=" + queryEscape(cursor) + "&sort=" + queryEscape(sort)
		r := within(t, q, func() resp { return fx.do("GET", lists[int(which)%len(lists)]+q, fx.a.owner.Token, nil) })
		checkContract(t, q, r)
		if r.Status != 200 && r.Status != 400 && r.Status != 422 {
			t.Fatalf("%s: %d %s", q, r.Status, r.Body)
		}
	})
}

// FuzzAuthorizationHeader sends fuzzed Authorization headers to GET /me: it
// answers 200 only for a valid token and 401 with the error body otherwise.
func FuzzAuthorizationHeader(f *testing.F) {
	fx := newFixture(f)
	valid := fx.a.owner.Token
	for _, s := range []string{"Bearer " + valid, "bearer " + valid, "Bearer  " + valid, "Bearer " + valid + "x",
		"Basic dXNlcjpwYXNz", "Bearer", "Bearer " + fx.a.readToken, "Bearer hb_", "Bearer " + valid[:len(valid)-2],
		"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "Bearer " + strings.Repeat("a", 5000), "Bearer\t" + valid} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, hdr string) {
		fx.t = t
		r := fx.raw(rawReq{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": hdr}})
		checkContract(t, qs("%q", hdr), r)
		if r.Status == 200 {
			if jnum(r.JSON(), "id") != fx.a.owner.UserID {
				t.Fatalf("%q signed in as someone else: %s", hdr, r.Body)
			}
			return
		}
		if r.Status != 401 {
			t.Fatalf("%q: %d %s", hdr, r.Status, r.Body)
		}
	})
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// within runs one request and fails the input when it takes over 5 s: a
// request that hangs is a denial of service even when it ends well.
func within(t *testing.T, what string, req func() resp) resp {
	t.Helper()
	done := make(chan resp, 1)
	start := time.Now()
	go func() { done <- req() }()
	select {
	case r := <-done:
		return r
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no answer after %v", what, time.Since(start).Round(time.Second))
		return resp{}
	}
}
