package api_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// doCSV posts a CSV body; chunked hides its length as a chunked upload would.
func (e *env) doCSV(path, token string, body []byte, chunked bool) resp {
	e.t.Helper()
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "text/csv")
	if chunked {
		req.ContentLength = -1
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	return resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
}

// rows returns error.rows of an error body.
func (r resp) rows() []map[string]any {
	e, _ := r.JSON()["error"].(map[string]any)
	l, _ := e["rows"].([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		out = append(out, x.(map[string]any))
	}
	return out
}

const importPath = "/api/v1/collaborations/import"

func TestImportCollaborations(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	analyst := e.invite(o, "analyst")
	b1 := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "xhs_lin", "commission_pct": 12.5})
	e.createBuyer(o.Token, map[string]any{"name": "阿野", "xhs_id": "camp_aye"})
	other := e.register("别家")
	e.createBuyer(other.Token, map[string]any{"name": "别家买手", "xhs_id": "other_x"})
	otherID := e.createBuyer(other.Token, map[string]any{"name": "别家买手2"})

	good := "\uFEFFbuyer_xhs_id,type,title,products,status,start_on,end_on,gmv_cents,refund_cents,orders,views,commission_pct\n" +
		"xhs_lin,livestream,\"拼豆, 专场\",A|B,completed,2026-11-01,2026-11-02,100000,0,10,1000,\n" +
		"camp_aye,note,\"多行\n标题\",,completed,2026-11-10,,5000,100,1,100,10\n"
	// Dry run checks only.
	r := e.doCSV(importPath+"?dry_run=true", o.Token, []byte(good), false)
	if r.Status != 200 || r.JSON()["created"] != 2.0 || r.JSON()["dry_run"] != true {
		t.Fatalf("dry run: %d %s", r.Status, r.Body)
	}
	if l := e.must(200, "GET", "/api/v1/collaborations?total=true", o.Token, nil).JSON(); l["total"] != 0.0 {
		t.Fatalf("dry run wrote rows")
	}
	r = e.doCSV(importPath, o.Token, []byte(good), false)
	if r.Status != 200 || r.JSON()["created"] != 2.0 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	items := e.must(200, "GET", "/api/v1/collaborations?sort=start_on", o.Token, nil).JSON()["items"].([]any)
	first := items[0].(map[string]any)
	if first["title"] != "拼豆, 专场" || first["commission_pct"] != 12.5 || len(first["products"].([]any)) != 2 ||
		first["kpis"].(map[string]any)["commission_cents"] != 12500.0 {
		t.Fatalf("first row: %v", first)
	}
	if items[1].(map[string]any)["title"] != "多行\n标题" {
		t.Fatalf("quoted newline: %v", items[1])
	}
	if s := e.buyerStats(o.Token, b1); s["gmv_cents_total"] != 100000.0 || s["collaborations"] != 1.0 {
		t.Fatalf("stats after import: %v", s)
	}
	audit := e.must(200, "GET", "/api/v1/audit?entity=collaboration", o.Token, nil).List()
	if len(audit) != 1 || audit[0].(map[string]any)["action"] != "import" {
		t.Fatalf("audit: %v", audit)
	}

	// GBK-encoded file.
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("buyer_xhs_id,type,title,start_on\nxhs_lin,seeding,寄样种草测评,2026-11-05\n"))
	r = e.doCSV(importPath, o.Token, gbk, false)
	if r.Status != 200 {
		t.Fatalf("gbk: %d %s", r.Status, r.Body)
	}
	l := e.must(200, "GET", "/api/v1/collaborations?type=seeding", o.Token, nil).JSON()["items"].([]any)
	if len(l) != 1 || l[0].(map[string]any)["title"] != "寄样种草测评" {
		t.Fatalf("gbk title: %v", l)
	}

	tests := []struct {
		name   string
		body   string
		status int
		want   []string // "row:field" expected in error.rows
	}{
		{"empty file", "", 422, []string{"1:"}},
		{"header only", "buyer_xhs_id,type,title,start_on\n", 200, nil},
		{"unknown column", "buyer_xhs_id,type,title,start_on,likes\n", 422, []string{"1:likes"}},
		{"duplicated column", "buyer_xhs_id,type,title,start_on,title\n", 422, []string{"1:title"}},
		{"missing required columns", "buyer_xhs_id,title\n", 422, []string{"1:type", "1:start_on"}},
		{"no buyer column", "type,title,start_on\n", 422, []string{"1:buyer_xhs_id"}},
		{"another brand's buyer by xhs_id", "buyer_xhs_id,type,title,start_on\nother_x,note,t,2026-11-01\n", 422, []string{"2:buyer_xhs_id"}},
		{"another brand's buyer by id", fmt.Sprintf("buyer_id,type,title,start_on\n%d,note,t,2026-11-01\n", otherID), 422, []string{"2:buyer_id"}},
		{"every bad row is reported", "buyer_xhs_id,type,title,start_on,gmv_cents,refund_cents\n" +
			"xhs_lin,note,ok,2026-11-01,10,0\n" +
			"xhs_lin,tv,,2026-13-01,x,0\n" +
			"xhs_lin,note,t,2026-11-01,5,6\n" +
			"nobody,note,t,2026-11-01,1,0\n", 422,
			[]string{"3:type", "3:title", "3:start_on", "3:gmv_cents", "4:refund_cents", "5:buyer_xhs_id"}},
		{"wrong field count", "buyer_xhs_id,type,title,start_on\nxhs_lin,note,t\n", 422, []string{"2:"}},
		{"bare quote", "buyer_xhs_id,type,title,start_on\nxhs_lin,note,a\"b,2026-11-01\n", 422, []string{"2:"}},
	}
	before := e.must(200, "GET", "/api/v1/collaborations?total=true", o.Token, nil).JSON()["total"]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.doCSV(importPath, o.Token, []byte(tt.body), false)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			got := map[string]bool{}
			for _, row := range r.rows() {
				got[fmt.Sprintf("%d:%s", num(row["row"]), row["field"])] = true
				got[fmt.Sprintf("%d:", num(row["row"]))] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing problem %s in %s", w, r.Body)
				}
			}
		})
	}
	if after := e.must(200, "GET", "/api/v1/collaborations?total=true", o.Token, nil).JSON()["total"]; after != before {
		t.Fatalf("failed imports wrote rows: %v → %v", before, after)
	}

	// Access, content type and size.
	if r := e.doCSV(importPath, analyst.Token, []byte(good), false); r.Status != 403 {
		t.Fatalf("analyst import: %d", r.Status)
	}
	if r := e.do("POST", importPath, o.Token, good); r.Status != 400 {
		t.Fatalf("JSON content type: %d", r.Status)
	}
	if r := e.doCSV(importPath+"?dry_run=maybe", o.Token, []byte(good), false); r.Status != 422 {
		t.Fatalf("bad dry_run: %d", r.Status)
	}
	big := bytes.Repeat([]byte("a"), 20<<20+1)
	for _, chunked := range []bool{false, true} {
		if r := e.doCSV(importPath, o.Token, big, chunked); r.Status != 413 || r.ErrCode() != "payload_too_large" {
			t.Fatalf("20 MiB + 1 (chunked %v): %d %s", chunked, r.Status, r.Body)
		}
	}
}

func TestExportCSV(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	analyst := e.invite(o, "analyst")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼, \"拼豆\"", "xhs_id": "xhs_lin", "interest_circles": []string{"拼豆", "手作"}})
	e.createBuyer(o.Token, map[string]any{"name": "阿野", "stage": "core"})
	for i := 0; i < 5; i++ {
		typ := "note"
		if i%2 == 0 {
			typ = "livestream"
		}
		e.createCollab(o.Token, collabBody(b, map[string]any{"type": typ, "title": fmt.Sprintf("合作 %d", i)}))
	}
	other := e.register("别家")
	ob := e.createBuyer(other.Token, map[string]any{"name": "别家"})
	e.createCollab(other.Token, collabBody(ob, nil))

	read := func(path string) [][]string {
		t.Helper()
		r := e.must(200, "GET", path, analyst.Token, nil)
		if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		if !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("disposition %q", r.Header.Get("Content-Disposition"))
		}
		if !bytes.HasPrefix(r.Body, []byte("\uFEFF")) {
			t.Fatalf("no BOM")
		}
		recs, err := csv.NewReader(bytes.NewReader(r.Body[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	if recs := read("/api/v1/collaborations/export.csv"); len(recs) != 6 || recs[0][0] != "id" {
		t.Fatalf("collaborations: %d rows", len(recs))
	}
	if recs := read("/api/v1/collaborations/export.csv?type=livestream"); len(recs) != 4 {
		t.Fatalf("filtered: %d rows", len(recs))
	}
	recs := read("/api/v1/buyers/export.csv")
	if len(recs) != 3 || recs[1][1] != "林小拼, \"拼豆\"" || recs[1][6] != "拼豆|手作" || recs[1][17] != "5" {
		t.Fatalf("buyers: %v", recs)
	}
	if recs := read("/api/v1/buyers/export.csv?stage=core"); len(recs) != 2 {
		t.Fatalf("buyers filtered: %v", recs)
	}
	if r := e.do("GET", "/api/v1/collaborations/export.csv?sort=nope", o.Token, nil); r.Status != 422 {
		t.Fatalf("bad sort: %d", r.Status)
	}
	if r := e.do("GET", "/api/v1/buyers/export.csv", "", nil); r.Status != 401 {
		t.Fatalf("no token: %d", r.Status)
	}

	// An export imports again (server-owned columns are ignored).
	exp := e.must(200, "GET", "/api/v1/collaborations/export.csv", o.Token, nil).Body
	r := e.doCSV(importPath+"?dry_run=true", o.Token, exp, false)
	if r.Status != 200 || r.JSON()["created"] != 5.0 {
		t.Fatalf("re-import: %d %s", r.Status, r.Body)
	}
}

func TestImportRefusesNULCharacters(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "lin"})
	body := "buyer_xhs_id,type,title,status,start_on\nlin,note,a\x00b,completed,2026-11-01\n"
	r := e.doCSV("/api/v1/collaborations/import", o.Token, []byte(body), false)
	if r.Status != 422 || !strings.Contains(string(r.Body), "NUL") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
}
