package models

import "time"

// Brand is a tenant: one brand account with its staff and buyers.
type Brand struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// User is a person who signs in: brand staff (BrandID set) or a buyer (BrandID nil).
type User struct {
	ID           int64
	BrandID      *int64
	Email        string
	Name         string
	PasswordHash string
	Role         Role
	Locale       string
	// SessionVersion is carried in access tokens; bumping it ends them all.
	SessionVersion int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// RefreshToken is one refresh token of a rotation family, stored only as a hash.
type RefreshToken struct {
	ID        int64
	UserID    int64
	Family    string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Invite is a single-use code that lets someone join a brand as staff or as a buyer.
type Invite struct {
	ID        int64
	BrandID   int64
	CodeHash  string
	Role      Role
	Email     string
	BuyerID   *int64
	CreatedBy int64
	ExpiresAt time.Time
	UsedAt    *time.Time
	UsedBy    *int64
	CreatedAt time.Time
}

// Buyer is a Xiaohongshu buyer (买手) the brand works with.
type Buyer struct {
	ID                  int64
	BrandID             int64
	Name                string
	XhsID               *string
	AvatarURL           string
	City                string
	Followers           int64
	InterestCircles     StringList
	Categories          StringList
	Tags                StringList
	Stage               Stage
	Status              BuyerStatus
	OwnerID             *int64
	CommissionPct       Pct `gorm:"column:commission_bp"`
	ContactWechat       string
	ContactPhone        string
	ContactEmail        string
	Notes               string
	StatCollaborations  int64
	GMVCentsTotal       int64 `gorm:"column:gmv_cents_total"`
	GMVCents90d         int64 `gorm:"column:gmv_cents_90d"`
	LastCollaborationOn Date
	HealthScore         int
	HealthLabel         string
	// The partner tier, kept on the row by the tier upkeep (store/tiers.go):
	// TierID/Name/Rank are the tier (nil/""/0 for none), TierPinned says the
	// brand chose it by hand, TierCompleted90d and TierKeptBP are the standing
	// it was assigned from (TierKeptBP nil while no promise was settled).
	TierID           *int64
	TierName         string
	TierRank         int
	TierPinned       bool
	TierCompleted90d int64  `gorm:"column:tier_completed_90d"`
	TierKeptBP       *int64 `gorm:"column:tier_kept_bp"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// BuyerLabel indexes one interest circle, category or tag of a buyer for filtering.
type BuyerLabel struct {
	BuyerID int64
	BrandID int64
	Kind    string
	Value   string
	// Status and Name repeat the buyer's, so that a filtered page reads the
	// label index in the list's default order (kept by a trigger on buyers).
	Status string
	Name   string
}

// Label kinds kept in buyer_labels.
const (
	LabelCircle   = "circle"
	LabelCategory = "category"
	LabelTag      = "tag"
)

// StageChange records one move of a buyer between partnership stages.
type StageChange struct {
	ID        int64
	BrandID   int64
	BuyerID   int64
	FromStage Stage
	ToStage   Stage
	Reason    string
	ByUserID  *int64
	At        time.Time
}

// AuditEntry records one create, update or delete by an actor.
type AuditEntry struct {
	ID      int64
	BrandID int64
	ActorID *int64
	// ActorTokenID and ActorTokenName name the API token that acted on the
	// actor's behalf (nil and "" when a signed-in person did).
	ActorTokenID   *int64
	ActorTokenName string
	Action         string
	Entity         string
	EntityID       int64
	Changes        string
	At             time.Time
}

// TableName keeps GORM from pluralising audit entries oddly.
func (AuditEntry) TableName() string { return "audit_log" }

// Setting is a server-wide key/value pair, such as the generated JWT secret.
type Setting struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

// BuyerLink connects a buyer user to a brand's buyer record (a partnership in the portal).
type BuyerLink struct {
	UserID  int64
	BuyerID int64
	BrandID int64
	Since   time.Time
}

// APIToken lets another system call the API as the owner who made it, within a scope.
type APIToken struct {
	ID         int64
	BrandID    int64
	UserID     int64
	Name       string
	Scope      string
	Prefix     string
	TokenHash  string
	LastUsedAt *time.Time
	CreatedAt  time.Time
}
