package api_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"huoban/api"
	"huoban/db"
)

// newEnvAt is newEnv on a database file of the test's choosing.
func newEnvAt(t testing.TB, path string, jwtSecret string) *env {
	t.Helper()
	d, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	srv, err := api.NewServer(api.Config{JWTSecret: jwtSecret, BcryptCost: 4, Now: clk.Now, LoginPerIP: 1000, LoginPerAccount: 1000, Quiet: true}, d)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, db: d, now: clk}
}

// rowCounts counts the rows of every table, to show a failed write left nothing behind.
func rowCounts(t *testing.T, e *env) map[string]int64 {
	t.Helper()
	var tables []string
	if err := e.db.R.Raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, tb := range tables {
		var n int64
		if err := e.db.R.Raw(`SELECT COUNT(*) FROM "` + tb + `"`).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

// faultScenario drives a fault and checks the contract around it: writes
// answer 503 "unavailable" with the error body, reads go on, a failed write
// leaves no row in any table, /healthz says unavailable, and once the fault
// clears (without a restart) health and writes come back, with every
// acknowledged write present. inject returns the server to go on with (the
// same one, or one restarted on the faulty storage), or nil when the fault
// cannot be made here.
func faultScenario(t *testing.T, e *env, inject func() *env, clear func()) {
	t.Helper()
	owner := e.register("故障品牌")
	first := e.createBuyer(owner.Token, map[string]any{"name": "故障前", "notes": "已确认"})
	e.must(201, "POST", "/api/v1/collaborations", owner.Token, collabFor(first))
	e.must(200, "GET", "/healthz", "", nil)

	acked := map[int64]string{first: "故障前"}
	if e = inject(); e == nil {
		t.Skip("the fault could not be made here")
	}
	// Writes until storage refuses one; those acknowledged before must stay.
	var failed resp
	notes := strings.Repeat("满", 1500)
	for i := 0; i < 400; i++ {
		name := qs("写入%d", i)
		r := e.do("POST", "/api/v1/buyers", owner.Token, map[string]any{"name": name, "notes": notes})
		if r.Status == 201 {
			acked[jnum(r.JSON(), "id")] = name
			continue
		}
		failed = r
		break
	}
	if failed.Status == 0 {
		t.Fatal("the fault never made a write fail")
	}
	wantErr(t, failed, 503, "unavailable")
	if failed.Header.Get("Retry-After") == "" {
		t.Fatal("503 without Retry-After")
	}
	before := rowCounts(t, e)
	// A write touching many tables (collaboration, stats, milestones, audit, rollups) fails whole.
	big := collabFor(first)
	big["internal_notes"] = strings.Repeat("满", 4000)
	wantErr(t, e.do("POST", "/api/v1/collaborations", owner.Token, big), 503, "unavailable")
	wantErr(t, e.do("PATCH", "/api/v1/buyers/"+itoa(first), owner.Token, map[string]any{"notes": notes + notes}), 503, "unavailable")
	if after := rowCounts(t, e); !jsonEq(before, after) {
		t.Fatalf("failed writes changed rows:\nbefore %v\nafter  %v", before, after)
	}
	wantErr(t, e.do("GET", "/healthz", "", nil), 503, "unavailable")
	e.must(200, "GET", "/api/v1/buyers/"+itoa(first), owner.Token, nil)

	clear()
	// Recovery needs no restart: health probes until a write commits again.
	for i := 0; ; i++ {
		r := e.do("GET", "/healthz", "", nil)
		if r.Status == 200 {
			break
		}
		if i == 40 {
			t.Fatalf("still unhealthy after the fault cleared: %d %s", r.Status, r.Body)
		}
		time.Sleep(25 * time.Millisecond)
	}
	e.must(201, "POST", "/api/v1/buyers", owner.Token, map[string]any{"name": "恢复后"})
	e.must(201, "POST", "/api/v1/collaborations", owner.Token, collabFor(first))
	for id, name := range acked {
		if got := e.buyer(owner.Token, id)["name"]; got != name {
			t.Fatalf("acknowledged buyer %d: name %v, want %s", id, got, name)
		}
	}
	if got := jnum(e.buyer(owner.Token, first)["stats"].(map[string]any), "collaborations"); got != 2 {
		t.Fatalf("stats after recovery: %d collaborations, want 2 (the failed one must not count)", got)
	}
	var check string
	e.db.R.Raw("PRAGMA integrity_check").Scan(&check)
	if check != "ok" {
		t.Fatalf("integrity_check: %s", check)
	}
}

// TestFaultDiskFullPageLimit simulates a full disk with PRAGMA max_page_count
// on the writer connection: SQLite then fails page allocation with
// SQLITE_FULL, the same code and code path as a disk with no space left
// (for writes that need a new page). It runs everywhere.
func TestFaultDiskFullPageLimit(t *testing.T) {
	e := newEnv(t)
	faultScenario(t, e, func() *env {
		var pages int64
		e.db.W.Raw("PRAGMA page_count").Scan(&pages)
		if e.db.W.Exec(qs("PRAGMA max_page_count = %d", pages)).Error != nil {
			return nil
		}
		return e
	}, func() {
		if err := e.db.W.Exec("PRAGMA max_page_count = 1073741823").Error; err != nil {
			t.Fatal(err)
		}
	})
}

// TestFaultFilesystemFull puts the database on a real 4 MiB tmpfs the test
// mounts (root only; skipped elsewhere), fills it with a ballast file so the
// WAL cannot grow (ENOSPC from the kernel, SQLITE_FULL from SQLite), then
// deletes the ballast.
func TestFaultFilesystemFull(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a filesystem")
	}
	dir := filepath.Join(t.TempDir(), "small")
	os.Mkdir(dir, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() }) // runs after the database closes
	e := newEnvAt(t, filepath.Join(dir, "huoban.db"), "")
	ballast := filepath.Join(dir, "ballast")
	faultScenario(t, e, func() *env {
		e.db.Checkpoint(context.Background())
		f, err := os.Create(ballast)
		if err != nil {
			return nil
		}
		defer f.Close()
		chunk := make([]byte, 64<<10)
		for {
			if _, err := f.Write(chunk); err != nil {
				if errors.Is(err, syscall.ENOSPC) {
					return e
				}
				return nil
			}
		}
	}, func() {
		if err := os.Remove(ballast); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFaultReadOnlyFilesystem puts the database on a tmpfs the test mounts
// (root only; skipped elsewhere) and makes it really read-only. Linux refuses
// to remount read-only while a file is open for writing (and root ignores
// chmod), so the server is stopped, the filesystem remounted read-only, and a
// server started on it: SQLite opens the file read-only and refuses writes
// with SQLITE_READONLY. The filesystem is then remounted read-write under the
// running server, which must take writes again without a restart.
func TestFaultReadOnlyFilesystem(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a filesystem")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	path := filepath.Join(dir, "huoban.db")
	secret := strings.Repeat("s", 32)
	first := newEnvAt(t, path, secret)
	faultScenario(t, first, func() *env {
		if err := first.db.Close(); err != nil {
			t.Fatal(err)
		}
		// A WAL database needs its -shm and -wal to open on a read-only
		// filesystem (empty ones after a clean stop, as a crash or a copy leaves).
		for _, side := range []string{"-wal", "-shm"} {
			if err := os.WriteFile(path+side, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Logf("remount read-only: %v: %s", err, out)
			return nil
		}
		// The same JWT secret, clock and database: the owner's token still works.
		second := newEnvAt(t, path, secret)
		second.now = first.now
		return second
	}, func() {
		if out, err := exec.Command("mount", "-o", "remount,rw", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount read-write: %v: %s", err, out)
		}
	})
}
