package store

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"

	"huoban/models"
)

// Cursor is the decoded form of an opaque list cursor: the sort it belongs
// to, the sort value of the last row returned and that row's id.
type Cursor struct {
	Sort string  `json:"s"`
	Val  *string `json:"v"`
	ID   int64   `json:"i"`
}

// Encode returns the opaque cursor string.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// errBadCursor is returned for any cursor that does not decode or does not fit the sort.
var errBadCursor = models.Errorf(models.ErrBadRequest, "the cursor is invalid; start again from the first page")

// DecodeCursor parses an opaque cursor made for sort (e.g. "-created_at").
func DecodeCursor(s, sort string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	if len(s) > 512 {
		return nil, errBadCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errBadCursor
	}
	var c Cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || c.ID <= 0 {
		return nil, errBadCursor
	}
	return &c, nil
}

// sortKind says how a sort column's cursor value is typed.
type sortKind int

const (
	kindInt sortKind = iota
	kindText
	kindTime
)

// sortColumn describes one sortable column of a list.
type sortColumn struct {
	Column   string
	Kind     sortKind
	Nullable bool
}

// param converts a cursor value back into a query parameter of the column's type.
func (sc sortColumn) param(v string) (any, error) {
	switch sc.Kind {
	case kindInt:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, errBadCursor
		}
		return n, nil
	case kindTime:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, errBadCursor
		}
		return t.UTC(), nil
	default:
		return v, nil
	}
}

// keyset orders q by the column then id, in the given direction, starting after cur.
// NULLs sort first ascending and last descending, as SQLite does.
func keyset(q *gorm.DB, sc sortColumn, desc bool, cur *Cursor) (*gorm.DB, error) {
	col := sc.Column
	dir, cmp := "ASC", ">"
	if desc {
		dir, cmp = "DESC", "<"
	}
	order := col + " " + dir
	if sc.Nullable && isPostgres(q) {
		// PostgreSQL puts NULLs last ascending; ask for SQLite's order (the
		// indexes are built NULLS FIRST to match).
		order += map[bool]string{false: " NULLS FIRST", true: " NULLS LAST"}[desc]
	}
	q = q.Order(order).Order("id " + dir)
	if cur == nil {
		return q, nil
	}
	if cur.Val == nil {
		if !sc.Nullable {
			return nil, errBadCursor
		}
		if desc {
			return q.Where(col+" IS NULL AND id < ?", cur.ID), nil
		}
		return q.Where("("+col+" IS NULL AND id > ?) OR "+col+" IS NOT NULL", cur.ID), nil
	}
	v, err := sc.param(*cur.Val)
	if err != nil {
		return nil, err
	}
	// A row value comparison lets SQLite seek the (…, col, id) index to the
	// cursor instead of scanning from the first row, so deep pages stay fast.
	cond := "(" + col + ", id) " + cmp + " (?, ?)"
	if sc.Nullable && desc {
		cond = "(" + cond + " OR " + col + " IS NULL)"
	}
	return q.Where(cond, v, cur.ID), nil
}

// likeOp returns the operator that matches a likePattern the way SQLite's
// LIKE does, ignoring ASCII case: LIKE there, ILIKE on PostgreSQL.
func likeOp(q *gorm.DB) string {
	if isPostgres(q) {
		return "ILIKE"
	}
	return "LIKE"
}

// likePattern escapes LIKE wildcards in s and wraps it in %…%.
func likePattern(s string) string {
	out := make([]rune, 0, len(s)+2)
	out = append(out, '%')
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(append(out, '%'))
}

// pageOf trims rows to limit and makes the next cursor from the last row kept.
func pageOf[T any](rows []T, limit int, next func(*T) Cursor) *Page[T] {
	page := &Page[T]{Items: rows}
	if len(rows) > limit {
		page.Items = rows[:limit]
		c := next(&page.Items[limit-1]).Encode()
		page.NextCursor = &c
	}
	return page
}
