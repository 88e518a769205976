package partnership

import (
	"huoban/models"
)

// PromiseWindowDays is how far back the promises_kept factor and a tier's
// kept share look: commitments settled in the last 12 months.
const PromiseWindowDays = 365

// SideTally counts one side's settled promises. Waived promises are in
// neither count: waiving releases a promise, it neither keeps nor breaks it.
type SideTally struct {
	Kept   int64
	Missed int64
}

// KeptShare returns kept / (kept + missed) in 0–1; ok is false when nothing
// was settled, so there is no share to speak of.
func (s SideTally) KeptShare() (share float64, ok bool) {
	if s.Kept+s.Missed == 0 {
		return 0, false
	}
	return float64(s.Kept) / float64(s.Kept+s.Missed), true
}

// KeptPct returns the kept share as a Pct (hundredths of a percent, rounded
// half up), or nil when nothing was settled.
func (s SideTally) KeptPct() *models.Pct {
	n := s.Kept + s.Missed
	if n == 0 {
		return nil
	}
	v := models.Pct((s.Kept*10000*2 + n) / (2 * n))
	return &v
}

// PromiseTally is both sides' settled promises over the window.
type PromiseTally struct {
	Brand SideTally
	Buyer SideTally
}

// promisesKept is the factor promises_kept: the mean of the brand's and the
// buyer's kept shares, each side counting equally however many promises it
// made, because a partnership is both sides keeping their word. A side with
// nothing settled is left out; with nothing settled on either side the
// factor is a neutral 0.5 (no evidence either way, as with goals), so a
// partnership without plans is neither rewarded nor punished. Open promises,
// overdue ones included, do not count until they are settled: overdue is
// shown, never silently counted as missed.
func promisesKept(t PromiseTally) Factor {
	f := Factor{Name: "promises_kept", Weight: weightPromises}
	bs, bok := t.Brand.KeptShare()
	ys, yok := t.Buyer.KeptShare()
	switch {
	case bok && yok:
		f.Value = round2((bs + ys) / 2)
	case bok:
		f.Value = round2(bs)
	case yok:
		f.Value = round2(ys)
	default:
		f.Value = 0.5
		f.note("no_promises_settled", nil, "no promises settled in the last 12 months")
		return f
	}
	bt, yt := t.Brand.Kept+t.Brand.Missed, t.Buyer.Kept+t.Buyer.Missed
	f.note("promises_summary", models.Params{"brand_kept": t.Brand.Kept, "brand_settled": bt, "buyer_kept": t.Buyer.Kept, "buyer_settled": yt},
		"brand kept %d of %d, buyer kept %d of %d promises settled in the last 12 months", t.Brand.Kept, bt, t.Buyer.Kept, yt)
	return f
}
