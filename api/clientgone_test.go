package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"huoban/api"
)

// TestClientGoneIsNotAnError checks that a write whose client left while it
// waited is dropped and logged as information, not as a server failure.
func TestClientGoneIsNotAnError(t *testing.T) {
	var logs bytes.Buffer
	e := newEnv(t, func(c *api.Config) {
		c.Log = slog.New(slog.NewTextHandler(&logs, nil))
	})
	own := e.register("离开")
	id := e.createBuyer(own.Token, map[string]any{"name": "甲"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("POST", "/api/v1/collaborations", strings.NewReader(
		qs(`{"buyer_id":%d,"type":"note","title":"t","status":"planned","start_on":"2026-11-20"}`, id))).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+own.Token)
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	if w.Code != 499 {
		t.Errorf("status %d, want 499", w.Code)
	}
	if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "client went away") {
		t.Errorf("log:\n%s", logs.String())
	}
	if n := len(ids(e.must(200, "GET", "/api/v1/collaborations", own.Token, nil))); n != 0 {
		t.Errorf("%d collaborations after a dropped write", n)
	}
}
