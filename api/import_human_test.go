package api_test

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const xlsxCT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// doSheet posts an upload with a content type.
func (e *env) doSheet(path, token, ct string, body []byte) resp {
	e.t.Helper()
	return e.raw(rawReq{method: "POST", path: path, token: token, ct: ct, body: bytes.NewReader(body)})
}

// xlsxOf builds an .xlsx file whose first sheet holds rows (time.Time
// values become date cells, numbers number cells).
func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantRowCode fails unless error.rows has row:field with code.
func wantRowCode(t *testing.T, r resp, row int, field, code string) map[string]any {
	t.Helper()
	if r.Status != 422 {
		t.Fatalf("status %d %s", r.Status, r.Body)
	}
	for _, x := range r.rows() {
		f, _ := x["field"].(string)
		if int(x["row"].(float64)) == row && f == field {
			if x["code"] != code || x["params"] == nil || x["message"] == "" {
				t.Fatalf("row %d %s: %v, want code %s", row, field, x, code)
			}
			return x
		}
	}
	t.Fatalf("no problem %d:%s in %s", row, field, r.Body)
	return nil
}

func (e *env) collabTotal(token string) float64 {
	return e.must(200, "GET", "/api/v1/collaborations?total=true", token, nil).JSON()["total"].(float64)
}

// TestImportXLSXChineseHeadersYuan: an .xlsx file with the template's
// Chinese headers, amounts in yuan, Chinese type and status words and date
// cells imports exactly; a bad row is reported with a code and nothing is
// written.
func TestImportXLSXChineseHeadersYuan(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	b := e.createBuyer(o.Token, map[string]any{"name": "林小拼", "xhs_id": "xhs_lin", "commission_pct": 10})
	header := []any{"买手小红书号", "合作类型", "标题", "状态", "开始日期", "成交额（元）", "退款额(元)", "订单数", "坑位费(元)"}
	day := time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC)
	good := []any{"xhs_lin", "直播带货", "国庆专场", "已完成", day, 1234.56, "0.5", 12, "1,000"}
	bad := []any{"xhs_lin", "笔记带货", "坏行", "已完成", "2026-10-04", "12.345", 0, 1, 0}
	r := e.doSheet(importPath, o.Token, xlsxCT, xlsxOf(t, [][]any{header, good, bad}))
	p := wantRowCode(t, r, 3, "gmv_yuan", "invalid_amount")
	if p["column"] != "成交额（元）" {
		t.Fatalf("the column as the file has it: %v", p)
	}
	if e.collabTotal(o.Token) != 0 {
		t.Fatal("a bad row must leave nothing written")
	}
	// Refund over GMV is said on the yuan column.
	over := []any{"xhs_lin", "笔记", "超额退款", "已完成", "2026-10-04", 10, 20, 1, 0}
	wantRowCode(t, e.doSheet(importPath, o.Token, "application/octet-stream", xlsxOf(t, [][]any{header, over})),
		2, "refund_yuan", "refund_over_gmv")

	r = e.doSheet(importPath, o.Token, xlsxCT, xlsxOf(t, [][]any{header, good, {}, {"xhs_lin", "寄样种草", "空行之后", "计划中", "2026/11/5"}}))
	if r.Status != 200 || r.JSON()["created"] != 2.0 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	items := e.must(200, "GET", "/api/v1/collaborations?sort=start_on", o.Token, nil).JSON()["items"].([]any)
	c := items[0].(map[string]any)
	m := c["metrics"].(map[string]any)
	if c["type"] != "livestream" || c["status"] != "completed" || c["start_on"] != "2026-10-03" ||
		m["gmv_cents"] != 123456.0 || m["refund_cents"] != 50.0 || m["orders"] != 12.0 || c["slot_fee_cents"] != 100000.0 ||
		c["commission_pct"] != 10.0 {
		t.Fatalf("imported %v", c)
	}
	if s := items[1].(map[string]any); s["type"] != "seeding" || s["status"] != "planned" || s["start_on"] != "2026-11-05" {
		t.Fatalf("second row %v", s)
	}
	_ = b
}

// TestImportCSVChineseYuanGBKAndMapping: Chinese headers with amounts in
// yuan in a UTF-8 and a GBK CSV; an unknown header asks for a mapping,
// which then imports.
func TestImportCSVChineseYuanGBKAndMapping(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	e.createBuyer(o.Token, map[string]any{"name": "阿野", "xhs_id": "camp_aye"})
	csvText := "买手小红书号,合作类型,标题,开始日期,成交额(元),佣金比例(%)\n" +
		"camp_aye,笔记带货,露营笔记,2026-09-01,\"8,064.5\",12.5%\n" +
		"camp_aye,播客,坏类型,2026-09-02,1,\n"
	r := e.doCSV(importPath, o.Token, []byte(csvText), false)
	p := wantRowCode(t, r, 3, "type", "one_of")
	if vals := fmt.Sprint(p["params"].(map[string]any)["values"]); vals != "[livestream note shop_window seeding]" {
		t.Fatalf("params %v", p["params"])
	}
	// The same file in GBK, as Chinese Excel saves CSV: the same problem, reported the same way.
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csvText))
	if err != nil {
		t.Fatal(err)
	}
	wantRowCode(t, e.doCSV(importPath, o.Token, gbk, false), 3, "type", "one_of")
	good, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.SplitAfter(csvText, "\n")[0] + strings.SplitAfter(csvText, "\n")[1]))
	r = e.doCSV(importPath, o.Token, good, false)
	if r.Status != 200 {
		t.Fatalf("gbk: %d %s", r.Status, r.Body)
	}
	c := e.must(200, "GET", "/api/v1/collaborations", o.Token, nil).JSON()["items"].([]any)[0].(map[string]any)
	if c["title"] != "露营笔记" || c["metrics"].(map[string]any)["gmv_cents"] != 806450.0 || c["commission_pct"] != 12.5 {
		t.Fatalf("gbk row %v", c)
	}

	// Headers nobody knows: a row-1 problem naming the header, then a mapping.
	odd := "达人,形式,主题,日期,成交\ncamp_aye,直播,夜场,2026-09-09,99.9\n"
	r = e.doCSV(importPath, o.Token, []byte(odd), false)
	p = wantRowCode(t, r, 1, "达人", "unknown_column")
	if p["params"].(map[string]any)["header"] != "达人" {
		t.Fatalf("params %v", p)
	}
	mapping := url.QueryEscape(`{"达人":"buyer_xhs_id","形式":"合作类型","主题":"title","日期":"start_on","成交":"gmv_yuan"}`)
	r = e.doCSV(importPath+"?dry_run=true&mapping="+mapping, o.Token, []byte(odd), false)
	if r.Status != 200 || r.JSON()["created"] != 1.0 || r.JSON()["dry_run"] != true {
		t.Fatalf("mapped dry run: %d %s", r.Status, r.Body)
	}
	r = e.doCSV(importPath+"?mapping="+mapping, o.Token, []byte(odd), false)
	if r.Status != 200 || e.collabTotal(o.Token) != 2 {
		t.Fatalf("mapped import: %d %s", r.Status, r.Body)
	}
	// Ignoring a column with "" and a bad mapping.
	r = e.doCSV(importPath+"?dry_run=true&mapping="+url.QueryEscape(`{"达人":"buyer_xhs_id","形式":"type","主题":"title","日期":"start_on","成交":""}`),
		o.Token, []byte("达人,形式,主题,日期,成交\ncamp_aye,note,x,2026-09-09,abc\n"), false)
	if r.Status != 200 {
		t.Fatalf("ignored column: %d %s", r.Status, r.Body)
	}
	wantDetail(t, e.doCSV(importPath+"?mapping="+url.QueryEscape(`{"达人":"likes"}`), o.Token, []byte(odd), false),
		"mapping", "unknown_column", "map[column:likes]")
	wantDetail(t, e.doCSV(importPath+"?mapping=[1]", o.Token, []byte(odd), false), "mapping", "invalid_type", "map[type:object]")
}

// TestImportTemplatesAndXLSXExports: the templates carry the Chinese
// headers in yuan and import back; the .xlsx exports write numbers as
// numbers and text cells safe; roles and brands are kept apart.
func TestImportTemplatesAndXLSXExports(t *testing.T) {
	e := newEnv(t)
	o := e.register("山茶花")
	analyst := e.invite(o, "analyst")
	b := e.createBuyer(o.Token, map[string]any{"name": "=HYPERLINK(\"x\")", "xhs_id": "xhs_lin"})
	other := e.register("别家")
	otherBuyer := e.createBuyer(other.Token, map[string]any{"name": "别家买手"})

	r := e.must(200, "GET", "/api/v1/collaborations/import-template.xlsx", analyst.Token, nil)
	if r.Header.Get("Content-Type") != xlsxCT {
		t.Fatalf("content type %q", r.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	if len(rows) != 1 || !strings.Contains(strings.Join(rows[0], ","), "成交额(元)") || rows[0][1] != "合作类型" {
		t.Fatalf("template %v", rows)
	}
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[1] != "说明" {
		t.Fatalf("sheets %v", sheets)
	}
	// Filled in, the template imports.
	row := make([]string, len(rows[0]))
	for i, h := range rows[0] {
		switch h {
		case "买手小红书号":
			row[i] = "xhs_lin"
		case "合作类型":
			row[i] = "小清单"
		case "标题":
			row[i] = "=cmd|' /C calc'!A0"
		case "开始日期":
			row[i] = "2026-11-01"
		case "成交额(元)":
			row[i] = "88.8"
		case "状态":
			row[i] = "已完成"
		}
	}
	cells := make([]any, len(row))
	for i, v := range row {
		cells[i] = v
	}
	header := make([]any, len(rows[0]))
	for i, v := range rows[0] {
		header[i] = v
	}
	f.Close()
	if r := e.doSheet(importPath, o.Token, xlsxCT, xlsxOf(t, [][]any{header, cells})); r.Status != 200 {
		t.Fatalf("template import: %d %s", r.Status, r.Body)
	}
	r = e.must(200, "GET", "/api/v1/collaborations/import-template.csv", o.Token, nil)
	if !strings.HasPrefix(string(r.Body), "\uFEFF买手小红书号,合作类型,标题") || !strings.Contains(string(r.Body), "成交额(元)") {
		t.Fatalf("csv template %q", r.Body)
	}

	// The .xlsx exports: numbers as numbers, text made safe.
	r = e.must(200, "GET", "/api/v1/collaborations/export.xlsx", analyst.Token, nil)
	f, err = excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = f.GetRows("collaborations")
	if len(rows) != 2 {
		t.Fatalf("export rows %v", rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if rows[1][col["title"]] != "'=cmd|' /C calc'!A0" || rows[1][col["gmv_cents"]] != "8880" || rows[1][col["type"]] != "shop_window" {
		t.Fatalf("export row %v", rows[1])
	}
	cell, _ := excelize.CoordinatesToCellName(col["gmv_cents"]+1, 2)
	if typ, _ := f.GetCellType("collaborations", cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("gmv_cents cell type %v", typ)
	}
	if v, _ := f.GetCellValue("collaborations", cell, excelize.Options{RawCellValue: true}); v != "8880" {
		t.Fatalf("gmv_cents raw %q", v)
	}
	f.Close()
	r = e.must(200, "GET", "/api/v1/buyers/export.xlsx?status=all", o.Token, nil)
	f, err = excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = f.GetRows("buyers")
	if len(rows) != 2 || rows[1][1] != "'=HYPERLINK(\"x\")" {
		t.Fatalf("buyers export %v", rows)
	}
	f.Close()
	// Another brand's buyer filters to nothing; another brand sees none of these.
	r = e.must(200, "GET", fmt.Sprintf("/api/v1/collaborations/export.xlsx?buyer_id=%d", otherBuyer), o.Token, nil)
	f, _ = excelize.OpenReader(bytes.NewReader(r.Body))
	if rows, _ = f.GetRows("collaborations"); len(rows) != 1 {
		t.Fatalf("another brand's buyer: %v", rows)
	}
	f.Close()
	r = e.must(200, "GET", "/api/v1/buyers/export.xlsx?status=all", other.Token, nil)
	f, _ = excelize.OpenReader(bytes.NewReader(r.Body))
	if rows, _ = f.GetRows("buyers"); len(rows) != 2 || rows[1][1] != "别家买手" {
		t.Fatalf("other brand's export: %v", rows)
	}
	f.Close()
	wantField(t, e.do("GET", "/api/v1/collaborations/export.xlsx?type=tv", o.Token, nil), "type")

	// Roles: no token, a buyer; an analyst may not import.
	for _, p := range []string{"/api/v1/collaborations/import-template.xlsx", "/api/v1/collaborations/import-template.csv",
		"/api/v1/collaborations/export.xlsx", "/api/v1/buyers/export.xlsx"} {
		wantErr(t, e.do("GET", p, "", nil), 401, "unauthorized")
	}
	wantErr(t, e.doSheet(importPath, analyst.Token, xlsxCT, xlsxOf(t, [][]any{header, cells})), 403, "forbidden")
	inv := e.must(201, "POST", fmt.Sprintf("/api/v1/buyers/%d/invite", b), o.Token, nil).JSON()
	buyer := sessionOf(e.must(201, "POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": inv["code"],
		"name": "林", "email": "lin@example.com", "password": "correct horse"}), "lin@example.com")
	for _, p := range []string{"/api/v1/collaborations/import-template.xlsx", "/api/v1/collaborations/export.xlsx",
		"/api/v1/buyers/export.xlsx"} {
		wantErr(t, e.do("GET", p, buyer.Token, nil), 403, "forbidden")
	}
	// Not a spreadsheet at all, and a broken .xlsx.
	wantErr(t, e.doSheet(importPath, o.Token, "image/png", []byte("x")), 400, "bad_request")
	wantRowCode(t, e.doSheet(importPath, o.Token, xlsxCT, []byte("PK\x03\x04broken")), 1, "", "invalid_file")
}
