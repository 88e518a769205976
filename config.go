package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"huoban/db"
)

// config is the runtime configuration, read from the environment.
type config struct {
	Addr      string
	Database  string
	JWTSecret string
	// JWTPreviousSecret verifies tokens of the secret HUOBAN_JWT_SECRET replaced.
	JWTPreviousSecret string
	// JWTKeyFile holds the signing keys when HUOBAN_JWT_SECRET is unset:
	// HUOBAN_JWT_KEY_FILE, or jwt.key beside the SQLite file.
	JWTKeyFile string
	// HSTS adds Strict-Transport-Security (HUOBAN_HSTS=true).
	HSTS bool
	// MaxConnections caps open connections (HUOBAN_MAX_CONNECTIONS; 0 = none).
	MaxConnections int
	TrustedProxies []string
	CORSOrigins    []string
	LogFormat      string
	// LogRequests writes one log line per request (HUOBAN_LOG_REQUESTS=false turns it off).
	LogRequests bool
	// PprofAddr, when set, serves Go's runtime profiles on this loopback address.
	PprofAddr string
	// ResponseCache keeps answers of the hot reads until the next write
	// (HUOBAN_RESPONSE_CACHE=off turns it off).
	ResponseCache bool
	// MaintenanceInterval is how often the daily maintenance checks whether
	// a new day needs its work (HUOBAN_MAINTENANCE_INTERVAL; default 1m).
	MaintenanceInterval time.Duration
	// WebhookAllowPrivate lets webhooks reach loopback and private addresses
	// (HUOBAN_WEBHOOK_ALLOW_PRIVATE=true; local development and tests only).
	WebhookAllowPrivate bool
}

// loadConfig reads HUOBAN_* variables, applying the documented defaults.
func loadConfig() (config, error) {
	c := config{
		Addr:      env("HUOBAN_ADDR", "127.0.0.1:8080"),
		Database:  env("HUOBAN_DATABASE", "data/huoban.db"),
		JWTSecret: os.Getenv("HUOBAN_JWT_SECRET"),
		LogFormat: env("HUOBAN_LOG_FORMAT", "text"),
	}
	c.LogRequests = env("HUOBAN_LOG_REQUESTS", "true") != "false"
	switch v := env("HUOBAN_RESPONSE_CACHE", "on"); v {
	case "on", "off":
		c.ResponseCache = v == "on"
	default:
		return c, fmt.Errorf("HUOBAN_RESPONSE_CACHE must be on or off")
	}
	if v := strings.TrimSpace(os.Getenv("HUOBAN_TRUSTED_PROXIES")); v != "" {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.TrustedProxies = append(c.TrustedProxies, p)
			}
		}
	}
	c.CORSOrigins = list("HUOBAN_CORS_ORIGINS")
	if v := strings.TrimSpace(os.Getenv("HUOBAN_MAINTENANCE_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond || d > 24*time.Hour {
			return c, fmt.Errorf("HUOBAN_MAINTENANCE_INTERVAL must be a duration from 100ms to 24h, like 1m")
		}
		c.MaintenanceInterval = d
	}
	switch v := env("HUOBAN_WEBHOOK_ALLOW_PRIVATE", "false"); v {
	case "true", "false":
		c.WebhookAllowPrivate = v == "true"
	default:
		return c, fmt.Errorf("HUOBAN_WEBHOOK_ALLOW_PRIVATE must be true or false")
	}
	if c.PprofAddr = strings.TrimSpace(os.Getenv("HUOBAN_PPROF_ADDR")); c.PprofAddr != "" {
		if err := checkPprofAddr(c.PprofAddr); err != nil {
			return c, err
		}
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		return c, fmt.Errorf("HUOBAN_JWT_SECRET must be at least 32 characters (or unset, to use a generated key file)")
	}
	if err := c.loadSecurity(); err != nil {
		return c, err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("HUOBAN_LOG_FORMAT must be text or json")
	}
	return c, nil
}

func env(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

// list reads a comma-separated variable, dropping blanks.
func list(key string) []string {
	var out []string
	for _, p := range strings.Split(os.Getenv(key), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// redactDatabase returns the database setting fit for logs: a URL's password
// is replaced by xxxxx.
func redactDatabase(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// loadSecurity reads the signing-key, HSTS and connection settings.
func (c *config) loadSecurity() error {
	c.JWTPreviousSecret = os.Getenv("HUOBAN_JWT_PREVIOUS_SECRET")
	if c.JWTPreviousSecret != "" && c.JWTSecret == "" {
		return fmt.Errorf("HUOBAN_JWT_PREVIOUS_SECRET needs HUOBAN_JWT_SECRET")
	}
	c.JWTKeyFile = strings.TrimSpace(os.Getenv("HUOBAN_JWT_KEY_FILE"))
	if c.JWTSecret == "" && c.JWTKeyFile == "" {
		if db.IsPostgresURL(c.Database) {
			// Instances share the database, not a disk: each needs the same secret.
			return fmt.Errorf("on PostgreSQL set HUOBAN_JWT_SECRET (at least 32 characters, the same on every instance) or HUOBAN_JWT_KEY_FILE")
		}
		c.JWTKeyFile = filepath.Join(filepath.Dir(c.Database), "jwt.key")
	}
	switch v := env("HUOBAN_HSTS", "false"); v {
	case "true", "false":
		c.HSTS = v == "true"
	default:
		return fmt.Errorf("HUOBAN_HSTS must be true or false")
	}
	n, err := strconv.Atoi(env("HUOBAN_MAX_CONNECTIONS", "1000"))
	if err != nil || n < 0 {
		return fmt.Errorf("HUOBAN_MAX_CONNECTIONS must be a whole number ≥ 0 (0: no cap)")
	}
	c.MaxConnections = n
	return nil
}
