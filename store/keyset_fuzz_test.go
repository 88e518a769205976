package store

import (
	"errors"
	"testing"

	"huoban/models"
)

// FuzzDecodeCursor feeds arbitrary strings to the cursor decoder. Properties:
// no panic; an accepted cursor belongs to the sort asked for, has a positive
// id and survives Encode/Decode unchanged; a refused one is a 400 bad_request;
// and a typed sort value either converts or is refused the same way.
func FuzzDecodeCursor(f *testing.F) {
	v := "2026-11-23T10:00:00Z"
	n := "42"
	for _, c := range []Cursor{{Sort: "-created_at", Val: &v, ID: 7}, {Sort: "name", Val: &n, ID: 1}, {Sort: "-gmv_cents_90d", ID: 3}} {
		f.Add(c.Encode(), c.Sort)
	}
	for _, s := range []string{"", "!!!", "e30", "eyJzIjoibmFtZSJ9", "eyJzIjoibmFtZSIsImkiOi0xfQ", "bnVsbA", "W10"} {
		f.Add(s, "name")
	}
	kinds := []sortColumn{{Column: "n", Kind: kindInt}, {Column: "t", Kind: kindTime}, {Column: "s", Kind: kindText, Nullable: true}}
	f.Fuzz(func(t *testing.T, s, sort string) {
		c, err := DecodeCursor(s, sort)
		if err != nil {
			if !errors.Is(err, models.ErrBadRequest) {
				t.Fatalf("%q: error %v is not a bad request", s, err)
			}
			return
		}
		if s == "" {
			if c != nil {
				t.Fatal("empty cursor decoded")
			}
			return
		}
		if c.Sort != sort || c.ID <= 0 {
			t.Fatalf("%q accepted for sort %q: %+v", s, sort, c)
		}
		again, err := DecodeCursor(c.Encode(), sort)
		if err != nil || again.ID != c.ID || (again.Val == nil) != (c.Val == nil) || (c.Val != nil && *again.Val != *c.Val) {
			t.Fatalf("%q does not round-trip: %+v vs %+v (%v)", s, c, again, err)
		}
		if c.Val != nil {
			for _, k := range kinds {
				if _, err := k.param(*c.Val); err != nil && !errors.Is(err, models.ErrBadRequest) {
					t.Fatalf("param %q: %v", *c.Val, err)
				}
			}
		}
	})
}
