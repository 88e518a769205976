package models

import "time"

// GoalMetric is what a shared goal counts.
type GoalMetric string

// Goal metrics.
const (
	MetricGMV            GoalMetric = "gmv_cents"
	MetricOrders         GoalMetric = "orders"
	MetricLivestreams    GoalMetric = "livestreams"
	MetricNotes          GoalMetric = "notes"
	MetricCollaborations GoalMetric = "collaborations"
	MetricCustom         GoalMetric = "custom"
)

// Valid reports whether m is a known goal metric.
func (m GoalMetric) Valid() bool {
	switch m {
	case MetricGMV, MetricOrders, MetricLivestreams, MetricNotes, MetricCollaborations, MetricCustom:
		return true
	}
	return false
}

// GoalStatus is a goal's state; GoalMissed is derived, never stored.
type GoalStatus string

// Goal statuses.
const (
	GoalActive    GoalStatus = "active"
	GoalAchieved  GoalStatus = "achieved"
	GoalMissed    GoalStatus = "missed"
	GoalCancelled GoalStatus = "cancelled"
)

// Goal is a shared goal between the brand and a buyer.
type Goal struct {
	ID             int64
	BrandID        int64
	BuyerID        int64
	Title          string
	Metric         GoalMetric
	Target         int64
	PeriodStart    Date
	PeriodEnd      Date
	Current        int64
	Status         GoalStatus
	SharedNote     string
	AcknowledgedAt *time.Time
	AchievedAt     *time.Time
	CreatedBy      *int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// EffectiveStatus is the status on day today: an active goal whose period
// has ended unmet is missed.
func (g *Goal) EffectiveStatus(today Date) GoalStatus {
	if g.Status == GoalActive && today > g.PeriodEnd {
		return GoalMissed
	}
	return g.Status
}

// GoalComment is one comment on a goal, by staff or by the buyer.
type GoalComment struct {
	ID         int64
	BrandID    int64
	GoalID     int64
	AuthorID   *int64
	AuthorName string
	AuthorRole Role
	Body       string
	CreatedAt  time.Time
}

// Milestone is a growth milestone a buyer reached.
type Milestone struct {
	ID              int64
	BrandID         int64
	BuyerID         int64
	Code            string
	Title           string
	AchievedOn      Date
	Source          string
	CollaborationID *int64
	Note            string
	NoteCode        string // set by the server on automatic milestones (store.NoteSourceGone); "" otherwise
	CreatedAt       time.Time
}

// Milestone sources.
const (
	MilestoneAuto   = "auto"
	MilestoneManual = "manual"
)
