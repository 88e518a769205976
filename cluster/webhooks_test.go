package cluster

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Webhook deliveries are claimed by one instance at a time (FOR UPDATE SKIP
// LOCKED): three instances, all running the delivery worker, deliver every
// event of 40 writes spread over them to a receiver exactly once, each
// endpoint's events in order.
func TestWebhookEventDeliveredOnceAcrossInstances(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	var order []string
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		id := r.Header.Get("webhook-id")
		seen[id]++
		order = append(order, id)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer rcv.Close()

	c := startCluster(t, 3, withEnv("HUOBAN_WEBHOOK_ALLOW_PRIVATE=true"))
	owner := c.nodes[0].register(t, "hooks@example.com")
	c.nodes[1].must(t, 201, "POST", "/api/v1/webhooks", owner.access, map[string]any{
		"url": rcv.URL + "/events", "events": []string{"buyer.created"}})
	const writes = 40
	for i := range writes {
		c.nodes[i%len(c.nodes)].must(t, 201, "POST", "/api/v1/buyers", owner.access, map[string]any{"name": "买手 " + itoa(int64(i))})
	}
	eventually(t, 90*time.Second, "every event delivered", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) >= writes
	})
	time.Sleep(2 * time.Second) // room for a second delivery of anything, if one were coming
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != writes {
		t.Fatalf("%d distinct events delivered, want %d", len(seen), writes)
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("event %s delivered %d times", id, n)
		}
	}
	var ids []string
	rows, err := c.db.Query("SELECT uid FROM webhook_events ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		rows.Scan(&s)
		ids = append(ids, s)
	}
	if len(ids) != len(order) {
		t.Fatalf("%d events stored, %d delivered", len(ids), len(order))
	}
	for i := range ids {
		if ids[i] != order[i] {
			t.Fatalf("delivery %d was %s, want %s (oldest first)", i, order[i], ids[i])
		}
	}
	if n := c.scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered'"); n != 0 {
		t.Fatalf("%d deliveries not marked delivered", n)
	}
}
