import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import { ApiError } from '../api/client'
import GoalEditor from './GoalEditor.vue'
import type { Goal } from '../api/types'

const patch = vi.fn()
vi.mock('../api/endpoints', () => ({ goalsApi: { patch: (...a: unknown[]) => patch(...a) } }))

const base: Goal = {
  id: 4, buyer_id: 2, title: '季度成交', metric: 'gmv_cents', target: 5_000_000, period_start: '2026-10-01', period_end: '2026-12-31',
  progress: { current: 0, target: 5_000_000, pct: 0 }, status: 'active', shared_note: '一起冲刺',
  acknowledged_at: null, created_by: 1, created_at: '', updated_at: '',
}
const custom: Goal = { ...base, id: 5, metric: 'custom', title: '上新 20 款', target: 20, progress: { current: 3, target: 20, pct: 15 } }

beforeEach(() => patch.mockReset())

describe('GoalEditor', () => {
  it('cancels a goal and reopens a cancelled one', async () => {
    patch.mockResolvedValueOnce({ ...base, status: 'cancelled' })
    const w = mountApp(GoalEditor, { props: { goal: base } })
    expect(w.find('[data-test=goal-reopen]').exists()).toBe(false)
    await w.get('[data-test=goal-cancel]').trigger('click')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(4, { status: 'cancelled' })
    expect(w.emitted('changed')?.[0]?.[0]).toMatchObject({ status: 'cancelled' })

    patch.mockResolvedValueOnce({ ...base, status: 'active' })
    const c = mountApp(GoalEditor, { props: { goal: { ...base, status: 'cancelled' } } })
    expect(c.find('[data-test=goal-cancel]').exists()).toBe(false)
    await c.get('[data-test=goal-reopen]').trigger('click')
    await flushPromises()
    expect(patch).toHaveBeenLastCalledWith(4, { status: 'active' })
  })

  it('sets progress only on a custom goal', async () => {
    expect(mountApp(GoalEditor, { props: { goal: base } }).find('[data-test=goal-current-form]').exists()).toBe(false)
    patch.mockResolvedValueOnce({ ...custom, progress: { current: 8, target: 20, pct: 40 } })
    const w = mountApp(GoalEditor, { props: { goal: custom } })
    const input = w.get('#goal-5-current')
    expect((input.element as HTMLInputElement).value).toBe('3')
    await input.setValue('abc')
    await w.get('[data-test=goal-current-form]').trigger('submit')
    expect(patch).not.toHaveBeenCalled()
    expect(w.get('#goal-5-current-error').text()).toBe('请输入不小于 0 的整数')
    await input.setValue('8')
    await w.get('[data-test=goal-current-form]').trigger('submit')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(5, { current: 8 })
  })

  it('sends only the changed fields, with a GMV target in cents', async () => {
    patch.mockResolvedValueOnce({ ...base, title: '季度冲刺', target: 8_000_000 })
    const w = mountApp(GoalEditor, { props: { goal: base } })
    await w.get('[data-test=goal-edit]').trigger('click')
    expect((w.get('#goal-4-target').element as HTMLInputElement).value).toBe('50000')
    await w.get('#goal-4-title').setValue('季度冲刺')
    await w.get('#goal-4-target').setValue('80,000')
    await w.get('[data-test=goal-edit-form]').trigger('submit')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(4, { title: '季度冲刺', target: 8_000_000 })
    expect(w.find('[data-test=goal-edit-form]').exists()).toBe(false)
  })

  it("shows the server's 422 field messages beside the fields and keeps the form open", async () => {
    patch.mockRejectedValueOnce(new ApiError(422, 'validation_failed', 'invalid', { period_end: 'must be on or after period_start', title: 'too long' }))
    const w = mountApp(GoalEditor, { props: { goal: base } })
    await w.get('[data-test=goal-edit]').trigger('click')
    await w.get('#goal-4-end').setValue('2026-12-01')
    await w.get('#goal-4-note').setValue('新的说明')
    await w.get('[data-test=goal-edit-form]').trigger('submit')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(4, { period_end: '2026-12-01', shared_note: '新的说明' })
    expect(w.get('#goal-4-end-error').text()).toBe('must be on or after period_start')
    expect(w.get('#goal-4-title-error').text()).toBe('too long')
    expect(w.text()).toContain('请先修正标红的字段')
    expect(w.emitted('changed')).toBeUndefined()
  })

  it('checks the form before sending', async () => {
    const w = mountApp(GoalEditor, { props: { goal: custom } })
    await w.get('[data-test=goal-edit]').trigger('click')
    await w.get('#goal-5-title').setValue(' ')
    await w.get('#goal-5-target').setValue('0')
    await w.get('#goal-5-end').setValue('2026-09-01')
    await w.get('[data-test=goal-edit-form]').trigger('submit')
    expect(patch).not.toHaveBeenCalled()
    expect(w.get('#goal-5-title-error').text()).toBe('必填')
    expect(w.get('#goal-5-target-error').text()).toBe('请输入大于 0 的整数')
    expect(w.get('#goal-5-end-error').text()).toBe('结束日期不能早于开始日期')
  })
})
