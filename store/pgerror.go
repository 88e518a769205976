package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"huoban/models"
)

// translatePostgres maps a PostgreSQL error onto a models sentinel; ok is
// false when err is not one it knows. Only translate calls it.
func translatePostgres(err error) (out error, ok bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505": // unique_violation
			return models.ErrConflict, true
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),                           // insufficient resources: disk full, out of memory, too many connections
			strings.HasPrefix(pe.Code, "58"),                           // system error: I/O
			pe.Code == "25006",                                         // read_only_sql_transaction (a standby, or default_transaction_read_only)
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, crash, cannot connect now
			pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock: safe to retry
			return errors.Join(models.ErrUnavailable, err), true
		}
		return nil, false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil, false // the request's own end (a client gone), not the database's
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) || pgconn.SafeToRetry(err) ||
		// The connection broke during a statement: the server went away, was
		// restarted, or ended the session (pg_terminate_backend). The
		// transaction did not commit; the pool drops the connection.
		errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &ne) {
		return errors.Join(models.ErrUnavailable, err), true
	}
	return nil, false
}
