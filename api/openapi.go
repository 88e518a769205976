package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// openapi serves the OpenAPI 3.1 document built from the route table.
func (s *Server) openapi(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json; charset=utf-8", s.openapiJSON)
	return nil
}

// OpenAPI returns the OpenAPI 3.1 document of every route the server has.
func (s *Server) OpenAPI() map[string]any {
	sg := &schemaGen{defs: map[string]any{}}
	patch := &schemaGen{defs: sg.defs, patch: true}
	paths := map[string]map[string]any{}
	errResp := map[string]any{"description": "error", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	// Every operation that reads or writes the database may answer this.
	unavailable := map[string]any{"description": "The database cannot be reached or refuses writes right now " +
		"(code unavailable): nothing was changed; try again after Retry-After seconds. An instance recovers by itself " +
		"when its database comes back.",
		"headers": map[string]any{"Retry-After": map[string]any{"schema": map[string]any{"type": "integer"}}},
		"content": errResp["content"]}
	for _, rt := range s.routes {
		p := "/api/v1" + openapiPath(rt.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     rt.summary,
			"operationId": strings.ToLower(rt.method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(rt.path),
			"description": routeDescription(rt),
			"tags":        []string{tagOf(rt.path)},
		}
		var params []any
		for _, seg := range strings.Split(rt.path, "/") {
			if strings.HasPrefix(seg, ":") {
				params = append(params, map[string]any{"name": seg[1:], "in": "path", "required": true,
					"schema": map[string]any{"type": "integer", "minimum": 1}})
			}
		}
		for _, q := range rt.query {
			params = append(params, map[string]any{"name": q, "in": "query", "required": false, "schema": map[string]any{"type": "string"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.access != public {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
		} else {
			op["security"] = []any{}
		}
		if rt.in != nil {
			gen := sg
			if rt.method == "PATCH" {
				gen = patch // the same request type, with nothing required
			}
			content := map[string]any{}
			if cts, ok := rt.in.(string); ok {
				// A file upload: one or more content types, comma-separated.
				for _, ct := range strings.Split(cts, ",") {
					content[strings.TrimSpace(ct)] = map[string]any{"schema": map[string]any{"type": "string"}}
				}
			} else {
				content["application/json"] = map[string]any{"schema": gen.schema(reflect.TypeOf(rt.in))}
			}
			op["requestBody"] = map[string]any{"required": true, "content": content}
		}
		status := rt.status
		if status == 0 {
			status = 200
		}
		okResp := map[string]any{"description": http.StatusText(status)}
		if rt.out != nil {
			if ct, ok := rt.out.(string); ok {
				okResp["content"] = map[string]any{ct: map[string]any{"schema": map[string]any{"type": "string"}}}
			} else {
				okResp["content"] = map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(rt.out))}}
			}
		}
		responses := map[string]any{itoa(status): okResp, "503": unavailable, "default": errResp}
		op["responses"] = responses
		paths[p][strings.ToLower(rt.method)] = op
	}
	ops := map[string]any{
		"/healthz": map[string]any{"get": map[string]any{"summary": "Liveness: ok once the database answers", "operationId": "healthz",
			"security": []any{}, "tags": []string{"operations"},
			"responses": map[string]any{"200": map[string]any{"description": "OK"}, "503": unavailable, "default": errResp}}},
		"/api/openapi.json": map[string]any{"get": map[string]any{"summary": "This document", "operationId": "openapi",
			"security": []any{}, "tags": []string{"operations"},
			"responses": map[string]any{"200": map[string]any{"description": "OK"}}}},
	}
	allPaths := map[string]any{}
	for k, v := range paths {
		allPaths[k] = v
	}
	for k, v := range ops {
		allPaths[k] = v
	}
	sg.defs["Error"] = map[string]any{
		"type": "object", "required": []string{"error"},
		"properties": map[string]any{"error": map[string]any{
			"type": "object", "required": []string{"code", "message"},
			"properties": map[string]any{
				"code": map[string]any{"type": "string", "enum": []string{"bad_request", "unauthorized", "forbidden", "not_found",
					"method_not_allowed", "conflict", "payload_too_large", "validation_failed", "rate_limited", "internal", "unavailable"}},
				"message": map[string]any{"type": "string"},
				"fields": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
					"description": "the English message of each bad field"},
				"details": map[string]any{"type": "object", "additionalProperties": problemSchema(),
					"description": "the code and params of each bad field, for clients that say it in their own language " +
						"(codes: " + strings.Join(problemCodes, ", ") + ")"},
				"rows": map[string]any{"type": "array", "description": "import problems; row 1 is the header line", "items": map[string]any{
					"type": "object", "required": []string{"row", "message", "code", "params"}, "properties": map[string]any{
						"row": map[string]any{"type": "integer"}, "field": map[string]any{"type": "string"},
						"message": map[string]any{"type": "string"}, "code": map[string]any{"type": "string"},
						"params": map[string]any{"type": "object"}}}},
			},
		}},
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "Huoban API",
			"version": "1",
			"description": "Huoban (伙伴) buyer-partnership CRM. JSON in and out; money in integer cents (CNY); " +
				"percentages 0-100 with up to 2 decimals; times RFC 3339 UTC; lists take limit (1-200, default 50), an opaque cursor " +
				"and total=true; unknown JSON fields are rejected with 422; JSON bodies over 1 MiB get 413. " +
				"Every error has the body {\"error\": {\"code\", \"message\", \"fields\"?, \"details\"?}}: fields holds each bad " +
				"field's English message, details its code and params ({\"code\": \"between\", \"params\": {\"min\": 0, \"max\": 100}}) " +
				"for clients that say it in their own language. A record of another brand answers 404.",
		},
		"servers":  []any{map[string]any{"url": "/"}},
		"paths":    allPaths,
		"tags":     webhookTags(),
		"webhooks": outgoingWebhooks(),
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
				"description": tokenScopes}},
			"schemas": sg.defs,
		},
	}
}

// tokenScopes says what each kind of bearer token reaches.
const tokenScopes = "A JWT access token from /auth/login (a signed-in person), or an API token hb_… for integrations. " +
	"An API token acts as the owner who made it, within its scope: read reaches every GET of the brand's data " +
	"(buyers, collaborations, goals, activities, milestones, health, dashboard, exports); write reaches those and " +
	"their POST, PATCH and DELETE. No API token, whatever its scope, reaches the routes marked \"a signed-in person only\": " +
	"the team and its invites, API tokens, webhooks, calendar feed keys, buyer invites and portal access, PATCH /me and " +
	"the audit log; they answer 403. Every write an API token makes is in the audit log with the token's id and name as actor_token."

// spreadsheetRule is the CSV-injection rule every export follows.
const spreadsheetRule = " Spreadsheet safety (OWASP CSV injection): a text cell that starts with =, +, -, @, a tab or a carriage " +
	"return is written with a leading ' so spreadsheet programs show it as text and never run it as a formula; the stored " +
	"value is unchanged. Numeric columns (ids, counts, cents, percentages) are written as plain numbers, negative ones too."

// routeDescription is an operation's description: who may call it, and
// what its flags add.
func routeDescription(rt route) string {
	d := "Access: " + rt.access.String() + "."
	if rt.opts.has(people) {
		d += " A signed-in person only: API tokens get 403."
	}
	if ct, ok := rt.out.(string); ok && (ct == "text/csv" || strings.Contains(ct, "spreadsheetml")) {
		d += spreadsheetRule
	}
	if more := routeDocs[rt.method+" "+rt.path]; more != "" {
		d += " " + more
	}
	return d
}

// openapiPath turns gin's :param into OpenAPI's {param}.
func openapiPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

func tagOf(p string) string {
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	return segs[0]
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// schemaGen derives JSON Schemas from Go request and response types. A
// field tagged openapi:"required" is required in request bodies except
// PATCH ones (patch: the same type under the name <Type>Patch); enums come
// from the enum registry (openapi_enums.go) by the field's Go type, or from
// an openapi:"enum=a|b" tag on a plain string.
type schemaGen struct {
	defs  map[string]any
	patch bool
}

var (
	timeType = reflect.TypeOf(time.Time{})
	dateType = reflect.TypeOf(models.Date(""))
	pctType  = reflect.TypeOf(models.Pct(0))
	rawType  = reflect.TypeOf(json.RawMessage{})
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == dateType:
		return map[string]any{"type": []string{"string", "null"}, "format": "date"}
	case t == pctType:
		return map[string]any{"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.01}
	case t == rawType:
		return map[string]any{"type": "object"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.schema(t.Elem())
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	case reflect.String:
		if vals, ok := enumValues[t]; ok {
			return map[string]any{"type": "string", "enum": vals}
		}
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		if strings.HasPrefix(t.Name(), "Opt[") {
			inner := g.schema(t.Field(2).Type)
			return map[string]any{"anyOf": []any{inner, map[string]any{"type": "null"}}}
		}
		if t.Name() == "" {
			return g.object(t)
		}
		name := schemaName(t)
		if g.patch && hasRequired(t) {
			name += "Patch"
		}
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = map[string]any{} // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// object describes a struct's JSON members; an embedded struct's members
// are its own, as encoding/json flattens them.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if !f.IsExported() || tag == "-" || tag == "" {
			continue
		}
		opts := openapiTag(f)
		req := opts["required"] != "" && !g.patch
		s := g.schema(f.Type)
		if req && strings.HasPrefix(f.Type.Name(), "Opt[") {
			s = g.schema(f.Type.Field(2).Type) // required: a value, never null
		}
		if enum := opts["enum"]; enum != "" {
			s = withEnum(s, strings.Split(enum, "|"))
		}
		if req {
			*required = append(*required, tag)
		}
		props[tag] = s
	}
}

// openapiTag parses a field's openapi tag: "required,enum=a|b".
func openapiTag(f reflect.StructField) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(f.Tag.Get("openapi"), ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			v = "yes"
		}
		if k != "" {
			out[k] = v
		}
	}
	return out
}

// hasRequired tells whether a struct has a field tagged required.
func hasRequired(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if openapiTag(t.Field(i))["required"] != "" {
			return true
		}
	}
	return false
}

// withEnum puts enum values on a string schema, or on the string inside a
// nullable one.
func withEnum(s map[string]any, vals []string) map[string]any {
	if alt, ok := s["anyOf"].([]any); ok && len(alt) == 2 {
		return map[string]any{"anyOf": []any{withEnum(alt[0].(map[string]any), vals), alt[1]}}
	}
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	out["enum"] = vals
	return out
}

func schemaName(t reflect.Type) string {
	n := t.Name()
	r := strings.NewReplacer("[", "_", "]", "", "huoban/handlers.", "", ".", "_", "/", "_", "*", "")
	return r.Replace(n)
}
