package models

import "time"

// CollabType is how a buyer sells in a collaboration.
type CollabType string

// Collaboration types.
const (
	CollabLivestream CollabType = "livestream"  // 直播带货
	CollabNote       CollabType = "note"        // 笔记带货
	CollabShopWindow CollabType = "shop_window" // 小清单
	CollabSeeding    CollabType = "seeding"     // 寄样种草
)

// CollabTypes lists every collaboration type.
var CollabTypes = []CollabType{CollabLivestream, CollabNote, CollabShopWindow, CollabSeeding}

// Valid reports whether t is a known collaboration type.
func (t CollabType) Valid() bool {
	for _, v := range CollabTypes {
		if v == t {
			return true
		}
	}
	return false
}

// CollabStatus is where a collaboration stands.
type CollabStatus string

// Collaboration statuses; only completed ones count in buyer stats.
const (
	CollabPlanned    CollabStatus = "planned"
	CollabInProgress CollabStatus = "in_progress"
	CollabCompleted  CollabStatus = "completed"
	CollabCancelled  CollabStatus = "cancelled"
)

// CollabStatuses lists every collaboration status.
var CollabStatuses = []CollabStatus{CollabPlanned, CollabInProgress, CollabCompleted, CollabCancelled}

// Valid reports whether s is a known collaboration status.
func (s CollabStatus) Valid() bool {
	for _, v := range CollabStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Collaboration is one piece of work a buyer did for the brand, with its results.
type Collaboration struct {
	ID              int64
	BrandID         int64
	BuyerID         int64
	Type            CollabType
	Title           string
	Products        StringList
	Status          CollabStatus
	StartOn         Date
	EndOn           Date
	SlotFeeCents    int64
	CommissionPct   Pct `gorm:"column:commission_bp"`
	SampleCostCents int64
	Metrics         Metrics `gorm:"embedded"`
	// ROI mirrors KPIs().ROI so lists can sort by it; kept by the store.
	ROI            *Ratio `gorm:"column:roi_e4"`
	BrandRating    *int
	SharedFeedback string
	InternalNotes  string
	CreatedBy      *int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// StartsAt and DurationMinutes place a session on the calendar (optional).
	StartsAt        *time.Time
	DurationMinutes *int
	// Items are the catalogue products it sold (collaboration_items); nil
	// means not loaded or, in a write, not sent.
	Items []CollabItem `gorm:"-"`
	// AllowOverlap is a write instruction, never stored: keep a livestream
	// that overlaps another of the same buyer.
	AllowOverlap bool `gorm:"-"`
}

// KPIs computes the collaboration's KPIs.
func (c *Collaboration) KPIs() KPIs {
	return ComputeKPIs(KPIInput{Type: c.Type, Metrics: c.Metrics, SlotFeeCents: c.SlotFeeCents,
		SampleCostCents: c.SampleCostCents, CommissionPct: c.CommissionPct})
}

// CapabilitySnapshot records a buyer's product-selection and livestream
// capacity on one day, so growth can be followed over time.
type CapabilitySnapshot struct {
	ID                int64
	BrandID           int64
	BuyerID           int64
	RecordedOn        Date
	SkusPerMonth      int64
	CategoriesCovered int64
	HitRatePct        Pct `gorm:"column:hit_rate_bp"`
	ShopWindowItems   int64
	SessionsPerMonth  int64
	AvgMinutes        int64
	AvgViewers        int64
	PeakViewers       int64
	AvgGMVCents       int64 `gorm:"column:avg_gmv_cents"`
	Assessment        string
	RecordedBy        *int64
	CreatedAt         time.Time
}

// ActivityKind is what kind of contact an activity was.
type ActivityKind string

// Activity kinds.
const (
	ActivityMeeting    ActivityKind = "meeting"
	ActivityCall       ActivityKind = "call"
	ActivityMessage    ActivityKind = "message"
	ActivitySampleSent ActivityKind = "sample_sent"
	ActivityTraining   ActivityKind = "training"
	ActivityNote       ActivityKind = "note"
	// ActivityHandover is made only by POST /buyers/{id}/handover, never by a client's kind.
	ActivityHandover ActivityKind = "handover"
)

// Valid reports whether k is a known activity kind.
func (k ActivityKind) Valid() bool {
	switch k {
	case ActivityMeeting, ActivityCall, ActivityMessage, ActivitySampleSent, ActivityTraining, ActivityNote:
		return true
	}
	return false
}

// Activity is one entry of a buyer's timeline, optionally with a follow-up date.
type Activity struct {
	ID         int64
	BrandID    int64
	BuyerID    int64
	Kind       ActivityKind
	Summary    string
	OccurredAt time.Time
	FollowUpOn Date
	Done       bool
	ByUserID   *int64
	// Detail is a JSON document some kinds carry (a handover's snapshot).
	Detail    *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName names the table; GORM would otherwise guess "activities" anyway,
// but being explicit keeps raw SQL and the model in step.
func (Activity) TableName() string { return "activities" }
