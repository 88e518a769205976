package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"huoban/db"
	"huoban/models"
)

// newBatchStore opens a fresh SQLite store for the group commit tests.
func newBatchStore(t *testing.T, trace ...func(ctx context.Context, sql string)) *Store {
	t.Helper()
	var opt db.Options
	if len(trace) > 0 {
		opt.Trace = trace[0]
	}
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return New(d, nil)
}

// putSetting is a write that stores one settings row.
func putSetting(key string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO settings(key, value) VALUES (?, 'v')", key).Error
	}
}

func settingExists(t *testing.T, s *Store, key string) bool {
	t.Helper()
	var n int64
	if err := s.db.R.Raw("SELECT COUNT(*) FROM settings WHERE key = ?", key).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// holdWriter occupies the batcher with a write that waits for release, so
// the writes submitted meanwhile queue up and run as one batch.
func holdWriter(t *testing.T, s *Store) (release func()) {
	started, gate := make(chan struct{}), make(chan struct{})
	go func() {
		_ = s.write(context.Background(), func(tx *gorm.DB) error {
			close(started)
			<-gate
			return nil
		})
	}()
	<-started
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(release) // a failing test must not leave the writer held
	return release
}

// queued waits until n writes are waiting in the queue.
func queued(t *testing.T, s *Store, n int) {
	t.Helper()
	for range 500 {
		s.batch.mu.Lock()
		got := len(s.batch.queue)
		s.batch.mu.Unlock()
		if got >= n {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("fewer than %d writes queued", n)
}

func TestBatchFailureStaysWithItsWrite(t *testing.T) {
	s := newBatchStore(t)
	release := holdWriter(t, s)
	errBad := &models.ValidationError{Fields: map[string]string{"x": "bad"}}
	fns := []func(tx *gorm.DB) error{
		putSetting("a"),
		func(tx *gorm.DB) error { // writes, then fails: its row must go
			if err := putSetting("b")(tx); err != nil {
				return err
			}
			return errBad
		},
		putSetting("a"), // a unique clash with the first: fails alone
		putSetting("c"),
	}
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = s.write(context.Background(), fn) }()
		queued(t, s, i+1) // keep the queue in submission order
	}
	release()
	wg.Wait()
	if errs[0] != nil || errs[3] != nil {
		t.Fatalf("good writes failed: %v, %v", errs[0], errs[3])
	}
	if !errors.As(errs[1], new(*models.ValidationError)) {
		t.Errorf("failing write: %v", errs[1])
	}
	if !errors.Is(errs[2], models.ErrConflict) {
		t.Errorf("clashing write: %v", errs[2])
	}
	if !settingExists(t, s, "a") || !settingExists(t, s, "c") || settingExists(t, s, "b") {
		t.Errorf("a=%v b=%v c=%v, want a and c only", settingExists(t, s, "a"), settingExists(t, s, "b"), settingExists(t, s, "c"))
	}
}

func TestBatchPanicReachesItsCaller(t *testing.T) {
	s := newBatchStore(t)
	release := holdWriter(t, s)
	var wg sync.WaitGroup
	var recovered any
	var other error
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer func() { recovered = recover() }()
		_ = s.write(context.Background(), func(tx *gorm.DB) error {
			if err := putSetting("p")(tx); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	queued(t, s, 1)
	go func() { defer wg.Done(); other = s.write(context.Background(), putSetting("q")) }()
	queued(t, s, 2)
	release()
	wg.Wait()
	if wp, ok := recovered.(*WritePanic); !ok || wp.Value != "boom" || !strings.Contains(string(wp.Stack), "batch_test.go") {
		t.Errorf("the caller recovered %v, want boom with the stack of the write", recovered)
	}
	if other != nil || !settingExists(t, s, "q") || settingExists(t, s, "p") {
		t.Errorf("other write: %v; q=%v p=%v", other, settingExists(t, s, "q"), settingExists(t, s, "p"))
	}
}

func TestBatchDropsWritesCancelledInTheQueue(t *testing.T) {
	s := newBatchStore(t)
	release := holdWriter(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.write(ctx, putSetting("gone")) }()
	queued(t, s, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled write returned %v", err)
	}
	release()
	if err := s.write(context.Background(), putSetting("after")); err != nil {
		t.Fatal(err)
	}
	if settingExists(t, s, "gone") || !settingExists(t, s, "after") {
		t.Errorf("gone=%v after=%v", settingExists(t, s, "gone"), settingExists(t, s, "after"))
	}
}

// TestBatchSettlesEachBuyerOnce checks that writes to one buyer in one
// batch run the buyer's partnership upkeep once, after all of them.
func TestBatchSettlesEachBuyerOnce(t *testing.T) {
	var mu sync.Mutex
	healthWrites := 0
	s := newBatchStore(t, func(_ context.Context, sql string) {
		if strings.Contains(sql, "`health_label`=") {
			mu.Lock()
			healthWrites++
			mu.Unlock()
		}
	})
	ctx := context.Background()
	a := testBrand(t, s)
	b := models.Buyer{ID: testBuyer(t, s, a, "甲")}
	if err := s.EnsureStatsWindow(ctx); err != nil { // a write of its own, under a lock
		t.Fatal(err)
	}
	mu.Lock()
	healthWrites = 0
	mu.Unlock()
	release := holdWriter(t, s)
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := models.Collaboration{BuyerID: b.ID, Type: models.CollabNote, Title: "t", Status: models.CollabCompleted,
				StartOn: s.Today(), Metrics: models.Metrics{GMVCents: 100}}
			if err := s.CreateCollaboration(ctx, a, &c, false); err != nil {
				t.Error(err)
			}
		}()
		queued(t, s, i+1)
	}
	release()
	wg.Wait()
	var got models.Buyer
	if err := s.db.R.Where("id = ?", b.ID).Take(&got).Error; err != nil {
		t.Fatal(err)
	}
	if got.StatCollaborations != 5 || got.GMVCents90d != 500 {
		t.Errorf("stats after five writes: %d collaborations, %d GMV", got.StatCollaborations, got.GMVCents90d)
	}
	mu.Lock()
	if healthWrites != 1 {
		t.Errorf("health stored %d times for one buyer in one batch", healthWrites)
	}
	mu.Unlock()
	if got.HealthLabel == "dormant" {
		t.Errorf("health was not settled after the batch: %s %d", got.HealthLabel, got.HealthScore)
	}
	ms, err := s.ListMilestones(ctx, a.BrandID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Error("no milestone after the first collaborations")
	}
}
