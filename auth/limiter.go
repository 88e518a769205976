package auth

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// Limiter allows at most Max attempts per key within a sliding Window. It
// counts through an AttemptStore: by default one in this process; with
// several instances on one PostgreSQL database, one they all share, so the
// limit holds whatever the number of instances. It is safe for concurrent use.
type Limiter struct {
	Max    int
	Window time.Duration
	// Store keeps the attempts; set it before first use. Nil means a store
	// in this process (NewLimiter's).
	Store AttemptStore
	// OnError, when set, hears of store failures. Allow then lets the
	// attempt through: the request goes on to the same database and fails
	// there with its own error if the database is down.
	OnError func(error)
	now     func() time.Time
	// fallback is the in-process store a Limiter built without NewLimiter
	// and without Store counts in.
	fallback     AttemptStore
	fallbackOnce sync.Once
}

// AttemptStore keeps the attempts a Limiter counts, per key.
type AttemptStore interface {
	// Hit records an attempt on key at now unless max attempts were recorded
	// on it after now-window; ok tells whether it did. When it did not,
	// oldest is the time of the earliest attempt still inside the window
	// (the next attempt is allowed once it leaves).
	Hit(ctx context.Context, key string, now time.Time, max int, window time.Duration) (ok bool, oldest time.Time, err error)
	// Forget drops the attempts recorded on key.
	Forget(ctx context.Context, key string) error
}

// storeTimeout bounds one call to a Limiter's store.
const storeTimeout = 3 * time.Second

// NewLimiter returns a limiter of max attempts per window counting in this
// process; now may be nil.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{Max: max, Window: window, Store: NewMemoryAttempts(), now: now}
}

// Allow records an attempt for key. When the limit is reached it records
// nothing and returns false with how long until the next attempt is allowed.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	now := time.Now()
	if l.now != nil {
		now = l.now()
	}
	ok, oldest, err := l.store().Hit(ctx, l.storeKey(key), now, l.Max, l.Window)
	if err != nil {
		if l.OnError != nil {
			l.OnError(err)
		}
		return true, 0
	}
	if ok {
		return true, 0
	}
	retry := oldest.Add(l.Window).Sub(now)
	if retry < time.Second {
		retry = time.Second
	}
	return false, retry
}

// Reset forgets the attempts of key (after a successful login, say).
func (l *Limiter) Reset(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := l.store().Forget(ctx, l.storeKey(key)); err != nil && l.OnError != nil {
		l.OnError(err)
	}
}

func (l *Limiter) store() AttemptStore {
	if l.Store != nil {
		return l.Store
	}
	l.fallbackOnce.Do(func() { l.fallback = NewMemoryAttempts() })
	return l.fallback
}

// storeKey prefixes key with the limit, so limiters of different limits
// sharing one store never count each other's attempts.
func (l *Limiter) storeKey(key string) string {
	return strconv.Itoa(l.Max) + "/" + l.Window.String() + "|" + key
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
