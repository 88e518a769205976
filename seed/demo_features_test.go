package seed

import (
	"context"
	"testing"
	"time"

	"huoban/models"
	"huoban/partnership"
	"huoban/store"
)

// checkDemoFeatures checks the parts of the demo added with the later
// features, on the demo made on today: tiers every buyer holds by its
// recomputed numbers, plans with promises in every state, the catalogue
// with items and selections, reviews, and a calendar without overlaps.
func checkDemoFeatures(t *testing.T, s *store.Store, count func(string, ...any) int64, raw func(string, any, ...any), today models.Date) {
	t.Helper()
	ctx := context.Background()

	// Tiers: each buyer's stored tier is the one its numbers earn, recomputed
	// here from the collaborations and the promise ledger.
	var tiers []models.Tier
	raw("SELECT * FROM tiers ORDER BY rank", &tiers)
	if len(tiers) != 3 {
		t.Fatalf("%d tiers, want 3", len(tiers))
	}
	defs := make([]partnership.TierDef, 0, len(tiers))
	for _, tr := range tiers {
		if len(tr.Benefits) == 0 {
			t.Errorf("tier %s has no benefits", tr.Name)
		}
		defs = append(defs, partnership.TierDef{ID: tr.ID, Name: tr.Name, Rank: tr.Rank, Criteria: partnership.TierCriteria{
			GMVCents90d: tr.GMVCents90d, Completed90d: tr.Completed90d, PromisesKeptPct: tr.PromisesKeptPct}})
	}
	var buyers []struct {
		ID, BrandID int64
		Name        string
		TierID      *int64
		TierPinned  bool
	}
	raw("SELECT id, brand_id, name, tier_id, tier_pinned FROM buyers ORDER BY id", &buyers)
	held := map[int64]int{}
	from := string(today.AddDays(-(store.StatsWindowDays - 1)))
	for _, b := range buyers {
		var st struct{ N, GMV int64 }
		raw(`SELECT COUNT(*) AS n, COALESCE(SUM(gmv_cents), 0) AS gmv FROM collaborations
			WHERE buyer_id = ? AND status = 'completed' AND start_on BETWEEN ? AND ?`, &st, b.ID, from, string(today))
		l, err := s.Promises(ctx, b.BrandID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		kept := partnership.SideTally{Kept: l.Buyer.Kept, Missed: l.Buyer.Missed}.KeptPct()
		want := partnership.AssignTier(partnership.Standing{GMVCents90d: st.GMV, Completed90d: st.N, KeptPct: kept}, defs)
		var wantID int64
		if want != nil {
			wantID = want.ID
		}
		got := int64(0)
		if b.TierID != nil {
			got = *b.TierID
		}
		if b.TierPinned || got != wantID {
			t.Errorf("%s holds tier %d (pinned %v), its numbers (¥%d, %d done, kept %v) earn %d",
				b.Name, got, b.TierPinned, st.GMV/100, st.N, kept, wantID)
		}
		held[got]++
	}
	for _, tr := range tiers {
		if held[tr.ID] == 0 {
			t.Errorf("no buyer holds %s", tr.Name)
		}
	}
	if held[0] == 0 {
		t.Error("every buyer holds a tier; new buyers should not")
	}

	// Plans: draft, proposed (brand agreed) and agreed by both sides;
	// promises of both sides kept, missed, open and overdue.
	for _, st := range []string{"draft", "proposed", "agreed"} {
		if n := count("SELECT count(*) FROM plans WHERE status = ?", st); n == 0 {
			t.Errorf("no %s plan", st)
		}
	}
	if n := count("SELECT count(*) FROM plans WHERE status = 'agreed' AND (brand_agreed_at IS NULL OR buyer_agreed_at IS NULL)"); n != 0 {
		t.Errorf("%d agreed plans without both agreements", n)
	}
	for _, side := range []string{"brand", "buyer"} {
		for _, st := range []string{"kept", "missed", "open"} {
			if st == "missed" && side == "brand" {
				continue
			}
			if n := count("SELECT count(*) FROM commitments WHERE side = ? AND status = ?", side, st); n == 0 {
				t.Errorf("no %s %s promise", st, side)
			}
		}
	}
	if n := count(`SELECT count(*) FROM commitments c JOIN plans p ON p.id = c.plan_id
		WHERE c.status = 'open' AND c.due_on < ? AND p.status = 'agreed'`, string(today)); n != 1 {
		t.Errorf("%d overdue promises, want 1", n)
	}
	if n := count("SELECT count(*) FROM commitments WHERE status <> 'open' AND (settled_on > ? OR settled_on IS NULL)", string(today)); n != 0 {
		t.Errorf("%d promises settled in the future or without a day", n)
	}

	// Catalogue: SKUs, categories and circles; several in the pool.
	if n := count("SELECT count(*) FROM products WHERE sku <> '' AND category <> '' AND circles <> '[]'"); n < 10 {
		t.Errorf("only %d complete products", n)
	}
	if n := count("SELECT count(*) FROM products WHERE in_pool = 1 AND status = 'active' AND pool_note <> ''"); n < 3 {
		t.Errorf("only %d products in the pool", n)
	}
	// Items name products for recent collaborations, their GMV within the collaboration's.
	if n := count("SELECT count(DISTINCT collaboration_id) FROM collaboration_items"); n < 5 {
		t.Errorf("only %d collaborations name their products", n)
	}
	if n := count(`SELECT count(*) FROM collaborations c WHERE
		(SELECT SUM(i.gmv_cents) FROM collaboration_items i WHERE i.collaboration_id = c.id) > c.gmv_cents`); n != 0 {
		t.Errorf("%d collaborations whose items sold more than they did", n)
	}
	if n := count(`SELECT count(*) FROM collaboration_items i JOIN products p ON p.id = i.product_id
		JOIN collaborations c ON c.id = i.collaboration_id WHERE p.brand_id <> c.brand_id OR i.units < 1`); n != 0 {
		t.Errorf("%d items of another brand's product or without units", n)
	}
	// Selections: picked, declined, trial by the brand; interest by the buyer.
	for _, dec := range []string{"picked", "declined", "trial"} {
		if n := count("SELECT count(*) FROM selections WHERE decision = ? AND by_side = 'brand'", dec); n == 0 {
			t.Errorf("no %s selection", dec)
		}
	}
	if n := count(`SELECT count(*) FROM selections s JOIN products p ON p.id = s.product_id
		WHERE s.decision = 'interested' AND s.by_side = 'buyer' AND p.in_pool = 1`); n == 0 {
		t.Error("no buyer showed interest in a pool product")
	}

	// Reviews of completed collaborations, some shared, with next actions;
	// a brand action with a due day is a follow-up.
	if n := count(`SELECT count(*) FROM reviews r JOIN collaborations c ON c.id = r.collaboration_id
		WHERE c.status = 'completed' AND r.went_well <> '' AND r.to_improve <> ''`); n < 3 {
		t.Errorf("only %d reviews", n)
	}
	if count("SELECT count(*) FROM reviews WHERE shared = 1") == 0 || count("SELECT count(*) FROM reviews WHERE shared = 0") == 0 {
		t.Error("reviews are not both shared and internal")
	}
	if n := count(`SELECT count(*) FROM review_actions a JOIN activities f ON f.id = a.activity_id
		WHERE a.side = 'brand' AND f.done = 0 AND f.follow_up_on = a.due_on`); n < 3 {
		t.Errorf("only %d brand next actions with their follow-up", n)
	}

	// The calendar: timed livestreams in the next weeks, none of a buyer
	// overlapping another.
	var sessions []struct {
		BuyerID         int64
		StartsAt        time.Time
		DurationMinutes int
	}
	raw(`SELECT buyer_id, starts_at, duration_minutes FROM collaborations WHERE type = 'livestream'
		AND status = 'planned' AND starts_at IS NOT NULL AND duration_minutes > 0 ORDER BY buyer_id, starts_at`, &sessions)
	if len(sessions) < 8 {
		t.Fatalf("only %d timed livestreams on the calendar", len(sessions))
	}
	now := today.Time()
	for i, ss := range sessions {
		if ss.StartsAt.Before(now) || ss.StartsAt.After(now.AddDate(0, 0, 35)) {
			t.Errorf("livestream at %s is not in the next weeks", ss.StartsAt)
		}
		if i > 0 && sessions[i-1].BuyerID == ss.BuyerID &&
			sessions[i-1].StartsAt.Add(time.Duration(sessions[i-1].DurationMinutes)*time.Minute).After(ss.StartsAt) {
			t.Errorf("buyer %d has overlapping livestreams at %s", ss.BuyerID, ss.StartsAt)
		}
	}
}
