import { describe, expect, it } from 'vitest'
import { computeKpis, type KpiInput } from './kpi'

const base: KpiInput = {
  type: 'livestream',
  metrics: { views: 20_000, viewers: 5_000, orders: 100, gmv_cents: 1_234_567, refund_cents: 34_567 },
  commission_pct: 20,
  slot_fee_cents: 100_000,
  sample_cost_cents: 0,
}

describe('computeKpis', () => {
  it('follows the API formulas for a livestream', () => {
    const k = computeKpis(base)
    expect(k.net_gmv_cents).toBe(1_200_000)
    expect(k.aov_cents).toBe(12_346) // 12345.67 rounds half away from zero
    expect(k.conversion_pct).toBe(2) // orders / viewers
    expect(k.gpm_cents).toBe(61_728) // 1234567 × 1000 / 20000 = 61728.35
    expect(k.commission_cents).toBe(240_000)
    expect(k.total_cost_cents).toBe(340_000)
    expect(k.roi).toBe(3.53) // 1200000 / 340000
  })

  it('uses views for the conversion of other types', () => {
    expect(computeKpis({ ...base, type: 'note' }).conversion_pct).toBe(0.5)
  })

  it('gives null instead of dividing by zero', () => {
    const k = computeKpis({
      type: 'seeding',
      metrics: { views: 0, viewers: 0, orders: 0, gmv_cents: 0, refund_cents: 0 },
      commission_pct: 0,
      slot_fee_cents: 0,
      sample_cost_cents: 0,
    })
    expect(k).toEqual({
      net_gmv_cents: 0, aov_cents: null, conversion_pct: null, gpm_cents: null,
      commission_cents: 0, total_cost_cents: 0, roi: null,
    })
  })

  it('rounds commission cents half away from zero', () => {
    const k = computeKpis({ ...base, metrics: { ...base.metrics, gmv_cents: 5, refund_cents: 0 }, commission_pct: 50 })
    expect(k.commission_cents).toBe(3) // 2.5 → 3
  })
})
