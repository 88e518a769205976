package api_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// openapiFile is the OpenAPI document committed for the web app, which
// generates its API types from it (frontend: npm run gen:types).
var openapiFile = filepath.Join("..", "frontend", "src", "api", "openapi.json")

// TestOpenAPIFileIsCurrent fails when the committed document differs from the
// one the route table builds, so the web app's generated types cannot drift
// from the server. HUOBAN_WRITE_OPENAPI=1 writes the file instead.
func TestOpenAPIFileIsCurrent(t *testing.T) {
	e := newEnv(t)
	var doc any
	if err := json.Unmarshal(e.must(200, "GET", "/api/openapi.json", "", nil).Body, &doc); err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if os.Getenv("HUOBAN_WRITE_OPENAPI") == "1" {
		if err := os.WriteFile(openapiFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(openapiFile)
	if err != nil {
		t.Fatalf("read %s: %v (run `npm run gen:types` in frontend/)", openapiFile, err)
	}
	if !bytes.Equal(have, want) {
		t.Fatalf("%s is not the document the route table builds: run `npm run gen:types` in frontend/ and commit the result", openapiFile)
	}
}
