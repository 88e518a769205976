package webhook

import (
	"time"

	"huoban/models"
)

func testHook(url string) *models.Webhook {
	return &models.Webhook{ID: 1, URL: url, Format: models.FormatStandard, Secret: NewSecret(), Events: models.StringList{"*"}}
}

func testEvent() *models.WebhookEvent {
	return &models.WebhookEvent{ID: 1, UID: "evt_test", Type: "ping",
		Payload: `{"id":"evt_test","type":"ping","brand_id":1,"created_at":"2026-11-23T10:00:00Z","data":{}}`, CreatedAt: time.Now()}
}
