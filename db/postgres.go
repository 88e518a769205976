package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// defaultPostgresConns is the PostgreSQL pool size when Options.Readers is 0:
// enough to keep two cores busy while requests wait on the network, well
// under the server's default max_connections of 100.
const defaultPostgresConns = 16

// openPostgres opens the PostgreSQL database named by the URL dsn and
// migrates it. Writers and readers share one pool: PostgreSQL has row locks
// and MVCC, so there is no single-writer rule to keep.
func openPostgres(ctx context.Context, dsn string, opt Options) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	// Timestamps are compared and shown in UTC, as on SQLite.
	cfg.RuntimeParams["timezone"] = "UTC"
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "huoban"
	}
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, conn *pgx.Conn) error {
		// Scan timestamptz into UTC times rather than time.Local.
		conn.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		registerBoolAsInt(conn.TypeMap())
		return nil
	}))
	conns := opt.Readers
	if conns <= 0 {
		conns = defaultPostgresConns
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	// Recycle connections now and then so a server fail-over or a pooler
	// restart is picked up without restarting Huoban.
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := migrate(ctx, sqlDB, Postgres); err != nil {
		sqlDB.Close()
		return nil, err
	}
	gcfg := gormConfig(opt)
	// PostgreSQL keeps microseconds; stamp rows with what will be read back.
	gcfg.NowFunc = func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
	g, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), gcfg)
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return &DB{W: g, R: g, Dialect: Postgres, sqlW: sqlDB, sqlR: sqlDB}, nil
}
