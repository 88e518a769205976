package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrationDir is where a dialect's migrations live: the same versions and
// names in each, written in that engine's SQL.
func migrationDir(d Dialect) string {
	if d == Postgres {
		return "migrations/postgres"
	}
	return "migrations"
}

// Migration is one versioned schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the dialect's embedded migrations ordered by version.
func Migrations(d Dialect) ([]Migration, error) {
	dir := migrationDir(d)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		num, rest, ok := strings.Cut(name, "_")
		if !ok || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %q: want NNNN_name.sql", name)
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %q: %w", name, err)
		}
		b, err := migrationFiles.ReadFile(dir + "/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(rest, ".sql"), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// migrate applies every migration newer than the recorded schema version, each
// in its own transaction together with its version row. On PostgreSQL every
// one of these transactions first takes the migration advisory lock
// (lockMigrations) and, for a migration, checks it was not applied
// meanwhile, so app servers starting together apply each migration once.
func migrate(ctx context.Context, conn *sql.DB, d Dialect) error {
	if err := createMigrationsTable(ctx, conn, d); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	var current int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	all, err := Migrations(d)
	if err != nil {
		return err
	}
	for _, m := range all {
		if m.Version <= current {
			continue
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		insert := "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
		if d == Postgres {
			insert = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"
			applied, err := lockedVersionApplied(ctx, tx, m.Version)
			if err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
			if applied {
				tx.Rollback()
				continue
			}
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, insert,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	return nil
}

// createMigrationsTable makes schema_migrations if it is missing (on
// PostgreSQL under the migration lock).
func createMigrationsTable(ctx context.Context, conn *sql.DB, d Dialect) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
	if d != Postgres {
		_, err := conn.ExecContext(ctx, create)
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if err := lockMigrations(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, create); err != nil {
		return err
	}
	return tx.Commit()
}

// lockedVersionApplied takes the migration lock for the rest of tx and
// reports whether version was applied meanwhile.
func lockedVersionApplied(ctx context.Context, tx *sql.Tx, version int) (bool, error) {
	if err := lockMigrations(ctx, tx); err != nil {
		return false, err
	}
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", version).Scan(&n)
	return n > 0, err
}

// SchemaVersion returns the highest applied migration version.
func (d *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := d.sqlR.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}
