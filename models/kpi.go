package models

import "math/big"

// Metrics are a collaboration's recorded results: counts and cents, all >= 0.
type Metrics struct {
	Views        int64 `json:"views"`
	Viewers      int64 `json:"viewers"`
	Clicks       int64 `json:"clicks"`
	Orders       int64 `json:"orders"`
	Units        int64 `json:"units"`
	GMVCents     int64 `json:"gmv_cents" gorm:"column:gmv_cents"`
	RefundCents  int64 `json:"refund_cents"`
	Interactions int64 `json:"interactions"`
}

// KPIs are the figures computed from a collaboration; a nil pointer is a
// division by zero (shown as null).
type KPIs struct {
	NetGMVCents     int64  `json:"net_gmv_cents"`
	AOVCents        *int64 `json:"aov_cents"`
	ConversionPct   *Pct   `json:"conversion_pct"`
	GPMCents        *int64 `json:"gpm_cents"`
	CommissionCents int64  `json:"commission_cents"`
	TotalCostCents  int64  `json:"total_cost_cents"`
	ROI             *Ratio `json:"roi"`
}

// KPIInput is what ComputeKPIs needs from a collaboration.
type KPIInput struct {
	Type            CollabType
	Metrics         Metrics
	SlotFeeCents    int64
	SampleCostCents int64
	CommissionPct   Pct
}

// ComputeKPIs returns the contract's KPIs for one collaboration. It is the one
// place the formulas live. All arithmetic is exact integer arithmetic; cents,
// percentages and ratios round half away from zero, and a zero divisor gives nil.
func ComputeKPIs(in KPIInput) KPIs {
	m := in.Metrics
	k := KPIs{NetGMVCents: m.GMVCents - m.RefundCents}
	k.AOVCents = divRound(m.GMVCents, 1, m.Orders)
	denom := m.Views
	if in.Type == CollabLivestream {
		denom = m.Viewers
	}
	// orders / denom × 100, in hundredths of a percent.
	if v := divRound(m.Orders, 100*100, denom); v != nil {
		p := Pct(*v)
		k.ConversionPct = &p
	}
	k.GPMCents = divRound(m.GMVCents, 1000, m.Views)
	// net × pct / 100 where pct is in hundredths: net × bp / 10000.
	if c := divRound(k.NetGMVCents, int64(in.CommissionPct), 100*100); c != nil {
		k.CommissionCents = *c
	}
	k.TotalCostCents = in.SlotFeeCents + in.SampleCostCents + k.CommissionCents
	if r := divRound(k.NetGMVCents, RatioScale, k.TotalCostCents); r != nil {
		v := Ratio(*r)
		k.ROI = &v
	}
	return k
}

// divRound returns a × b / d rounded half away from zero, or nil when d is 0.
// The product is formed exactly, so it cannot overflow; a result beyond int64
// saturates.
func divRound(a, b, d int64) *int64 {
	if d == 0 {
		return nil
	}
	num := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	den := big.NewInt(d)
	neg := (num.Sign() < 0) != (den.Sign() < 0)
	num.Abs(num)
	den.Abs(den)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	var v int64
	switch {
	case q.IsInt64():
		v = q.Int64()
	case q.Sign() > 0:
		v = 1<<63 - 1
	default:
		v = -1 << 63
	}
	return &v
}
