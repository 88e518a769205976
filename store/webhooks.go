package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// idDescSort is the cursor sort of the lists here: newest (highest id) first.
const idDescSort = "-id"

// idPage reads one page of rows of q newest first, by id.
func idPage[T any](q *gorm.DB, f SubQuery, id func(*T) int64) (*Page[T], error) {
	cur, err := DecodeCursor(f.Cursor, idDescSort)
	if err != nil {
		return nil, err
	}
	if cur != nil {
		q = q.Where("id < ?", cur.ID)
	}
	var rows []T
	if err := q.Order("id DESC").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return pageOf(rows, f.Limit, func(r *T) Cursor { return Cursor{Sort: idDescSort, ID: id(r)} }), nil
}

// WebhookFields returns the audited fields of an endpoint (never its secrets).
func WebhookFields(w *models.Webhook) map[string]any {
	return map[string]any{"url": w.URL, "events": w.Events, "description": w.Description, "active": w.Active,
		"format": w.Format, "bot_secret_set": w.BotSecret != ""}
}

// ListWebhooks returns a page of the brand's endpoints, newest first.
func (s *Store) ListWebhooks(ctx context.Context, brandID int64, f SubQuery) (*Page[models.Webhook], error) {
	return idPage(s.read(ctx).Model(&models.Webhook{}).Scopes(brandScope(brandID)), f,
		func(w *models.Webhook) int64 { return w.ID })
}

// GetWebhook returns one of the brand's endpoints.
func (s *Store) GetWebhook(ctx context.Context, brandID, id int64) (*models.Webhook, error) {
	var w models.Webhook
	err := s.read(ctx).Scopes(brandScope(brandID)).Where("id = ?", id).Take(&w).Error
	return &w, translate(err)
}

// CreateWebhook stores a new endpoint of the actor's brand with its secret.
func (s *Store) CreateWebhook(ctx context.Context, a Actor, w *models.Webhook) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		w.ID, w.BrandID, w.CreatedAt, w.UpdatedAt, w.PrevSecret, w.PrevUntil, w.LeaseUntil = 0, a.BrandID, now, now, "", nil, nil
		if err := tx.Create(w).Error; err != nil {
			return err
		}
		return audit(tx, a, "create", "webhook", w.ID, created(WebhookFields(w)))
	})
}

// UpdateWebhook lets apply change an endpoint and saves it. When its URL
// changes or it is switched back on, its waiting deliveries are due at once
// (a fixed endpoint should not wait out the backoff of a broken one).
func (s *Store) UpdateWebhook(ctx context.Context, a Actor, id int64, apply func(w *models.Webhook) error) (*models.Webhook, error) {
	var w models.Webhook
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&w).Error; err != nil {
			return err
		}
		before, oldBot := WebhookFields(&w), w.BotSecret
		if err := apply(&w); err != nil {
			return err
		}
		changes := diff(before, WebhookFields(&w))
		if w.BotSecret != oldBot {
			changes["bot_secret"] = Change{From: "…", To: "…"} // changed; its value stays out of the log
		}
		if len(changes) == 0 {
			return nil
		}
		w.UpdatedAt = s.now()
		if err := tx.Model(&models.Webhook{}).Where("id = ?", id).Updates(map[string]any{
			"url": w.URL, "events": w.Events, "description": w.Description, "active": w.Active,
			"format": w.Format, "bot_secret": w.BotSecret, "updated_at": w.UpdatedAt}).Error; err != nil {
			return err
		}
		_, urlChanged := changes["url"]
		if _, on := changes["active"]; urlChanged || (on && w.Active) {
			if err := tx.Exec(`UPDATE webhook_deliveries SET next_attempt_at = ? WHERE webhook_id = ? AND status IN ('pending','failed')`,
				w.UpdatedAt, id).Error; err != nil {
				return err
			}
			s.outboxDirty.Store(true)
		}
		return audit(tx, a, "update", "webhook", id, changes)
	})
	if err != nil {
		return nil, err
	}
	return &w, nil
}

// DeleteWebhook removes an endpoint with its deliveries.
func (s *Store) DeleteWebhook(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var w models.Webhook
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&w).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM webhook_deliveries WHERE webhook_id = ?", id).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM webhooks WHERE id = ?", id).Error; err != nil {
			return err
		}
		return audit(tx, a, "delete", "webhook", id, deleted(WebhookFields(&w)))
	})
}

// RotateWebhookSecret makes secret the endpoint's signing secret; the old one
// keeps signing beside it until now + overlap.
func (s *Store) RotateWebhookSecret(ctx context.Context, a Actor, id int64, secret string, overlap time.Duration) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var w models.Webhook
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Take(&w).Error; err != nil {
			return err
		}
		now := s.now()
		until := now.Add(overlap)
		if err := tx.Model(&models.Webhook{}).Where("id = ?", id).Updates(map[string]any{
			"secret": secret, "prev_secret": w.Secret, "prev_until": until, "updated_at": now}).Error; err != nil {
			return err
		}
		return audit(tx, a, "update", "webhook", id, map[string]Change{"secret": {From: "rotated", To: "rotated"},
			"previous_secret_valid_until": {To: until}})
	})
}

// TestWebhook queues a ping event for one endpoint.
func (s *Store) TestWebhook(ctx context.Context, a Actor, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Webhook{}).Scopes(brandScope(a.BrandID)).Where("id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
		if err := s.queuePing(tx, a.BrandID, id); err != nil {
			return err
		}
		return audit(tx, a, "test", "webhook", id, nil)
	})
}

// DeliveryRow is a delivery with its event's public id and type.
type DeliveryRow struct {
	models.WebhookDelivery
	EventUID  string
	EventType string
}

// deliveryRows selects deliveries with their events.
func deliveryRows(q *gorm.DB) *gorm.DB {
	return q.Table("webhook_deliveries AS d").
		Select("d.*, e.uid AS event_uid, e.type AS event_type").
		Joins("JOIN webhook_events e ON e.id = d.event_id")
}

// ListDeliveries returns a page of an endpoint's deliveries, newest first.
func (s *Store) ListDeliveries(ctx context.Context, brandID, webhookID int64, f SubQuery) (*Page[DeliveryRow], error) {
	if _, err := s.GetWebhook(ctx, brandID, webhookID); err != nil {
		return nil, err
	}
	cur, err := DecodeCursor(f.Cursor, idDescSort)
	if err != nil {
		return nil, err
	}
	q := deliveryRows(s.read(ctx)).Where("d.webhook_id = ? AND d.brand_id = ?", webhookID, brandID)
	if cur != nil {
		q = q.Where("d.id < ?", cur.ID)
	}
	var rows []DeliveryRow
	if err := q.Order("d.id DESC").Limit(f.Limit + 1).Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return pageOf(rows, f.Limit, func(r *DeliveryRow) Cursor { return Cursor{Sort: idDescSort, ID: r.ID} }), nil
}

// RetryDelivery queues a dead or failed delivery again, due at once, with
// a fresh run of attempts. Any other status → 409.
func (s *Store) RetryDelivery(ctx context.Context, a Actor, webhookID, deliveryID int64) (*DeliveryRow, error) {
	var row DeliveryRow
	err := s.write(ctx, func(tx *gorm.DB) error {
		var d models.WebhookDelivery
		if err := forUpdate(tx).Scopes(brandScope(a.BrandID)).Where("id = ? AND webhook_id = ?", deliveryID, webhookID).
			Take(&d).Error; err != nil {
			return err
		}
		if d.Status != models.DeliveryDead && d.Status != models.DeliveryFailed {
			return models.Errorf(models.ErrConflict, "only a dead or failed delivery can be retried; this one is %s", d.Status)
		}
		now := s.now()
		if err := tx.Exec(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?`,
			now, d.ID).Error; err != nil {
			return err
		}
		if err := deliveryRows(tx).Where("d.id = ?", d.ID).Take(&row).Error; err != nil {
			return err
		}
		s.outboxDirty.Store(true)
		return audit(tx, a, "retry", "webhook_delivery", d.ID, map[string]Change{"status": {From: d.Status, To: models.DeliveryPending}})
	})
	if err != nil {
		return nil, err
	}
	return &row, nil
}
