package store

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"huoban/db"
	"huoban/db/dbtest"
	"huoban/models"
)

// countRows counts a table's rows.
func countRows(t *testing.T, s *Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.db.R.Raw("SELECT COUNT(*) FROM " + table).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOutboxEventsCommitWithTheWrite: an event recorded in a write that
// rolls back leaves nothing; one of a write that commits is there, with a
// delivery for each subscribed active endpoint only.
func TestOutboxEventsCommitWithTheWrite(t *testing.T) {
	s := newBatchStore(t)
	ctx := context.Background()
	a := testBrand(t, s)
	for _, w := range []models.Webhook{
		{URL: "https://a.example.com", Events: models.StringList{"*"}, Active: true, Format: models.FormatStandard, Secret: "whsec_x"},
		{URL: "https://b.example.com", Events: models.StringList{"goal.created"}, Active: true, Format: models.FormatStandard, Secret: "whsec_x"},
		{URL: "https://c.example.com", Events: models.StringList{"*"}, Active: false, Format: models.FormatStandard, Secret: "whsec_x"},
	} {
		if err := s.CreateWebhook(ctx, a, &w); err != nil {
			t.Fatal(err)
		}
	}
	boom := errors.New("boom")
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := s.RecordEvent(tx, a.BrandID, "buyer.created", map[string]any{"id": 1}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || countRows(t, s, "webhook_events") != 0 || countRows(t, s, "webhook_deliveries") != 0 {
		t.Fatalf("a rolled-back write left an event (err %v)", err)
	}
	testBuyer(t, s, a, "甲")
	if countRows(t, s, "webhook_events") != 1 || countRows(t, s, "webhook_deliveries") != 1 {
		t.Fatalf("a committed write: %d events, %d deliveries", countRows(t, s, "webhook_events"), countRows(t, s, "webhook_deliveries"))
	}
	select {
	case <-s.OutboxSignal():
	default:
		t.Fatal("the worker was not signalled after the commit")
	}
}

// TestClaimOneWorkerPerEndpoint: concurrent claims never lease an endpoint twice.
// It runs on PostgreSQL too (FOR UPDATE SKIP LOCKED) under make test-postgres.
func TestClaimOneWorkerPerEndpoint(t *testing.T) {
	s := New(dbtest.Open(t, db.Options{}), nil)
	ctx := context.Background()
	a := testBrand(t, s)
	for range 5 {
		w := models.Webhook{URL: "https://a.example.com", Events: models.StringList{"*"}, Active: true, Format: models.FormatStandard, Secret: "whsec_x"}
		if err := s.CreateWebhook(ctx, a, &w); err != nil {
			t.Fatal(err)
		}
	}
	testBuyer(t, s, a, "甲")
	var mu sync.Mutex
	claimed := map[int64]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hooks, err := s.ClaimEndpoints(ctx, 2, time.Minute)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			for _, h := range hooks {
				claimed[h.ID]++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(claimed) != 5 {
		t.Fatalf("claimed %v, want each of 5 endpoints", claimed)
	}
	for id, n := range claimed {
		if n != 1 {
			t.Fatalf("endpoint %d claimed %d times", id, n)
		}
	}
}

// TestEventPayload: the hand-assembled body is what json.Marshal makes.
func TestEventPayload(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 123000, time.UTC)
	for _, data := range []any{map[string]any{"id": 1, "name": "小拼"}, json.RawMessage(`{"id":1,"name":"小拼"}`), nil} {
		got, err := eventPayload("evt_x", "buyer.created", 7, at, data)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(EventBody{ID: "evt_x", Type: "buyer.created", BrandID: 7, CreatedAt: at, Data: data})
		if string(got) != string(want) {
			t.Fatalf("payload %s, want %s", got, want)
		}
	}
}

// TestIdleWorkerWritesNothing: polling with nothing due, and pruning with
// nothing old, commit no write (which would also end every cached answer).
func TestIdleWorkerWritesNothing(t *testing.T) {
	s := newBatchStore(t)
	ctx := context.Background()
	a := testBrand(t, s)
	w := models.Webhook{URL: "https://a.example.com", Events: models.StringList{"*"}, Active: true, Format: models.FormatStandard, Secret: "whsec_x"}
	if err := s.CreateWebhook(ctx, a, &w); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Generation()
	for range 3 {
		if hooks, err := s.ClaimEndpoints(ctx, 4, time.Minute); err != nil || len(hooks) != 0 {
			t.Fatalf("claimed %v, %v", hooks, err)
		}
		if n, err := s.PruneDeliveries(ctx); err != nil || n != 0 {
			t.Fatalf("pruned %d, %v", n, err)
		}
	}
	if after, _ := s.Generation(); after != before {
		t.Fatalf("idle polls wrote: generation %d → %d", before, after)
	}
}
