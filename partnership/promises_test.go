package partnership

import (
	"testing"

	"huoban/models"
)

func factorNamed(h Health, name string) Factor {
	for _, f := range h.Factors {
		if f.Name == name {
			return f
		}
	}
	return Factor{}
}

// TestPromisesKeptMeaning pins what the promises_kept factor means.
func TestPromisesKeptMeaning(t *testing.T) {
	tests := []struct {
		name  string
		tally PromiseTally
		want  float64
	}{
		{"nothing settled on either side is neutral", PromiseTally{}, 0.5},
		{"both sides kept everything", PromiseTally{Brand: SideTally{Kept: 3}, Buyer: SideTally{Kept: 5}}, 1},
		{"both sides missed everything", PromiseTally{Brand: SideTally{Missed: 2}, Buyer: SideTally{Missed: 1}}, 0},
		{"each side counts equally, however many promises it made",
			PromiseTally{Brand: SideTally{Missed: 1}, Buyer: SideTally{Kept: 9}}, 0.5},
		{"a side with nothing settled is left out", PromiseTally{Buyer: SideTally{Kept: 3, Missed: 1}}, 0.75},
		{"only the brand settled", PromiseTally{Brand: SideTally{Kept: 1, Missed: 1}}, 0.5},
		{"shares are averaged", PromiseTally{Brand: SideTally{Kept: 4}, Buyer: SideTally{Kept: 1, Missed: 1}}, 0.75},
		{"rounded to two decimals", PromiseTally{Buyer: SideTally{Kept: 2, Missed: 1}}, 0.67},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := factorNamed(ComputeHealth(HealthInput{Today: today, Promises: tt.tally}), "promises_kept")
			if f.Value != tt.want || f.Weight != weightPromises || f.Note == "" {
				t.Fatalf("factor %+v, want value %v", f, tt.want)
			}
		})
	}
}

func TestPromisesMoveTheScore(t *testing.T) {
	base := HealthInput{Today: today, Collabs: run(4, 10, 3, 1_000_000)}
	kept, broken, none := base, base, base
	kept.Promises = PromiseTally{Brand: SideTally{Kept: 2}, Buyer: SideTally{Kept: 2}}
	broken.Promises = PromiseTally{Brand: SideTally{Missed: 2}, Buyer: SideTally{Missed: 2}}
	k, b, n := ComputeHealth(kept).Score, ComputeHealth(broken).Score, ComputeHealth(none).Score
	if !(k > n && n > b) || k-b != weightPromises {
		t.Fatalf("kept %d, none %d, broken %d: promises must move the score by their weight", k, n, b)
	}
}

func TestWeightsSumTo100(t *testing.T) {
	sum := 0
	for _, f := range ComputeHealth(HealthInput{Today: today}).Factors {
		sum += f.Weight
	}
	if sum != 100 {
		t.Fatalf("weights sum to %d", sum)
	}
}

func TestKeptPct(t *testing.T) {
	for _, c := range []struct {
		tally SideTally
		want  *models.Pct
	}{
		{SideTally{}, nil},
		{SideTally{Kept: 1}, pct(10000)},
		{SideTally{Kept: 2, Missed: 1}, pct(6667)},
		{SideTally{Kept: 1, Missed: 2}, pct(3333)},
		{SideTally{Missed: 4}, pct(0)},
	} {
		got := c.tally.KeptPct()
		if (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
			t.Errorf("%+v: %v, want %v", c.tally, got, c.want)
		}
	}
}

func pct(v int64) *models.Pct { p := models.Pct(v); return &p }
