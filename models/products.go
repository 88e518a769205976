package models

import "time"

// ProductStatus says whether a product can still be picked.
type ProductStatus string

// Product statuses: a used product is retired, never deleted.
const (
	ProductActive  ProductStatus = "active"
	ProductRetired ProductStatus = "retired"
)

// Valid reports whether s is a known product status.
func (s ProductStatus) Valid() bool { return s == ProductActive || s == ProductRetired }

// Product is one entry of a brand's catalogue.
type Product struct {
	ID         int64
	BrandID    int64
	Name       string
	SKU        string `gorm:"column:sku"`
	Category   string
	PriceCents int64
	Circles    StringList
	ImageURL   string `gorm:"column:image_url"`
	Status     ProductStatus
	InPool     bool
	PoolNote   string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// CollabItem is one catalogue product a collaboration sold.
type CollabItem struct {
	ProductID int64
	Units     int64
	GMVCents  int64
}

// Decision is a selection-log decision about a product.
type Decision string

// Decisions: staff record picked, declined or trial; buyers interested or declined.
const (
	DecisionPicked     Decision = "picked"
	DecisionDeclined   Decision = "declined"
	DecisionTrial      Decision = "trial"
	DecisionInterested Decision = "interested"
)

// Side is which side of a partnership acted, owes an action or made a commitment.
type Side string

// Sides of a partnership.
const (
	SideBrand Side = "brand"
	SideBuyer Side = "buyer"
)

// Valid reports whether s is brand or buyer.
func (s Side) Valid() bool { return s == SideBrand || s == SideBuyer }

// Selection is one entry of a buyer's selection log.
type Selection struct {
	ID        int64
	BrandID   int64
	BuyerID   int64
	ProductID int64
	Decision  Decision
	Reason    string
	BySide    Side
	ByUserID  *int64
	DecidedAt time.Time
}

// Review is the review (复盘) of one collaboration.
type Review struct {
	ID              int64
	BrandID         int64
	CollaborationID int64
	BuyerID         int64
	WentWell        string
	ToImprove       string
	InternalNotes   string
	Shared          bool
	CreatedBy       *int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Actions         []ReviewAction `gorm:"-"`
}

// ReviewAction is one next action agreed in a review.
type ReviewAction struct {
	ID         int64
	ReviewID   int64
	BrandID    int64
	BuyerID    int64
	Text       string
	Side       Side
	DueOn      *Date
	Done       bool
	ActivityID *int64
}

// ItemFigures returns an item's share of its collaboration's results: its
// GMV less its GMV-weighted share of the refunds, and its GMV-weighted share
// of the total cost (slot fee, samples, commission). Without collaboration
// GMV both are 0.
func ItemFigures(c *Collaboration, it CollabItem) (netCents, costCents int64) {
	g := c.Metrics.GMVCents
	if g == 0 {
		return 0, 0
	}
	k := c.KPIs()
	refund := divRound(c.Metrics.RefundCents, it.GMVCents, g)
	cost := divRound(k.TotalCostCents, it.GMVCents, g)
	return it.GMVCents - *refund, *cost
}

// RatioOf returns a / b as a Ratio, or nil when b is 0.
func RatioOf(a, b int64) *Ratio {
	v := divRound(a, RatioScale, b)
	if v == nil {
		return nil
	}
	r := Ratio(*v)
	return &r
}
