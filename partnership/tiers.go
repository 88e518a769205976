package partnership

import (
	"sort"

	"huoban/models"
)

// TierCriteria are what a buyer must reach to hold a tier; each is a floor.
type TierCriteria struct {
	GMVCents90d     int64
	Completed90d    int64
	PromisesKeptPct models.Pct
}

// TierDef is one tier of a brand as the assignment reads it.
type TierDef struct {
	ID       int64
	Name     string
	Rank     int
	Criteria TierCriteria
}

// Standing is where a buyer stands against the criteria.
type Standing struct {
	GMVCents90d  int64
	Completed90d int64
	// KeptPct is the buyer's share of its own promises kept over 12 months;
	// nil while none was settled.
	KeptPct *models.Pct
}

// Missing is how far a buyer is from a tier's criteria, zero where met.
type Missing struct {
	GMVCents90d     int64      `json:"gmv_cents_90d"`
	Completed90d    int64      `json:"completed_90d"`
	PromisesKeptPct models.Pct `json:"promises_kept_pct"`
}

// Met reports whether nothing is missing.
func (m Missing) Met() bool {
	return m.GMVCents90d == 0 && m.Completed90d == 0 && m.PromisesKeptPct == 0
}

// MissingFor returns what s lacks for criteria c. A buyer with no settled
// promise has no kept share: a promises criterion above 0 is then unmet,
// missing all of it (keeping promises is earned, not assumed); a criterion
// of 0 is met by everyone.
func MissingFor(s Standing, c TierCriteria) Missing {
	var m Missing
	if s.GMVCents90d < c.GMVCents90d {
		m.GMVCents90d = c.GMVCents90d - s.GMVCents90d
	}
	if s.Completed90d < c.Completed90d {
		m.Completed90d = c.Completed90d - s.Completed90d
	}
	kept := models.Pct(0)
	if s.KeptPct != nil {
		kept = *s.KeptPct
	}
	if kept < c.PromisesKeptPct {
		m.PromisesKeptPct = c.PromisesKeptPct - kept
	}
	return m
}

// byRank returns the tiers sorted by rank, lowest first.
func byRank(tiers []TierDef) []TierDef {
	out := append([]TierDef(nil), tiers...)
	sort.Slice(out, func(i, j int) bool { return out[i].Rank < out[j].Rank })
	return out
}

// AssignTier returns the highest-ranked tier whose every criterion s meets,
// or nil when it meets none. Tiers need not be nested: a higher tier is held
// on its own criteria, not by holding the lower ones.
func AssignTier(s Standing, tiers []TierDef) *TierDef {
	sorted := byRank(tiers)
	for i := len(sorted) - 1; i >= 0; i-- {
		if MissingFor(s, sorted[i].Criteria).Met() {
			t := sorted[i]
			return &t
		}
	}
	return nil
}

// NextTier returns the lowest-ranked tier above rank (0: no tier yet) and
// what s still lacks for it, or nil at the top.
func NextTier(s Standing, rank int, tiers []TierDef) (*TierDef, Missing) {
	for _, t := range byRank(tiers) {
		if t.Rank > rank {
			return &t, MissingFor(s, t.Criteria)
		}
	}
	return nil, Missing{}
}
