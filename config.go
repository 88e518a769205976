package main

import (
	"fmt"
	"net/url"
	"os"
	"strings"
)

// config is the runtime configuration, read from the environment.
type config struct {
	Addr           string
	Database       string
	JWTSecret      string
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
		return c, fmt.Errorf("HUOBAN_JWT_SECRET must be at least 32 characters (or unset, to use a generated one)")
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
