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

// Login attempt keys and the delay policy (issue 17). Blocking an account
// outright lets anyone lock its owner out with a few wrong passwords, so:
//   - failures are counted per (account, client address) and block only
//     that pair (AccountAddrKey): an attacker's address cannot block the
//     real user signing in from elsewhere;
//   - a higher limit per account across every address (AccountKey) never
//     blocks: past it, each attempt waits OverLimitDelay before the password
//     is checked, which slows a spray from many addresses to a crawl while
//     the real user still gets in, a little later.

// AccountAddrKey is the limiter key of one account tried from one client address.
func AccountAddrKey(account, addr string) string { return "acct:" + account + "|ip:" + addr }

// AccountKey is the limiter key of one account across every client address.
func AccountKey(account string) string { return "acct:" + account }

// OverLimitDelay is how long an attempt past the per-account limit waits:
// the time until the limit has room again (retry), but never more than max,
// so a legitimate sign-in is slowed, never refused.
func OverLimitDelay(retry, max time.Duration) time.Duration {
	if retry > max {
		return max
	}
	if retry < 0 {
		return 0
	}
	return retry
}
