package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"huoban/db"
	"huoban/models"
)

func TestCursorRoundTripAndChecks(t *testing.T) {
	v := "林小拼"
	c := Cursor{Sort: "-name", Val: &v, ID: 42}
	got, err := DecodeCursor(c.Encode(), "-name")
	if err != nil || got.ID != 42 || *got.Val != v || got.Sort != "-name" {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if got, err := DecodeCursor("", "name"); got != nil || err != nil {
		t.Fatal("an empty cursor is not the first page")
	}
	null := Cursor{Sort: "last_collaboration_on", ID: 3}.Encode()
	if got, err := DecodeCursor(null, "last_collaboration_on"); err != nil || got.Val != nil {
		t.Fatalf("null value: %+v %v", got, err)
	}
	for name, s := range map[string]string{
		"other sort":    c.Encode(),
		"not base64":    "!!!",
		"not json":      "aGVsbG8",
		"zero id":       Cursor{Sort: "name", Val: &v}.Encode(),
		"too long":      string(make([]byte, 600)),
		"padded base64": c.Encode() + "==",
	} {
		if _, err := DecodeCursor(s, "name"); !errors.Is(err, models.ErrBadRequest) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestLikePatternEscapesWildcards(t *testing.T) {
	for in, want := range map[string]string{
		"abc": "%abc%", "100%": `%100\%%`, "a_b": `%a\_b%`, `c:\d`: `%c:\\d%`, "拼豆": "%拼豆%",
	} {
		if got := likePattern(in); got != want {
			t.Errorf("likePattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDiffAndCreated(t *testing.T) {
	x := "a"
	before := map[string]any{"name": "A", "xhs_id": &x, "tags": models.StringList{"t"}, "n": int64(1)}
	after := map[string]any{"name": "B", "xhs_id": &x, "tags": models.StringList{"t"}, "n": int64(1)}
	d := diff(before, after)
	if len(d) != 1 || d["name"].From != "A" || d["name"].To != "B" {
		t.Fatalf("diff %v", d)
	}
	if c := created(map[string]any{"k": 1}); c["k"].From != nil || c["k"].To != 1 {
		t.Fatalf("created %v", c)
	}
}

func TestTranslateUniqueToConflict(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	s := New(d, func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	if _, err := s.RegisterBrand(ctx, "A", NewUser{Name: "n", Email: "Same@example.com", PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.RegisterBrand(ctx, "B", NewUser{Name: "n", Email: "same@EXAMPLE.com ", PasswordHash: "h"})
	if !errors.Is(err, models.ErrConflict) {
		t.Fatalf("duplicate email: %v", err)
	}
	// The failed registration left no brand behind: it was one transaction.
	var brands int64
	d.R.Raw("SELECT count(*) FROM brands").Scan(&brands)
	if brands != 1 {
		t.Fatalf("%d brands after a failed registration", brands)
	}
	if _, err := s.GetBuyer(ctx, 1, 12345); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("missing buyer: %v", err)
	}
	if translate(nil) != nil {
		t.Fatal("translate(nil)")
	}
}

// TestBrandScopeIsolatesBuyers: store reads of one brand never see another's rows.
func TestBrandScopeIsolatesBuyers(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	s := New(d, nil)
	ctx := context.Background()
	a, _ := s.RegisterBrand(ctx, "A", NewUser{Name: "a", Email: "a@example.com", PasswordHash: "h"})
	b, _ := s.RegisterBrand(ctx, "B", NewUser{Name: "b", Email: "b@example.com", PasswordHash: "h"})
	buyer := models.Buyer{Name: "x", Stage: models.StageProspect, Status: models.BuyerActive}
	if err := s.CreateBuyer(ctx, Actor{UserID: a.ID, BrandID: *a.BrandID}, &buyer); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetBuyer(ctx, *b.BrandID, buyer.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("brand B reads brand A's buyer: %v", err)
	}
	if _, err := s.UpdateBuyer(ctx, Actor{UserID: b.ID, BrandID: *b.BrandID}, buyer.ID, func(*models.Buyer) error { return nil }); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("brand B updates brand A's buyer: %v", err)
	}
	p, err := s.ListBuyers(ctx, *b.BrandID, BuyerQuery{Sort: "name", Limit: 10, Status: "active"})
	if err != nil || len(p.Items) != 0 {
		t.Fatalf("brand B lists %v %v", p, err)
	}
}
