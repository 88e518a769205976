package partnership

import (
	"math"

	"huoban/models"
)

// ProgressPct returns current/target as a percentage with 2 decimals, capped at 100.
func ProgressPct(current, target int64) float64 {
	if target <= 0 || current <= 0 {
		return 0
	}
	if current >= target {
		return 100
	}
	return math.Floor(float64(current)*10000/float64(target)) / 100
}

// StoredStatus returns the status to store after progress changed: cancelled
// stays cancelled; otherwise achieved when current reaches target, else active.
func StoredStatus(prev models.GoalStatus, current, target int64) models.GoalStatus {
	if prev == models.GoalCancelled {
		return prev
	}
	if current >= target {
		return models.GoalAchieved
	}
	return models.GoalActive
}

// GoalContribution is what one completed collaboration adds to a goal of metric m.
func GoalContribution(m models.GoalMetric, collabType string, gmvCents, orders int64) int64 {
	switch m {
	case models.MetricGMV:
		return gmvCents
	case models.MetricOrders:
		return orders
	case models.MetricLivestreams:
		if collabType == "livestream" {
			return 1
		}
	case models.MetricNotes:
		if collabType == "note" {
			return 1
		}
	case models.MetricCollaborations:
		return 1
	}
	return 0
}
