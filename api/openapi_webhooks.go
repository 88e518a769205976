package api

import (
	"strings"

	"huoban/models"
)

// The OpenAPI document's words on webhooks and notifications: tag
// descriptions, and (OpenAPI 3.1 "webhooks") the requests Huoban sends.

const webhooksDoc = "Webhook endpoints (owner). POST answers 201 with the signing secret (whsec_ + base64 of 32 random bytes) " +
	"shown only this once; the server keeps it as is, because it needs the key itself to sign (a hash cannot sign), and it " +
	"never appears in another answer or the audit log. rotate-secret answers the new secret; for 24 hours deliveries carry " +
	"signatures of both, space-separated. Events are stored in the transaction of the change that caused them (outbox): a " +
	"committed change always delivers its event, at least once, after a crash or restart too; a rolled-back change never does. " +
	"A 2xx answer within 10 s is delivered; anything else (a 3xx too: redirects are not followed) is retried with exponential " +
	"backoff and jitter (30 s, then ×5 up to 12 h, +0–25 %) for at least 24 hours and 8 attempts, then dead; a dead or failed " +
	"delivery can be retried (any other status: 409). One endpoint's events go out oldest first: a failing one holds the later ones back. At most 64 KiB " +
	"of an answer is read (the first KiB is kept as last_response). URLs must be http(s); a target that resolves to a loopback, " +
	"private, link-local, multicast or unspecified address is refused (422 at create, failed at delivery, checked after DNS " +
	"resolution on every connection) unless the server runs with HUOBAN_WEBHOOK_ALLOW_PRIVATE=true. Formats: standard (the " +
	"event as JSON, signed as Standard Webhooks 1.0 says); feishu (a zh-CN text message {msg_type: text, content: {text}} for a " +
	"飞书 custom robot; with bot_secret, the robot's signing secret, also timestamp and sign = base64(HMAC-SHA256 keyed with " +
	"timestamp + \"\\n\" + secret over an empty message)); wecom (a zh-CN {msgtype: markdown} message for a 企业微信 group robot, " +
	"which has no signing: its URL's key is the credential). Robot answers with a non-zero code/errcode count as failures. " +
	"Deliveries of every format carry the webhook-id, webhook-timestamp and webhook-signature headers. Delivered rows are " +
	"pruned after 30 days. Events: "

const notificationsDoc = "The signed-in user's notifications, staff and buyers alike, made in the transaction of their cause: " +
	"a buyer's comment or acknowledgement (→ the buyer's owner), a goal set (→ the buyer's portal users), a follow-up due " +
	"today (→ the buyer's owner, or the follow-up's author; once, by the maintenance loop). Titles are in the recipient's " +
	"language; link is the app path of the record. POST /notifications/read takes {ids} (at most 200; other users' ids are " +
	"ignored) or {all: true} and answers how many it marked."

// webhookTags are the tag descriptions of the two groups.
func webhookTags() []any {
	return []any{
		map[string]any{"name": "webhooks", "description": webhooksDoc + strings.Join(models.EventTypes, ", ") + "."},
		map[string]any{"name": "notifications", "description": notificationsDoc},
	}
}

// outgoingWebhooks describes the request a standard delivery makes.
func outgoingWebhooks() map[string]any {
	header := func(name, desc string) map[string]any {
		return map[string]any{"name": name, "in": "header", "required": true, "description": desc, "schema": map[string]any{"type": "string"}}
	}
	return map[string]any{
		"event": map[string]any{"post": map[string]any{
			"summary": "An event, POSTed to a standard endpoint",
			"description": "Signature: v1,base64(HMAC-SHA256(key, webhook-id + \".\" + webhook-timestamp + \".\" + body)), key being the " +
				"base64-decoded part of the secret after whsec_. Answer 2xx within 10 s; the same webhook-id comes again on a retry.",
			"parameters": []any{
				header("webhook-id", "the event id (evt_…), the same on every retry"),
				header("webhook-timestamp", "Unix seconds of this attempt"),
				header("webhook-signature", "space-separated v1,… signatures (two during the 24 h after a rotation)"),
			},
			"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
				"type": "object", "required": []string{"id", "type", "brand_id", "created_at", "data"},
				"properties": map[string]any{
					"id":         map[string]any{"type": "string", "description": "evt_…"},
					"type":       map[string]any{"type": "string", "enum": models.EventTypes},
					"brand_id":   map[string]any{"type": "integer"},
					"created_at": map[string]any{"type": "string", "format": "date-time"},
					"data": map[string]any{"type": "object", "description": "the record as the API answers it; collaborations.imported: " +
						"{count, ids}; ping: {webhook_id, message}"},
				}}}}},
			"responses": map[string]any{"2XX": map[string]any{"description": "delivered"}},
		}},
	}
}
