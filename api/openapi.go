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
	paths := map[string]map[string]any{}
	errResp := map[string]any{"description": "error", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	for _, rt := range s.routes {
		p := "/api/v1" + openapiPath(rt.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     rt.summary,
			"operationId": strings.ToLower(rt.method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(rt.path),
			"description": "Access: " + rt.access.String() + ".",
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
			ct := "application/json"
			schema := sg.schema(reflect.TypeOf(rt.in))
			if s, ok := rt.in.(string); ok {
				ct, schema = s, map[string]any{"type": "string"}
			}
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{ct: map[string]any{"schema": schema}}}
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
		responses := map[string]any{itoa(status): okResp, "default": errResp}
		op["responses"] = responses
		paths[p][strings.ToLower(rt.method)] = op
	}
	ops := map[string]any{
		"/healthz": map[string]any{"get": map[string]any{"summary": "Liveness: ok once the database answers", "operationId": "healthz",
			"security": []any{}, "tags": []string{"operations"},
			"responses": map[string]any{"200": map[string]any{"description": "OK"}, "default": errResp}}},
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
				"fields":  map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
				"rows": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"row": map[string]any{"type": "integer"}, "field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
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
				"Every error has the body {\"error\": {\"code\", \"message\", \"fields\"?}}. A record of another brand answers 404.",
		},
		"servers":  []any{map[string]any{"url": "/"}},
		"paths":    allPaths,
		"tags":     webhookTags(),
		"webhooks": outgoingWebhooks(),
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
				"description": "A JWT access token from /auth/login, or an API token hb_… (scope read: GET only; write: acts as its owner)."}},
			"schemas": sg.defs,
		},
	}
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

// schemaGen derives JSON Schemas from Go request and response types.
type schemaGen struct {
	defs map[string]any
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
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = map[string]any{} // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// object describes a struct's JSON members.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if !f.IsExported() || tag == "-" || tag == "" {
			continue
		}
		props[tag] = g.schema(f.Type)
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
}

func schemaName(t reflect.Type) string {
	n := t.Name()
	r := strings.NewReplacer("[", "_", "]", "", "huoban/handlers.", "", ".", "_", "/", "_", "*", "")
	return r.Replace(n)
}
