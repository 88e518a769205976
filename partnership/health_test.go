package partnership

import (
	"fmt"
	"testing"

	"huoban/models"
)

const today = models.Date("2026-11-23")

// run returns n completed collaborations, one every `every` days ending `lastAgo` days before today.
func run(n, every, lastAgo int, gmv int64) []HealthCollab {
	out := make([]HealthCollab, 0, n)
	for i := 0; i < n; i++ {
		ago := lastAgo + (n-1-i)*every
		out = append(out, HealthCollab{ID: int64(i + 1), StartOn: today.AddDays(-ago), GMVCents: gmv})
	}
	return out
}

func TestHealthMeaning(t *testing.T) {
	strongRun := run(9, 10, 12, 5_000_000) // ¥50,000 every 10 days
	weakAfterStrong := append(append([]HealthCollab{}, strongRun...),
		HealthCollab{ID: 100, StartOn: today.AddDays(-2), GMVCents: 200_000}) // ¥2,000
	tests := []struct {
		name     string
		in       HealthInput
		minScore int
		maxScore int
	}{
		{"one weak collaboration after a strong run keeps a partner at least steady",
			HealthInput{Today: today, Collabs: weakAfterStrong}, 50, 100},
		{"three months of silence after a strong run is at risk or lower",
			HealthInput{Today: today, Collabs: run(10, 10, 90, 5_000_000),
				Goals:        []HealthGoal{{Status: models.GoalAchieved}},
				Capabilities: []HealthCapability{{today.AddDays(-300), 10}, {today.AddDays(-100), 30}}}, 0, 49},
		{"four months of silence is at risk or lower",
			HealthInput{Today: today, Collabs: run(3, 30, 120, 10_000_000)}, 0, 49},
		{"a new buyer with one good collaboration is not dormant",
			HealthInput{Today: today, Collabs: run(1, 0, 5, 3_000_000)}, 25, 100},
		{"a steady run is thriving",
			HealthInput{Today: today, Collabs: run(8, 10, 3, 2_000_000)}, 75, 100},
		{"no records at all is new, scored low",
			HealthInput{Today: today}, 0, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := ComputeHealth(tt.in)
			if h.Score < tt.minScore || h.Score > tt.maxScore {
				t.Fatalf("score %d (%s) not in [%d, %d]; factors %+v", h.Score, h.Label, tt.minScore, tt.maxScore, h.Factors)
			}
			want := LabelFor(h.Score)
			if len(tt.in.Collabs) == 0 {
				want = LabelNew
			}
			if h.Label != want {
				t.Fatalf("label %s for score %d, want %s", h.Label, h.Score, want)
			}
			for _, f := range h.Factors {
				if f.Note == "" || f.NoteCode == "" || f.NoteParams == nil || f.Value < 0 || f.Value > 1 {
					t.Fatalf("factor %+v must have a note, a note code and a value in [0,1]", f)
				}
			}
		})
	}
}

// TestHealthNoteCodes: every note comes with a code and the params its
// words are made of, so a client can say it in its own language.
func TestHealthNoteCodes(t *testing.T) {
	h := ComputeHealth(HealthInput{Today: today, Collabs: run(4, 10, 20, 1_000_000),
		Goals:        []HealthGoal{{Status: models.GoalAchieved}, {Status: models.GoalMissed}, {Status: models.GoalActive, Current: 1, Target: 2}},
		Capabilities: []HealthCapability{{today.AddDays(-200), 10}, {today.AddDays(-10), 20}}})
	want := map[string]struct {
		code   string
		params models.Params
	}{
		"recency":           {"days_since_last", models.Params{"days": 20}},
		"frequency":         {"completed_in_90d", models.Params{"count": 4}},
		"gmv_trend":         {"recent_vs_window", models.Params{"recent": 3, "pct": 100.0, "window": 4}},
		"goal_attainment":   {"goal_counts", models.Params{"achieved": 1, "missed": 1, "active": 1}},
		"capability_growth": {"capacity_grew", models.Params{}},
		"promises_kept":     {"no_promises_settled", models.Params{}},
	}
	for _, f := range h.Factors {
		w := want[f.Name]
		if f.NoteCode != w.code || fmt.Sprint(f.NoteParams) != fmt.Sprint(w.params) {
			t.Errorf("%s: %s %v, want %s %v", f.Name, f.NoteCode, f.NoteParams, w.code, w.params)
		}
	}
	if h.Label == LabelNew {
		t.Fatal("a buyer with results is not new")
	}
	if n := ComputeHealth(HealthInput{Today: today}); n.Label != LabelNew || n.Factors[0].NoteCode != "no_completed_yet" {
		t.Fatalf("no collaborations: %+v", n)
	}
}

func TestHealthTrendShowsLastTen(t *testing.T) {
	h := ComputeHealth(HealthInput{Today: today, Collabs: run(14, 5, 1, 100)})
	if len(h.Trend) != 10 || h.Trend[9].CollaborationID != 14 || h.Trend[0].CollaborationID != 5 {
		t.Fatalf("trend %+v", h.Trend)
	}
}

func TestHealthIgnoresFutureCollaborations(t *testing.T) {
	in := HealthInput{Today: today, Collabs: []HealthCollab{{ID: 1, StartOn: today.AddDays(30), GMVCents: 1}}}
	if h := ComputeHealth(in); h.Score >= 25 {
		t.Fatalf("a collaboration dated in the future must not count: %+v", h)
	}
}

func TestLabelBoundaries(t *testing.T) {
	for score, want := range map[int]string{100: "thriving", 75: "thriving", 74: "steady", 50: "steady", 49: "at_risk", 25: "at_risk", 24: "dormant", 0: "dormant"} {
		if got := LabelFor(score); got != want {
			t.Errorf("LabelFor(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestDetectMilestones(t *testing.T) {
	cs := []CompletedCollab{
		{ID: 5, Type: "note", StartOn: today.AddDays(-1), GMVCents: 60_000_000},
		{ID: 1, Type: "note", StartOn: today.AddDays(-50), GMVCents: 500_000},
		{ID: 2, Type: "livestream", StartOn: today.AddDays(-40), GMVCents: 1_500_000},
		{ID: 3, Type: "livestream", StartOn: today.AddDays(-30), GMVCents: 12_000_000},
		{ID: 4, Type: "seeding", StartOn: today.AddDays(-20), GMVCents: 30_000_000},
	}
	want := map[string]int64{FirstCollaboration: 1, FirstLivestream: 2, GMV10kSession: 2, GMV100kSession: 3,
		GMV1mTotal: 5, FiveCollaborations: 5}
	got := DetectMilestones(cs)
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for _, r := range got {
		if want[r.Code] != r.CollaborationID {
			t.Errorf("%s reached by %d, want %d", r.Code, r.CollaborationID, want[r.Code])
		}
	}
	if got := DetectMilestones([]CompletedCollab{{ID: 1, Type: "note", GMVCents: 999_999}}); len(got) != 1 || got[0].Code != FirstCollaboration {
		t.Fatalf("below thresholds: %+v", got)
	}
	known := map[string]bool{}
	for _, c := range CollaborationCodes() {
		known[c] = true
	}
	for _, r := range got {
		if !known[r.Code] {
			t.Fatalf("%s is missing from CollaborationCodes", r.Code)
		}
	}
	if len(known) != len(want) {
		t.Fatalf("CollaborationCodes %v, detected %v", CollaborationCodes(), want)
	}
	if got := DetectMilestones(nil); len(got) != 0 {
		t.Fatalf("nothing completed: %+v", got)
	}
}

func TestGoalRules(t *testing.T) {
	if ProgressPct(1, 3) != 33.33 || ProgressPct(5, 3) != 100 || ProgressPct(0, 3) != 0 {
		t.Fatal("ProgressPct")
	}
	if StoredStatus(models.GoalCancelled, 10, 1) != models.GoalCancelled || StoredStatus(models.GoalActive, 3, 3) != models.GoalAchieved ||
		StoredStatus(models.GoalAchieved, 2, 3) != models.GoalActive {
		t.Fatal("StoredStatus")
	}
	g := models.Goal{Status: models.GoalActive, PeriodEnd: "2026-11-30"}
	if g.EffectiveStatus("2026-11-30") != models.GoalActive || g.EffectiveStatus("2026-12-01") != models.GoalMissed {
		t.Fatal("the last day of the period is still active; the day after it is missed")
	}
}
