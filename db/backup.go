package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrExists is returned by Backup when the destination file already exists.
var ErrExists = errors.New("the backup file already exists; choose a new path")

// ErrInUse is returned by Restore when another process has the database open.
var ErrInUse = errors.New("the database is in use; stop the server first")

// Snapshot describes a verified database file.
type Snapshot struct {
	// Path is the file that was written or checked.
	Path string
	// Bytes is its size.
	Bytes int64
	// SchemaVersion is the highest migration applied in it.
	SchemaVersion int
	// Took is how long the copy (and its check) lasted.
	Took time.Duration
}

// plainDSN is a DSN for the stock driver (no Huoban pragmas): a backup or a
// restore must not switch journal modes or create files as a side effect.
func plainDSN(path string, query string) string {
	return "file:" + escapePath(path) + "?_busy_timeout=5000&" + query
}

// Backup writes a consistent snapshot of the database at src into dest with
// VACUUM INTO, which reads inside one read transaction, so the server may go
// on writing meanwhile (WAL). It refuses to overwrite dest and verifies the
// copy with integrity_check; a copy that fails the check is removed.
func Backup(ctx context.Context, src, dest string) (Snapshot, error) {
	start := time.Now()
	if _, err := os.Stat(src); err != nil {
		return Snapshot{}, fmt.Errorf("database %s: %w", src, err)
	}
	if _, err := os.Lstat(dest); err == nil {
		return Snapshot{}, fmt.Errorf("%s: %w", dest, ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return Snapshot{}, err
	}
	if dir := filepath.Dir(dest); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return Snapshot{}, err
		}
	}
	conn, err := sql.Open("sqlite3", plainDSN(src, "mode=ro"))
	if err != nil {
		return Snapshot{}, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	// VACUUM INTO creates dest itself and fails if it appeared meanwhile.
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return Snapshot{}, fmt.Errorf("vacuum into %s: %w", dest, err)
	}
	if err := syncFile(dest); err != nil {
		return Snapshot{}, err
	}
	snap, err := Verify(ctx, dest)
	if err != nil {
		os.Remove(dest)
		return Snapshot{}, err
	}
	snap.Took = time.Since(start)
	return snap, nil
}

// Backup snapshots this database into dest; see the package function Backup.
func (d *DB) Backup(ctx context.Context, dest string) (Snapshot, error) {
	return Backup(ctx, d.Path, dest)
}

// Verify opens path read-only and runs PRAGMA integrity_check; it returns an
// error unless the check answers "ok" and the file has Huoban's schema.
func Verify(ctx context.Context, path string) (Snapshot, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Snapshot{}, err
	}
	// immutable=1: a backup is a plain file nobody else writes; no -wal/-shm is made.
	conn, err := sql.Open("sqlite3", plainDSN(path, "mode=ro&immutable=1"))
	if err != nil {
		return Snapshot{}, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return Snapshot{}, fmt.Errorf("%s: integrity check: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return Snapshot{}, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Close(); err != nil {
		return Snapshot{}, err
	}
	if len(problems) > 0 {
		return Snapshot{}, fmt.Errorf("%s fails integrity_check: %s", path, strings.Join(problems, "; "))
	}
	var v int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return Snapshot{}, fmt.Errorf("%s is not a Huoban database: %w", path, err)
	}
	return Snapshot{Path: path, Bytes: st.Size(), SchemaVersion: v}, nil
}

// Restore replaces the database at dest with the verified backup at src. It
// refuses while any other connection has dest open (a running server), which
// it detects by taking SQLite's exclusive lock without waiting. The database
// it replaces is kept beside it as dest.replaced-<UTC time>, and its name is
// returned ("" when there was none).
func Restore(ctx context.Context, src, dest string) (replaced string, err error) {
	if _, err := Verify(ctx, src); err != nil {
		return "", err
	}
	if dir := filepath.Dir(dest); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return "", err
		}
	}
	tmp := dest + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	defer os.Remove(tmp)
	if _, err := os.Stat(dest); err == nil {
		unlock, err := lockExclusive(ctx, dest)
		if err != nil {
			return "", err
		}
		defer unlock()
		replaced = dest + ".replaced-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(dest, replaced); err != nil {
			return "", err
		}
	}
	// lockExclusive left dest in rollback-journal mode with no -wal; stale
	// side files of a crashed server would be replayed into the new file.
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dest + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return replaced, err
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return replaced, err
	}
	return replaced, syncDir(filepath.Dir(dest))
}

// lockExclusive proves no other connection has path open and keeps it so
// until unlock. In WAL mode every open connection holds a shared lock, so
// leaving WAL for a rollback journal (which needs the exclusive lock) fails at
// once with SQLITE_BUSY while a server runs. It checkpoints the WAL first.
func lockExclusive(ctx context.Context, path string) (unlock func(), err error) {
	conn, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?_busy_timeout=0&_txlock=exclusive")
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	fail := func(err error) (func(), error) {
		conn.Close()
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
			return nil, fmt.Errorf("%s: %w (%v)", path, ErrInUse, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return fail(err)
	}
	if mode != "delete" {
		return fail(fmt.Errorf("journal mode stayed %q", mode))
	}
	// _txlock=exclusive: BEGIN EXCLUSIVE takes the lock now and holds it.
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	return func() { tx.Rollback(); conn.Close() }, nil
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
