package handlers

import (
	"strconv"
	"strings"
	"time"

	"huoban/models"
)

// yuanColumns are the import columns that take amounts in yuan (元, up to 2
// decimals), each beside the cents field it fills.
var yuanColumns = map[string]string{
	"slot_fee_yuan": "slot_fee_cents", "sample_cost_yuan": "sample_cost_cents",
	"gmv_yuan": "gmv_cents", "refund_yuan": "refund_cents",
}

// importTemplate is the template's columns in order: the Chinese header a
// person reads, and the import column it fills.
var importTemplate = []struct{ header, column, note string }{
	{"买手小红书号", "buyer_xhs_id", "买手的小红书号（或用“买手ID”列）"},
	{"合作类型", "type", "直播带货 / 笔记带货 / 小清单 / 寄样种草"},
	{"标题", "title", "必填，最多 200 字"},
	{"商品", "products", "多个商品用 | 分隔"},
	{"状态", "status", "计划中 / 进行中 / 已完成 / 已取消（空为计划中）"},
	{"开始日期", "start_on", "必填，如 2026-05-01"},
	{"结束日期", "end_on", "不早于开始日期"},
	{"坑位费(元)", "slot_fee_yuan", "元，最多两位小数"},
	{"佣金比例(%)", "commission_pct", "0–100；空则用买手的佣金比例"},
	{"样品成本(元)", "sample_cost_yuan", "元，最多两位小数"},
	{"曝光量", "views", "整数"},
	{"观看人数", "viewers", "整数"},
	{"点击数", "clicks", "整数"},
	{"订单数", "orders", "整数"},
	{"件数", "units", "整数"},
	{"成交额(元)", "gmv_yuan", "元，最多两位小数"},
	{"退款额(元)", "refund_yuan", "元，不超过成交额"},
	{"互动数", "interactions", "整数"},
	{"品牌评分", "brand_rating", "1–5，可空"},
	{"共享反馈", "shared_feedback", "买手可见"},
	{"内部备注", "internal_notes", "仅品牌内部可见"},
}

// headerAliases are the other Chinese headers people use for a column.
var headerAliases = map[string]string{
	"买手id": "buyer_id", "小红书号": "buyer_xhs_id", "小红书id": "buyer_xhs_id", "买手小红书id": "buyer_xhs_id",
	"类型": "type", "合作标题": "title", "合作名称": "title", "商品名称": "products", "合作状态": "status",
	"坑位费(分)": "slot_fee_cents", "坑位费": "slot_fee_yuan", "佣金比例": "commission_pct", "佣金率(%)": "commission_pct",
	"佣金率": "commission_pct", "样品成本(分)": "sample_cost_cents", "寄样成本(元)": "sample_cost_yuan",
	"样品成本": "sample_cost_yuan", "浏览量": "views", "观看次数": "views", "点击量": "clicks", "销量": "units",
	"成交额(分)": "gmv_cents", "成交额": "gmv_yuan", "gmv(元)": "gmv_yuan", "退款额(分)": "refund_cents",
	"退款金额(元)": "refund_yuan", "退款额": "refund_yuan", "互动量": "interactions", "评分": "brand_rating",
	"反馈": "shared_feedback", "备注": "internal_notes", "商品明细": "items",
}

// normHeader folds a header for matching: trimmed, no spaces, full-width
// brackets and percent as ASCII, Latin letters lower case.
func normHeader(h string) string {
	h = strings.NewReplacer("（", "(", "）", ")", "％", "%", " ", "", "\u3000", "", "\uFEFF", "").Replace(strings.TrimSpace(h))
	return strings.ToLower(h)
}

// importColumnOf returns the import column a header names: an API name, a
// yuan column, a template header or an alias; "" for none.
func importColumnOf(header string) string {
	h := normHeader(header)
	if importColumns[h] || yuanColumns[h] != "" {
		return h
	}
	for _, t := range importTemplate {
		if normHeader(t.header) == h {
			return t.column
		}
	}
	return headerAliases[h]
}

// typeWords and statusWords are the Chinese values a cell may hold.
var (
	typeWords = map[string]models.CollabType{"直播带货": models.CollabLivestream, "直播": models.CollabLivestream,
		"笔记带货": models.CollabNote, "笔记": models.CollabNote, "小清单": models.CollabShopWindow, "橱窗": models.CollabShopWindow,
		"寄样种草": models.CollabSeeding, "寄样": models.CollabSeeding, "种草": models.CollabSeeding}
	statusWords = map[string]models.CollabStatus{"计划中": models.CollabPlanned, "计划": models.CollabPlanned,
		"进行中": models.CollabInProgress, "已完成": models.CollabCompleted, "完成": models.CollabCompleted,
		"已取消": models.CollabCancelled, "取消": models.CollabCancelled}
)

// parseYuan turns an amount in yuan with at most 2 decimals ("1,234.5",
// "¥80") into exact cents.
func parseYuan(s string) (int64, bool) {
	s = strings.NewReplacer("¥", "", "￥", "", ",", "", "，", "", " ", "", "元", "").Replace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && (!hasDot || frac == "") {
		return 0, false
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 || len(whole) > 15 || !allDigits(whole) || !allDigits(frac) {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// parseCount reads a whole number, allowing thousands separators and a
// spreadsheet's ".0".
func parseCount(s string) (int64, bool) {
	s = strings.NewReplacer(",", "", "，", "").Replace(s)
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = whole
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// importDate reads a date as people write it (2026-05-01, 2026/5/1,
// 2026.5.1, 2026年5月1日) or as .xlsx stores it (a serial day number).
func importDate(s string, fromXLSX bool) (models.Date, bool) {
	if fromXLSX && s != "" && allDigits(strings.Split(s, ".")[0]) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 {
			return models.DateOf(excelEpoch.AddDate(0, 0, int(f))), true
		}
	}
	norm := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(strings.TrimSpace(s))
	parts := strings.Split(norm, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", false
	}
	t, err := time.Parse("2006-1-2", norm)
	if err != nil {
		return "", false
	}
	return models.DateOf(t), true
}
