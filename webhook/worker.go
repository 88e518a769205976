package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"huoban/models"
	"huoban/store"
)

// Options tune the worker; zero values take the defaults.
type Options struct {
	// Concurrency is how many endpoints are served at once (default 8);
	// each endpoint's events go one after another.
	Concurrency int
	// Timeout bounds one delivery, answer included (default 10 s).
	Timeout time.Duration
	// AllowPrivate lets deliveries reach loopback and private addresses
	// (HUOBAN_WEBHOOK_ALLOW_PRIVATE=true: local development and tests).
	AllowPrivate bool
	// Poll is how often the outbox is looked at when nothing signals (default 1 s).
	Poll time.Duration
	// Lease is how long an endpoint stays claimed (default 45 s); a worker
	// starts no new delivery for it after a third of that.
	Lease time.Duration
	// Batch is how many of an endpoint's deliveries one claim reads (default 100).
	Batch int
	// MaxAttempts and RetryWindow: a delivery is dead once it failed at
	// least MaxAttempts times (default 8) and RetryWindow (default 24 h)
	// has passed since it was queued.
	MaxAttempts int
	RetryWindow time.Duration
	// Backoff returns the wait after the n-th failed attempt (default
	// 30 s·5^(n-1), at most 12 h, plus up to 25 % jitter: over 30 hours for 8 attempts).
	Backoff func(n int) time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Log receives delivery failures of the worker itself (default: discard).
	Log *slog.Logger
	// Transport replaces the safe HTTP transport (tests of the transport's callers only).
	Transport http.RoundTripper
}

// maxAnswer is how much of an answer is read (and the first 1 KiB kept for the log).
const (
	maxAnswer  = 64 << 10
	keptAnswer = 1 << 10
)

// DefaultBackoff is the default wait after the n-th failed attempt.
func DefaultBackoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < 12*time.Hour; i++ {
		d *= 5
	}
	d = min(d, 12*time.Hour)
	return d + time.Duration(rand.Int64N(int64(d/4)+1))
}

// Worker sends the outbox's deliveries.
type Worker struct {
	st     *store.Store
	o      Options
	client *http.Client
}

// New returns a worker over st.
func New(st *store.Store, o Options) *Worker {
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 45 * time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 100
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.RetryWindow <= 0 {
		o.RetryWindow = 24 * time.Hour
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	rt := o.Transport
	if rt == nil {
		rt = NewTransport(o.AllowPrivate, o.Timeout)
	}
	client := &http.Client{Transport: rt, Timeout: o.Timeout,
		// Redirects are not followed: a 3xx is an answer, and not a 2xx.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &Worker{st: st, o: o, client: client}
}

// NewTransport returns the HTTP transport of deliveries: no proxy (a proxy
// would resolve names where the address check cannot see), and unless
// allowPrivate a dialer that refuses forbidden addresses on every connection.
func NewTransport(allowPrivate bool, timeout time.Duration) *http.Transport {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = dialControl
	}
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
	}
}

// Run delivers until ctx ends: it claims endpoints whose next delivery is
// due, up to Concurrency at once, when the store signals new events and at
// least every Poll.
func (w *Worker) Run(ctx context.Context) {
	if err := w.st.ReleaseStaleLeases(ctx); err != nil && ctx.Err() == nil {
		w.o.Log.Error("webhook leases", "error", err)
	}
	sem := make(chan struct{}, w.o.Concurrency)
	done := make(chan struct{}, w.o.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(w.o.Poll)
	defer t.Stop()
	for {
		if free := cap(sem) - len(sem); free > 0 {
			hooks, err := w.st.ClaimEndpoints(ctx, free, w.o.Lease)
			if err != nil && ctx.Err() == nil {
				w.o.Log.Error("webhook claim", "error", err)
			}
			for i := range hooks {
				sem <- struct{}{}
				wg.Add(1)
				go func(h models.Webhook) {
					defer func() {
						<-sem
						wg.Done()
						select { // wake the loop to claim again; it may be gone already
						case done <- struct{}{}:
						default:
						}
					}()
					w.serve(ctx, &h)
				}(hooks[i])
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-w.st.OutboxSignal():
		case <-done:
		case <-t.C:
		}
	}
}

// RunOnce claims what is due now and delivers it, waiting for the result;
// it returns how many endpoints it served (tests, benchmarks).
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	hooks, err := w.st.ClaimEndpoints(ctx, w.o.Concurrency, w.o.Lease)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	for i := range hooks {
		wg.Add(1)
		go func() { defer wg.Done(); w.serve(ctx, &hooks[i]) }()
	}
	wg.Wait()
	return len(hooks), nil
}

// serve sends an endpoint's due deliveries oldest first, stopping at the
// first that fails (the later ones wait for it, to keep the order), then
// records the attempts and ends the lease.
func (w *Worker) serve(ctx context.Context, h *models.Webhook) {
	start := w.o.Now()
	items, err := w.st.OpenDeliveries(ctx, h.ID, w.o.Batch)
	if err != nil {
		w.o.Log.Error("webhook deliveries", "webhook_id", h.ID, "error", err)
	}
	var results []store.DeliveryResult
	for i := range items {
		now := w.o.Now()
		if items[i].Delivery.NextAttemptAt.After(now) || now.Sub(start) > w.o.Lease/3 || ctx.Err() != nil {
			break
		}
		r := w.attempt(ctx, h, &items[i])
		results = append(results, r)
		if r.Status != models.DeliveryDelivered {
			break
		}
	}
	if err := w.st.FinishDeliveries(ctx, h.ID, results); err != nil {
		// Not recorded: the lease runs out and these are sent again (at least once).
		w.o.Log.Error("webhook results", "webhook_id", h.ID, "error", err)
	}
}

// attempt makes one delivery and returns its outcome.
func (w *Worker) attempt(ctx context.Context, h *models.Webhook, it *store.OutboxItem) store.DeliveryResult {
	now := w.o.Now()
	r := store.DeliveryResult{DeliveryID: it.Delivery.ID, At: now}
	code, answer, err := w.send(ctx, h, &it.Event, now)
	if code != 0 {
		r.HTTPStatus = &code
	}
	r.Response = answer
	switch {
	case err != nil:
		r.Error = err.Error()
	case code < 200 || code > 299:
		r.Error = "HTTP " + strconv.Itoa(code)
	default:
		if msg := robotError(h.Format, []byte(answer)); msg != "" {
			r.Error = msg
		}
	}
	if r.Error == "" {
		r.Status, r.NextAttemptAt = models.DeliveryDelivered, now
		return r
	}
	n := it.Delivery.Attempts + 1
	if n >= w.o.MaxAttempts && now.Sub(it.Delivery.CreatedAt) >= w.o.RetryWindow {
		r.Status, r.NextAttemptAt = models.DeliveryDead, now
		return r
	}
	r.Status, r.NextAttemptAt = models.DeliveryFailed, now.Add(w.o.Backoff(n))
	return r
}

// send posts the event to the endpoint and returns the status, the first
// KiB of the answer (at most 64 KiB are read) and a transport error.
func (w *Worker) send(ctx context.Context, h *models.Webhook, ev *models.WebhookEvent, now time.Time) (int, string, error) {
	payload, err := body(h, ev, now)
	if err != nil {
		return 0, "", err
	}
	ts := now.Unix()
	sig, err := signatures(h, now, ev.UID, ts, payload)
	if err != nil {
		return 0, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, w.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(payload))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "Huoban-Webhooks/1.0")
	req.Header.Set("webhook-id", ev.UID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", sig)
	res, err := w.client.Do(req)
	if err != nil {
		if errors.Is(err, ErrForbiddenTarget) {
			return 0, "", ErrForbiddenTarget
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return 0, "", fmt.Errorf("no answer within %s", w.o.Timeout)
		}
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil && len(b) == 0 && (res.StatusCode < 200 || res.StatusCode > 299) {
		return res.StatusCode, "", err
	}
	if len(b) > keptAnswer {
		b = b[:keptAnswer]
	}
	return res.StatusCode, string(bytes.ToValidUTF8(b, []byte("?"))), nil
}
