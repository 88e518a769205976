package models

import (
	"encoding/json"
	"testing"
)

func i64(v int64) *int64 { return &v }
func pct(v Pct) *Pct     { return &v }
func ratio(v Ratio) *Ratio {
	return &v
}

func TestComputeKPIs(t *testing.T) {
	tests := []struct {
		name string
		in   KPIInput
		want KPIs
	}{
		{"all zero: every division is null", KPIInput{Type: CollabNote},
			KPIs{}},
		{"livestream uses viewers", KPIInput{Type: CollabLivestream,
			Metrics:      Metrics{Views: 1000, Viewers: 400, Orders: 10, GMVCents: 100000, RefundCents: 10000},
			SlotFeeCents: 20000, CommissionPct: 2000},
			KPIs{NetGMVCents: 90000, AOVCents: i64(10000), ConversionPct: pct(250), GPMCents: i64(100000),
				CommissionCents: 18000, TotalCostCents: 38000, ROI: ratio(23684)}},
		{"note uses views", KPIInput{Type: CollabNote,
			Metrics: Metrics{Views: 1000, Viewers: 400, Orders: 10, GMVCents: 100000}},
			KPIs{NetGMVCents: 100000, AOVCents: i64(10000), ConversionPct: pct(100), GPMCents: i64(100000)}},
		{"livestream with views but no viewers", KPIInput{Type: CollabLivestream,
			Metrics: Metrics{Views: 1000, Orders: 10, GMVCents: 100}},
			KPIs{NetGMVCents: 100, AOVCents: i64(10), GPMCents: i64(100)}},
		{"aov rounds half up", KPIInput{Type: CollabNote, Metrics: Metrics{Orders: 2, GMVCents: 3}},
			KPIs{NetGMVCents: 3, AOVCents: i64(2)}},
		{"aov rounds down below half", KPIInput{Type: CollabNote, Metrics: Metrics{Orders: 3, GMVCents: 4}},
			KPIs{NetGMVCents: 4, AOVCents: i64(1)}},
		{"commission half cent rounds away from zero", KPIInput{Type: CollabSeeding,
			Metrics: Metrics{GMVCents: 5}, CommissionPct: 1000},
			KPIs{NetGMVCents: 5, CommissionCents: 1, TotalCostCents: 1, ROI: ratio(50000)}},
		{"commission 0.49 cents rounds to 0", KPIInput{Type: CollabSeeding,
			Metrics: Metrics{GMVCents: 49}, CommissionPct: 100},
			KPIs{NetGMVCents: 49, CommissionCents: 0, TotalCostCents: 0}},
		{"gpm rounds", KPIInput{Type: CollabNote, Metrics: Metrics{Views: 3, GMVCents: 1}},
			KPIs{NetGMVCents: 1, GPMCents: i64(333), ConversionPct: pct(0)}},
		{"conversion rounds half up", KPIInput{Type: CollabNote, Metrics: Metrics{Views: 20000, Orders: 1}},
			KPIs{AOVCents: i64(0), ConversionPct: pct(1), GPMCents: i64(0)}},
		{"conversion below half rounds down", KPIInput{Type: CollabNote, Metrics: Metrics{Views: 20001, Orders: 1}},
			KPIs{AOVCents: i64(0), ConversionPct: pct(0), GPMCents: i64(0)}},
		{"conversion 1/3", KPIInput{Type: CollabNote, Metrics: Metrics{Views: 3, Orders: 1}},
			KPIs{AOVCents: i64(0), ConversionPct: pct(3333), GPMCents: i64(0)}},
		{"conversion 1/8 = 12.5%", KPIInput{Type: CollabNote, Metrics: Metrics{Views: 8, Orders: 1}},
			KPIs{AOVCents: i64(0), ConversionPct: pct(1250), GPMCents: i64(0)}},
		{"roi with costs only", KPIInput{Type: CollabSeeding, SlotFeeCents: 100, SampleCostCents: 200},
			KPIs{TotalCostCents: 300, ROI: ratio(0)}},
		{"roi 2/3", KPIInput{Type: CollabSeeding, Metrics: Metrics{GMVCents: 200}, SlotFeeCents: 300},
			KPIs{NetGMVCents: 200, TotalCostCents: 300, ROI: ratio(6667)}},
		{"full refund", KPIInput{Type: CollabNote, Metrics: Metrics{GMVCents: 500, RefundCents: 500}, CommissionPct: 5000},
			KPIs{NetGMVCents: 0}},
		{"huge values do not overflow", KPIInput{Type: CollabNote,
			Metrics: Metrics{Views: 1, GMVCents: 1 << 60}, CommissionPct: 10000},
			KPIs{NetGMVCents: 1 << 60, GPMCents: i64(1<<63 - 1), CommissionCents: 1 << 60, TotalCostCents: 1 << 60,
				ROI: ratio(10000), ConversionPct: pct(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := json.Marshal(ComputeKPIs(tt.in))
			want, _ := json.Marshal(tt.want)
			if string(got) != string(want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestDivRoundNegative(t *testing.T) {
	for _, c := range []struct{ a, b, d, want int64 }{
		{-3, 1, 2, -2}, {3, 1, -2, -2}, {-1, 1, 3, 0}, {-5, 1, 10, -1}, {5, 1, 10, 1}, {4, 1, 10, 0},
	} {
		if got := *divRound(c.a, c.b, c.d); got != c.want {
			t.Errorf("divRound(%d,%d,%d) = %d, want %d", c.a, c.b, c.d, got, c.want)
		}
	}
}

func TestRatioJSON(t *testing.T) {
	for v, want := range map[Ratio]string{0: "0", 15000: "1.5", 23684: "2.3684", -5: "-0.0005", 10000: "1"} {
		b, _ := json.Marshal(v)
		if string(b) != want {
			t.Errorf("%d: %s want %s", v, b, want)
		}
	}
}
