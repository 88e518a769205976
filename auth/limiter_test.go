package auth

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A Limiter built as a literal, without NewLimiter or a Store, counts in
// memory, also when its first attempts come concurrently.
func TestLimiterLiteralCountsInMemory(t *testing.T) {
	l := &Limiter{Max: 2, Window: time.Minute}
	var wg sync.WaitGroup
	var allowed atomic.Int32
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := l.Allow("k"); ok {
				allowed.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := allowed.Load(); n != 2 {
		t.Fatalf("%d of 8 allowed, want 2", n)
	}
}
