package models

// Role is what a user may do.
type Role string

// Roles, from most to least powerful for brand staff; RoleBuyer is portal only.
const (
	RoleOwner   Role = "owner"
	RoleManager Role = "manager"
	RoleAnalyst Role = "analyst"
	RoleBuyer   Role = "buyer"
)

// rank orders staff roles; a higher rank may do everything a lower one may.
var rank = map[Role]int{RoleAnalyst: 1, RoleManager: 2, RoleOwner: 3}

// IsStaff reports whether the role belongs to brand staff.
func (r Role) IsStaff() bool { return rank[r] > 0 }

// AtLeast reports whether r is a staff role at least as powerful as min.
func (r Role) AtLeast(min Role) bool { return rank[r] > 0 && rank[r] >= rank[min] }

// Stage is where a buyer stands in the partnership.
type Stage string

// Partnership stages.
const (
	StageProspect Stage = "prospect"
	StageTrial    Stage = "trial"
	StagePartner  Stage = "partner"
	StageCore     Stage = "core"
	StagePaused   Stage = "paused"
)

// Stages lists every stage in board order.
var Stages = []Stage{StageProspect, StageTrial, StagePartner, StageCore, StagePaused}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	for _, v := range Stages {
		if v == s {
			return true
		}
	}
	return false
}

// BuyerStatus says whether a buyer is active or archived.
type BuyerStatus string

// Buyer statuses.
const (
	BuyerActive   BuyerStatus = "active"
	BuyerArchived BuyerStatus = "archived"
)

// Valid reports whether s is a known buyer status.
func (s BuyerStatus) Valid() bool { return s == BuyerActive || s == BuyerArchived }

// Locales the UI and API speak.
const (
	LocaleZH = "zh-CN"
	LocaleEN = "en"
)

// ValidLocale reports whether l is a supported locale.
func ValidLocale(l string) bool { return l == LocaleZH || l == LocaleEN }
