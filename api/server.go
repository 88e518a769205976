// Package api is Huoban's HTTP surface: the route table, middleware, the one
// error mapper and the OpenAPI document.
package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/db"
	"huoban/frontend"
	"huoban/handlers"
	"huoban/models"
	"huoban/store"
	"huoban/webhook"
)

// Config is what the server needs beyond the database.
type Config struct {
	// JWTSecret signs access tokens (HUOBAN_JWT_SECRET); empty means the key
	// file, or a key for this process only (secrets.go).
	JWTSecret string
	// JWTPreviousSecret still verifies tokens while HUOBAN_JWT_SECRET is rotated.
	JWTPreviousSecret string
	// JWTKeyFile holds the signing keys when JWTSecret is empty; made on first start.
	JWTKeyFile string
	// HSTS adds Strict-Transport-Security to every answer (deployments behind TLS).
	HSTS bool
	// TrustedProxies are the proxies whose X-Forwarded-For is believed; none by default.
	TrustedProxies []string
	// BcryptCost is the password hashing cost; 0 means the default.
	BcryptCost int
	// LoginPerIP is the number of login-like attempts per client IP per minute; 0 means 20.
	LoginPerIP int
	// LoginPerAccount is the number of attempts per email and client address
	// per 15 minutes before that pair is refused; 0 means 10.
	LoginPerAccount int
	// LoginPerAccountSlow is the number of attempts per email from every
	// address per 15 minutes before each further one is delayed (never
	// refused); 0 means 50.
	LoginPerAccountSlow int
	// LoginDelay is that delay; 0 means 2 seconds.
	LoginDelay time.Duration
	// RefreshTTL is the refresh token lifetime; 0 means 30 days.
	RefreshTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives structured logs; nil discards them.
	Log *slog.Logger
	// Quiet turns off per-request logging (benchmarks).
	Quiet bool
	// CORSOrigins are the origins (scheme://host[:port]) whose pages may call
	// the API from a browser; none by default, and then no CORS header is sent.
	CORSOrigins []string
	// NoResponseCache turns the response cache of the hot reads off
	// (respcache.go; benchmarks of the uncached path, debugging).
	NoResponseCache bool
	// Conn bounds slow and numerous clients (slowclients.go).
	Conn ConnLimits
	// MaintenanceInterval is how often Run checks for the daily maintenance;
	// 0 means a minute.
	MaintenanceInterval time.Duration
	// WebhookAllowPrivate lets webhooks reach loopback and private addresses
	// (HUOBAN_WEBHOOK_ALLOW_PRIVATE=true: local development and tests).
	WebhookAllowPrivate bool
	// Webhooks tunes the delivery worker; zero values take its defaults
	// (AllowPrivate, Now and Log come from the fields above).
	Webhooks webhook.Options
}

// Server is the Huoban HTTP server: API and web app on one handler.
type Server struct {
	cfg    Config
	log    *slog.Logger
	store  *store.Store
	tokens *auth.TokenIssuer
	engine *gin.Engine
	routes []route
	// openapiJSON is the OpenAPI document, built once from the route table.
	openapiJSON []byte
	// cache keeps recent answers of the hot reads (respcache.go).
	cache responseCache
	// hooks delivers the webhook outbox (package webhook).
	hooks *webhook.Worker
}

// NewServer builds the server over an opened database.
func NewServer(cfg Config, d *db.DB) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.LoginPerIP == 0 {
		cfg.LoginPerIP = 20
	}
	if cfg.LoginPerAccount == 0 {
		cfg.LoginPerAccount = 10
	}
	if cfg.LoginPerAccountSlow == 0 {
		cfg.LoginPerAccountSlow = 50
	}
	if cfg.LoginDelay == 0 {
		cfg.LoginDelay = 2 * time.Second
	}
	cfg.Conn.defaults()
	if cfg.MaintenanceInterval == 0 {
		cfg.MaintenanceInterval = time.Minute
	}
	if cfg.RefreshTTL == 0 {
		cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	st := store.New(d, cfg.Now)
	s := &Server{cfg: cfg, log: cfg.Log, store: st}
	keys, err := s.signingKeys(context.Background())
	if err != nil {
		return nil, err
	}
	s.tokens = auth.NewTokenIssuer(keys, cfg.Now)
	h := &handlers.Handlers{
		Store:  st,
		Hasher: auth.NewHasher(cfg.BcryptCost),
		Tokens: s.tokens,
		Limits: handlers.Limits{
			PerIP:          auth.NewLimiter(cfg.LoginPerIP, time.Minute, cfg.Now),
			PerAccountAddr: auth.NewLimiter(cfg.LoginPerAccount, 15*time.Minute, cfg.Now),
			PerAccount:     auth.NewLimiter(cfg.LoginPerAccountSlow, 15*time.Minute, cfg.Now),
			MaxDelay:       cfg.LoginDelay,
		},
		RefreshTTL:          cfg.RefreshTTL,
		WebhookAllowPrivate: cfg.WebhookAllowPrivate,
	}
	// Several instances on one PostgreSQL database count attempts together.
	if shared := st.SharedAttempts(); shared != nil {
		for _, l := range []*auth.Limiter{h.Limits.PerIP, h.Limits.PerAccountAddr, h.Limits.PerAccount} {
			l.Store = shared
			l.OnError = func(err error) { cfg.Log.Error("attempt limit store", "error", err) }
		}
	}
	st.SetEventRenderer(h.EventRenderer())
	wo := cfg.Webhooks
	wo.AllowPrivate = cfg.WebhookAllowPrivate
	if wo.Now == nil {
		wo.Now = cfg.Now
	}
	if wo.Log == nil {
		wo.Log = cfg.Log
	}
	s.hooks = webhook.New(st, wo)
	if err := s.buildEngine(h); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

func (s *Server) buildEngine(h *handlers.Handlers) error {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return fmt.Errorf("trusted proxies: %w", err)
	}
	e.Use(s.bodyDeadline, requestID, s.logRequests, s.recoverPanics, securityHeaders, s.cors)
	if s.cfg.HSTS {
		e.Use(hsts)
	}

	e.GET("/healthz", s.wrap(s.healthz))
	e.GET("/api/openapi.json", s.wrap(s.openapi))

	v1 := e.Group("/api/v1", s.limitBody(handlers.MaxCSVBody))
	s.routes = s.routeTable(h)
	doc, err := json.Marshal(s.OpenAPI())
	if err != nil {
		return fmt.Errorf("openapi document: %w", err)
	}
	s.openapiJSON = doc
	for _, rt := range s.routes {
		chain := []gin.HandlerFunc{}
		if rt.access != public {
			chain = append(chain, s.authenticate, s.allow(rt.access, rt.opts))
		}
		if s.cachesRoute(rt) {
			chain = append(chain, s.cacheReads)
		}
		chain = append(chain, s.wrap(rt.handler))
		v1.Handle(rt.method, rt.path, chain...)
	}

	spa := frontend.Handler()
	e.NoRoute(func(c *gin.Context) {
		if isAPIPath(c.Request.URL.Path) {
			s.abort(c, models.ErrNotFound, "no such endpoint; see /api/openapi.json")
			return
		}
		// gin presets 404 for NoRoute handlers; the SPA's pages are found pages.
		c.Status(http.StatusOK)
		spa.ServeHTTP(c.Writer, c.Request)
	})
	e.NoMethod(func(c *gin.Context) {
		if !isAPIPath(c.Request.URL.Path) {
			spa.ServeHTTP(c.Writer, c.Request)
			return
		}
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{errorDetail{
			Code: "method_not_allowed", Message: "this endpoint does not accept " + c.Request.Method}})
	})
	s.engine = e
	return nil
}

func isAPIPath(p string) bool {
	return p == "/api" || strings.HasPrefix(p, "/api/") || p == "/healthz"
}

// healthz answers ok once the database answers a query.
func (s *Server) healthz(c *gin.Context) error {
	if err := s.store.Ping(c.Request.Context()); err != nil {
		return fmt.Errorf("%w: %v", models.ErrUnavailable, err)
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

// Run serves on addr until ctx ends, then shuts down gracefully (Serve).
func (s *Server) Run(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// DailyMaintenance runs the calendar-driven upkeep once (tests and the CLI).
func (s *Server) DailyMaintenance(ctx context.Context) error {
	if err := s.store.DailyMaintenance(ctx); err != nil {
		return err
	}
	return s.noticeMaintenance(ctx)
}

// noticeMaintenance notifies the follow-ups due today (once each) and
// prunes delivered webhook deliveries older than 30 days.
func (s *Server) noticeMaintenance(ctx context.Context) error {
	if err := s.store.NotifyDueFollowUps(ctx); err != nil {
		return err
	}
	_, err := s.store.PruneDeliveries(ctx)
	return err
}

// DeliverWebhooks sends the webhook deliveries due now and waits for them
// (tests; a running server's worker does this by itself).
func (s *Server) DeliverWebhooks(ctx context.Context) (int, error) { return s.hooks.RunOnce(ctx) }

// runMaintenance runs the store's daily maintenance (the 90-day stats window,
// stored health) now and then every interval until ctx ends, logging failures.
func (s *Server) runMaintenance(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.store.DailyMaintenance(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("daily maintenance failed", "error", err)
		}
		if err := s.noticeMaintenance(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("notification maintenance failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// CachesReads tells whether this server reuses answers across requests: on
// SQLite, where it is the only writer, unless turned off; not on PostgreSQL.
func (s *Server) CachesReads() bool {
	_, ok := s.store.Generation()
	return ok && !s.cfg.NoResponseCache
}
