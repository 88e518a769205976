package handlers

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// The hottest answers (a buyer, a page of buyers) are written by hand with
// these appenders instead of encoding/json's reflection, which was a fifth of
// the cost of a page of buyers. The bytes are exactly encoding/json's
// (buyer_json_test.go compares them on random values of every field).

const hexDigits = "0123456789abcdef"

// invalidUTF8 is what encoding/json writes for a byte that is not UTF-8:
// `\ufffd` up to Go 1.26, the character U+FFFD itself from Go 1.27. Taken from
// the encoding/json this binary is linked with, so the two always agree.
var invalidUTF8 = func() string {
	b, err := json.Marshal("\xff")
	if err != nil || len(b) < 2 {
		return `\ufffd`
	}
	return string(b[1 : len(b)-1])
}()

// appendString appends s as a JSON string, escaped as encoding/json does:
// control characters, quote and backslash, <, > and & (HTML-safe), U+2028
// and U+2029, and invalid UTF-8 as U+FFFD (invalidUTF8).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, invalidUTF8...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendStrings appends a JSON array of strings (null for a nil slice).
func appendStrings(b []byte, l []string) []byte {
	if l == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendOptString appends a string, or null for nil.
func appendOptString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendOptInt appends an integer, or null for nil.
func appendOptInt(b []byte, n *int64) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, *n, 10)
}

// appendDate appends a date as models.Date marshals it: a string, or null when unset.
func appendDate(b []byte, d models.Date) []byte {
	if d == "" {
		return append(b, "null"...)
	}
	return appendString(b, string(d))
}

// appendTime appends t as time.Time marshals it (RFC 3339 with nanoseconds).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b, err := t.AppendText(b)
	if err != nil { // a year outside 0–9999; encoding/json would fail too
		b = append(b, "0001-01-01T00:00:00Z"...)
	}
	return append(b, '"')
}

// writeJSONBytes sends a body built by the appenders.
func writeJSONBytes(c *gin.Context, status int, body []byte) {
	c.Data(status, "application/json; charset=utf-8", body)
}

// appendList appends a page as encoding/json would encode List[T], each
// item with appendItem.
func appendList[T any](b []byte, l *List[T], appendItem func([]byte, *T) []byte) []byte {
	if l.Items == nil {
		b = append(b, `{"items":null`...)
	} else {
		b = append(b, `{"items":[`...)
		for i := range l.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendItem(b, &l.Items[i])
		}
		b = append(b, ']')
	}
	b = append(b, `,"next_cursor":`...)
	b = appendOptString(b, l.NextCursor)
	if l.Total != nil {
		b = append(b, `,"total":`...)
		b = strconv.AppendInt(b, *l.Total, 10)
	}
	return append(b, '}')
}
