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
const detail: PartnershipDetail = {
  brand: { id: 1, name: '山茶花生活馆' }, buyer_id: 7, since: '2026-09-01T00:00:00Z', stage: 'partner', goals: [goal], capabilities: [],
  milestones: [{ id: 1, buyer_id: 7, code: 'first_collaboration', title: '首次合作', achieved_on: '2026-09-05', source: 'auto', collaboration_id: 1, note: '' }],
  collaborations: [],
}
const acknowledge = vi.fn(async (_id: number) => ({ ...goal, acknowledged_at: '2026-11-24T01:00:00Z' }))
const comment = vi.fn(async (goalId: number, body: string) => ({
  id: 1, goal_id: goalId, author: { id: 9, name: '小鹿', role: 'buyer' }, body, created_at: '2026-11-24T01:00:00Z',
}))
vi.mock('../api/endpoints', () => ({
  portalApi: {
    partnership: vi.fn(async () => detail),
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
    expect(w.text()).toContain('首次合作')
    expect(w.get('[data-test=goal-progress]').text()).toBe('5 / 12')
    expect(w.text()).toContain('暂无合作成果')
    await w.get('[data-test=acknowledge]').trigger('click')
    await flushPromises()
    expect(acknowledge).toHaveBeenCalledWith(3)
    expect(w.find('[data-test=acknowledge]').exists()).toBe(false)
    expect(w.text()).toContain('买手已确认')
    await w.get('#comment-3').setValue('收到')
    await w.get('.comment-form').trigger('submit')
    await flushPromises()
    expect(comment).toHaveBeenCalledWith(3, '收到')
    expect(w.get('[data-test=comments]').text()).toContain('收到')
  })
})
