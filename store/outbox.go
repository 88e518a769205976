package store

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// The webhook outbox. A write that changes something a webhook may hear
// about calls recordEvent inside its own transaction: the event row and one
// delivery row per endpoint that wants it commit with the change, or not at
// all. The delivery worker (package webhook) sends them afterwards.

// EventRenderer turns a record (a *models.Buyer, *models.Collaboration, …)
// into the data of a webhook event as the API answers it. The api package
// hands the handlers' converters to the store (SetEventRenderer), so events
// carry exactly what a GET would.
type EventRenderer func(record any) any

// SetEventRenderer sets how records become event data; without one the
// record itself is marshalled.
func (s *Store) SetEventRenderer(r EventRenderer) { s.render = r }

// OutboxSignal is a channel that receives after a write that recorded
// webhook events commits, so the worker need not wait for its next poll.
func (s *Store) OutboxSignal() <-chan struct{} { return s.outboxKick }

// EventBody is the body of a standard webhook delivery.
type EventBody struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	BrandID   int64     `json:"brand_id"`
	CreatedAt time.Time `json:"created_at"`
	Data      any       `json:"data"`
}

// newEventID returns "evt_" and 16 random bytes, base64url without padding.
func newEventID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return "evt_" + base64.RawURLEncoding.EncodeToString(b[:])
}

// endpointRow is an active endpoint's id and event filter.
type endpointRow struct {
	ID     int64
	Events models.StringList
}

// RecordEvent records a webhook event of eventType about record in tx, the
// transaction of the change that caused it, for every active endpoint of the
// brand that subscribes to it. It is the one way to emit an event: a write
// of another feature (plans, commitments, reviews) calls it beside its audit
// entry. With no endpoint wanting the event it writes nothing.
func (s *Store) RecordEvent(tx *gorm.DB, brandID int64, eventType string, record any) error {
	var rows []endpointRow
	if err := tx.Raw("SELECT id, events FROM webhooks WHERE brand_id = ? AND active = 1", brandID).
		Scan(&rows).Error; err != nil {
		return err
	}
	var ids []int64
	for _, r := range rows {
		w := models.Webhook{Events: r.Events}
		if w.Wants(eventType) {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return s.insertEvent(tx, brandID, eventType, record, ids)
}

// queuePing records a ping event for one endpoint only.
func (s *Store) queuePing(tx *gorm.DB, brandID, webhookID int64) error {
	return s.insertEvent(tx, brandID, "ping", map[string]any{"webhook_id": webhookID, "message": "Huoban 测试消息 (test ping)"},
		[]int64{webhookID})
}

// insertEvent writes the event and its deliveries to the endpoints.
func (s *Store) insertEvent(tx *gorm.DB, brandID int64, eventType string, record any, endpoints []int64) error {
	now := s.now()
	data := record
	if s.render != nil {
		data = s.render(record)
	}
	uid := newEventID()
	payload, err := eventPayload(uid, eventType, brandID, now, data)
	if err != nil {
		return fmt.Errorf("event %s: %w", eventType, err)
	}
	var eventID int64
	if err := tx.Raw(`INSERT INTO webhook_events (brand_id, uid, type, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		brandID, uid, eventType, string(payload), now).Row().Scan(&eventID); err != nil {
		return err
	}
	var sql strings.Builder
	sql.WriteString(`INSERT INTO webhook_deliveries (brand_id, webhook_id, event_id, status, next_attempt_at, created_at) VALUES `)
	args := make([]any, 0, 5*len(endpoints))
	for i, id := range endpoints {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?, ?, ?, 'pending', ?, ?)")
		args = append(args, brandID, id, eventID, now, now)
	}
	if err := tx.Exec(sql.String(), args...).Error; err != nil {
		return err
	}
	s.outboxDirty.Store(true)
	return nil
}

// eventPayload encodes the body of a standard delivery, as json.Marshal of
// EventBody would, but puts data that is already JSON in as it is (the hot
// writes' records come encoded).
func eventPayload(uid, eventType string, brandID int64, at time.Time, data any) ([]byte, error) {
	raw, ok := data.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(data); err != nil {
			return nil, err
		}
	}
	head, err := json.Marshal(EventBody{ID: uid, Type: eventType, BrandID: brandID, CreatedAt: at})
	if err != nil {
		return nil, err
	}
	// head ends with "data":null}; put the record where the null is.
	head = head[:len(head)-len("null}")]
	out := make([]byte, 0, len(head)+len(raw)+1)
	out = append(append(append(out, head...), raw...), '}')
	return out, nil
}

// signalOutbox wakes the delivery worker after a commit that recorded events.
func (s *Store) signalOutbox() {
	if s.outboxDirty.Swap(false) {
		select {
		case s.outboxKick <- struct{}{}:
		default:
		}
	}
}
