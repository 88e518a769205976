// Package partnership holds the domain rules of a brand–buyer partnership,
// with no HTTP and no database in them: milestone detection, goal progress,
// the health score and buyer matching.
package partnership

import "huoban/models"

// Automatic milestone codes.
const (
	FirstCollaboration = "first_collaboration"
	FirstLivestream    = "first_livestream"
	GMV10kSession      = "gmv_10k_session"
	GMV100kSession     = "gmv_100k_session"
	GMV1mTotal         = "gmv_1m_total"
	FiveCollaborations = "five_collaborations"
	StagePartner       = "stage_partner"
	StageCore          = "stage_core"
	GoalAchieved       = "goal_achieved"
	Manual             = "manual"
)

// Thresholds in cents.
const (
	tenThousandYuan     = 10_000 * 100
	hundredThousandYuan = 100_000 * 100
	millionYuan         = 1_000_000 * 100
)

// milestoneTitles are the Chinese titles shown to both sides.
var milestoneTitles = map[string]string{
	FirstCollaboration: "首次合作完成",
	FirstLivestream:    "首场直播完成",
	GMV10kSession:      "单场成交破万",
	GMV100kSession:     "单场成交破十万",
	GMV1mTotal:         "累计成交破百万",
	FiveCollaborations: "完成 5 次合作",
	StagePartner:       "成为稳定合作伙伴",
	StageCore:          "成为核心合伙人",
	GoalAchieved:       "首个共同目标达成",
}

// MilestoneTitle returns the title of an automatic milestone code.
func MilestoneTitle(code string) string { return milestoneTitles[code] }

// CompletedCollab is what milestone detection needs of one completed collaboration.
type CompletedCollab struct {
	ID       int64
	Type     string
	StartOn  models.Date
	GMVCents int64
}

// BuyerTotals are a buyer's completed-collaboration totals after a write.
type BuyerTotals struct {
	Completed     int64
	GMVCentsTotal int64
	Livestreams   int64
}

// Reached is one milestone a write reached, with the collaboration that reached it.
type Reached struct {
	Code            string
	CollaborationID int64
	On              models.Date
}

// CollaborationMilestones returns the automatic milestones that a completed
// collaboration c reaches, given the buyer's totals including c. The caller
// inserts them at most once per buyer and code.
func CollaborationMilestones(c CompletedCollab, t BuyerTotals) []Reached {
	var out []Reached
	add := func(code string) { out = append(out, Reached{Code: code, CollaborationID: c.ID, On: c.StartOn}) }
	if t.Completed >= 1 {
		add(FirstCollaboration)
	}
	if t.Livestreams >= 1 {
		add(FirstLivestream)
	}
	if c.GMVCents >= tenThousandYuan {
		add(GMV10kSession)
	}
	if c.GMVCents >= hundredThousandYuan {
		add(GMV100kSession)
	}
	if t.GMVCentsTotal >= millionYuan {
		add(GMV1mTotal)
	}
	if t.Completed >= 5 {
		add(FiveCollaborations)
	}
	return out
}

// StageMilestone returns the milestone code reached by moving to stage, or "".
func StageMilestone(stage models.Stage) string {
	switch stage {
	case models.StagePartner:
		return StagePartner
	case models.StageCore:
		return StageCore
	}
	return ""
}
