package models

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Pct is a percentage stored exactly in hundredths of a percent (basis points
// of 100): 12.5% is 1250. On the wire it is a JSON number with up to 2 decimals.
type Pct int64

// errPctDecimals is returned for a number with more than two decimals.
var errPctDecimals = Custom(CodeInvalidDecimal, Params{"decimals": 2}, "must have at most 2 decimals").Err()

// ParsePct parses a decimal string such as "12.5" exactly.
func ParsePct(s string) (Pct, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if s == "" || strings.ContainsAny(s, "eE+") {
		return 0, Custom(CodeInvalidDecimal, Params{"decimals": 2}, "must be a plain decimal number").Err()
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		if strings.TrimRight(frac[2:], "0") != "" {
			return 0, errPctDecimals
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	if len(whole) > 12 {
		return 0, Custom(CodeInvalidDecimal, Params{"decimals": 2}, "is too large").Err()
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, Custom(CodeInvalidDecimal, Params{"decimals": 2}, "must be a number").Err()
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, Custom(CodeInvalidDecimal, Params{"decimals": 2}, "must be a number").Err()
	}
	v := Pct(w*100 + f)
	if neg {
		v = -v
	}
	return v, nil
}

// UnmarshalJSON accepts a JSON number with at most two decimals.
func (p *Pct) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '"' || b[0] == '{' || b[0] == '[' || bytes.Equal(b, []byte("true")) || bytes.Equal(b, []byte("false")) {
		return Custom(CodeInvalidDecimal, Params{"decimals": 2}, "must be a number").Err()
	}
	v, err := ParsePct(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalJSON writes the shortest exact decimal form, e.g. 12.5.
func (p Pct) MarshalJSON() ([]byte, error) {
	return []byte(p.String()), nil
}

// String returns the percentage as a decimal without a percent sign.
func (p Pct) String() string {
	v := int64(p)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s
}

// Float returns the percentage as a float64 for arithmetic that tolerates it.
func (p Pct) Float() float64 { return float64(p) / 100 }

var _ json.Marshaler = Pct(0)
