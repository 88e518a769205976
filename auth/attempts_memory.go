package auth

import (
	"context"
	"sync"
	"time"
)

// MemoryAttempts is the AttemptStore of one process: the attempt times of
// each key in a map, idle keys forgotten now and then. It is what a Limiter
// counts in on SQLite, where one process is the whole system.
type MemoryAttempts struct {
	mu    sync.Mutex
	keys  map[string]*attempts
	sweep time.Time
}

// attempts are a key's attempt times, oldest first, and the window they count in.
type attempts struct {
	hits   []time.Time
	window time.Duration
}

// NewMemoryAttempts returns an empty in-process attempt store.
func NewMemoryAttempts() *MemoryAttempts {
	return &MemoryAttempts{keys: map[string]*attempts{}}
}

// Hit implements AttemptStore.
func (m *MemoryAttempts) Hit(_ context.Context, key string, now time.Time, max int, window time.Duration) (bool, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if now.Sub(m.sweep) > time.Minute {
		m.forgetIdle(now)
	}
	a := m.keys[key]
	if a == nil {
		a = &attempts{}
		m.keys[key] = a
	}
	a.window = window
	a.hits = recent(a.hits, now, window)
	if len(a.hits) >= max {
		return false, a.hits[0], nil
	}
	a.hits = append(a.hits, now)
	return true, time.Time{}, nil
}

// Forget implements AttemptStore.
func (m *MemoryAttempts) Forget(_ context.Context, key string) error {
	m.mu.Lock()
	delete(m.keys, key)
	m.mu.Unlock()
	return nil
}

// recent returns the hits inside the window ending at now.
func recent(hits []time.Time, now time.Time, window time.Duration) []time.Time {
	cut := 0
	for cut < len(hits) && now.Sub(hits[cut]) >= window {
		cut++
	}
	return hits[cut:]
}

// forgetIdle drops the keys with no attempt left inside their window.
func (m *MemoryAttempts) forgetIdle(now time.Time) {
	for k, a := range m.keys {
		if len(a.hits) == 0 || now.Sub(a.hits[len(a.hits)-1]) >= a.window {
			delete(m.keys, k)
		}
	}
	m.sweep = now
}
