// Package partnership holds the domain rules of a brand–buyer partnership,
// with no HTTP and no database in them: milestone detection, goal progress,
// the health score and buyer matching.
package partnership

import (
	"sort"

	"huoban/models"
)

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

// CollaborationCodes returns the milestones DetectMilestones can reach.
func CollaborationCodes() []string {
	return []string{FirstCollaboration, FirstLivestream, GMV10kSession, GMV100kSession, GMV1mTotal, FiveCollaborations}
}

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

// Reached is one milestone reached, with the collaboration that reached it.
type Reached struct {
	Code            string
	CollaborationID int64
	On              models.Date
}

// DetectMilestones returns every automatic collaboration milestone a buyer's
// completed collaborations have reached, each with the collaboration that
// first reached it (in start_on, id order). Reading the whole record rather
// than the one write keeps imports, edits and concurrent writes right; the
// caller stores each code at most once per buyer.
func DetectMilestones(completed []CompletedCollab) []Reached {
	cs := append([]CompletedCollab(nil), completed...)
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].StartOn != cs[j].StartOn {
			return cs[i].StartOn < cs[j].StartOn
		}
		return cs[i].ID < cs[j].ID
	})
	var out []Reached
	seen := map[string]bool{}
	reach := func(code string, c CompletedCollab) {
		if !seen[code] {
			seen[code] = true
			out = append(out, Reached{Code: code, CollaborationID: c.ID, On: c.StartOn})
		}
	}
	var total int64
	for i, c := range cs {
		total += c.GMVCents
		reach(FirstCollaboration, c)
		if c.Type == "livestream" {
			reach(FirstLivestream, c)
		}
		if c.GMVCents >= tenThousandYuan {
			reach(GMV10kSession, c)
		}
		if c.GMVCents >= hundredThousandYuan {
			reach(GMV100kSession, c)
		}
		if total >= millionYuan {
			reach(GMV1mTotal, c)
		}
		if i+1 == 5 {
			reach(FiveCollaborations, c)
		}
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
