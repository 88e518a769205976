import { describe, expect, it } from 'vitest'
import { addDays, kindsFor, thisWeek, tierGap } from './plans'
import type { PartnershipDetail2 } from '../api/plans'

const c = (id: number, side: 'brand' | 'buyer', due: string, overdue = false, status: 'open' | 'kept' = 'open') => ({
  id, plan_id: 1, side, kind: 'livestreams', description: `c${id}`, due_on: due, status, overdue, settled_on: null, settled_by: null, note: '',
  plan_title: 'P', plan_status: 'agreed' as const,
})

function detail(): PartnershipDetail2 {
  return {
    brand: { id: 1, name: 'B' }, stage: 'trial', milestones: [], collaborations: [], capabilities: [],
    goals: [{ id: 9, buyer_id: 1, title: 'GMV', metric: 'gmv_cents', target: 300000, period_start: '2026-11-01', period_end: '2026-11-30',
      progress: { current: 100000, target: 300000, pct: 33.33 }, status: 'active', shared_note: '', acknowledged_at: null, created_by: 1,
      created_at: '', updated_at: '', pace: { needed_per_week: 100000, projected_on: '2027-01-08' } }],
    tier: null, next_tier: null, earnings: { commission_cents_90d: 0, commission_cents_total: 0 },
    plans: [{ id: 3, buyer_id: 1, title: '冬季计划', period_start: '2026-11-01', period_end: '2026-12-31', status: 'proposed', commitments: [],
      goal_ids: [], brand_agreed_at: null, buyer_agreed_at: null, created_by: 1, created_at: '', updated_at: '' }],
    promises: { brand: { kept: 0, missed: 0, waived: 0, open: 1, overdue: 0 }, buyer: { kept: 0, missed: 0, waived: 0, open: 3, overdue: 1 },
      items: [c(1, 'buyer', '2026-12-20'), c(2, 'buyer', '2026-11-25'), c(3, 'buyer', '2026-11-20', true), c(4, 'brand', '2026-11-24'), c(5, 'buyer', '2026-11-24', false, 'kept')] },
  } as unknown as PartnershipDetail2
}

describe('thisWeek', () => {
  it('lists plans to agree, my promises due this week (overdue first) and goal pace', () => {
    const items = thisWeek(detail(), '2026-11-23', 'zh-CN')
    expect(items.map((i) => i.kind)).toEqual(['agree', 'promise', 'promise', 'goal'])
    expect(items[1]).toMatchObject({ kind: 'promise', overdue: true, commitment: { id: 3 } })
    expect(items[2]).toMatchObject({ commitment: { id: 2 } })
    expect(items[3]).toMatchObject({ kind: 'goal', amount: '¥1,000' })
  })
})

describe('tierGap', () => {
  it('says what is missing, in 万 for zh-CN', () => {
    const lines = tierGap({ name: '金牌', rank: 3, benefits: [], missing: { gmv_cents_90d: 3300000, completed_90d: 1, promises_kept_pct: 0 } }, 'zh-CN')
    expect(lines).toEqual([{ key: 'nextGap', params: { gap: '¥3.3万', name: '金牌' } }, { key: 'nextMore', params: { n: 1 } }])
    expect(tierGap(null, 'zh-CN')).toEqual([])
  })
})

describe('helpers', () => {
  it('offers only the kinds of a side and adds days', () => {
    expect(kindsFor('buyer')).not.toContain('exclusive_price')
    expect(addDays('2026-11-28', 6)).toBe('2026-12-04')
  })
})
