package partnership

import (
	"testing"

	"huoban/models"
)

func TestGoalPace(t *testing.T) {
	d := func(s string) models.Date { return models.Date(s) }
	on := func(s string) *models.Date { v := models.Date(s); return &v }
	tests := []struct {
		name              string
		current, target   int64
		start, end, today models.Date
		needed            int64
		projected         *models.Date
	}{
		// Nov 1–30, on Nov 10: 10 days elapsed, 21 days (3 weeks) left.
		{"on pace", 100, 300, d("2026-11-01"), d("2026-11-30"), d("2026-11-10"), 67, on("2026-11-30")},
		{"behind: projected after the end", 50, 300, d("2026-11-01"), d("2026-11-30"), d("2026-11-10"), 84, on("2026-12-30")},
		{"nothing yet: no projection", 0, 300, d("2026-11-01"), d("2026-11-30"), d("2026-11-10"), 100, nil},
		{"reached", 300, 300, d("2026-11-01"), d("2026-11-30"), d("2026-11-10"), 0, nil},
		{"period over", 10, 300, d("2026-11-01"), d("2026-11-30"), d("2026-12-01"), 0, nil},
		{"last day: one part week", 290, 300, d("2026-11-01"), d("2026-11-30"), d("2026-11-30"), 10, on("2026-12-02")},
		{"before the period: weeks of the whole period", 0, 70, d("2026-12-01"), d("2026-12-14"), d("2026-11-20"), 35, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := GoalPace(tt.current, tt.target, tt.start, tt.end, tt.today)
			if p.NeededPerWeek != tt.needed {
				t.Errorf("needed %d, want %d", p.NeededPerWeek, tt.needed)
			}
			if (p.ProjectedOn == nil) != (tt.projected == nil) || (p.ProjectedOn != nil && *p.ProjectedOn != *tt.projected) {
				t.Errorf("projected %v, want %v", p.ProjectedOn, tt.projected)
			}
		})
	}
}
