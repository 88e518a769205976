package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// StringList is a list of strings stored as a JSON array in one text column.
type StringList []string

// Value encodes the list as a JSON array; an empty list is "[]".
func (l StringList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]string(l))
	return string(b), err
}

// Scan decodes a JSON array from a text column.
func (l *StringList) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		*l = StringList{}
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("cannot scan %T into StringList", v)
	}
	if out, ok := parsePlainArray(b); ok {
		*l = out
		return nil
	}
	var out []string
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	if out == nil {
		out = []string{}
	}
	*l = out
	return nil
}

// parsePlainArray decodes the common shape of a stored list, a compact JSON
// array of strings without escapes such as ["露营","国风"], without the
// reflection of encoding/json (lists are scanned for every row of every
// buyer page). Anything else, escapes and whitespace included, reports false
// and is left to encoding/json.
func parsePlainArray(b []byte) ([]string, bool) {
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, false
	}
	body := b[1 : len(b)-1]
	if len(body) == 0 {
		return []string{}, true
	}
	if !utf8.Valid(body) {
		return nil, false // encoding/json replaces invalid bytes with U+FFFD
	}
	n := 1
	for _, c := range body {
		switch {
		case c == '\\' || c < 0x20:
			return nil, false
		case c == ',':
			n++ // an upper bound: commas inside strings count too
		}
	}
	out := make([]string, 0, n)
	for len(body) > 0 {
		if body[0] != '"' {
			return nil, false
		}
		end := 1
		for end < len(body) && body[end] != '"' {
			end++
		}
		if end == len(body) {
			return nil, false
		}
		out = append(out, string(body[1:end]))
		body = body[end+1:]
		if len(body) > 0 {
			if body[0] != ',' || len(body) == 1 {
				return nil, false
			}
			body = body[1:]
		}
	}
	return out, true
}
