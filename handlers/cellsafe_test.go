package handlers

import "testing"

func TestSpreadsheetText(t *testing.T) {
	cases := map[string]string{
		"":                           "",
		"露营":                         "露营",
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+cmd|' /C calc'!A0":         "'+cmd|' /C calc'!A0",
		"-2+3+cmd":                   "'-2+3+cmd",
		"@SUM(1+1)":                  "'@SUM(1+1)",
		"\t=1+1":                     "'\t=1+1",
		"\r=1+1":                     "'\r=1+1",
		"a=1":                        "a=1",
		" =1":                        " =1",
	}
	for in, want := range cases {
		if got := SpreadsheetText(in); got != want {
			t.Errorf("SpreadsheetText(%q) = %q, want %q", in, got, want)
		}
	}
}
