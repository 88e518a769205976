package models

import (
	"errors"
	"fmt"
	"strings"
)

// Params are the values a problem's code is rendered with (e.g. min and max
// of "between"), so a client can say it in its own language.
type Params map[string]any

// Problem is one thing wrong with one field: a short snake_case code and its
// params for clients that render the message themselves, and the English
// message for those that do not. Build problems with the constructors below
// so a code always comes with the same params and the same English.
type Problem struct {
	Code    string
	Params  Params
	Message string
}

// Detail is a problem as the error body carries it beside the English message.
type Detail struct {
	Code   string `json:"code"`
	Params Params `json:"params"`
}

// Detail returns the code and params of p (params never nil).
func (p Problem) Detail() Detail {
	params := p.Params
	if params == nil {
		params = Params{}
	}
	return Detail{Code: p.Code, Params: params}
}

// Problem codes: the vocabulary the clients translate. Keep it short; reuse
// a code with params before adding one.
const (
	CodeRequired        = "required"
	CodeRequiredOneOf   = "required_one_of"
	CodeBetween         = "between"
	CodeMin             = "min"
	CodePositive        = "positive"
	CodeMaxLength       = "max_length"
	CodeMinLength       = "min_length"
	CodeMaxItems        = "max_items"
	CodeItemMaxLength   = "item_max_length"
	CodeOneOf           = "one_of"
	CodeNotFuture       = "not_future"
	CodeDateOrder       = "date_order"
	CodeUnknownField    = "unknown_field"
	CodeInvalidDate     = "invalid_date"
	CodeInvalidNumber   = "invalid_number"
	CodeInvalidAmount   = "invalid_amount"
	CodeInvalidType     = "invalid_type"
	CodeInvalidText     = "invalid_text"
	CodeInvalidEmail    = "invalid_email"
	CodeInvalidURL      = "invalid_url"
	CodeInvalidList     = "invalid_list"
	CodeNULCharacter    = "nul_character"
	CodeRefundOverGMV   = "refund_over_gmv"
	CodeUnique          = "unique"
	CodeUnknownRef      = "unknown_reference"
	CodeReadOnly        = "read_only"
	CodeComputed        = "computed"
	CodeFieldCount      = "field_count"
	CodeUnknownColumn   = "unknown_column"
	CodeDuplicateColumn = "duplicate_column"
	CodeEmptyFile       = "empty_file"
	CodeInvalidFile     = "invalid_file"
	CodeTooManyRows     = "too_many_rows"
	CodeInvalidDecimal  = "invalid_decimal"
)

// Required says a field must be given.
func Required() Problem { return Problem{CodeRequired, nil, "is required"} }

// RequiredOneOf says one of fields must be given.
func RequiredOneOf(fields ...string) Problem {
	return Problem{CodeRequiredOneOf, Params{"fields": fields}, "name it with " + strings.Join(fields, " or ")}
}

// Between says a value must lie in [min, max].
func Between(min, max any) Problem {
	return Problem{CodeBetween, Params{"min": min, "max": max}, fmt.Sprintf("must be between %v and %v", min, max)}
}

// Min says a value must be at least min.
func Min(min any) Problem {
	return Problem{CodeMin, Params{"min": min}, fmt.Sprintf("must be >= %v", min)}
}

// Positive says a value must be above zero.
func Positive() Problem { return Problem{CodePositive, nil, "must be > 0"} }

// MaxLength says a text may have at most max characters.
func MaxLength(max int) Problem {
	return Problem{CodeMaxLength, Params{"max": max}, fmt.Sprintf("must be at most %d characters", max)}
}

// MinLength says a text needs at least min characters.
func MinLength(min int) Problem {
	return Problem{CodeMinLength, Params{"min": min}, fmt.Sprintf("must be at least %d characters", min)}
}

// MaxItems says a list may have at most max items.
func MaxItems(max int) Problem {
	return Problem{CodeMaxItems, Params{"max": max}, fmt.Sprintf("must have at most %d items", max)}
}

// ItemMaxLength says each item of a list may have at most max characters.
func ItemMaxLength(max int) Problem {
	return Problem{CodeItemMaxLength, Params{"max": max}, fmt.Sprintf("items must be at most %d characters", max)}
}

// OneOf says a value must be one of values.
func OneOf[T ~string](values ...T) Problem {
	vs := make([]string, len(values))
	for i, v := range values {
		vs[i] = string(v)
	}
	return Problem{CodeOneOf, Params{"values": vs}, "must be one of " + strings.Join(vs, ", ")}
}

// SortOneOf says a sort must be one of fields, optionally with a leading "-".
func SortOneOf(fields ...string) Problem {
	return Problem{CodeOneOf, Params{"values": fields},
		"must be one of " + strings.Join(fields, ", ") + ", optionally with a leading -"}
}

// NotFuture says a date or time may not lie in the future.
func NotFuture() Problem { return Problem{CodeNotFuture, nil, "must not be in the future"} }

// DateOrder says a date must be on or after the date in field after.
func DateOrder(after string) Problem {
	return Problem{CodeDateOrder, Params{"after": after}, "must be on or after " + after}
}

// UnknownField says a member is not a field of the request.
func UnknownField() Problem { return Problem{CodeUnknownField, nil, "is not a known field"} }

// InvalidDate says a value is not a calendar date YYYY-MM-DD.
func InvalidDate() Problem { return Problem{CodeInvalidDate, nil, "must be a date YYYY-MM-DD"} }

// InvalidNumber says a value is not a whole number.
func InvalidNumber() Problem { return Problem{CodeInvalidNumber, nil, "must be a whole number"} }

// InvalidAmount says a value is not an amount in yuan with at most 2 decimals.
func InvalidAmount() Problem {
	return Problem{CodeInvalidAmount, nil, "must be an amount in yuan with at most 2 decimals"}
}

// InvalidType says a JSON value has the wrong type (string, integer, boolean, list, object).
func InvalidType(typ string) Problem {
	msg := "has the wrong type"
	switch typ {
	case "string":
		msg = "must be a string"
	case "integer":
		msg = "must be a whole number"
	case "boolean":
		msg = "must be true or false"
	case "list":
		msg = "must be a list"
	case "object":
		msg = "must be an object"
	}
	return Problem{CodeInvalidType, Params{"type": typ}, msg}
}

// InvalidText says a text is not valid UTF-8.
func InvalidText() Problem { return Problem{CodeInvalidText, nil, "must be valid UTF-8 text"} }

// InvalidEmail says a value is not an email address.
func InvalidEmail() Problem { return Problem{CodeInvalidEmail, nil, "must be an email address"} }

// InvalidURL says a value is not an absolute http(s) URL.
func InvalidURL() Problem { return Problem{CodeInvalidURL, nil, "must be an http(s) URL"} }

// InvalidList says a cell is neither a JSON list nor names separated by sep.
func InvalidList(sep string) Problem {
	return Problem{CodeInvalidList, Params{"separator": sep}, "must be a JSON list or names separated by " + sep}
}

// NULCharacter says a text holds a NUL character.
func NULCharacter() Problem { return Problem{CodeNULCharacter, nil, "must not contain NUL characters"} }

// RefundOverGMV says the refund exceeds the GMV.
func RefundOverGMV() Problem { return Problem{CodeRefundOverGMV, nil, "must not exceed gmv_cents"} }

// Unique says another record already uses the value.
func Unique() Problem { return Problem{CodeUnique, nil, "is already used"} }

// UnknownRef says an id names no record of kind entity in the caller's brand.
func UnknownRef(entity string) Problem {
	return Problem{CodeUnknownRef, Params{"entity": entity}, "is not a " + entity + " of this brand"}
}

// ReadOnly says a field cannot be set here; how says where it is set instead.
func ReadOnly(how string) Problem {
	return Problem{CodeReadOnly, Params{"how": how}, "cannot be set here; " + how}
}

// Computed says a value is computed and cannot be set.
func Computed() Problem {
	return Problem{CodeComputed, nil, "is computed from collaborations unless the metric is custom"}
}

// FieldCount says a spreadsheet row has another number of cells than the header.
func FieldCount(got, want int) Problem {
	return Problem{CodeFieldCount, Params{"got": got, "want": want},
		fmt.Sprintf("has %d fields, the header has %d", got, want)}
}

// UnknownColumn says a header names no import column and no mapping names it.
func UnknownColumn(header string) Problem {
	return Problem{CodeUnknownColumn, Params{"header": header},
		fmt.Sprintf("column %q is not an import column; map it with ?mapping=", header)}
}

// DuplicateColumn says two headers name the same import column.
func DuplicateColumn(column string) Problem {
	return Problem{CodeDuplicateColumn, Params{"column": column}, fmt.Sprintf("column %s appears twice", column)}
}

// Custom is a problem with a code of its own, for a rule only one place has.
func Custom(code string, params Params, msg string) Problem { return Problem{code, params, msg} }

// ProblemError is a Problem used as an error, for parse functions whose
// callers report the problem on a field.
type ProblemError struct{ P Problem }

// Error returns the English message.
func (e *ProblemError) Error() string { return e.P.Message }

// Err returns p as an error.
func (p Problem) Err() error { return &ProblemError{p} }

// AsProblem returns the problem an error carries; an error without one
// becomes code "invalid" with the error's text as the message.
func AsProblem(err error) Problem {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe.P
	}
	return Problem{Code: "invalid", Message: err.Error()}
}

// ProblemFromMessage gives an English message written without a code the
// code and params of the constructor that writes the same words, or the
// code "invalid" when none does, so every field problem has a code.
func ProblemFromMessage(msg string) Problem {
	switch msg {
	case "is required":
		return Required()
	case "must be >= 0":
		return Min(0)
	case "must be > 0":
		return Positive()
	case "must not be in the future", "cannot be in the future":
		return NotFuture()
	case "must be a date YYYY-MM-DD":
		return InvalidDate()
	case "must be a whole number":
		return InvalidNumber()
	case "is not a known field":
		return UnknownField()
	case "must be an email address":
		return InvalidEmail()
	case "must be an http(s) URL":
		return InvalidURL()
	case "must be true or false":
		return InvalidType("boolean")
	}
	if rest, ok := strings.CutPrefix(msg, "must be one of "); ok && !strings.Contains(rest, "optionally") {
		return Problem{CodeOneOf, Params{"values": strings.Split(rest, ", ")}, msg}
	}
	var a, b int64
	if n, _ := fmt.Sscanf(msg, "must be between %d and %d", &a, &b); n == 2 {
		return Between(a, b)
	}
	if n, _ := fmt.Sscanf(msg, "must be at most %d characters", &a); n == 1 {
		return MaxLength(int(a))
	}
	if after, ok := strings.CutPrefix(msg, "must be on or after "); ok {
		return DateOrder(after)
	}
	return Custom("invalid", nil, msg)
}
