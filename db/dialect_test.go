package db_test

import (
	"context"
	"testing"

	"huoban/db"
	"huoban/db/dbtest"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := db.Migrations(db.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := db.Migrations(db.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: SQLite %04d_%s, PostgreSQL %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
	}
}

func TestOpenMigratesToTheLatestVersion(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	if d.Dialect != dbtest.Dialect() {
		t.Fatalf("dialect %s, want %s", d.Dialect, dbtest.Dialect())
	}
	all, _ := db.Migrations(d.Dialect)
	v, err := d.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v != all[len(all)-1].Version {
		t.Fatalf("schema version %d, want %d", v, all[len(all)-1].Version)
	}
	if err := d.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Flags such as activities.done are INTEGER 0/1 columns on both engines and
// bool fields in Go: both directions must work on both.
func TestBoolFlagsInIntegerColumns(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	for _, v := range []bool{true, false} {
		var n int64
		if err := d.W.Raw("SELECT CAST(? AS INTEGER)", v).Scan(&n).Error; err != nil {
			t.Fatalf("encode %v: %v", v, err)
		}
		want := int64(0)
		if v {
			want = 1
		}
		if n != want {
			t.Fatalf("%v stored as %d", v, n)
		}
		var back bool
		if err := d.R.Raw("SELECT CAST(? AS INTEGER)", want).Scan(&back).Error; err != nil {
			t.Fatalf("scan %d: %v", want, err)
		}
		if back != v {
			t.Fatalf("%d read as %v", want, back)
		}
	}
}
