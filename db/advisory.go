package db

import (
	"context"
	"database/sql"
)

// LockKeys is the SQL of the two keys of a PostgreSQL advisory lock named by
// the text parameter $1: the connection's schema and the name. Advisory locks
// belong to the whole database, so keying them by schema keeps two Huoban
// installations in two schemas of one database (the tests' way) from
// sharing them, while every instance of one installation shares them.
const LockKeys = "hashtext(COALESCE(current_schema(), '')), hashtext($1)"

// migrateLock names the advisory lock every migration transaction takes.
const migrateLock = "huoban.migrate"

// TryExclusive runs fn unless another instance is running the work named
// name, and reports whether it ran. On PostgreSQL the turn is a
// transaction-level advisory lock (pg_try_advisory_xact_lock) held by a
// transaction that stays open, doing nothing else, while fn runs on other
// connections; committing it releases the lock. An instance that dies or
// loses its connection loses the lock with its transaction, so the next
// turn goes to another instance. Being transaction-scoped, the lock also
// holds behind PgBouncer in transaction mode (a session lock would not).
// On SQLite fn always runs: one process owns the file.
func (d *DB) TryExclusive(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error) {
	if d.Dialect != Postgres {
		return true, fn(ctx)
	}
	tx, err := d.sqlW.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck // ends the lock's transaction; nothing was written in it
	var got bool
	if err := tx.QueryRowContext(ctx, "SELECT pg_try_advisory_xact_lock("+LockKeys+")", name).Scan(&got); err != nil {
		return false, err
	}
	if !got {
		return false, nil
	}
	return true, fn(ctx)
}

// lockMigrations takes, on PostgreSQL, the migration advisory lock for the
// rest of tx: instances starting together migrate one transaction at a time
// (CREATE TABLE IF NOT EXISTS alone is not safe when run concurrently; it
// can fail on pg_type's unique index).
func lockMigrations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock("+LockKeys+")", migrateLock)
	return err
}
