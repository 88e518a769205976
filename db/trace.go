package db

import (
	"context"
	"time"

	"gorm.io/gorm/logger"
)

// traceLogger hands every SQL statement GORM runs to fn; tests use it to
// count queries per request and to check query plans.
type traceLogger struct {
	fn func(ctx context.Context, sql string)
}

func (l traceLogger) LogMode(logger.LogLevel) logger.Interface { return l }
func (l traceLogger) Info(context.Context, string, ...any)     {}
func (l traceLogger) Warn(context.Context, string, ...any)     {}
func (l traceLogger) Error(context.Context, string, ...any)    {}

// Trace receives each statement after it ran, with its parameters inlined.
func (l traceLogger) Trace(ctx context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	l.fn(ctx, sql)
}
