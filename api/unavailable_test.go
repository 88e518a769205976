package api_test

import "testing"

// Every operation documents the 503 an instance answers while its database
// is unreachable, with the contract's error body and Retry-After.
func TestOpenAPIDocumentsUnavailable(t *testing.T) {
	e := newEnv(t)
	doc := e.must(200, "GET", "/api/openapi.json", "", nil).JSON()
	n := 0
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			if path == "/api/openapi.json" {
				continue
			}
			r, ok := op.(map[string]any)["responses"].(map[string]any)["503"].(map[string]any)
			if !ok {
				t.Errorf("%s %s: no 503 response", method, path)
				continue
			}
			if _, ok := r["headers"].(map[string]any)["Retry-After"]; !ok {
				t.Errorf("%s %s: 503 without Retry-After", method, path)
			}
			schema := r["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
			if schema["$ref"] != "#/components/schemas/Error" {
				t.Errorf("%s %s: 503 body %v", method, path, schema)
			}
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d operations checked", n)
	}
}
