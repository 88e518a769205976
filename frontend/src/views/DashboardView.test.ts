import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import DashboardView from './DashboardView.vue'
import type { Activity, Dashboard } from '../api/types'

const act = (id: number, summary: string): Activity => ({
  id, buyer_id: 3, kind: 'call', summary, occurred_at: '2026-11-01T02:00:00Z', follow_up_on: '2026-11-20', done: false, by_user_id: 1, snapshot: {},
})
const dash: Dashboard = {
  days: 30, from: '2026-10-25', to: '2026-11-23',
  gmv_cents: 0, gmv_cents_prev: 0, collaborations: 0, active_buyers: 1, by_type: [], by_stage: [], top_buyers: [], at_risk: [],
  follow_ups_due: [act(1, '回访样品反馈'), act(2, '确认直播排期')], goals_ending_soon: [], gmv_by_month: [], awaiting_answers: [], pool_unpicked: [],
}
const patch = vi.fn()
vi.mock('../api/endpoints', () => ({
  dashboardApi: { get: vi.fn(async () => dash) },
  activitiesApi: { patch: (...a: unknown[]) => patch(...a), followUps: vi.fn(async () => ({ items: [], next_cursor: null })) },
  buyersApi: { get: vi.fn(async (id: number) => ({ id, name: '小鹿买手' })) },
}))
const user = { role: 'manager' }
// canWrite as a ref-like getter, so a test can change the role between mounts
vi.mock('../auth/session', () => ({
  session: { get user() { return user } },
  canWrite: { __v_isRef: true, get value() { return user.role === 'owner' || user.role === 'manager' } },
}))

const mountDash = async () => {
  const w = mountApp(DashboardView, { global: { stubs: { EChart: true } } })
  await flushPromises()
  return w
}

describe('DashboardView follow-ups', () => {
  it('marks a due follow-up done right there', async () => {
    patch.mockResolvedValueOnce({ ...act(1, '回访样品反馈'), done: true })
    const w = await mountDash()
    const buttons = w.findAll('[data-test=follow-up-done]')
    expect(buttons).toHaveLength(2)
    expect(buttons[0].attributes('aria-label')).toBe('将「回访样品反馈」标记为已完成')
    expect(w.get('[data-test=follow-up-buyer]').text()).toBe('小鹿买手') // the buyer's name, looked up by id
    await buttons[0].trigger('click')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(1, { done: true })
    expect(w.get('[data-test=follow-ups]').text()).not.toContain('回访样品反馈')
    expect(w.get('[data-test=follow-ups]').text()).toContain('确认直播排期')
  })

  it('keeps the follow-up and says why when the server refuses', async () => {
    patch.mockRejectedValueOnce(new Error('网络断开'))
    const w = await mountDash()
    await w.get('[data-test=follow-up-done]').trigger('click')
    await flushPromises()
    expect(w.get('[role=alert]').text()).toContain('网络断开')
    expect(w.findAll('[data-test=follow-up-done]')).toHaveLength(2)
  })

  it('shows no button to analysts', async () => {
    user.role = 'analyst'
    const w = await mountDash()
    expect(w.find('[data-test=follow-up-done]').exists()).toBe(false)
    user.role = 'manager'
  })
})
