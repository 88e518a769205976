package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/db"
	"huoban/models"
)

// The delivery worker's side of the outbox. An endpoint is leased to one
// worker at a time (lease_until), so its events leave one after another,
// oldest first; on PostgreSQL the claim skips endpoints another instance is
// claiming (FOR UPDATE SKIP LOCKED), so exactly one instance gets each. A
// worker that dies loses its lease when it runs out, and the deliveries it
// had not recorded are sent again: at least once, never lost.

// OutboxItem is one open delivery with its event.
type OutboxItem struct {
	Delivery models.WebhookDelivery
	Event    models.WebhookEvent
}

// ClaimEndpoints leases up to n active endpoints whose oldest open delivery
// is due, for lease, and returns them.
// Nothing due is found with a read, so an idle worker's polls write nothing
// (a write would also end every cached answer, see Generation).
func (s *Store) ClaimEndpoints(ctx context.Context, n int, lease time.Duration) ([]models.Webhook, error) {
	const due = `FROM webhooks w
			WHERE w.active = 1 AND (w.lease_until IS NULL OR w.lease_until < ?)
			  AND w.id IN (SELECT d.webhook_id FROM webhook_deliveries d
			               WHERE d.status IN ('pending','failed') AND d.next_attempt_at <= ?)
			  AND (SELECT h.next_attempt_at FROM webhook_deliveries h
			       WHERE h.webhook_id = w.id AND h.status IN ('pending','failed') ORDER BY h.id LIMIT 1) <= ?`
	now := s.now()
	var found []int64
	if err := s.read(ctx).Raw("SELECT w.id "+due+" LIMIT 1", now, now, now).Scan(&found).Error; err != nil {
		return nil, translate(err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	var out []models.Webhook
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		sql := "SELECT w.* " + due + " ORDER BY w.id LIMIT ?"
		if isPostgres(tx) {
			sql += " FOR UPDATE OF w SKIP LOCKED"
		}
		out = out[:0]
		if err := tx.Raw(sql, now, now, now, n).Scan(&out).Error; err != nil {
			return err
		}
		if len(out) == 0 {
			return nil
		}
		ids := make([]int64, len(out))
		for i := range out {
			ids[i] = out[i].ID
		}
		return tx.Exec("UPDATE webhooks SET lease_until = ? WHERE id IN ?", now.Add(lease), ids).Error
	})
	return out, err
}

// OpenDeliveries returns up to limit of an endpoint's open deliveries, oldest first.
func (s *Store) OpenDeliveries(ctx context.Context, webhookID int64, limit int) ([]OutboxItem, error) {
	var ds []models.WebhookDelivery
	if err := s.read(ctx).Where("webhook_id = ? AND status IN ('pending','failed')", webhookID).
		Order("id").Limit(limit).Find(&ds).Error; err != nil {
		return nil, translate(err)
	}
	if len(ds) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(ds))
	for _, d := range ds {
		ids = append(ids, d.EventID)
	}
	var evs []models.WebhookEvent
	if err := s.read(ctx).Where("id IN ?", ids).Find(&evs).Error; err != nil {
		return nil, translate(err)
	}
	byID := make(map[int64]models.WebhookEvent, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	out := make([]OutboxItem, 0, len(ds))
	for _, d := range ds {
		out = append(out, OutboxItem{Delivery: d, Event: byID[d.EventID]})
	}
	return out, nil
}

// DeliveryResult is the outcome of one attempt, to be recorded.
type DeliveryResult struct {
	DeliveryID int64
	// Status is the delivery's new status; NextAttemptAt matters for failed.
	Status        string
	HTTPStatus    *int
	Error         string
	Response      string
	NextAttemptAt time.Time
	At            time.Time
}

// FinishDeliveries records the attempts a worker made for an endpoint and
// ends its lease, in one transaction.
func (s *Store) FinishDeliveries(ctx context.Context, webhookID int64, results []DeliveryResult) error {
	return s.write(context.WithoutCancel(ctx), func(tx *gorm.DB) error {
		for _, r := range results {
			var delivered *time.Time
			if r.Status == models.DeliveryDelivered {
				at := r.At
				delivered = &at
			}
			if err := tx.Exec(`UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status = ?,
				last_error = ?, last_response = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ? AND status IN ('pending','failed')`,
				r.Status, r.HTTPStatus, r.Error, r.Response, r.NextAttemptAt, delivered, r.DeliveryID).Error; err != nil {
				return err
			}
		}
		return tx.Exec("UPDATE webhooks SET lease_until = NULL WHERE id = ?", webhookID).Error
	})
}

// deliveredKeep is how long delivered rows are kept for the log.
const deliveredKeep = 30 * 24 * time.Hour

// PruneDeliveries deletes deliveries delivered more than 30 days ago and
// the events no delivery refers to any more; it returns how many deliveries went.
// It writes only when there is something to prune.
func (s *Store) PruneDeliveries(ctx context.Context) (int64, error) {
	cut := s.now().Add(-deliveredKeep)
	var old []int64
	if err := s.read(ctx).Raw(`SELECT 1 WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE status = 'delivered' AND delivered_at < ?)
		OR EXISTS (SELECT 1 FROM webhook_events e WHERE e.created_at < ?
		           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id))`, cut, cut).Scan(&old).Error; err != nil {
		return 0, translate(err)
	}
	if len(old) == 0 {
		return 0, nil
	}
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM webhook_deliveries WHERE status = 'delivered' AND delivered_at < ?", cut)
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		return tx.Exec(`DELETE FROM webhook_events WHERE created_at < ?
			AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)`, cut).Error
	})
	return n, err
}

// ReleaseStaleLeases ends every endpoint lease on SQLite, where this process
// is the only one using the database, so deliveries a killed process had
// claimed go out at once after a restart. On PostgreSQL other instances may
// hold leases: they run out by themselves.
func (s *Store) ReleaseStaleLeases(ctx context.Context) error {
	if s.db.Dialect == db.Postgres {
		return nil
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("UPDATE webhooks SET lease_until = NULL WHERE lease_until IS NOT NULL").Error
	})
}
