package crash

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// hookReceiver is the webhook endpoint of the crash test: it checks each
// delivery's Standard Webhooks signature (written from the spec) and
// records which buyers' buyer.created events arrived.
type hookReceiver struct {
	mu      sync.Mutex
	secret  string
	buyers  map[int64]string // buyer id → webhook-id
	names   map[string]bool  // buyer names in the events
	bad     []string
	total   int
	delayMS atomic.Int64
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	time.Sleep(time.Duration(h.delayMS.Load()) * time.Millisecond)
	id, ts, sig := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"), r.Header.Get("webhook-signature")
	h.mu.Lock()
	defer h.mu.Unlock()
	h.total++
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h.secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "." + string(body)))
	if "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)) != sig {
		h.bad = append(h.bad, "bad signature on "+id)
	}
	var ev struct {
		ID   string
		Type string
		Data struct {
			ID   int64
			Name string
		}
	}
	if err := json.Unmarshal(body, &ev); err != nil || ev.ID != id || ev.Type != "buyer.created" {
		h.bad = append(h.bad, "bad event "+string(body))
	}
	if prev, ok := h.buyers[ev.Data.ID]; ok && prev != id {
		h.bad = append(h.bad, fmt.Sprintf("buyer %d in two events %s and %s", ev.Data.ID, prev, id))
	}
	h.buyers[ev.Data.ID] = id
	h.names[ev.Data.Name] = true
	w.WriteHeader(http.StatusNoContent)
}

// TestCrashDeliversEveryCommittedEvent SIGKILLs the server while webhook
// deliveries are pending, restarts it, and checks that every acknowledged
// buyer's event arrives (signed, with one webhook-id however often it
// comes) and that no event of a refused, rolled-back write ever does.
func TestCrashDeliversEveryCommittedEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	t.Setenv("HUOBAN_WEBHOOK_ALLOW_PRIVATE", "true")
	dir := t.TempDir()
	bin := binary(t, dir)
	dbPath := filepath.Join(dir, "data", "huoban.db")
	logPath := filepath.Join(dir, "server.log")
	srv := start(t, bin, dbPath, logPath)
	client := &http.Client{Timeout: 60 * time.Second}

	st, m, err := call(client, "POST", srv.base+"/api/v1/auth/register", "", map[string]any{
		"brand_name": "钩子崩溃", "name": "Owner", "email": "hooks@example.com", "password": "correct horse"})
	if err != nil || st != 201 {
		t.Fatalf("register: %d %v %v", st, m, err)
	}
	token := m["access_token"].(string)
	rec := &hookReceiver{buyers: map[int64]string{}, names: map[string]bool{}}
	rec.delayMS.Store(15) // slower than the writers: a backlog builds up
	hs := httptest.NewServer(rec)
	defer hs.Close()
	st, m, err = call(client, "POST", srv.base+"/api/v1/webhooks", token, map[string]any{"url": hs.URL + "/in", "events": []string{"buyer.created"}})
	if err != nil || st != 201 {
		t.Fatalf("webhook: %d %v %v", st, m, err)
	}
	rec.mu.Lock()
	rec.secret = m["secret"].(string)
	rec.mu.Unlock()
	hookID := int64(m["id"].(float64))
	// One buyer holds the xhs_id every refused write tries again.
	if st, m, err := call(client, "POST", srv.base+"/api/v1/buyers", token, map[string]any{"name": "占位", "xhs_id": "taken"}); err != nil || st != 201 {
		t.Fatalf("buyer: %d %v %v", st, m, err)
	}

	var mu sync.Mutex
	acked := map[int64]string{}
	refused := map[string]bool{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i%4 == 3 { // a write that fails and rolls back
					name := fmt.Sprintf("拒-%d-%d", w, i)
					st, _, err := call(client, "POST", srv.base+"/api/v1/buyers", token, map[string]any{"name": name, "xhs_id": "taken"})
					if err != nil {
						return
					}
					if st != 409 {
						t.Errorf("duplicate xhs_id: %d", st)
						return
					}
					mu.Lock()
					refused[name] = true
					mu.Unlock()
					continue
				}
				name := fmt.Sprintf("钩-%d-%d", w, i)
				st, m, err := call(client, "POST", srv.base+"/api/v1/buyers", token, map[string]any{"name": name})
				if err != nil {
					return
				}
				if st != 201 {
					t.Errorf("create: %d %v", st, m)
					return
				}
				mu.Lock()
				acked[int64(m["id"].(float64))] = name
				mu.Unlock()
			}
		}()
	}
	// Kill once a backlog exists: some events delivered, many pending.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		rec.mu.Lock()
		got := rec.total
		rec.mu.Unlock()
		if n >= 60 && got >= 5 && n > got+20 {
			break
		}
	}
	time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Wait()
	close(stop)
	wg.Wait()
	rec.mu.Lock()
	before := len(rec.buyers)
	rec.mu.Unlock()
	mu.Lock()
	defer mu.Unlock()
	if before >= len(acked) {
		t.Fatalf("all %d events had arrived before the kill: nothing was pending", len(acked))
	}

	rec.delayMS.Store(0)
	srv = start(t, bin, dbPath, logPath)
	deadline := time.Now().Add(90 * time.Second)
	for {
		rec.mu.Lock()
		missing := 0
		for id := range acked {
			if _, ok := rec.buyers[id]; !ok {
				missing++
			}
		}
		rec.mu.Unlock()
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d acknowledged buyers' events never arrived after the restart", missing, len(acked))
		}
		time.Sleep(50 * time.Millisecond)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.bad) > 0 {
		t.Fatalf("bad deliveries: %v", rec.bad[:min(5, len(rec.bad))])
	}
	for name := range refused {
		if rec.names[name] {
			t.Fatalf("the refused write %s delivered an event", name)
		}
	}
	// Every event that arrived is of a write that committed (acknowledged,
	// or in flight at the kill and committed all the same).
	for id := range rec.buyers {
		if _, ok := acked[id]; ok {
			continue
		}
		if st, _, err := call(client, "GET", fmt.Sprintf("%s/api/v1/buyers/%d", srv.base, id), token, nil); err != nil || st != 200 {
			t.Fatalf("an event of buyer %d, which is not in the database: %d %v", id, st, err)
		}
	}
	st, m, err = call(client, "GET", fmt.Sprintf("%s/api/v1/webhooks/%d/deliveries?limit=200", srv.base, hookID), token, nil)
	if err != nil || st != 200 {
		t.Fatalf("delivery log: %d %v", st, err)
	}
	t.Logf("%d acknowledged buyers, %d delivered before the kill, %d requests in all (repeats are the at-least-once redeliveries), %d refused writes",
		len(acked), before, rec.total, len(refused))
}
