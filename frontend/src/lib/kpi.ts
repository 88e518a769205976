// Collaboration KPIs, the same formulas as the server (API.md, Collaborations): a division by zero gives null.
import type { CollabType, Kpis, Metrics } from '../api/types'
import { roundHalfAway } from './money'

export interface KpiInput {
  type: CollabType
  metrics: Pick<Metrics, 'views' | 'viewers' | 'orders' | 'gmv_cents' | 'refund_cents'>
  commission_pct: number
  slot_fee_cents: number
  sample_cost_cents: number
}

const round2 = (x: number) => roundHalfAway(x * 100) / 100

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b
}

export function computeKpis(c: KpiInput): Kpis {
  const { gmv_cents: gmv, refund_cents: refund, orders, views, viewers } = c.metrics
  const net = gmv - refund
  const aov = ratio(gmv, orders)
  const conv = ratio(orders, c.type === 'livestream' ? viewers : views)
  const gpm = ratio(gmv * 1000, views)
  const commission = roundHalfAway((net * c.commission_pct) / 100)
  const totalCost = c.slot_fee_cents + c.sample_cost_cents + commission
  const roi = ratio(net, totalCost)
  return {
    net_gmv_cents: net,
    aov_cents: aov === null ? null : roundHalfAway(aov),
    conversion_pct: conv === null ? null : round2(conv * 100),
    gpm_cents: gpm === null ? null : roundHalfAway(gpm),
    commission_cents: commission,
    total_cost_cents: totalCost,
    roi: roi === null ? null : round2(roi),
  }
}
