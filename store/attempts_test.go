package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"huoban/auth"
	"huoban/db"
	"huoban/db/dbtest"
)

// twoInstances opens two Stores on one fresh PostgreSQL schema, as two
// Huoban processes would; it skips on SQLite.
func twoInstances(t *testing.T) (*Store, *Store) {
	t.Helper()
	url := dbtest.PostgresURL(t)
	if url == "" {
		t.Skip("PostgreSQL only: set " + dbtest.EnvPostgres)
	}
	var out [2]*Store
	for i := range out {
		d, err := db.Open(context.Background(), url, db.Options{Readers: 4})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		out[i] = New(d, nil)
	}
	return out[0], out[1]
}

// The shared store keeps the Limiter's sliding window: max per window and
// key, a retry time inside the window, other keys and other limits apart,
// Reset, and attempts counted on one instance holding on the other.
func TestSharedAttemptsKeepTheLimitAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	if a.SharedAttempts() == nil {
		t.Fatal("no shared attempt store on PostgreSQL")
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	la := auth.NewLimiter(3, time.Minute, clock)
	lb := auth.NewLimiter(3, time.Minute, clock)
	la.Store, lb.Store = a.SharedAttempts(), b.SharedAttempts()
	var failed error
	la.OnError = func(err error) { failed = err }
	lb.OnError = la.OnError

	for i, l := range []*auth.Limiter{la, lb, la} {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
		now = now.Add(10 * time.Second)
	}
	ok, retry := lb.Allow("k")
	if ok || retry != 30*time.Second {
		t.Fatalf("4th attempt on the other instance: ok=%v retry=%v, want refused, 30s", ok, retry)
	}
	if ok, _ := lb.Allow("other"); !ok {
		t.Fatal("another key is limited too")
	}
	wider := auth.NewLimiter(5, time.Hour, clock)
	wider.Store = a.SharedAttempts()
	if ok, _ := wider.Allow("k"); !ok {
		t.Fatal("a limiter of another limit counted this one's attempts")
	}
	now = now.Add(31 * time.Second) // the first attempt left the window
	if ok, _ := la.Allow("k"); !ok {
		t.Fatal("still limited after the first attempt left the window")
	}
	if ok, _ := lb.Allow("k"); ok {
		t.Fatal("a 4th attempt inside the window was allowed")
	}
	la.Reset("k")
	for i := 0; i < 3; i++ {
		if ok, _ := lb.Allow("k"); !ok {
			t.Fatal("Reset on one instance did not forget the attempts on the other")
		}
	}
	if failed != nil {
		t.Fatal(failed)
	}
}

// Attempts racing on one key from two instances never get past the limit.
func TestSharedAttemptsUnderConcurrentAttempts(t *testing.T) {
	a, b := twoInstances(t)
	const max, tries = 5, 40
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for i := range tries {
		l := auth.NewLimiter(max, time.Minute, nil)
		l.Store = a.SharedAttempts()
		if i%2 == 1 {
			l.Store = b.SharedAttempts()
		}
		l.OnError = func(err error) { t.Error(err) }
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := l.Allow("race"); ok {
				allowed.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := allowed.Load(); n != max {
		t.Fatalf("%d of %d racing attempts allowed, want %d", n, tries, max)
	}
}

// Expired rows are swept.
func TestSharedAttemptsSweepExpiredRows(t *testing.T) {
	a, _ := twoInstances(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	l := auth.NewLimiter(3, time.Minute, func() time.Time { return now })
	l.Store = a.SharedAttempts()
	l.Allow("old")
	now = now.Add(2 * time.Hour)
	l.Allow("new")
	var keys []string
	if err := a.db.R.Raw("SELECT key FROM attempt_limits ORDER BY key").Scan(&keys).Error; err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 {
		t.Fatalf("rows %v, want only the new key's", keys)
	}
}
