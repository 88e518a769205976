package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"huoban/ics"
)

// property is one parsed content line: name, parameters and the unescaped value.
type property struct {
	name   string
	params string
	value  string
}

// parse reads an iCalendar stream as RFC 5545 describes it, independently of
// the writer: lines end in CRLF (3.1), a line starting with a space or tab
// continues the previous one (unfolding), no line passes 75 octets, and
// TEXT values unescape \\ \; \, \n and \N (3.3.11).
func parse(t *testing.T, data []byte) []property {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("the stream does not end with CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bare CR or LF inside a line: %q", l)
		}
		if len(l) > 75 {
			t.Fatalf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("a fold split a UTF-8 character: %q", l)
		}
		if l != "" && (l[0] == ' ' || l[0] == '\t') {
			if len(lines) == 0 {
				t.Fatal("continuation without a line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var out []property
	for _, l := range lines {
		i := strings.IndexByte(l, ':')
		if i < 0 {
			t.Fatalf("no colon in %q", l)
		}
		name, params, _ := strings.Cut(l[:i], ";")
		out = append(out, property{name: name, params: params, value: unescape(t, l[i+1:])})
	}
	return out
}

func unescape(t *testing.T, v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' {
			if v[i] == ';' || v[i] == ',' {
				t.Fatalf("unescaped %q in %q", v[i], v)
			}
			b.WriteByte(v[i])
			continue
		}
		i++
		if i == len(v) {
			t.Fatalf("dangling backslash in %q", v)
		}
		switch v[i] {
		case '\\', ';', ',':
			b.WriteByte(v[i])
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			t.Fatalf("bad escape \\%c in %q", v[i], v)
		}
	}
	return b.String()
}

func TestFeedParsesBack(t *testing.T) {
	long := strings.Repeat("春季新品露营灯直播专场，", 12) + "限时;特价\\第二场\n备注"
	stamp := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := ics.Calendar{ProdID: "-//Huoban//Calendar//ZH", Name: "伙伴 排期", Events: []ics.Event{
		{UID: "collaboration-1@huoban", Stamp: stamp, Start: stamp.Add(2 * time.Hour), End: stamp.Add(3 * time.Hour),
			Summary: long, Description: "a, b; c", Status: "TENTATIVE"},
		{UID: "collaboration-2@huoban", Stamp: stamp, Start: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), AllDay: true, Summary: "笔记"},
	}}
	data := c.Bytes()
	props := parse(t, data)
	folded := 0
	for _, l := range strings.Split(string(data), "\r\n") {
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 5 {
		t.Fatalf("the long title was folded into only %d continuations", folded)
	}
	var summaries, uids, stamps []string
	for _, p := range props {
		switch p.name {
		case "SUMMARY":
			summaries = append(summaries, p.value)
		case "UID":
			uids = append(uids, p.value)
		case "DTSTAMP":
			stamps = append(stamps, p.value)
		case "DTSTART":
			if p.params == "VALUE=DATE" && p.value != "20261201" {
				t.Errorf("all-day start %q", p.value)
			}
			if p.params == "" && p.value != "20261123T120000Z" {
				t.Errorf("start %q", p.value)
			}
		case "DESCRIPTION":
			if p.value != "a, b; c" {
				t.Errorf("description %q", p.value)
			}
		}
	}
	if len(summaries) != 2 || summaries[0] != long || summaries[1] != "笔记" {
		t.Fatalf("summaries %q", summaries)
	}
	if len(uids) != 2 || uids[0] != "collaboration-1@huoban" || len(stamps) != 2 || stamps[0] != "20261123T100000Z" {
		t.Fatalf("uids %q stamps %q", uids, stamps)
	}
	if props[0].name != "BEGIN" || props[0].value != "VCALENDAR" || props[len(props)-1].value != "VCALENDAR" {
		t.Fatalf("not one VCALENDAR: %v … %v", props[0], props[len(props)-1])
	}
}

// TestFoldNeverSplitsUTF8 folds every length of 1- to 4-octet characters.
func TestFoldNeverSplitsUTF8(t *testing.T) {
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, unit := range []string{"a", "é", "露", "😀"} {
		for n := 1; n < 120; n++ {
			s := strings.Repeat(unit, n)
			c := ics.Calendar{ProdID: "x", Events: []ics.Event{{UID: "u", Stamp: stamp, Start: stamp, End: stamp, Summary: s}}}
			for _, p := range parse(t, c.Bytes()) {
				if p.name == "SUMMARY" && p.value != s {
					t.Fatalf("%q×%d came back as %q", unit, n, p.value)
				}
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{`a\b`: `a\\b`, "a;b,c": `a\;b\,c`, "x\r\ny\nz": `x\ny\nz`, "bell\x07": "bell",
		"bad\xff": "bad\uFFFD"} {
		if got := ics.EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
