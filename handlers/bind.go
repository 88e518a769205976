package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// MaxJSONBody is the largest JSON body accepted.
const MaxJSONBody = 1 << 20

// bindJSON decodes the request body into dst (a pointer to a struct with json
// tags) strictly: a JSON object only, no trailing data, no unknown fields, and
// type problems reported per field.
func bindJSON(c *gin.Context, dst any) error {
	ct := c.GetHeader("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return models.Errorf(models.ErrBadRequest, "the body must be JSON (Content-Type: application/json)")
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return models.Errorf(models.ErrPayloadTooLarge, "the body is larger than 1 MiB")
		}
		return models.Errorf(models.ErrBadRequest, "the body could not be read")
	}
	return decodeStrict(body, dst)
}

// decodeStrict is bindJSON without the HTTP parts, so fuzz tests can call it.
func decodeStrict(body []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return models.Errorf(models.ErrBadRequest, "the body is not a valid JSON object")
	}
	if raw == nil {
		return models.Errorf(models.ErrBadRequest, "the body must be a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return models.Errorf(models.ErrBadRequest, "the body has data after the JSON object")
	}
	if bytes.Contains(body, []byte(`\u0000`)) {
		if err := rejectNUL(raw); err != nil {
			return err
		}
	}
	return assignFields(raw, dst, "")
}

// rejectNUL refuses text holding a NUL character: no field needs one, and
// PostgreSQL cannot store it, so it is refused the same way on every engine.
func rejectNUL(raw map[string]json.RawMessage) error {
	ve := &models.ValidationError{}
	for name, msg := range raw {
		var v any
		if json.Unmarshal(msg, &v) == nil && holdsNUL(v) {
			ve.Add(name, models.NULCharacter())
		}
	}
	return ve.Err()
}

func holdsNUL(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.ContainsRune(x, 0)
	case []any:
		for _, e := range x {
			if holdsNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if strings.ContainsRune(k, 0) || holdsNUL(e) {
				return true
			}
		}
	}
	return false
}

// assignFields decodes each raw member into the struct field with that json
// name, collecting unknown fields and type errors into one ValidationError.
func assignFields(raw map[string]json.RawMessage, dst any, prefix string) error {
	v := reflect.ValueOf(dst).Elem()
	fields := jsonFields(v.Type())
	ve := &models.ValidationError{}
	for name, msg := range raw {
		idx, ok := fields[name]
		if !ok {
			ve.Add(prefix+name, models.UnknownField())
			continue
		}
		fv := v.Field(idx)
		if fv.Kind() == reflect.Struct && fv.Addr().Type().Implements(nestedType) {
			var inner map[string]json.RawMessage
			if err := json.Unmarshal(msg, &inner); err != nil || inner == nil {
				ve.Add(prefix+name, models.InvalidType("object"))
				continue
			}
			if err := assignFields(inner, fv.Addr().Interface(), prefix+name+"."); err != nil {
				var inv *models.ValidationError
				if errors.As(err, &inv) {
					ve.Merge(inv)
				}
			}
			fv.Addr().Interface().(nested).markSet()
			continue
		}
		if err := json.Unmarshal(msg, fv.Addr().Interface()); err != nil {
			ve.Add(prefix+name, fieldProblem(err))
		}
	}
	return ve.Err()
}

// nested marks a struct field decoded member by member (e.g. contact).
type nested interface{ markSet() }

var nestedType = reflect.TypeOf((*nested)(nil)).Elem()

// fieldProblem says what was wrong with a JSON member that did not decode.
func fieldProblem(err error) models.Problem {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		switch te.Type.Kind() {
		case reflect.String:
			return models.InvalidType("string")
		case reflect.Int, reflect.Int64, reflect.Int32:
			return models.InvalidType("integer")
		case reflect.Bool:
			return models.InvalidType("boolean")
		case reflect.Slice:
			return models.InvalidType("list")
		}
		return models.InvalidType("")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return models.Custom("invalid_json", nil, "is not valid JSON")
	}
	var pe *models.ProblemError
	if errors.As(err, &pe) {
		return pe.P
	}
	if strings.HasPrefix(err.Error(), "json:") {
		return models.InvalidType("")
	}
	return models.AsProblem(err)
}

var fieldCache sync.Map // reflect.Type → map[string]int

// jsonFields maps json member names to struct field indexes.
func jsonFields(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		m[tag] = i
	}
	fieldCache.Store(t, m)
	return m
}

// MaxCSVBody is the largest CSV upload accepted.
const MaxCSVBody = 20 << 20
