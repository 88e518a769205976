package cluster

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// collab is a completed collaboration of buyer worth gmv cents.
func collab(buyer, gmv int64) map[string]any {
	return map[string]any{"buyer_id": buyer, "type": "livestream", "title": "直播", "status": "completed",
		"start_on": time.Now().UTC().Format("2006-01-02"), "end_on": time.Now().UTC().Format("2006-01-02"),
		"metrics": map[string]any{"views": 100, "orders": 1, "gmv_cents": gmv}}
}

// Two instances lose their database (every connection cut, new ones
// refused) under write load: they answer 503 with the contract's error body
// and Retry-After, /healthz included, never another error; when the
// database is back they recover by themselves; and nothing is half-written:
// every acknowledged collaboration is there, and each buyer's stored stats
// (kept in the same transaction) match its collaborations.
func TestDatabaseLossAnswers503AndRecovers(t *testing.T) {
	c := startCluster(t, 2, throughProxy())
	a, b := c.nodes[0], c.nodes[1]
	owner := a.register(t, "dbloss@example.com")
	var buyers []int64
	for _, name := range []string{"甲", "乙", "丙"} {
		buyers = append(buyers, a.must(t, 201, "POST", "/api/v1/buyers", owner.access, map[string]any{"name": name}).num("id"))
	}

	var (
		mu          sync.Mutex
		ackedIDs    []int64
		unavailable atomic.Int64
		down        atomic.Bool
	)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := c.nodes[w%2]
			for i := int64(0); ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r, err := n.call("POST", "/api/v1/collaborations", owner.access, collab(buyers[(int64(w)+i)%3], 100+i))
				switch {
				case err != nil:
					t.Errorf("node %s: no answer: %v", n.name, err)
					return
				case r.status == 201:
					mu.Lock()
					ackedIDs = append(ackedIDs, r.num("id"))
					mu.Unlock()
				case r.status == 503 && r.code() == "unavailable" && r.header.Get("Retry-After") != "":
					unavailable.Add(1)
					time.Sleep(20 * time.Millisecond)
				default:
					t.Errorf("node %s: %d %v (database down: %v)", n.name, r.status, r.body, down.Load())
					return
				}
			}
		}()
	}
	eventually(t, 30*time.Second, "writes before the loss", func() bool { mu.Lock(); defer mu.Unlock(); return len(ackedIDs) >= 20 })

	down.Store(true)
	c.proxy.cut()
	for _, n := range c.nodes {
		for _, req := range []struct{ method, path string }{
			{"GET", "/healthz"}, {"GET", "/api/v1/buyers"}, {"GET", "/api/v1/dashboard"}, {"POST", "/api/v1/buyers"},
		} {
			r, err := n.call(req.method, req.path, owner.access, map[string]any{"name": "断线"})
			if req.method == "GET" {
				r, err = n.call(req.method, req.path, owner.access, nil)
			}
			if err != nil {
				t.Fatalf("node %s %s %s: no answer: %v", n.name, req.method, req.path, err)
			}
			wantError(t, n.name+" "+req.method+" "+req.path+" without a database", r, 503, "unavailable")
			if r.header.Get("Retry-After") == "" {
				t.Fatalf("%s %s: 503 without Retry-After", req.method, req.path)
			}
		}
	}
	time.Sleep(300 * time.Millisecond)
	c.proxy.restore()
	down.Store(false)
	for _, n := range []*node{a, b} {
		n.waitHealthy(t, 30*time.Second)
	}
	mu.Lock()
	before := len(ackedIDs)
	mu.Unlock()
	eventually(t, 30*time.Second, "writes after the recovery", func() bool { mu.Lock(); defer mu.Unlock(); return len(ackedIDs) >= before+20 })
	close(stop)
	wg.Wait()
	if unavailable.Load() == 0 {
		t.Fatal("no write met the outage: the test did not cut the database under load")
	}

	mu.Lock()
	defer mu.Unlock()
	for _, id := range ackedIDs {
		if got := c.scalar("SELECT COUNT(*) FROM collaborations WHERE id = $1", id); got != 1 {
			t.Errorf("acknowledged collaboration %d is missing", id)
		}
	}
	for _, id := range buyers {
		var stored, counted, storedGMV, summed int64
		if err := c.db.QueryRow(`SELECT b.stat_collaborations, b.gmv_cents_total,
			(SELECT COUNT(*) FROM collaborations WHERE buyer_id = b.id),
			(SELECT COALESCE(SUM(gmv_cents), 0) FROM collaborations WHERE buyer_id = b.id)
			FROM buyers b WHERE b.id = $1`, id).Scan(&stored, &storedGMV, &counted, &summed); err != nil {
			t.Fatal(err)
		}
		if stored != counted || storedGMV != summed {
			t.Errorf("buyer %d: stats say %d collaborations / %d cents, the rows %d / %d: half-written", id, stored, storedGMV, counted, summed)
		}
	}
	t.Logf("%d collaborations acknowledged, %d writes answered 503 during the outage", len(ackedIDs), unavailable.Load())
}
