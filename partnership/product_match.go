package partnership

import (
	"fmt"
	"math"
	"sort"
)

// ProductHistory is how products similar to the one being placed (same
// category, or sharing an interest circle) sold with one buyer: completed
// collaborations, and their net GMV and cost shares summed.
type ProductHistory struct {
	SameCategory   bool
	Collaborations int64
	NetGMVCents    int64
	CostCents      int64
}

// historyWeight is the most a sales history adds to a match score.
const historyWeight = 20

// WithHistory adds to each match what similar products sold with the buyer:
// a reason such as "同品类 3 次合作，平均 ROI 3.2" and up to historyWeight
// points (more collaborations and a higher ROI count more), then ranks again.
// Scores stay within 0–100.
func WithHistory(ms []Match, hist map[int64]ProductHistory, locale string) []Match {
	en := locale == "en"
	for i := range ms {
		h, ok := hist[ms[i].BuyerID]
		if !ok || h.Collaborations == 0 {
			continue
		}
		kind := pick(en, "同品类", "in the same category")
		if !h.SameCategory {
			kind = pick(en, "同圈层商品", "with products of the same circle")
		}
		bonus := math.Min(float64(h.Collaborations), 5) / 5 * historyWeight / 2
		if h.CostCents > 0 {
			roi := float64(h.NetGMVCents) / float64(h.CostCents)
			bonus += math.Min(roi, 4) / 4 * historyWeight / 2
			ms[i].Reasons = append([]string{pick(en,
				fmt.Sprintf("%s %d 次合作，平均 ROI %.1f", kind, h.Collaborations, roi),
				fmt.Sprintf("%d collaborations %s, average ROI %.1f", h.Collaborations, kind, roi))}, ms[i].Reasons...)
		} else {
			ms[i].Reasons = append([]string{pick(en,
				fmt.Sprintf("%s %d 次合作", kind, h.Collaborations),
				fmt.Sprintf("%d collaborations %s", h.Collaborations, kind))}, ms[i].Reasons...)
		}
		ms[i].Score = min(100, ms[i].Score+int(math.Round(bonus)))
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Score != ms[j].Score {
			return ms[i].Score > ms[j].Score
		}
		return ms[i].BuyerID < ms[j].BuyerID
	})
	return ms
}
