package cluster

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// written is what the cluster acknowledged for one buyer, and the update in
// flight when its node died (which may or may not have been applied).
type written struct {
	name                string
	followers, inFlight int64
	hasInFlight         bool
}

// One of three instances killed with SIGKILL under write load loses no
// acknowledged write, and the other two keep serving throughout: every
// request to them is answered with success, and every buyer the cluster
// acknowledged is there afterwards with its acknowledged values (or the
// value in flight to the killed node).
func TestKilledInstanceLosesNoAcknowledgedWrite(t *testing.T) {
	c := startCluster(t, 3)
	owner := c.nodes[0].register(t, "kill@example.com")
	victim := c.nodes[1]
	var dead atomic.Bool

	var mu sync.Mutex
	acked := map[int64]*written{}
	var afterKill [3]atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	const writers = 6
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at := w % 3
			for i := int64(0); ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if at == 1 && dead.Load() {
					at = 2 // the load balancer takes the dead node out
				}
				n := c.nodes[at]
				name := fmt.Sprintf("买手-%d-%d", w, i)
				a, err := n.call("POST", "/api/v1/buyers", owner.access, map[string]any{"name": name, "followers": i})
				if err != nil || a.status != 201 {
					if n == victim && dead.Load() {
						continue // killed under this request: not acknowledged
					}
					t.Errorf("create on live node %s: %d %v %v", n.name, a.status, a.body, err)
					return
				}
				if dead.Load() {
					afterKill[at].Add(1)
				}
				id := a.num("id")
				s := &written{name: name, followers: i}
				mu.Lock()
				acked[id] = s
				mu.Unlock()
				for u := int64(1); u <= 2; u++ {
					f := i*10 + u
					mu.Lock()
					s.inFlight, s.hasInFlight = f, true
					mu.Unlock()
					a, err := n.call("PATCH", "/api/v1/buyers/"+itoa(id), owner.access, map[string]any{"followers": f})
					if err != nil || a.status != 200 {
						if n == victim && dead.Load() {
							break
						}
						t.Errorf("patch on live node %s: %d %v %v", n.name, a.status, a.body, err)
						return
					}
					mu.Lock()
					s.followers, s.hasInFlight = f, false
					mu.Unlock()
				}
			}
		}()
	}
	eventually(t, 60*time.Second, "writes acknowledged on every node", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(acked) >= 3*writers
	})
	time.Sleep(time.Duration(100+rand.IntN(500)) * time.Millisecond)
	dead.Store(true)
	victim.kill()
	eventually(t, 60*time.Second, "writes acknowledged by the survivors after the kill", func() bool {
		return afterKill[0].Load() >= 5 && afterKill[2].Load() >= 5
	})
	close(stop)
	wg.Wait()
	if t.Failed() {
		return
	}

	mu.Lock()
	defer mu.Unlock()
	for id, s := range acked {
		a, err := c.nodes[id%2*2].call("GET", "/api/v1/buyers/"+itoa(id), owner.access, nil)
		if err != nil || a.status != 200 {
			t.Errorf("acknowledged buyer %d (%s): %d %v", id, s.name, a.status, err)
			continue
		}
		f := a.num("followers")
		if a.body["name"] != s.name || !(f == s.followers || s.hasInFlight && f == s.inFlight) {
			t.Errorf("buyer %d: %v/%d, acknowledged %s/%d (in flight %v: %d)", id, a.body["name"], f, s.name, s.followers, s.hasInFlight, s.inFlight)
		}
	}
	t.Logf("%d acknowledged buyers checked after one of three instances was killed; survivors served %d and %d creates after the kill",
		len(acked), afterKill[0].Load(), afterKill[2].Load())
}
