package db

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"
)

func openTest(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "huoban.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func pragma(t *testing.T, g *gorm.DB, name string) string {
	t.Helper()
	var v string
	if err := g.Raw("PRAGMA " + name).Row().Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestPragmasOnEveryConnection(t *testing.T) {
	d := openTest(t)
	for name, g := range map[string]*gorm.DB{"writer": d.W, "reader": d.R} {
		for p, want := range map[string]string{
			"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000", "synchronous": "1",
			"journal_size_limit": "67108864",
		} {
			if got := pragma(t, g, p); got != want {
				t.Errorf("%s: %s = %s, want %s", name, p, got, want)
			}
		}
	}
}

func TestReadersCannotWrite(t *testing.T) {
	d := openTest(t)
	if err := d.R.Exec("INSERT INTO settings(key, value) VALUES ('x', 'y')").Error; err == nil {
		t.Fatal("the reader pool wrote")
	}
	if err := d.W.Exec("INSERT INTO settings(key, value) VALUES ('x', 'y')").Error; err != nil {
		t.Fatal(err)
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	d := openTest(t)
	err := d.W.Exec(`INSERT INTO buyers (brand_id, name, stage, created_at, updated_at) VALUES (999, 'x', 'prospect', '2026-01-01', '2026-01-01')`).Error
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
		t.Fatalf("a buyer of no brand was inserted: %v", err)
	}
}

func TestMigrationsRecordedAndIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huoban.db")
	d, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := Migrations(SQLite)
	if err != nil || len(all) == 0 {
		t.Fatalf("migrations %v %v", all, err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Version <= all[i-1].Version {
			t.Fatalf("migration versions not increasing: %v", all)
		}
	}
	v, err := d.SchemaVersion(context.Background())
	if err != nil || v != all[len(all)-1].Version {
		t.Fatalf("schema version %d (%v), want %d", v, err, all[len(all)-1].Version)
	}
	var n int
	d.R.Raw("SELECT count(*) FROM schema_migrations").Scan(&n)
	d.W.Exec("INSERT INTO brands(name, created_at) VALUES ('keep me', '2026-01-01')")
	d.Close()

	// Opening again applies nothing twice and keeps the data.
	d2, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	var n2, brands int
	d2.R.Raw("SELECT count(*) FROM schema_migrations").Scan(&n2)
	d2.R.Raw("SELECT count(*) FROM brands WHERE name = 'keep me'").Scan(&brands)
	if n2 != n || brands != 1 {
		t.Fatalf("reopen: %d → %d migrations, %d brands", n, n2, brands)
	}
}

func TestWALStaysBounded(t *testing.T) {
	d := openTest(t)
	blob := strings.Repeat("x", 4000)
	for i := 0; i < 1500; i++ {
		err := d.W.Transaction(func(tx *gorm.DB) error {
			return tx.Exec("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", "k"+string(rune('a'+i%20)), blob).Error
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(d.Path + "-wal")
	if err == nil && st.Size() > 4<<20 {
		t.Fatalf("WAL is %d bytes after a checkpoint", st.Size())
	}
}
