package auth

import (
	"sync"
	"time"
)

// Limiter allows at most Max attempts per key within a sliding Window.
// It is safe for concurrent use and forgets idle keys.
type Limiter struct {
	Max    int
	Window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	hits  map[string][]time.Time
	sweep time.Time
}

// NewLimiter returns a limiter of max attempts per window; now may be nil.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{Max: max, Window: window, now: now, hits: map[string][]time.Time{}}
}

// Allow records an attempt for key. When the limit is reached it records
// nothing and returns false with how long until the next attempt is allowed.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.sweep) > l.Window {
		l.forgetIdle(now)
	}
	hits := l.recent(key, now)
	if len(hits) >= l.Max {
		retry := hits[0].Add(l.Window).Sub(now)
		if retry < time.Second {
			retry = time.Second
		}
		l.hits[key] = hits
		return false, retry
	}
	l.hits[key] = append(hits, now)
	return true, 0
}

// Reset forgets the attempts of key (after a successful login, say).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	delete(l.hits, key)
	l.mu.Unlock()
}

func (l *Limiter) recent(key string, now time.Time) []time.Time {
	hits := l.hits[key]
	cut := 0
	for cut < len(hits) && now.Sub(hits[cut]) >= l.Window {
		cut++
	}
	return hits[cut:]
}

func (l *Limiter) forgetIdle(now time.Time) {
	for k := range l.hits {
		if len(l.recent(k, now)) == 0 {
			delete(l.hits, k)
		}
	}
	l.sweep = now
}
