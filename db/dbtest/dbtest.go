// Package dbtest opens a fresh, migrated Huoban database for one test: a
// SQLite file in t.TempDir(), or, when HUOBAN_TEST_POSTGRES names a
// PostgreSQL server, a new schema of its own on that server (Huoban's tables
// live in the connection's search_path), dropped when the test ends. A
// schema is as isolated as a database for Huoban and costs milliseconds
// where CREATE DATABASE costs most of a second.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	// Registers the "pgx" database/sql driver used for CREATE and DROP DATABASE.
	_ "github.com/jackc/pgx/v5/stdlib"

	"huoban/db"
)

// EnvPostgres is the environment variable naming the PostgreSQL server to
// test against, e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable.
const EnvPostgres = "HUOBAN_TEST_POSTGRES"

// PostgresServer returns the server DSN from EnvPostgres, or "" for SQLite.
func PostgresServer() string { return os.Getenv(EnvPostgres) }

// Dialect returns the dialect tests run against.
func Dialect() db.Dialect {
	if PostgresServer() != "" {
		return db.Postgres
	}
	return db.SQLite
}

// Open returns a fresh migrated database for t, closed (and on PostgreSQL
// dropped) when t ends.
func Open(t testing.TB, opt db.Options) *db.DB {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "huoban.db")
	if server := PostgresServer(); server != "" {
		dsn = createSchema(t, server)
	}
	d, err := db.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// PostgresURL returns the URL of a new empty schema on the test server,
// dropped when t ends, for tests that open it several times (several
// instances on one database); "" when the tests run on SQLite.
func PostgresURL(t testing.TB) string {
	t.Helper()
	server := PostgresServer()
	if server == "" {
		return ""
	}
	return createSchema(t, server)
}

// createSchema makes an empty schema on server and returns a URL whose
// connections use it; a cleanup drops it (registered first, so it runs after
// the test's pool has closed).
func createSchema(t testing.TB, server string) string {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "huoban_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		admin.Close()
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Errorf("drop test schema %s: %v", name, err)
		}
	})
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
