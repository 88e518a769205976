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
