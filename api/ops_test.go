package api_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRouter fails when a route exists in the router but not in
// the served document, or the other way round.
func TestOpenAPIMatchesRouter(t *testing.T) {
	e := newEnv(t)
	r := e.must(200, "GET", "/api/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`\{([a-z_]+)\}`)
	inDoc := map[string]bool{}
	for p, ops := range doc.Paths {
		for method, op := range ops {
			ginPath := param.ReplaceAllString(p, ":$1")
			inDoc[strings.ToUpper(method)+" "+ginPath] = true
			if _, ok := op["responses"]; !ok {
				t.Errorf("%s %s has no responses", method, p)
			}
			// Every path parameter is declared.
			declared := map[string]bool{}
			params, _ := op["parameters"].([]any)
			for _, pr := range params {
				m := pr.(map[string]any)
				if m["in"] == "path" {
					declared[m["name"].(string)] = true
				}
			}
			for _, m := range param.FindAllStringSubmatch(p, -1) {
				if !declared[m[1]] {
					t.Errorf("%s %s does not declare path parameter %s", method, p, m[1])
				}
			}
		}
	}
	inRouter := map[string]bool{}
	for _, rt := range e.srv.Routes() {
		inRouter[rt.Method+" "+rt.Path] = true
	}
	var missing, extra []string
	for k := range inRouter {
		if !inDoc[k] {
			missing = append(missing, k)
		}
	}
	for k := range inDoc {
		if !inRouter[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from /api/openapi.json: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("documented operations with no route: %v", extra)
	}
	if len(inRouter) < 20 {
		t.Fatalf("only %d routes; the router listing looks wrong", len(inRouter))
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	for _, c := range []struct {
		path, token string
		status      int
		html        bool
	}{
		{"/api/v1/me", o.Token, 200, false},
		{"/api/v1/me", "", 401, false},
		{"/api/v1/unknown", o.Token, 404, false},
		{"/api/openapi.json", "", 200, false},
		{"/healthz", "", 200, false},
		{"/", "", 200, true},
		{"/buyers/123", "", 200, true},
		{"/settings/team", "", 200, true},
	} {
		r := e.do("GET", c.path, c.token, nil)
		if r.Status != c.status {
			t.Errorf("%s: %d, want %d", c.path, r.Status, c.status)
		}
		h := r.Header
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", c.path, h.Get("X-Content-Type-Options"))
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", c.path, csp)
		}
		if h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: no Referrer-Policy", c.path)
		}
		if h.Get("X-Request-ID") == "" {
			t.Errorf("%s: no X-Request-ID", c.path)
		}
		ct := h.Get("Content-Type")
		if c.html != strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: content type %q", c.path, ct)
		}
		if !c.html && !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: content type %q", c.path, ct)
		}
		if strings.HasPrefix(c.path, "/api/") && h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", c.path, h.Get("Cache-Control"))
		}
		if c.html && !strings.Contains(strings.ToLower(string(r.Body)), "<html") {
			t.Errorf("%s: not HTML: %.100s", c.path, r.Body)
		}
	}
	if r := e.must(200, "GET", "/healthz", "", nil); r.JSON()["status"] != "ok" {
		t.Fatalf("healthz %s", r.Body)
	}
	// Missing built assets are not answered with the page.
	if r := e.do("GET", "/assets/missing-1234.js", "", nil); r.Status != 404 {
		t.Errorf("missing asset: %d", r.Status)
	}
	// The SPA answers unknown API paths with JSON, never with its page.
	wantErr(t, e.do("GET", "/api/v1/buyers/123/nothing", "", nil), 404, "not_found")
	// A client-chosen request id is echoed when sane, replaced when not.
	r := e.raw(rawReq{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "abc-123"}})
	if r.Header.Get("X-Request-ID") != "abc-123" {
		t.Errorf("request id %q", r.Header.Get("X-Request-ID"))
	}
	r = e.raw(rawReq{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "bad id\twith spaces"}})
	if r.Header.Get("X-Request-ID") == "bad id\twith spaces" {
		t.Error("an unsafe request id is echoed")
	}
}

// TestInternalErrorsRevealNothing: with the database gone, answers carry the
// contract's body and nothing about SQL or the driver.
func TestInternalErrorsRevealNothing(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	id := e.createBuyer(o.Token, map[string]any{"name": "A"})
	e.db.Close()
	for _, c := range []struct{ method, path, token string }{
		{"GET", "/api/v1/buyers/" + itoa(id), o.Token},
		{"GET", "/healthz", ""},
		{"POST", "/api/v1/auth/login", ""},
	} {
		var body any
		if c.method == "POST" {
			body = map[string]any{"email": o.Email, "password": pw}
		}
		r := e.do(c.method, c.path, c.token, body)
		if r.Status < 500 || (r.ErrCode() != "internal" && r.ErrCode() != "unavailable") {
			t.Errorf("%s: %d %s", c.path, r.Status, r.Body)
		}
		low := strings.ToLower(string(r.Body))
		for _, leak := range []string{"sql", "select", "database is closed", "gorm", "goroutine", ".go:"} {
			if strings.Contains(low, leak) {
				t.Errorf("%s: answer reveals %q: %s", c.path, leak, r.Body)
			}
		}
	}
}
