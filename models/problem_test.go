package models

import (
	"fmt"
	"testing"
)

// TestProblemFromMessage: a message written without a code (code from
// before codes, or from another branch) still gets one.
func TestProblemFromMessage(t *testing.T) {
	for msg, want := range map[string]string{
		"is required":                         "required map[]",
		"must be >= 0":                        "min map[min:0]",
		"must be one of a, b":                 "one_of map[values:[a b]]",
		"must be between 1 and 5":             "between map[max:5 min:1]",
		"must be at most 100 characters":      "max_length map[max:100]",
		"must be on or after period_start":    "date_order map[after:period_start]",
		"must not be in the future":           "not_future map[]",
		"is not what the brand expected here": "invalid map[]",
	} {
		p := ProblemFromMessage(msg)
		if got := fmt.Sprint(p.Code, " ", p.Detail().Params); got != want || p.Message != msg {
			t.Errorf("%q: %s (%q), want %s", msg, got, p.Message, want)
		}
	}
	ve := &ValidationError{}
	ve.Add("a", "is required")
	ve.Add("b", Between(0, 100))
	ve.Add("a", Positive()) // the first problem per field wins
	if ve.Details["a"].Code != CodeRequired || ve.Details["b"].Code != CodeBetween || ve.Fields["a"] != "is required" {
		t.Fatalf("%+v", ve)
	}
}
