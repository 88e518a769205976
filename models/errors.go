// Package models holds Huoban's entities, enums, sentinel errors and the pure
// KPI formulas. It imports no other project package.
package models

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors the API layer maps onto the contract's error codes.
var (
	// ErrNotFound means the record does not exist within the caller's reach.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique constraint or a business rule clash.
	ErrConflict = errors.New("conflict")
	// ErrUnauthorized means missing, bad or expired credentials.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden means the caller is authenticated but may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrBadRequest means the request could not be parsed at all.
	ErrBadRequest = errors.New("bad request")
	// ErrPayloadTooLarge means the body exceeded its size limit.
	ErrPayloadTooLarge = errors.New("payload too large")
	// ErrUnavailable means the database cannot take writes right now.
	ErrUnavailable = errors.New("service unavailable")
)

// Error is an error with a client-safe message that wraps one of the sentinels.
type Error struct {
	Kind    error
	Message string
	// Field, when set, is the field the error is about, with its problem
	// (e.g. a unique clash on xhs_id), so the error body names it.
	Field   string
	Problem Problem
}

// ConflictOn returns a conflict about one field's value being taken.
func ConflictOn(field, msg string) error {
	return &Error{Kind: ErrConflict, Message: msg, Field: field, Problem: Unique()}
}

// Error returns the client-safe message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the sentinel so errors.Is works.
func (e *Error) Unwrap() error { return e.Kind }

// Errorf returns an *Error of the given kind with a formatted client-safe message.
func Errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// RowError is one problem found in one line of an uploaded spreadsheet:
// the English message, and the code and params a client renders in its
// own language.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	Code    string `json:"code"`
	Params  Params `json:"params"`
	// Column is the header of the cell's column as the file has it (when
	// it differs from Field: a Chinese header, a mapped one).
	Column string `json:"column,omitempty"`
}

// RowProblem returns the row error of problem p in field of row.
func RowProblem(row int, field string, p Problem) RowError {
	d := p.Detail()
	return RowError{Row: row, Field: field, Message: p.Message, Code: d.Code, Params: d.Params}
}

// ValidationError reports well-formed but invalid input, field by field:
// Fields holds each field's English message, Details its code and params.
type ValidationError struct {
	Message string
	Fields  map[string]string
	Details map[string]Detail
	Rows    []RowError
}

// Error returns a summary message.
func (e *ValidationError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	return "validation failed"
}

// Add records a problem with one field; the first problem per field wins.
// problem is a Problem made by the constructors in problem.go; an English
// message (a string, as code written before problems had codes passes) is
// given the code ProblemFromMessage finds for it.
func (e *ValidationError) Add(field string, problem any) {
	var p Problem
	switch v := problem.(type) {
	case Problem:
		p = v
	case string:
		p = ProblemFromMessage(v)
	default:
		p = Custom("invalid", nil, fmt.Sprint(v))
	}
	if e.Fields == nil {
		e.Fields = map[string]string{}
		e.Details = map[string]Detail{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = p.Message
		e.Details[field] = p.Detail()
	}
}

// Merge adds every field problem of other (first problem per field wins).
func (e *ValidationError) Merge(other *ValidationError) {
	for k, m := range other.Fields {
		d := other.Details[k]
		e.Add(k, Problem{Code: d.Code, Params: d.Params, Message: m})
	}
}

// FieldError returns a validation error with one problem in one field.
func FieldError(field string, p Problem) *ValidationError {
	ve := &ValidationError{}
	ve.Add(field, p)
	return ve
}

// Has reports whether a field already has a problem recorded.
func (e *ValidationError) Has(field string) bool {
	_, ok := e.Fields[field]
	return ok
}

// Err returns nil when no problem was recorded, otherwise the error itself.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 && len(e.Rows) == 0 {
		return nil
	}
	return e
}

// RateLimitedError says an attempt was refused and when to try again.
type RateLimitedError struct {
	RetryAfter time.Duration
}

// Error returns a fixed message.
func (e *RateLimitedError) Error() string { return "too many attempts, try again later" }
