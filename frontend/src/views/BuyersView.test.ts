import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import BuyersView from './BuyersView.vue'

const list = vi.fn(async (q: Record<string, unknown>) => ({
  items: q.status === 'active' ? [] : [{
    id: 1, name: '旧买手', xhs_id: null, city: '', followers: 0, interest_circles: [], categories: [], tags: [], stage: 'paused',
    status: 'archived', owner_id: null, stats: { collaborations: 0, gmv_cents_total: 0, gmv_cents_90d: 0, last_collaboration_on: null },
    health: { score: 0, label: '' },
  }],
  next_cursor: null, total: q.status === 'active' ? 0 : 1,
}))
vi.mock('../api/endpoints', () => ({ buyersApi: { list: (q: Record<string, unknown>) => list(q) }, teamApi: { list: vi.fn(async () => []) } }))
vi.mock('../auth/session', async () => {
  const { computed } = await import('vue')
  return { session: { user: { role: 'manager' } }, canWrite: computed(() => true) }
})

describe('BuyersView status filter', () => {
  it('lists active buyers by default and archived or all on request', async () => {
    vi.useFakeTimers()
    const w = mountApp(BuyersView)
    await flushPromises()
    expect(list.mock.calls[0][0]).toMatchObject({ status: 'active' })
    const select = w.get('[data-test=status-filter]')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['状态: 合作中', '状态: 已归档', '状态: 全部'])
    await select.setValue('archived')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ status: 'archived' })
    expect(w.get('[data-test=archived]').text()).toBe('已归档')
    await select.setValue('all')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ status: 'all' })
    vi.useRealTimers()
  })
})
