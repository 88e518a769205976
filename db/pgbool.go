package db

import "github.com/jackc/pgx/v5/pgtype"

// Huoban keeps flags such as activities.done in INTEGER 0/1 columns on both
// engines (SQLite has no boolean type, and the SQL says done = 0). SQLite
// stores a Go bool as 0 or 1 by itself; pgx refuses to encode a bool into an
// integer parameter. boolAsInt teaches pgx what SQLite does. It is tried only
// when no direct plan exists, so bools still go to boolean columns as bools.

// boolAsIntPlan encodes a Go bool as the integer 1 or 0.
type boolAsIntPlan struct{ next pgtype.EncodePlan }

// SetNext sets the plan that encodes the integer.
func (p *boolAsIntPlan) SetNext(next pgtype.EncodePlan) { p.next = next }

// Encode writes value (a bool) as 1 or 0.
func (p *boolAsIntPlan) Encode(value any, buf []byte) ([]byte, error) {
	n := int64(0)
	if value.(bool) {
		n = 1
	}
	return p.next.Encode(n, buf)
}

// tryWrapBoolAsInt offers boolAsIntPlan for bool values.
func tryWrapBoolAsInt(value any) (pgtype.WrappedEncodePlanNextSetter, any, bool) {
	if _, ok := value.(bool); ok {
		return &boolAsIntPlan{}, int64(0), true
	}
	return nil, nil, false
}

// registerBoolAsInt puts tryWrapBoolAsInt first among m's encode wrappers.
func registerBoolAsInt(m *pgtype.Map) {
	m.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{tryWrapBoolAsInt}, m.TryWrapEncodePlanFuncs...)
}
