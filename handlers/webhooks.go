package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
	"huoban/webhook"
)

// SecretOverlap is how long a rotated-out secret keeps signing deliveries.
const SecretOverlap = 24 * time.Hour

// WebhookResponse is an endpoint; Secret is set only in the answers that make one.
type WebhookResponse struct {
	ID          int64     `json:"id"`
	URL         string    `json:"url"`
	Events      []string  `json:"events"`
	Description string    `json:"description"`
	Active      bool      `json:"active"`
	Format      string    `json:"format"`
	BotSecret   bool      `json:"bot_secret_set"`
	CreatedAt   time.Time `json:"created_at"`
	Secret      string    `json:"secret,omitempty"`
}

func toWebhookResponse(w *models.Webhook) WebhookResponse {
	ev := []string(w.Events)
	if ev == nil {
		ev = []string{}
	}
	return WebhookResponse{ID: w.ID, URL: w.URL, Events: ev, Description: w.Description, Active: w.Active,
		Format: w.Format, BotSecret: w.BotSecret != "", CreatedAt: w.CreatedAt.UTC()}
}

// WebhookRequest is the body of POST /webhooks and PATCH /webhooks/{id}.
// bot_secret is the signing secret a 飞书 custom robot shows (format
// feishu; empty turns signing off).
type WebhookRequest struct {
	URL         Opt[string]   `json:"url"`
	Events      Opt[[]string] `json:"events"`
	Description Opt[string]   `json:"description"`
	Active      Opt[bool]     `json:"active"`
	Format      Opt[string]   `json:"format"`
	BotSecret   Opt[string]   `json:"bot_secret"`
}

// apply validates the request and copies the fields sent onto w.
func (h *Handlers) applyWebhook(c *gin.Context, r *WebhookRequest, w *models.Webhook, creating bool) error {
	ve := &models.ValidationError{}
	if creating || r.URL.Set {
		u := strings.TrimSpace(r.URL.V)
		if msg := webhook.CheckURL(c.Request.Context(), u, h.WebhookAllowPrivate); msg != "" {
			ve.Add("url", msg)
		}
		w.URL = u
	}
	if creating || r.Events.Set {
		ev := r.Events.V
		if creating && !r.Events.Set {
			ev = []string{"*"}
		}
		w.Events = models.StringList{}
		seen := map[string]bool{}
		for _, e := range ev {
			e = strings.TrimSpace(e)
			switch {
			case e != "*" && (!models.IsEventType(e) || e == "ping"):
				ve.Add("events", "unknown event type "+e+"; see the list in the API document")
			case !seen[e]:
				seen[e] = true
				w.Events = append(w.Events, e)
			}
		}
		if len(w.Events) == 0 {
			ve.Add("events", "must name at least one event type, or \"*\" for all")
		} else if seen["*"] && len(w.Events) > 1 {
			ve.Add("events", "\"*\" already means every event; send it alone")
		}
	}
	if r.Description.Set {
		v := r.Description.V
		checkText(ve, "description", &v, 0, 200)
		w.Description = v
	}
	if creating {
		w.Active, w.Format = true, models.FormatStandard
	}
	if r.Active.Set {
		if r.Active.Null {
			ve.Add("active", "must be true or false")
		}
		w.Active = r.Active.V
	}
	if r.Format.Set {
		switch r.Format.V {
		case models.FormatStandard, models.FormatFeishu, models.FormatWecom:
			w.Format = r.Format.V
		default:
			ve.Add("format", "must be standard, feishu or wecom")
		}
	}
	if r.Format.Set && w.Format != models.FormatFeishu && !r.BotSecret.Set {
		w.BotSecret = "" // only a 飞书 robot signs with one
	}
	if r.BotSecret.Set {
		v := strings.TrimSpace(r.BotSecret.V)
		if len(v) > 200 {
			ve.Add("bot_secret", "must be at most 200 characters")
		}
		w.BotSecret = v
	}
	if w.BotSecret != "" && w.Format != models.FormatFeishu {
		ve.Add("bot_secret", "only a feishu robot takes a signing secret")
	}
	return ve.Err()
}

// ListWebhooks returns a page of the brand's endpoints, newest first.
func (h *Handlers) ListWebhooks(c *gin.Context) error {
	f, err := subQuery(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListWebhooks(c.Request.Context(), brandID(c), f)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, toWebhookResponse))
	return nil
}

// CreateWebhook adds an endpoint and shows its signing secret this once.
func (h *Handlers) CreateWebhook(c *gin.Context) error {
	var req WebhookRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	w := models.Webhook{Secret: webhook.NewSecret()}
	if err := h.applyWebhook(c, &req, &w, true); err != nil {
		return err
	}
	if err := h.Store.CreateWebhook(c.Request.Context(), actor(c), &w); err != nil {
		return err
	}
	r := toWebhookResponse(&w)
	r.Secret = w.Secret
	c.JSON(http.StatusCreated, r)
	return nil
}

// PatchWebhook changes the fields sent.
func (h *Handlers) PatchWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req WebhookRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	w, err := h.Store.UpdateWebhook(c.Request.Context(), actor(c), id, func(w *models.Webhook) error {
		return h.applyWebhook(c, &req, w, false)
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toWebhookResponse(w))
	return nil
}

// DeleteWebhook removes an endpoint and its delivery log.
func (h *Handlers) DeleteWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.DeleteWebhook(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// SecretResponse is the answer of a secret rotation.
type SecretResponse struct {
	Secret string `json:"secret"`
	// PreviousValidUntil is when the old secret stops signing.
	PreviousValidUntil time.Time `json:"previous_valid_until"`
}

// RotateWebhookSecret gives an endpoint a new secret; the old one signs
// beside it for 24 hours.
func (h *Handlers) RotateWebhookSecret(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	secret := webhook.NewSecret()
	if err := h.Store.RotateWebhookSecret(c.Request.Context(), actor(c), id, secret, SecretOverlap); err != nil {
		return err
	}
	c.JSON(http.StatusOK, SecretResponse{Secret: secret, PreviousValidUntil: h.Store.Now().Add(SecretOverlap)})
	return nil
}

// QueuedResponse answers a request that queued work.
type QueuedResponse struct {
	Queued bool `json:"queued"`
}

// TestWebhook queues a ping event for the endpoint.
func (h *Handlers) TestWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.TestWebhook(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.JSON(http.StatusAccepted, QueuedResponse{Queued: true})
	return nil
}

// DeliveryResponse is one delivery of the log.
type DeliveryResponse struct {
	ID            int64      `json:"id"`
	EventID       string     `json:"event_id"`
	EventType     string     `json:"event_type"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	LastStatus    *int       `json:"last_status"`
	LastError     string     `json:"last_error"`
	LastResponse  string     `json:"last_response"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	DeliveredAt   *time.Time `json:"delivered_at"`
	CreatedAt     time.Time  `json:"created_at"`
}

func toDeliveryResponse(d *store.DeliveryRow) DeliveryResponse {
	r := DeliveryResponse{ID: d.ID, EventID: d.EventUID, EventType: d.EventType, Status: d.Status, Attempts: d.Attempts,
		LastStatus: d.LastStatus, LastError: d.LastError, LastResponse: d.LastResponse,
		DeliveredAt: utcPtr(d.DeliveredAt), CreatedAt: d.CreatedAt.UTC()}
	if d.Status == models.DeliveryPending || d.Status == models.DeliveryFailed {
		t := d.NextAttemptAt.UTC()
		r.NextAttemptAt = &t
	}
	return r
}

// ListDeliveries returns a page of an endpoint's deliveries, newest first.
func (h *Handlers) ListDeliveries(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := subQuery(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListDeliveries(c.Request.Context(), brandID(c), id, f)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, toDeliveryResponse))
	return nil
}

// RetryDelivery queues a dead or failed delivery again.
func (h *Handlers) RetryDelivery(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	did, err := pathID(c, "delivery_id")
	if err != nil {
		return err
	}
	d, err := h.Store.RetryDelivery(c.Request.Context(), actor(c), id, did)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toDeliveryResponse(d))
	return nil
}

// subQuery reads ?limit= and ?cursor= of the lists paged by id.
func subQuery(c *gin.Context) (store.SubQuery, error) {
	ve := &models.ValidationError{}
	f := subPaging(c, ve)
	return f, ve.Err()
}
