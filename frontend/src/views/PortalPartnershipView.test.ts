import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import PortalPartnershipView from './PortalPartnershipView.vue'
import type { Goal, PartnershipDetail } from '../api/types'

const goal: Goal = {
  id: 3, buyer_id: 7, title: '每月 4 场直播', metric: 'livestreams', target: 12, period_start: '2026-10-01', period_end: '2026-12-31',
  progress: { current: 5, target: 12, pct: 41.67 }, status: 'active', shared_note: '', acknowledged_at: null,
  created_by: 1, created_at: '', updated_at: '',
}
// the first round's parts; the server's later parts are added below or left out, as an older reply would
const base = {
  brand: { id: 1, name: '山茶花生活馆' }, buyer_id: 7, since: '2026-09-01T00:00:00Z', stage: 'partner', goals: [goal], capabilities: [],
  milestones: [{ id: 1, buyer_id: 7, code: 'first_collaboration', title: '首次合作', achieved_on: '2026-09-05', source: 'auto', collaboration_id: 1, note: '', note_code: '', title_params: {} }],
  collaborations: [],
} satisfies Partial<PartnershipDetail>
const none = { kept: 0, missed: 0, waived: 0, open: 0, overdue: 0 }
// The second round: the tier instead of the stage, what the next tier needs, a plan to agree.
const detail = {
  ...base, goals: [{ ...goal, pace: { needed_per_week: 2, projected_on: '2027-01-20' } }],
  tier: { id: 2, name: '银牌', rank: 2, benefits: ['优先选品'] },
  next_tier: { name: '金牌', rank: 3, benefits: ['专属价'], missing: { gmv_cents_90d: 3300000, completed_90d: 0, promises_kept_pct: 0 } },
  earnings: { commission_cents_90d: 18000, commission_cents_total: 36000 },
  plans: [{ id: 5, buyer_id: 7, title: '冬季计划', period_start: '2026-11-01', period_end: '2026-12-31', status: 'proposed', goal_ids: [],
    commitments: [], brand_agreed_at: '2026-11-20T00:00:00Z', buyer_agreed_at: null, created_by: 1, created_at: '', updated_at: '' }],
  promises: { brand: none, buyer: none, items: [] },
}
const agree = vi.fn(async (id: number) => ({ id }))
const acknowledge = vi.fn(async (_id: number) => ({ ...goal, acknowledged_at: '2026-11-24T01:00:00Z' }))
const comment = vi.fn(async (goalId: number, body: string) => ({
  id: 1, goal_id: goalId, author: { id: 9, name: '小鹿', role: 'buyer' }, body, created_at: '2026-11-24T01:00:00Z',
}))
vi.mock('../api/plans', () => ({
  portalPlansApi: {
    partnership: vi.fn(async () => detail),
    agree: (id: number) => agree(id),
    comments: vi.fn(async () => []),
    comment: vi.fn(),
    reportKept: vi.fn(),
  },
}))
vi.mock('../api/endpoints', () => ({
  portalApi: {
    acknowledge: (id: number) => acknowledge(id),
    comments: vi.fn(async () => []),
    comment: (id: number, body: string) => comment(id, body),
  },
}))

describe('PortalPartnershipView', () => {
  it('shows the shared goal, acknowledges it and posts a comment', async () => {
    const w = mountApp(PortalPartnershipView, { props: { buyerId: 7 } })
    await flushPromises()
    expect(w.text()).toContain('山茶花生活馆')
    expect(w.get('[data-test=tier-badge]').text()).toContain('银牌')
    expect(w.text()).not.toContain('稳定合作') // the internal stage is not shown
    expect(w.get('[data-test=tier-gap]').text()).toBe('还差 ¥3.3万 到金牌')
    expect(w.get('[data-test=this-week]').text()).toContain('确认计划「冬季计划」')
    expect(w.get('[data-test=goal-pace]').text()).toContain('每周需 2')
    await w.get('[data-test=week-agree]').trigger('click')
    await flushPromises()
    expect(agree).toHaveBeenCalledWith(5)
    expect(w.text()).toContain('首次合作')
    expect(w.get('[data-test=goal-progress]').text()).toBe('5 / 12')
    expect(w.text()).toContain('暂无合作成果')
    await w.get('[data-test=acknowledge]').trigger('click')
    await flushPromises()
    expect(acknowledge).toHaveBeenCalledWith(3)
    expect(w.find('[data-test=acknowledge]').exists()).toBe(false)
    expect(w.text()).toContain('买手已确认')
    await w.get('#comment-3').setValue('收到')
    await w.get('[data-goal-id="3"] .comment-form').trigger('submit')
    await flushPromises()
    expect(comment).toHaveBeenCalledWith(3, '收到')
    expect(w.get('[data-test=comments]').text()).toContain('收到')
  })
})
