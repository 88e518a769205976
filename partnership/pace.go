package partnership

import (
	"math"

	"huoban/models"
)

// Pace is what a goal needs from here and where the current pace leads.
type Pace struct {
	// NeededPerWeek is what is still missing divided by the weeks left in the
	// period (a part week counts as a week), in the goal's unit, rounded up;
	// 0 once the goal is reached or its period is over.
	NeededPerWeek int64 `json:"needed_per_week"`
	// ProjectedOn is the day the goal is reached at the pace so far (progress
	// divided by the days elapsed in the period), or nil when nothing was
	// made yet, the goal is reached or its period is over. It may fall after
	// the period's end: that is the warning.
	ProjectedOn *models.Date `json:"projected_on"`
}

// GoalPace computes a goal's pace on today from its progress and period.
func GoalPace(current, target int64, start, end, today models.Date) Pace {
	var p Pace
	remaining := target - current
	if remaining <= 0 || today > end {
		return p
	}
	from := today
	if from < start {
		from = start
	}
	daysLeft := daysBetween(from, end) + 1
	weeks := int64(math.Ceil(float64(daysLeft) / 7))
	p.NeededPerWeek = (remaining + weeks - 1) / weeks
	if today < start || current <= 0 {
		return p
	}
	elapsed := daysBetween(start, today) + 1
	perDay := float64(current) / float64(elapsed)
	on := today.AddDays(int(math.Ceil(float64(remaining) / perDay)))
	p.ProjectedOn = &on
	return p
}
