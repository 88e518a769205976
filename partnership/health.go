package partnership

import (
	"fmt"
	"math"
	"sort"

	"huoban/models"
)

// Health labels by score.
const (
	LabelThriving = "thriving" // ≥ 75
	LabelSteady   = "steady"   // ≥ 50
	LabelAtRisk   = "at_risk"  // ≥ 25
	LabelDormant  = "dormant"
	// LabelNew is a buyer with no completed collaboration yet: nothing to
	// read a partnership's health from, which is not the same as gone quiet.
	LabelNew = "new"
)

// Factor weights; they sum to 100. Recency and frequency dominate so that
// silence is noticed; the GMV trend reads the last results against the run.
// Promises kept by both sides weigh as much as capability growth: a
// partnership is two sides keeping their word, but results still lead.
const (
	weightRecency    = 32
	weightFrequency  = 22
	weightTrend      = 18
	weightGoals      = 12
	weightCapability = 8
	weightPromises   = 8
)

// Recency: full marks up to freshDays since the last collaboration, none at silentDays.
const (
	freshDays  = 14
	silentDays = 90
	trendSize  = 10
)

// HealthCollab is one completed collaboration as health reads it.
type HealthCollab struct {
	ID       int64
	StartOn  models.Date
	GMVCents int64
}

// HealthGoal is one goal as health reads it.
type HealthGoal struct {
	Status  models.GoalStatus // effective status
	Current int64
	Target  int64
}

// HealthCapability is one capability snapshot reduced to a capacity index.
type HealthCapability struct {
	RecordedOn models.Date
	Capacity   float64 // e.g. SKUs per month + livestream sessions per month
}

// HealthInput is everything the score depends on.
type HealthInput struct {
	Today        models.Date
	Collabs      []HealthCollab // completed collaborations, any order
	Goals        []HealthGoal
	Capabilities []HealthCapability
	// Promises counts the commitments settled in the last 12 months, by side.
	Promises PromiseTally
}

// Factor is one part of the score with its reason: in English words (Note)
// and as a code with params a client renders in its own language.
type Factor struct {
	Name       string        `json:"name"`
	Value      float64       `json:"value"` // 0–1
	Weight     int           `json:"weight"`
	Note       string        `json:"note"`
	NoteCode   string        `json:"note_code"`
	NoteParams models.Params `json:"note_params"`
}

// note sets a factor's reason: its code, params and English words.
func (f *Factor) note(code string, params models.Params, format string, args ...any) {
	if params == nil {
		params = models.Params{}
	}
	f.NoteCode, f.NoteParams, f.Note = code, params, fmt.Sprintf(format, args...)
}

// TrendPoint is one recent collaboration in the GMV trend.
type TrendPoint struct {
	CollaborationID int64       `json:"collaboration_id"`
	StartOn         models.Date `json:"start_on"`
	GMVCents        int64       `json:"gmv_cents"`
}

// Health is a buyer's partnership health.
type Health struct {
	Score   int          `json:"score"`
	Label   string       `json:"label" openapi:"enum=thriving|steady|at_risk|dormant|new"`
	Factors []Factor     `json:"factors"`
	Trend   []TrendPoint `json:"trend"`
}

// LabelFor returns the label of a score.
func LabelFor(score int) string {
	switch {
	case score >= 75:
		return LabelThriving
	case score >= 50:
		return LabelSteady
	case score >= 25:
		return LabelAtRisk
	}
	return LabelDormant
}

// ComputeHealth scores a partnership from its records as of in.Today. It is
// a pure function: the same records and day give the same answer.
func ComputeHealth(in HealthInput) Health {
	collabs := append([]HealthCollab(nil), in.Collabs...)
	sort.Slice(collabs, func(i, j int) bool {
		if collabs[i].StartOn != collabs[j].StartOn {
			return collabs[i].StartOn < collabs[j].StartOn
		}
		return collabs[i].ID < collabs[j].ID
	})
	// Collaborations dated after today (planned dates) do not count yet.
	past := collabs[:0:0]
	for _, c := range collabs {
		if c.StartOn <= in.Today {
			past = append(past, c)
		}
	}
	factors := []Factor{
		recency(past, in.Today),
		frequency(past, in.Today),
		trend(past),
		goals(in.Goals),
		capability(in.Capabilities, in.Today),
		promisesKept(in.Promises),
	}
	total := 0.0
	for _, f := range factors {
		total += f.Value * float64(f.Weight)
	}
	score := int(math.Round(total))
	h := Health{Score: score, Label: LabelFor(score), Factors: factors, Trend: []TrendPoint{}}
	if len(past) == 0 {
		h.Label = LabelNew
	}
	start := len(past) - trendSize
	if start < 0 {
		start = 0
	}
	for _, c := range past[start:] {
		h.Trend = append(h.Trend, TrendPoint{CollaborationID: c.ID, StartOn: c.StartOn, GMVCents: c.GMVCents})
	}
	return h
}

func daysBetween(from, to models.Date) int {
	return int(to.Time().Sub(from.Time()).Hours() / 24)
}

func recency(c []HealthCollab, today models.Date) Factor {
	f := Factor{Name: "recency", Weight: weightRecency}
	if len(c) == 0 {
		f.note("no_completed_yet", nil, "no completed collaboration yet")
		return f
	}
	days := daysBetween(c[len(c)-1].StartOn, today)
	switch {
	case days <= freshDays:
		f.Value = 1
	case days >= silentDays:
		f.Value = 0
	default:
		f.Value = 1 - float64(days-freshDays)/float64(silentDays-freshDays)
	}
	f.Value = round2(f.Value)
	f.note("days_since_last", models.Params{"days": days}, "last completed collaboration %d days ago", days)
	return f
}

func frequency(c []HealthCollab, today models.Date) Factor {
	f := Factor{Name: "frequency", Weight: weightFrequency}
	n := 0
	for _, x := range c {
		if d := daysBetween(x.StartOn, today); d >= 0 && d < 90 {
			n++
		}
	}
	switch {
	case n == 0:
		f.Value = 0
	case n == 1:
		f.Value = 0.5
	case n == 2:
		f.Value = 0.75
	default:
		f.Value = 1
	}
	f.note("completed_in_90d", models.Params{"count": n}, "%d completed collaborations in the last 90 days", n)
	return f
}

// trend compares the last up-to-3 results with the last up-to-10, so one weak
// result after a strong run moves the factor only a little.
func trend(c []HealthCollab) Factor {
	f := Factor{Name: "gmv_trend", Weight: weightTrend}
	switch len(c) {
	case 0:
		f.note("no_results_yet", nil, "no results yet")
		return f
	case 1:
		f.Value = 0.6
		f.note("one_result", nil, "one result so far; the trend needs more")
		return f
	}
	window := c
	if len(window) > trendSize {
		window = window[len(window)-trendSize:]
	}
	recentN := 3
	if len(window)-1 < recentN {
		recentN = len(window) - 1
	}
	recent := window[len(window)-recentN:]
	all := mean(window)
	if all == 0 {
		f.Value = 0.3
		f.note("no_recent_gmv", nil, "no GMV in the recent collaborations")
		return f
	}
	ratio := mean(recent) / all
	f.Value = round2(math.Min(1, math.Max(0, 0.6*ratio)))
	pct := math.Round(ratio * 100)
	f.note("recent_vs_window", models.Params{"recent": recentN, "pct": pct, "window": len(window)},
		"the last %d results average %.0f%% of the last %d", recentN, pct, len(window))
	return f
}

func mean(c []HealthCollab) float64 {
	var sum float64
	for _, x := range c {
		sum += float64(x.GMVCents)
	}
	return sum / float64(len(c))
}

func goals(g []HealthGoal) Factor {
	f := Factor{Name: "goal_attainment", Weight: weightGoals}
	var achieved, missed, active int
	var activePct float64
	for _, x := range g {
		switch x.Status {
		case models.GoalAchieved:
			achieved++
		case models.GoalMissed:
			missed++
		case models.GoalActive:
			active++
			activePct += ProgressPct(x.Current, x.Target) / 100
		}
	}
	if achieved+missed+active == 0 {
		f.Value = 0.5
		f.note("no_goals_yet", nil, "no shared goals yet")
		return f
	}
	// Achieved goals count fully, active ones by their progress, missed ones not at all.
	f.Value = round2((float64(achieved) + activePct) / float64(achieved+missed+active))
	f.note("goal_counts", models.Params{"achieved": achieved, "missed": missed, "active": active},
		"%d achieved, %d missed, %d in progress", achieved, missed, active)
	return f
}

func capability(snaps []HealthCapability, today models.Date) Factor {
	f := Factor{Name: "capability_growth", Weight: weightCapability}
	var recent []HealthCapability
	for _, s := range snaps {
		if d := daysBetween(s.RecordedOn, today); d >= 0 && d <= 365 {
			recent = append(recent, s)
		}
	}
	sort.Slice(recent, func(i, j int) bool { return recent[i].RecordedOn < recent[j].RecordedOn })
	if len(recent) < 2 {
		f.Value = 0.5
		f.note("few_snapshots", nil, "fewer than two capability snapshots in the last year")
		return f
	}
	first, last := recent[0].Capacity, recent[len(recent)-1].Capacity
	switch {
	case last > first*1.05:
		f.Value = 1
		f.note("capacity_grew", nil, "selection and livestream capacity grew over the last year")
	case last >= first*0.95:
		f.Value = 0.6
		f.note("capacity_steady", nil, "capacity held steady over the last year")
	default:
		f.Value = 0.2
		f.note("capacity_shrank", nil, "capacity shrank over the last year")
	}
	return f
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
