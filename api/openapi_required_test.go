package api_test

import (
	"fmt"
	"sort"
	"testing"
)

// TestOpenAPIRequiredAndEnums: request schemas name their required fields
// and enums, so generated clients and the docs are right; a PATCH body
// requires nothing.
func TestOpenAPIRequiredAndEnums(t *testing.T) {
	e := newEnv(t)
	doc := e.must(200, "GET", "/api/openapi.json", "", nil).JSON()
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	obj := func(name string) map[string]any {
		s, ok := schemas[name].(map[string]any)
		if !ok {
			t.Fatalf("no schema %s", name)
		}
		return s
	}
	required := func(name string) string {
		var l []string
		for _, r := range obj(name)["required"].([]any) {
			l = append(l, r.(string))
		}
		sort.Strings(l)
		return fmt.Sprint(l)
	}
	enumOf := func(schema, field string) string {
		p := obj(schema)["properties"].(map[string]any)[field].(map[string]any)
		if alt, ok := p["anyOf"].([]any); ok {
			p = alt[0].(map[string]any)
		}
		return fmt.Sprint(p["enum"])
	}
	if got := required("CollaborationRequest"); got != "[buyer_id start_on title type]" {
		t.Errorf("CollaborationRequest required %s", got)
	}
	if got := enumOf("CollaborationRequest", "type"); got != "[livestream note shop_window seeding]" {
		t.Errorf("type enum %s", got)
	}
	if got := enumOf("CollaborationRequest", "status"); got != "[planned in_progress completed cancelled]" {
		t.Errorf("status enum %s", got)
	}
	if got := enumOf("StageRequest", "stage"); got != "[prospect trial partner core paused]" {
		t.Errorf("stage enum %s", got)
	}
	if got := enumOf("GoalRequest", "metric"); got != "[gmv_cents orders livestreams notes collaborations custom]" {
		t.Errorf("metric enum %s", got)
	}
	if got := enumOf("ActivityRequest", "kind"); got != "[meeting call message sample_sent training note]" {
		t.Errorf("kind enum %s", got)
	}
	if got := enumOf("HealthSummary", "label"); got != "[thriving steady at_risk dormant new]" {
		t.Errorf("health label enum %s", got)
	}
	if got := required("GoalRequest"); got != "[buyer_id metric period_end period_start target title]" {
		t.Errorf("GoalRequest required %s", got)
	}
	if _, ok := obj("CollaborationRequestPatch")["required"]; ok {
		t.Error("a PATCH body requires nothing")
	}
	patch := doc["paths"].(map[string]any)["/api/v1/collaborations/{id}"].(map[string]any)["patch"].(map[string]any)
	ref := patch["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["$ref"]
	if ref != "#/components/schemas/CollaborationRequestPatch" {
		t.Errorf("PATCH body %v", ref)
	}
	// The dashboard's follow-ups carry the buyer's name beside the activity's fields.
	fu := obj("DashboardFollowUp")["properties"].(map[string]any)
	if fu["buyer_name"] == nil || fu["summary"] == nil {
		t.Errorf("DashboardFollowUp %v", fu)
	}
}
