package db_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"huoban/db"
	"huoban/db/dbtest"
)

// Instances starting together on an empty PostgreSQL database migrate it
// once between them, without failing.
func TestInstancesStartingTogetherMigrateOnce(t *testing.T) {
	url := dbtest.PostgresURL(t)
	if url == "" {
		t.Skip("PostgreSQL only: set " + dbtest.EnvPostgres)
	}
	const n = 4
	dbs := make([]*db.DB, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			dbs[i], errs[i] = db.Open(context.Background(), url, db.Options{Readers: 2})
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	all, _ := db.Migrations(db.Postgres)
	var rows, versions int
	if err := dbs[0].R.Raw("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations").Row().Scan(&rows, &versions); err != nil {
		t.Fatal(err)
	}
	if rows != len(all) || versions != len(all) {
		t.Fatalf("schema_migrations holds %d rows of %d versions, want %d", rows, versions, len(all))
	}
}

// TryExclusive gives a named job to one instance at a time; the others skip
// it while it runs and get it afterwards.
func TestTryExclusiveRunsOneInstanceAtATime(t *testing.T) {
	url := dbtest.PostgresURL(t)
	if url == "" {
		t.Skip("PostgreSQL only: set " + dbtest.EnvPostgres)
	}
	ctx := context.Background()
	a, err := db.Open(ctx, url, db.Options{Readers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := db.Open(ctx, url, db.Options{Readers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	inside := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := a.TryExclusive(ctx, "job", func(context.Context) error {
			close(inside)
			<-release
			return nil
		})
		done <- err
	}()
	<-inside
	ran, err := b.TryExclusive(ctx, "job", func(context.Context) error { return nil })
	if err != nil || ran {
		t.Fatalf("second instance ran the job while the first held it: ran=%v err=%v", ran, err)
	}
	ran, err = b.TryExclusive(ctx, "other job", func(context.Context) error { return nil })
	if err != nil || !ran {
		t.Fatalf("another job's lock blocked: ran=%v err=%v", ran, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		ran, err = b.TryExclusive(ctx, "job", func(context.Context) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if ran {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the job's lock was not released")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
