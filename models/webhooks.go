package models

import "time"

// Webhook formats: what a delivery's body looks like.
const (
	// FormatStandard posts the event itself, signed as Standard Webhooks 1.0 says.
	FormatStandard = "standard"
	// FormatFeishu posts a zh-CN text message to a 飞书 (Feishu/Lark) custom robot.
	FormatFeishu = "feishu"
	// FormatWecom posts a zh-CN markdown message to a 企业微信 (WeCom) group robot.
	FormatWecom = "wecom"
)

// Delivery statuses.
const (
	// DeliveryPending has not been tried yet.
	DeliveryPending = "pending"
	// DeliveryDelivered got a 2xx answer.
	DeliveryDelivered = "delivered"
	// DeliveryFailed failed and waits for its next attempt.
	DeliveryFailed = "failed"
	// DeliveryDead failed for good (retries exhausted); a retry queues it again.
	DeliveryDead = "dead"
)

// EventTypes are the webhook event types, in the contract's order.
var EventTypes = []string{
	"buyer.created", "buyer.updated", "buyer.stage_changed", "buyer.archived",
	"collaboration.created", "collaboration.updated", "collaboration.deleted", "collaborations.imported",
	"goal.created", "goal.updated", "goal.achieved", "goal.acknowledged", "comment.created",
	"milestone.reached", "plan.proposed", "plan.agreed", "commitment.settled", "review.shared", "ping",
}

// IsEventType reports whether t is one of EventTypes.
func IsEventType(t string) bool {
	for _, e := range EventTypes {
		if e == t {
			return true
		}
	}
	return false
}

// Webhook is an endpoint of a brand that hears about events.
type Webhook struct {
	ID          int64
	BrandID     int64
	URL         string
	Events      StringList
	Description string
	Active      bool
	Format      string
	Secret      string
	PrevSecret  string
	PrevUntil   *time.Time
	BotSecret   string
	LeaseUntil  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Wants reports whether the endpoint subscribes to event type t; a ping
// reaches every endpoint it is sent to.
func (w *Webhook) Wants(t string) bool {
	for _, e := range w.Events {
		if e == "*" || e == t {
			return true
		}
	}
	return false
}

// WebhookEvent is one event of the outbox.
type WebhookEvent struct {
	ID        int64
	BrandID   int64
	UID       string `gorm:"column:uid"`
	Type      string
	Payload   string
	CreatedAt time.Time
}

// WebhookDelivery is one event's delivery to one endpoint.
type WebhookDelivery struct {
	ID            int64
	BrandID       int64
	WebhookID     int64
	EventID       int64
	Status        string
	Attempts      int
	LastStatus    *int
	LastError     string
	LastResponse  string
	NextAttemptAt time.Time
	DeliveredAt   *time.Time
	CreatedAt     time.Time
}

// Notification is an in-app message to one user.
type Notification struct {
	ID        int64
	BrandID   int64
	UserID    int64
	Kind      string
	Title     string
	Body      string
	Link      string
	OnceKey   *string
	ReadAt    *time.Time
	CreatedAt time.Time
}
