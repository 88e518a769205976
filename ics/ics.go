// Package ics writes iCalendar (RFC 5545) feeds: CRLF line ends, lines
// folded at 75 octets without splitting a UTF-8 character, TEXT values
// escaped, every event with a UID and a DTSTAMP.
package ics

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one VEVENT. With AllDay, Start and End are days (End exclusive,
// as RFC 5545 counts DTEND); otherwise they are instants written in UTC.
type Event struct {
	UID         string
	Stamp       time.Time
	Start, End  time.Time
	AllDay      bool
	Summary     string
	Description string
	// Status is TENTATIVE, CONFIRMED or CANCELLED; empty leaves it out.
	Status string
	// Modified becomes LAST-MODIFIED when set.
	Modified time.Time
}

// Calendar is a VCALENDAR with a name.
type Calendar struct {
	ProdID string
	Name   string
	Events []Event
}

// maxOctets is the longest a content line may be, CRLF excluded (RFC 5545 3.1).
const maxOctets = 75

// Bytes returns the calendar in RFC 5545's text form.
func (c *Calendar) Bytes() []byte {
	var w writer
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + c.ProdID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	if c.Name != "" {
		w.line("X-WR-CALNAME:" + EscapeText(c.Name))
	}
	for i := range c.Events {
		e := &c.Events[i]
		w.line("BEGIN:VEVENT")
		w.line("UID:" + EscapeText(e.UID))
		w.line("DTSTAMP:" + utc(e.Stamp))
		if e.AllDay {
			w.line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
			w.line("DTEND;VALUE=DATE:" + e.End.Format("20060102"))
		} else {
			w.line("DTSTART:" + utc(e.Start))
			w.line("DTEND:" + utc(e.End))
		}
		if !e.Modified.IsZero() {
			w.line("LAST-MODIFIED:" + utc(e.Modified))
		}
		w.line("SUMMARY:" + EscapeText(e.Summary))
		if e.Description != "" {
			w.line("DESCRIPTION:" + EscapeText(e.Description))
		}
		if e.Status != "" {
			w.line("STATUS:" + e.Status)
		}
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return w.b
}

// utc formats an instant as a UTC DATE-TIME (form 2 of RFC 5545 3.3.5).
func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// EscapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and newline; other control characters, which TEXT may not hold,
// are dropped, and invalid UTF-8 becomes U+FFFD.
func EscapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF is one newline
			}
			b.WriteString(`\n`)
		default:
			if ch < 0x20 && ch != '\t' || ch == 0x7f {
				continue
			}
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// writer collects folded content lines.
type writer struct{ b []byte }

// line appends one content line, folded: a line longer than 75 octets is
// broken before the character that would pass 75, and each continuation
// starts with a space (which counts toward its 75).
func (w *writer) line(s string) {
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b = append(w.b, s[:cut]...)
		w.b = append(w.b, "\r\n "...)
		s = s[cut:]
		limit = maxOctets - 1
	}
	w.b = append(w.b, s...)
	w.b = append(w.b, "\r\n"...)
}
