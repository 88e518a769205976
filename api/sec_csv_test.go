package api_test

// Issue 17, finding 2: CSV exports wrote formulas as they were, and trimming
// on import turned "\t=1+1" into a bare "=1+1".

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// formulas are the reported payloads.
var formulas = []string{`=HYPERLINK("http://x","y")`, `+cmd|' /C calc'!A0`, `-2+3+cmd`, `@SUM(1+1)`}

func readCSV(t *testing.T, r resp) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func col(recs [][]string, name string) int {
	for i, h := range recs[0] {
		if h == name {
			return i
		}
	}
	return -1
}

func TestExportsGuardFormulaCells(t *testing.T) {
	e := newEnv(t)
	o := e.register("公式")
	for _, f := range formulas {
		b := e.createBuyer(o.Token, map[string]any{"name": f, "city": f, "notes": f, "tags": []string{f},
			"contact": map[string]any{"wechat": f}})
		c := collabFor(b)
		c["title"], c["internal_notes"], c["shared_feedback"], c["products"] = f, f, f, []string{f}
		e.must(201, "POST", "/api/v1/collaborations", o.Token, c)
	}
	buyers := readCSV(t, e.must(200, "GET", "/api/v1/buyers/export.csv", o.Token, nil))
	collabs := readCSV(t, e.must(200, "GET", "/api/v1/collaborations/export.csv", o.Token, nil))
	check := func(recs [][]string, cols ...string) {
		t.Helper()
		if len(recs) != len(formulas)+1 {
			t.Fatalf("%d rows", len(recs))
		}
		for _, row := range recs[1:] {
			for _, name := range cols {
				v := row[col(recs, name)]
				if len(v) < 2 || v[0] != '\'' {
					t.Errorf("%s cell %q is not guarded", name, v)
				}
			}
		}
	}
	check(buyers, "name", "city", "notes", "tags", "contact_wechat")
	check(collabs, "title", "internal_notes", "shared_feedback", "products")
	// Numbers stay numbers.
	for _, row := range collabs[1:] {
		if v := row[col(collabs, "gmv_cents")]; v != "100000" {
			t.Errorf("gmv_cents %q", v)
		}
	}
}

// TestImportTrimmingStaysGuarded: "\t=1+1" is trimmed to "=1+1" on import,
// kept as the user's value, and exported guarded; an exported file imports
// back to the values it came from (the guard is the export's, not the user's).
func TestImportTrimmingStaysGuarded(t *testing.T) {
	e := newEnv(t)
	o := e.register("导入")
	e.createBuyer(o.Token, map[string]any{"name": "林", "xhs_id": "xhs_lin"})
	body := "buyer_xhs_id,type,title,start_on,internal_notes\n" +
		"xhs_lin,note,\"\t=1+1\",2026-11-01,@SUM(1+1)\n"
	if r := e.doCSV(importPath, o.Token, []byte(body), false); r.Status != 200 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	got := e.must(200, "GET", "/api/v1/collaborations", o.Token, nil).JSON()["items"].([]any)[0].(map[string]any)
	if got["title"] != "=1+1" || got["internal_notes"] != "@SUM(1+1)" {
		t.Fatalf("stored %v / %v", got["title"], got["internal_notes"])
	}
	exp := e.must(200, "GET", "/api/v1/collaborations/export.csv", o.Token, nil)
	recs := readCSV(t, exp)
	if v := recs[1][col(recs, "title")]; v != "'=1+1" {
		t.Fatalf("exported title %q", v)
	}
	// Export → import gives back the same values, not a growing pile of quotes.
	if r := e.doCSV(importPath, o.Token, exp.Body, false); r.Status != 200 {
		t.Fatalf("re-import: %d %s", r.Status, r.Body)
	}
	for _, it := range e.must(200, "GET", "/api/v1/collaborations", o.Token, nil).JSON()["items"].([]any) {
		if m := it.(map[string]any); m["title"] != "=1+1" || m["internal_notes"] != "@SUM(1+1)" {
			t.Fatalf("after the round trip: %v / %v", m["title"], m["internal_notes"])
		}
	}
}

// TestOpenAPIDocumentsSecurityRules: the export routes state the
// spreadsheet rule, the people-only routes that tokens get 403, and the
// bearer scheme what each token scope reaches.
func TestOpenAPIDocumentsSecurityRules(t *testing.T) {
	e := newEnv(t)
	doc := e.must(200, "GET", "/api/openapi.json", "", nil).JSON()
	paths := doc["paths"].(map[string]any)
	desc := func(path, method string) string {
		op, _ := paths[path].(map[string]any)[method].(map[string]any)
		s, _ := op["description"].(string)
		return s
	}
	for _, p := range []string{"/api/v1/buyers/export.csv", "/api/v1/collaborations/export.csv"} {
		if d := desc(p, "get"); !strings.Contains(d, "Spreadsheet safety") {
			t.Errorf("%s: %q", p, d)
		}
	}
	for _, p := range [][2]string{{"/api/v1/team/invites", "post"}, {"/api/v1/tokens", "post"}, {"/api/v1/audit", "get"},
		{"/api/v1/me", "patch"}, {"/api/v1/buyers/{id}/portal-access", "delete"}} {
		if d := desc(p[0], p[1]); !strings.Contains(d, "API tokens get 403") {
			t.Errorf("%s %s: %q", p[1], p[0], d)
		}
	}
	bearer := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)["bearer"].(map[string]any)
	if d, _ := bearer["description"].(string); !strings.Contains(d, "read reaches") || !strings.Contains(d, "actor_token") {
		t.Errorf("bearer: %q", d)
	}
}
