// Package db opens Huoban's database (SQLite by default, PostgreSQL for a
// postgres:// URL), applies the connection settings and runs the versioned
// migrations.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// driverName is the database/sql driver with Huoban's per-connection pragmas.
const driverName = "sqlite3_huoban"

var registerOnce sync.Once

// pragmas run on every new SQLite connection, in this order.
var pragmas = []string{
	// Wait for a lock instead of failing at once; set first so the pragmas
	// below can wait too.
	"PRAGMA busy_timeout = 5000",
	// WAL lets readers run while the single writer writes.
	"PRAGMA journal_mode = WAL",
	// Enforce REFERENCES clauses; SQLite leaves them off by default.
	"PRAGMA foreign_keys = ON",
	// In WAL mode NORMAL is durable across application crashes and much faster than FULL.
	"PRAGMA synchronous = NORMAL",
	// Truncate the WAL back to 64 MiB after checkpoints so it cannot grow without bound.
	"PRAGMA journal_size_limit = 67108864",
	// Keep temporary b-trees (sorts, group by) in memory.
	"PRAGMA temp_store = MEMORY",
	// 32 MiB page cache per connection.
	"PRAGMA cache_size = -32000",
}

func register() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(conn *sqlite3.SQLiteConn) error {
				for _, p := range pragmas {
					if _, err := conn.Exec(p, nil); err != nil {
						return fmt.Errorf("%s: %w", p, err)
					}
				}
				return nil
			},
		})
	})
}

// Dialect names the database engine behind a DB.
type Dialect string

// The dialects Open supports.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB holds the writer and the reader pool. On SQLite the writer is one
// connection with immediate transactions; on PostgreSQL W and R share one pool.
type DB struct {
	// W is where every write goes, in a transaction.
	W *gorm.DB
	// R serves reads.
	R *gorm.DB
	// Path is the SQLite file path ("" on PostgreSQL).
	Path string
	// Dialect is the engine: SQLite or Postgres.
	Dialect Dialect

	sqlW, sqlR *sql.DB
	readers    int
}

// Options tunes Open.
type Options struct {
	// Readers is the size of the read pool; 0 means 4. On PostgreSQL it is
	// the size of the one shared pool; 0 means 16.
	Readers int
	// Log enables GORM's SQL logger (for debugging).
	Log bool
	// Trace, when set, receives every statement run through GORM (tests).
	Trace func(ctx context.Context, sql string)
}

// IsPostgresURL reports whether dsn names a PostgreSQL server rather than a SQLite file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens and migrates the database: a postgres:// or postgresql:// URL
// selects PostgreSQL, anything else is a SQLite file path (created if needed).
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if IsPostgresURL(path) {
		return openPostgres(ctx, path, opt)
	}
	return openSQLite(ctx, path, opt)
}

// gormConfig is the GORM configuration shared by both dialects.
func gormConfig(opt Options) *gorm.Config {
	gcfg := &gorm.Config{
		// Writes run in explicit transactions; GORM's own wrapping would nest them.
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         false,
	}
	switch {
	case opt.Trace != nil:
		gcfg.Logger = traceLogger{fn: opt.Trace}
	case opt.Log:
		gcfg.Logger = logger.Default.LogMode(logger.Info)
	}
	return gcfg
}

// stmtCache is the DSN parameter sizing each SQLite connection's cache of
// prepared statements (the driver's LRU, keyed by SQL text).
const stmtCache = "_stmt_cache_size=128"

// openSQLite opens the SQLite file at path: one writer connection and a pool of readers.
func openSQLite(ctx context.Context, path string, opt Options) (*DB, error) {
	path = strings.TrimPrefix(path, "sqlite://")
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	}
	register()
	if opt.Readers <= 0 {
		opt.Readers = 4
	}
	gcfg := gormConfig(opt)
	// _txlock=immediate makes BEGIN take the write lock at once, so a
	// transaction that reads then writes never fails on a lock upgrade.
	// _stmt_cache_size keeps each connection's most recent prepared
	// statements, so a hot query is parsed and planned once, not per call.
	wdsn := "file:" + escapePath(path) + "?_txlock=immediate&" + stmtCache
	w, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: wdsn}), gcfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlW, err := w.DB()
	if err != nil {
		return nil, err
	}
	sqlW.SetMaxOpenConns(1)
	sqlW.SetMaxIdleConns(1)
	sqlW.SetConnMaxLifetime(0)
	sqlW.SetConnMaxIdleTime(0)
	if err := sqlW.PingContext(ctx); err != nil {
		sqlW.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := migrate(ctx, sqlW, SQLite); err != nil {
		sqlW.Close()
		return nil, err
	}
	rdsn := "file:" + escapePath(path) + "?_query_only=true&" + stmtCache
	r, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: rdsn}), gcfg)
	if err != nil {
		sqlW.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlR, _ := r.DB()
	sqlR.SetMaxOpenConns(opt.Readers)
	sqlR.SetMaxIdleConns(opt.Readers)
	sqlR.SetConnMaxLifetime(0)
	return &DB{W: w, R: r, Path: path, Dialect: SQLite, sqlW: sqlW, sqlR: sqlR, readers: opt.Readers}, nil
}

func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// Ping checks that the database answers a query.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.sqlR.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// ResetWriter ends a transaction a failed statement or COMMIT may have left
// open on the writer connection: after SQLITE_FULL, IOERR, BUSY or NOMEM,
// SQLite may or may not have rolled back by itself, and its documentation
// asks for an explicit ROLLBACK (harmless when none is open). With reopen, it also discards the writer and the
// idle readers so the next query opens the file afresh: SQLite keeps a file
// (and its shared WAL index, common to all connections of the process) that
// it opened read-only read-only until every connection to it is closed.
func (d *DB) ResetWriter(ctx context.Context, reopen bool) {
	if d.Dialect != SQLite {
		return // PostgreSQL ends a failed transaction itself; its pool replaces broken connections.
	}
	conn, err := d.sqlW.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	if reopen {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		d.sqlR.SetMaxIdleConns(0)
		d.sqlR.SetMaxIdleConns(d.readers)
	}
}

// Checkpoint copies the WAL into the database and truncates it (SQLite; a
// no-op on PostgreSQL, which checkpoints by itself).
func (d *DB) Checkpoint(ctx context.Context) error {
	if d.Dialect != SQLite {
		return nil
	}
	_, err := d.sqlW.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// RunCheckpointer checkpoints every interval until ctx ends, keeping the WAL
// small even when readers kept automatic checkpoints from finishing. On
// PostgreSQL it returns at once.
func (d *DB) RunCheckpointer(ctx context.Context, interval time.Duration) {
	if d.Dialect != SQLite {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = d.Checkpoint(ctx)
		}
	}
}

// Close checkpoints and closes both pools.
func (d *DB) Close() error {
	_ = d.Checkpoint(context.Background())
	if d.sqlR == d.sqlW {
		return d.sqlW.Close()
	}
	errR := d.sqlR.Close()
	errW := d.sqlW.Close()
	if errW != nil {
		return errW
	}
	return errR
}
