package models

import (
	"bytes"
	"database/sql/driver"
	"fmt"
	"time"
)

// DateLayout is the wire and storage format of calendar dates.
const DateLayout = "2006-01-02"

// Date is a calendar date without time or zone, stored as "YYYY-MM-DD" text
// so that it sorts and compares correctly in SQL.
type Date string

// ParseDate validates s as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Format(DateLayout) != s {
		return "", InvalidDate().Err()
	}
	return Date(s), nil
}

// DateOf returns the calendar date of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// Time returns midnight UTC of the date; the zero time for an empty date.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == "" }

// UnmarshalJSON accepts "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*d = ""
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return InvalidDate().Err()
	}
	v, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes the date as a string, or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return []byte(`"` + string(d) + `"`), nil
}

// Value stores the date as text, NULL when unset.
func (d Date) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a date stored as text (or a time from drivers that convert).
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = ""
	case string:
		*d = Date(x)
	case []byte:
		*d = Date(x)
	case time.Time:
		*d = DateOf(x)
	default:
		return fmt.Errorf("cannot scan %T into Date", v)
	}
	if len(*d) > 10 {
		*d = (*d)[:10]
	}
	return nil
}
