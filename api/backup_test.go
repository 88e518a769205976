package api_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"huoban/api"
	"huoban/db"
	"huoban/db/dbtest"
)

// buyersDigest is a checksum of the buyers table's immutable columns up to
// maxID, and the row count it covers.
const buyersDigest = `SELECT COUNT(*), COALESCE(SUM(LENGTH(x)), 0), COALESCE(GROUP_CONCAT(x, '|'), '') FROM (
	SELECT id || ':' || brand_id || ':' || name || ':' || COALESCE(xhs_id, '') || ':' || created_at AS x
	FROM buyers WHERE id <= ? ORDER BY id)`

type digest struct {
	rows, length int64
	text         string
}

func digestOf(t *testing.T, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, maxID int64) digest {
	t.Helper()
	var d digest
	if err := q.QueryRowContext(context.Background(), buyersDigest, maxID).Scan(&d.rows, &d.length, &d.text); err != nil {
		t.Fatal(err)
	}
	return d
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	c, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestBackupUnderWriteLoadAndRestore snapshots the database while four
// writers add buyers and completed collaborations through the API, then
// checks the snapshot is one transactionally consistent point in time and
// that a restore brings exactly that back, signed-in tokens included.
func TestBackupUnderWriteLoadAndRestore(t *testing.T) {
	if dbtest.Dialect() != db.SQLite {
		t.Skip("huoban backup snapshots SQLite files; on PostgreSQL use pg_dump (docs/SCALING.md)")
	}
	e := newEnv(t)
	owner := e.register("备份品牌")
	ctx := context.Background()

	var stop atomic.Bool
	var made atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load() && i < 2000; i++ {
				r := e.do("POST", "/api/v1/buyers", owner.Token, map[string]any{"name": qs("买手%d-%d", w, i)})
				if r.Status != 201 {
					t.Errorf("create buyer: %d %s", r.Status, r.Body)
					return
				}
				c := collabFor(jnum(r.JSON(), "id"))
				if r := e.do("POST", "/api/v1/collaborations", owner.Token, c); r.Status != 201 {
					t.Errorf("create collaboration: %d %s", r.Status, r.Body)
					return
				}
				made.Add(1)
			}
		}()
	}
	for made.Load() < 40 && !t.Failed() {
		time.Sleep(5 * time.Millisecond)
	}
	dest := filepath.Join(t.TempDir(), "snap", "huoban-backup.db")
	snap, err := e.db.Backup(ctx, dest)
	atBackup := made.Load()
	time.Sleep(50 * time.Millisecond) // writes go on after the snapshot
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup of %d bytes (schema %d) took %v with %d buyer+collaboration pairs written at the time",
		snap.Bytes, snap.SchemaVersion, snap.Took, atBackup)

	b := openRO(t, dest)
	var maxBuyer, maxCollab int64
	if err := b.QueryRow("SELECT COALESCE(MAX(id),0) FROM buyers").Scan(&maxBuyer); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow("SELECT COALESCE(MAX(id),0) FROM collaborations").Scan(&maxCollab); err != nil {
		t.Fatal(err)
	}
	if maxBuyer < 40 {
		t.Fatalf("backup holds %d buyers, want at least 40", maxBuyer)
	}
	// One point in time: every buyer's stored stats match its collaborations,
	// since both are written in the same transaction.
	var torn int
	if err := b.QueryRow(`SELECT COUNT(*) FROM buyers b WHERE b.stat_collaborations !=
		(SELECT COUNT(*) FROM collaborations c WHERE c.buyer_id = b.id AND c.status = 'completed')
		OR b.gmv_cents_total != (SELECT COALESCE(SUM(gmv_cents),0) FROM collaborations c WHERE c.buyer_id = b.id AND c.status = 'completed')`).Scan(&torn); err != nil {
		t.Fatal(err)
	}
	if torn != 0 {
		t.Fatalf("%d buyers' stats disagree with their collaborations in the snapshot", torn)
	}
	// The snapshot is the source's prefix: the same rows, byte for byte, up to its last id.
	src, _ := e.db.R.DB()
	got, want := digestOf(t, b, maxBuyer), digestOf(t, src, maxBuyer)
	if got != want {
		t.Fatalf("backup buyers digest (%d rows, %d bytes) differs from the source's at the snapshot point (%d rows, %d bytes)",
			got.rows, got.length, want.rows, want.length)
	}
	var srcCollabs, bkCollabs int64
	src.QueryRow("SELECT COUNT(*) FROM collaborations WHERE id <= ?", maxCollab).Scan(&srcCollabs)
	b.QueryRow("SELECT COUNT(*) FROM collaborations").Scan(&bkCollabs)
	if srcCollabs != bkCollabs {
		t.Fatalf("collaborations: backup %d, source up to the snapshot %d", bkCollabs, srcCollabs)
	}

	// Never overwrite.
	if _, err := e.db.Backup(ctx, dest); !errors.Is(err, db.ErrExists) {
		t.Fatalf("second backup to the same path: %v, want ErrExists", err)
	}
	// Never restore over a database in use; the live one stays untouched.
	if _, err := db.Restore(ctx, dest, e.db.Path); !errors.Is(err, db.ErrInUse) {
		t.Fatalf("restore over the open database: %v, want ErrInUse", err)
	}
	e.must(200, "GET", "/api/v1/buyers?limit=1", owner.Token, nil)

	// A file that is not a database is not replaced (and not called "in use").
	target := filepath.Join(t.TempDir(), "restored.db")
	if err := os.WriteFile(target, []byte("not a database, but someone's file"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Restore(ctx, dest, target); err == nil || errors.Is(err, db.ErrInUse) {
		t.Fatalf("restore over a non-database: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "not a database, but someone's file" {
		t.Fatal("restore touched a file it refused")
	}
	os.Remove(target)
	// Restore into a stopped server's place.
	replaced, err := db.Restore(ctx, dest, target)
	if err != nil || replaced != "" {
		t.Fatalf("restore: %q, %v", replaced, err)
	}
	rd, err := db.Open(ctx, target, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	rsql, _ := rd.R.DB()
	if got := digestOf(t, rsql, maxBuyer); got != want {
		t.Fatal("restored buyers differ from the backup")
	}
	// The signing keys are not in the database (issue 17): the restored server reads the same key file.
	srv, err := api.NewServer(api.Config{BcryptCost: 4, Now: e.now.Now, Quiet: true, JWTKeyFile: e.keyFile}, rd)
	if err != nil {
		t.Fatal(err)
	}
	re := &env{t: t, srv: srv, db: rd, now: e.now}
	r := re.must(200, "GET", "/api/v1/buyers?total=true&limit=1", owner.Token, nil)
	if jnum(r.JSON(), "total") != maxBuyer {
		t.Fatalf("restored server lists %d buyers, want %d", jnum(r.JSON(), "total"), maxBuyer)
	}
	// A second restore over the (now closed) restored database sets it aside.
	rd.Close()
	if replaced, err = db.Restore(ctx, dest, target); err != nil || replaced == "" {
		t.Fatalf("restore over a stopped database: %q, %v", replaced, err)
	}
	if _, err := db.Verify(ctx, replaced); err != nil {
		t.Fatalf("the replaced database was not kept intact: %v", err)
	}
}

// TestVerifyRejectsDamagedFiles shows Verify refuses files that are not a
// sound Huoban database.
func TestVerifyRejectsDamagedFiles(t *testing.T) {
	if dbtest.Dialect() != db.SQLite {
		t.Skip("huoban backup snapshots SQLite files; on PostgreSQL use pg_dump (docs/SCALING.md)")
	}
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("this is not a database, just text long enough to matter"), 0o600)
	if _, err := db.Verify(context.Background(), junk); err == nil {
		t.Fatal("junk verified")
	}
	e := newEnv(t)
	e.register("损坏")
	dest := filepath.Join(dir, "b.db")
	if _, err := e.db.Backup(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	// Overwrite the middle of the file: a damaged b-tree page.
	f, _ := os.OpenFile(dest, os.O_RDWR, 0)
	st, _ := f.Stat()
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = 0xA5
	}
	f.WriteAt(garbage, st.Size()/2)
	f.Close()
	if _, err := db.Verify(context.Background(), dest); err == nil {
		t.Fatal("damaged backup verified")
	}
	if _, err := db.Restore(context.Background(), dest, filepath.Join(dir, "x.db")); err == nil {
		t.Fatal("damaged backup restored")
	}
}
