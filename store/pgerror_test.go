package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"huoban/models"
)

func TestTranslatePostgresErrors(t *testing.T) {
	for _, c := range []struct {
		code string
		want error // nil: passed through unchanged
	}{
		{"23505", models.ErrConflict},    // unique_violation
		{"08006", models.ErrUnavailable}, // connection_failure
		{"53100", models.ErrUnavailable}, // disk_full
		{"53300", models.ErrUnavailable}, // too_many_connections
		{"58030", models.ErrUnavailable}, // io_error
		{"25006", models.ErrUnavailable}, // read_only_sql_transaction
		{"57P01", models.ErrUnavailable}, // admin_shutdown
		{"40P01", models.ErrUnavailable}, // deadlock_detected
		{"40001", models.ErrUnavailable}, // serialization_failure
		{"23503", nil},                   // foreign_key_violation: a bug, not a client's conflict
		{"42601", nil},                   // syntax_error
	} {
		pe := &pgconn.PgError{Code: c.code, Message: "x"}
		err := translate(fmt.Errorf("wrapped: %w", pe))
		if c.want == nil {
			if errors.Is(err, models.ErrConflict) || errors.Is(err, models.ErrUnavailable) {
				t.Errorf("%s: translated to %v, want it unchanged", c.code, err)
			}
			continue
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.code, err, c.want)
		}
	}
	// A connection that broke under a statement is the database being
	// unavailable; the request's own cancellation is not.
	for _, err := range []error{io.ErrUnexpectedEOF, io.EOF, pgconn.ErrConnClosed,
		&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}} {
		if !errors.Is(translate(fmt.Errorf("query: %w", err)), models.ErrUnavailable) {
			t.Errorf("%v: not translated to unavailable", err)
		}
	}
	if errors.Is(translate(fmt.Errorf("query: %w", context.Canceled)), models.ErrUnavailable) {
		t.Error("a cancelled request was translated to unavailable")
	}
	if !IsConflict(&pgconn.PgError{Code: "23505"}) {
		t.Error("IsConflict misses a PostgreSQL unique violation")
	}
}
