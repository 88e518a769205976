package models

import "time"

// PlanStatus is where a partnership plan stands.
type PlanStatus string

// Plan statuses: draft → proposed → agreed → closed, or withdrawn.
const (
	PlanDraft     PlanStatus = "draft"
	PlanProposed  PlanStatus = "proposed"
	PlanAgreed    PlanStatus = "agreed"
	PlanClosed    PlanStatus = "closed"
	PlanWithdrawn PlanStatus = "withdrawn"
)

// Valid reports whether s is a known plan status.
func (s PlanStatus) Valid() bool {
	switch s {
	case PlanDraft, PlanProposed, PlanAgreed, PlanClosed, PlanWithdrawn:
		return true
	}
	return false
}

// InLedger reports whether a plan's commitments count as promises: once it
// was proposed, and unless it was withdrawn.
func (s PlanStatus) InLedger() bool {
	return s == PlanProposed || s == PlanAgreed || s == PlanClosed
}

// commitmentKinds lists the kinds each side may promise.
var commitmentKinds = map[Side][]string{
	SideBrand: {"exclusive_price", "priority_stock", "samples", "training", "co_marketing", "slot_budget", "custom"},
	SideBuyer: {"livestreams", "notes", "new_category", "custom"},
}

// CommitmentKinds returns the kinds a side may promise (nil for an unknown side).
func CommitmentKinds(side Side) []string { return commitmentKinds[side] }

// ValidCommitment reports whether kind is one the side may promise.
func ValidCommitment(side Side, kind string) bool {
	for _, k := range commitmentKinds[side] {
		if k == kind {
			return true
		}
	}
	return false
}

// CommitmentStatus is whether a promise was kept.
type CommitmentStatus string

// Commitment statuses; overdue is derived on read, never stored.
const (
	CommitmentOpen   CommitmentStatus = "open"
	CommitmentKept   CommitmentStatus = "kept"
	CommitmentMissed CommitmentStatus = "missed"
	CommitmentWaived CommitmentStatus = "waived"
)

// Valid reports whether s is a known commitment status.
func (s CommitmentStatus) Valid() bool {
	switch s {
	case CommitmentOpen, CommitmentKept, CommitmentMissed, CommitmentWaived:
		return true
	}
	return false
}

// Plan is a partnership plan for a period: both sides' commitments and the shared goals they serve.
type Plan struct {
	ID            int64
	BrandID       int64
	BuyerID       int64
	Title         string
	PeriodStart   Date
	PeriodEnd     Date
	Status        PlanStatus
	BrandAgreedAt *time.Time
	BuyerAgreedAt *time.Time
	CreatedBy     *int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Commitment is one promise of a plan, by the brand or by the buyer.
type Commitment struct {
	ID          int64
	BrandID     int64
	BuyerID     int64
	PlanID      int64
	Side        Side
	Kind        string
	Description string
	DueOn       Date
	Status      CommitmentStatus
	SettledOn   Date
	SettledBy   *Side
	Note        string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Overdue reports whether an open commitment is past its due day on today.
func (c *Commitment) Overdue(today Date) bool {
	return c.Status == CommitmentOpen && c.DueOn != "" && today > c.DueOn
}

// PlanGoal links a plan to a shared goal of the same buyer.
type PlanGoal struct {
	PlanID int64
	GoalID int64
}

// PlanComment is one comment on a plan, by staff or by the buyer.
type PlanComment struct {
	ID         int64
	BrandID    int64
	PlanID     int64
	AuthorID   *int64
	AuthorName string
	AuthorRole Role
	Body       string
	CreatedAt  time.Time
}

// Tier is a partner tier (伙伴等级) a brand defines; rank 1 is the entry tier.
type Tier struct {
	ID              int64
	BrandID         int64
	Name            string
	Rank            int
	GMVCents90d     int64 `gorm:"column:gmv_cents_90d"`
	Completed90d    int64 `gorm:"column:completed_90d"`
	PromisesKeptPct Pct   `gorm:"column:promises_kept_bp"`
	Benefits        StringList
	CreatedAt       time.Time
	UpdatedAt       time.Time
}
