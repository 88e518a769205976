package handlers

// SpreadsheetText makes a text cell of a CSV or xlsx export safe to open in a
// spreadsheet program (OWASP "CSV Injection"): a value that starts with =, +,
// -, @, a tab or a carriage return is prefixed with a single quote, so Excel,
// WPS or LibreOffice show it as text instead of running it as a formula. The
// rest of the value is the user's own, unchanged. Numeric columns are written
// without it, so a negative number stays a number.
func SpreadsheetText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// spreadsheetValue undoes SpreadsheetText on an imported text cell: a quote
// that guards a formula character is the export's, not the user's, so a file
// exported and imported again gives back the values it was made from. What
// is left is stored as it is; every export guards it again.
func spreadsheetValue(s string) string {
	if len(s) >= 2 && s[0] == '\'' && SpreadsheetText(s[1:]) != s[1:] {
		return s[1:]
	}
	return s
}
