package main

import (
	"testing"
	"time"
)

func TestPprofAddrMustBeLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:6060": true, "localhost:6060": true, "[::1]:6060": true,
		"0.0.0.0:6060": false, ":6060": false, "10.0.0.5:6060": false, "example.com:6060": false, "6060": false,
	} {
		if err := checkPprofAddr(addr); (err == nil) != ok {
			t.Errorf("checkPprofAddr(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestResponseCacheSetting(t *testing.T) {
	for v, want := range map[string]bool{"": true, "on": true, "off": false} {
		t.Setenv("HUOBAN_RESPONSE_CACHE", v)
		c, err := loadConfig()
		if err != nil || c.ResponseCache != want {
			t.Errorf("HUOBAN_RESPONSE_CACHE=%q: %v, %v; want %v", v, c.ResponseCache, err, want)
		}
	}
	t.Setenv("HUOBAN_RESPONSE_CACHE", "yes")
	if _, err := loadConfig(); err == nil {
		t.Error("HUOBAN_RESPONSE_CACHE=yes was accepted")
	}
}

// TestSigningKeySettings: on SQLite the key file sits beside the database;
// on PostgreSQL a shared secret or a key file path is required.
func TestSigningKeySettings(t *testing.T) {
	t.Setenv("HUOBAN_JWT_SECRET", "")
	t.Setenv("HUOBAN_JWT_KEY_FILE", "")
	t.Setenv("HUOBAN_DATABASE", "/srv/huoban/data/huoban.db")
	c, err := loadConfig()
	if err != nil || c.JWTKeyFile != "/srv/huoban/data/jwt.key" {
		t.Fatalf("SQLite: %q %v", c.JWTKeyFile, err)
	}
	t.Setenv("HUOBAN_DATABASE", "postgres://u@db:5432/huoban")
	if _, err := loadConfig(); err == nil {
		t.Fatal("PostgreSQL without a secret or key file was accepted")
	}
	t.Setenv("HUOBAN_JWT_KEY_FILE", "/run/secrets/jwt.key")
	if c, err := loadConfig(); err != nil || c.JWTKeyFile != "/run/secrets/jwt.key" {
		t.Fatalf("PostgreSQL with a key file: %q %v", c.JWTKeyFile, err)
	}
	t.Setenv("HUOBAN_JWT_KEY_FILE", "")
	t.Setenv("HUOBAN_JWT_SECRET", "0123456789abcdef0123456789abcdef")
	if c, err := loadConfig(); err != nil || c.JWTKeyFile != "" {
		t.Fatalf("PostgreSQL with a secret: %q %v", c.JWTKeyFile, err)
	}
	t.Setenv("HUOBAN_JWT_SECRET", "")
	t.Setenv("HUOBAN_JWT_PREVIOUS_SECRET", "0123456789abcdef0123456789abcdef")
	t.Setenv("HUOBAN_DATABASE", "data/huoban.db")
	if _, err := loadConfig(); err == nil {
		t.Fatal("a previous secret without a current one was accepted")
	}
}

func TestHSTSAndConnectionSettings(t *testing.T) {
	t.Setenv("HUOBAN_DATABASE", "data/huoban.db")
	c, err := loadConfig()
	if err != nil || c.HSTS || c.MaxConnections != 1000 {
		t.Fatalf("defaults: %v %v %v", c.HSTS, c.MaxConnections, err)
	}
	t.Setenv("HUOBAN_HSTS", "true")
	t.Setenv("HUOBAN_MAX_CONNECTIONS", "50")
	if c, err := loadConfig(); err != nil || !c.HSTS || c.MaxConnections != 50 {
		t.Fatalf("set: %v %v %v", c.HSTS, c.MaxConnections, err)
	}
	for k, v := range map[string]string{"HUOBAN_HSTS": "yes", "HUOBAN_MAX_CONNECTIONS": "-1"} {
		t.Setenv(k, v)
		if _, err := loadConfig(); err == nil {
			t.Errorf("%s=%s was accepted", k, v)
		}
		t.Setenv("HUOBAN_HSTS", "false")
		t.Setenv("HUOBAN_MAX_CONNECTIONS", "")
	}
}

func TestMaintenanceIntervalSetting(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 0, "1m": time.Minute, "250ms": 250 * time.Millisecond} {
		t.Setenv("HUOBAN_MAINTENANCE_INTERVAL", v)
		c, err := loadConfig()
		if err != nil || c.MaintenanceInterval != want {
			t.Errorf("HUOBAN_MAINTENANCE_INTERVAL=%q: %v, %v; want %v", v, c.MaintenanceInterval, err, want)
		}
	}
	for _, bad := range []string{"soon", "10ms", "48h", "-1m"} {
		t.Setenv("HUOBAN_MAINTENANCE_INTERVAL", bad)
		if _, err := loadConfig(); err == nil {
			t.Errorf("HUOBAN_MAINTENANCE_INTERVAL=%q was accepted", bad)
		}
	}
}
