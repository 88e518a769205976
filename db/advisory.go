package db

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"
)

// LockKeys is the SQL of the two keys of a PostgreSQL advisory lock named by
// the text parameter $1: the connection's schema and the name. Advisory locks
// belong to the whole database, so keying them by schema keeps two Huoban
// installations in two schemas of one database (the tests' way) from
// sharing them, while every instance of one installation shares them.
const LockKeys = "hashtext(COALESCE(current_schema(), '')), hashtext($1)"

// migrateLock names the advisory lock held while migrating.
const migrateLock = "huoban.migrate"

// TryExclusive runs fn unless another instance is running the work named
// name, and reports whether it ran. On PostgreSQL the turn is a session
// advisory lock (pg_try_advisory_lock) taken on a pool connection held while
// fn runs: an instance that dies, or loses its connection, loses the lock
// with its session, so the next turn goes to another instance. On SQLite fn
// always runs: one process owns the file.
func (d *DB) TryExclusive(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error) {
	if d.Dialect != Postgres {
		return true, fn(ctx)
	}
	conn, err := d.sqlW.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock("+LockKeys+")", name).Scan(&got); err != nil {
		return false, err
	}
	if !got {
		return false, nil
	}
	defer func() {
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		var released bool
		if err := conn.QueryRowContext(uctx, "SELECT pg_advisory_unlock("+LockKeys+")", name).Scan(&released); err != nil || !released {
			// Drop the connection rather than pool it still holding the
			// lock: the server releases a closed session's locks.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return true, fn(ctx)
}

// migrateLocked migrates a PostgreSQL database while holding its migration
// advisory lock on one connection, so instances starting together migrate
// one after the other: the first applies what is missing, the others find
// nothing left to do (CREATE TABLE IF NOT EXISTS alone is not safe when run
// concurrently; it can fail on pg_type's unique index).
func (d *DB) migrateLocked(ctx context.Context) error {
	conn, err := d.sqlW.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+LockKeys+")", migrateLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	err = migrate(ctx, conn, Postgres)
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, uerr := conn.ExecContext(uctx, "SELECT pg_advisory_unlock("+LockKeys+")", migrateLock); uerr != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return err
}
