package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// rawReq is a request built by hand: any content type, headers and client address.
type rawReq struct {
	method, path, token, ct string
	body                    io.Reader
	remote                  string
	header                  map[string]string
}

// raw sends a hand-built request.
func (e *env) raw(r rawReq) resp {
	e.t.Helper()
	req := httptest.NewRequest(r.method, r.path, r.body)
	if r.ct != "" {
		req.Header.Set("Content-Type", r.ct)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	req.RemoteAddr = "192.0.2.1:1234"
	if r.remote != "" {
		req.RemoteAddr = r.remote
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	return resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
}

// wantErr fails unless r is an error answer with status and code.
func wantErr(t *testing.T, r resp, status int, code string) {
	t.Helper()
	if r.Status != status || r.ErrCode() != code {
		t.Fatalf("got %d %s, want %d %s", r.Status, r.Body, status, code)
	}
	e, _ := r.JSON()["error"].(map[string]any)
	if msg, _ := e["message"].(string); msg == "" {
		t.Fatalf("error without message: %s", r.Body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error content type %q", ct)
	}
}

// wantField fails unless r is a 422 naming field.
func wantField(t *testing.T, r resp, field string) {
	t.Helper()
	wantErr(t, r, 422, "validation_failed")
	if r.Field(field) == "" {
		t.Fatalf("fields lack %q: %s", field, r.Body)
	}
}

// buyer fetches a buyer as a generic map.
func (e *env) buyer(token string, id int64) map[string]any {
	e.t.Helper()
	return e.must(200, "GET", "/api/v1/buyers/"+itoa(id), token, nil).JSON()
}

// ids returns the ids of a list answer's items.
func ids(r resp) []int64 {
	var out []int64
	items, _ := r.JSON()["items"].([]any)
	for _, it := range items {
		out = append(out, int64(it.(map[string]any)["id"].(float64)))
	}
	return out
}

// names returns the names of a list answer's items.
func names(r resp) []string {
	var out []string
	items, _ := r.JSON()["items"].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any)["name"].(string))
	}
	return out
}

// jsonEq compares two JSON-ready values.
func jsonEq(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// num reads a JSON number member as int64.
func jnum(m map[string]any, k string) int64 {
	f, _ := m[k].(float64)
	return int64(f)
}

func qs(format string, a ...any) string { return fmt.Sprintf(format, a...) }
