package api_test

import "testing"

func TestOpenAPIDescribesRecords(t *testing.T) {
	e := newEnv(t)
	paths := e.must(200, "GET", "/api/openapi.json", "", nil).JSON()["paths"].(map[string]any)
	for p, method := range map[string]string{
		"/api/v1/collaborations":            "get",
		"/api/v1/collaborations/{id}":       "patch",
		"/api/v1/collaborations/import":     "post",
		"/api/v1/collaborations/export.csv": "get",
		"/api/v1/buyers/export.csv":         "get",
		"/api/v1/buyers/{id}/capabilities":  "post",
		"/api/v1/buyers/{id}/activities":    "get",
		"/api/v1/activities/{id}":           "patch",
		"/api/v1/follow-ups":                "get",
	} {
		ops, ok := paths[p].(map[string]any)
		if !ok || ops[method] == nil {
			t.Errorf("OpenAPI lacks %s %s", method, p)
		}
	}
}
