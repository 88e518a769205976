package handlers

import "testing"

func TestParseYuanIsExact(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1": 100, "1.5": 150, "1234.56": 123456, "1,234.5": 123450, "¥80": 8000,
		"￥0.01": 1, ".5": 50, "10.50": 1050, "10.500": 1050, "-3.2": -320, "999999999999999.99": 99999999999999999} {
		if got, ok := parseYuan(in); !ok || got != want {
			t.Errorf("parseYuan(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1.234", "abc", "1.2.3", "1e3", "-", ".", "1234567890123456"} {
		if got, ok := parseYuan(in); ok {
			t.Errorf("parseYuan(%q) = %d, want refused", in, got)
		}
	}
}

func TestImportDateForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		xlsx bool
		want string
	}{
		{"2026-05-01", false, "2026-05-01"}, {"2026/5/1", false, "2026-05-01"}, {"2026.05.01", false, "2026-05-01"},
		{"2026年5月1日", false, "2026-05-01"}, {"46143", true, "2026-05-01"}, {"46143.5", true, "2026-05-01"},
	} {
		if got, ok := importDate(tc.in, tc.xlsx); !ok || string(got) != tc.want {
			t.Errorf("importDate(%q) = %q %v, want %s", tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{"46143", "2026-02-30", "05/01/2026", "yesterday"} {
		if got, ok := importDate(in, false); ok {
			t.Errorf("importDate(%q) = %q, want refused", in, got)
		}
	}
}

func TestXLSXNumberUndoesFloatNoise(t *testing.T) {
	for in, want := range map[string]string{"1234.5699999999999": "1234.57", "0.30000000000000004": "0.3",
		"1E+3": "1000", "12": "12", "2026.5.1": "2026.5.1", "e.g.": "e.g.", "1,234.5": "1,234.5"} {
		if got := xlsxNumber(in); got != want {
			t.Errorf("xlsxNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportColumnOf(t *testing.T) {
	for in, want := range map[string]string{"成交额(元)": "gmv_yuan", "成交额（元）": "gmv_yuan", " 合作类型 ": "type",
		"GMV_CENTS": "gmv_cents", "小红书号": "buyer_xhs_id", "佣金比例(％)": "commission_pct", "点赞": ""} {
		if got := importColumnOf(in); got != want {
			t.Errorf("importColumnOf(%q) = %q, want %q", in, got, want)
		}
	}
}
