package partnership

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// MatchQuery describes the product to place: its category, interest circle
// and the kind of collaboration planned; any may be empty.
type MatchQuery struct {
	Category string
	Circle   string
	Type     string
}

// Capacity is a buyer's latest capability snapshot, as matching reads it.
type Capacity struct {
	SkusPerMonth     int64
	ShopWindowItems  int64
	SessionsPerMonth int64
	AvgViewers       int64
	AvgGMVCents      int64
}

// MatchCandidate is one buyer considered for a product.
type MatchCandidate struct {
	BuyerID     int64
	Circles     []string
	Categories  []string
	HealthScore int
	HealthLabel string
	Capacity    *Capacity // nil when no snapshot was recorded
}

// Match is a ranked candidate with the reasons for its score.
type Match struct {
	BuyerID int64
	Score   int
	Reasons []string
}

// Score weights of a match; they sum to 100.
const (
	matchCircle   = 30
	matchCategory = 30
	matchCapacity = 20
	matchHealth   = 20
)

// Rank scores candidates for q and returns those that share the asked circle
// or category (all of them when neither is asked), best first. Reasons are
// written in locale ("en", otherwise Chinese).
func Rank(q MatchQuery, cands []MatchCandidate, locale string) []Match {
	en := locale == "en"
	var out []Match
	for _, c := range cands {
		score := 0.0
		var reasons []string
		matched := q.Circle == "" && q.Category == ""
		if q.Circle != "" && contains(c.Circles, q.Circle) {
			score += matchCircle
			matched = true
			reasons = append(reasons, pick(en, fmt.Sprintf("同属「%s」兴趣圈层", q.Circle), fmt.Sprintf("in the %s interest circle", q.Circle)))
		}
		if q.Category != "" {
			if best, exact := categoryMatch(c.Categories, q.Category); best != "" {
				matched = true
				if exact {
					score += matchCategory
					reasons = append(reasons, pick(en, fmt.Sprintf("经营品类「%s」", best), fmt.Sprintf("sells %s", best)))
				} else {
					score += matchCategory * 2 / 3
					reasons = append(reasons, pick(en, fmt.Sprintf("相近品类「%s」", best), fmt.Sprintf("sells the related category %s", best)))
				}
			}
		}
		if !matched {
			continue
		}
		cap, why := capacityFit(q.Type, c.Capacity, en)
		score += cap * matchCapacity
		if why != "" {
			reasons = append(reasons, why)
		}
		score += float64(c.HealthScore) / 100 * matchHealth
		reasons = append(reasons, pick(en, fmt.Sprintf("合作健康度 %d", c.HealthScore), fmt.Sprintf("partnership health %d (%s)", c.HealthScore, c.HealthLabel)))
		out = append(out, Match{BuyerID: c.BuyerID, Score: int(math.Round(score)), Reasons: reasons})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].BuyerID < out[j].BuyerID
	})
	return out
}

func pick(en bool, zh, english string) string {
	if en {
		return english
	}
	return zh
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// categoryMatch finds an exact category, else one on the same branch of the
// category tree ("美妆/护肤" and "美妆/护肤/精华" are related).
func categoryMatch(cats []string, want string) (string, bool) {
	related := ""
	for _, c := range cats {
		if c == want {
			return c, true
		}
		if strings.HasPrefix(c, want+"/") || strings.HasPrefix(want, c+"/") {
			related = c
		}
	}
	return related, false
}

// capacityFit returns 0–1 for how well the buyer's capacity suits the type.
func capacityFit(typ string, c *Capacity, en bool) (float64, string) {
	if c == nil {
		return 0.3, pick(en, "尚无能力记录", "no capability snapshot yet")
	}
	switch typ {
	case "livestream":
		v := math.Min(1, float64(c.SessionsPerMonth)/8)*0.5 + math.Min(1, float64(c.AvgViewers)/5000)*0.5
		return v, pick(en, fmt.Sprintf("每月直播 %d 场，场均观看 %d", c.SessionsPerMonth, c.AvgViewers),
			fmt.Sprintf("%d livestreams a month, %d viewers on average", c.SessionsPerMonth, c.AvgViewers))
	case "shop_window":
		v := math.Min(1, float64(c.ShopWindowItems)/50)
		return v, pick(en, fmt.Sprintf("小清单在架 %d 件", c.ShopWindowItems), fmt.Sprintf("%d shop window items", c.ShopWindowItems))
	default:
		v := math.Min(1, float64(c.SkusPerMonth)/30)
		return v, pick(en, fmt.Sprintf("每月选品 %d 个 SKU", c.SkusPerMonth), fmt.Sprintf("selects %d SKUs a month", c.SkusPerMonth))
	}
}
