import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../../test/mount'
import { ApiError } from '../../api/client'
import MilestonesPanel from './MilestonesPanel.vue'
import type { Milestone } from '../../api/types'
import { daysFromToday, today } from '../../lib/dates'

const auto: Milestone = { id: 1, buyer_id: 7, code: 'first_collaboration', title: '首次合作', achieved_on: '2026-09-05', source: 'auto', collaboration_id: 3, note: '', note_code: '', title_params: {} }
const addMilestone = vi.fn()
vi.mock('../../api/endpoints', () => ({
  buyersApi: { milestones: vi.fn(async () => [auto]), addMilestone: (...a: unknown[]) => addMilestone(...a) },
}))

describe('MilestonesPanel', () => {
  it('adds a manual milestone, shown in the timeline with the 手动 marker', async () => {
    addMilestone.mockImplementationOnce(async (_id: number, b: Partial<Milestone>) => ({ ...auto, ...b, id: 2, code: 'manual', source: 'manual', collaboration_id: null }))
    const w = mountApp(MilestonesPanel, { props: { buyerId: 7, canWrite: true } })
    await flushPromises()
    expect(w.find('[data-test=manual-marker]').exists()).toBe(false)
    await w.get('[data-test=add-milestone]').trigger('click')
    expect((w.get('#ms-date').element as HTMLInputElement).value).toBe(today())
    await w.get('#ms-title').setValue('第一次工厂选品')
    await w.get('#ms-note').setValue('带了 3 个新品回去')
    await w.get('[data-test=milestone-form]').trigger('submit')
    await flushPromises()
    expect(addMilestone).toHaveBeenCalledWith(7, { title: '第一次工厂选品', achieved_on: today(), note: '带了 3 个新品回去' })
    const items = w.findAll('[data-test=milestones] li')
    expect(items).toHaveLength(2)
    expect(items[0].text()).toContain('第一次工厂选品')
    expect(items[0].get('[data-test=manual-marker]').text()).toBe('手动')
    expect(w.find('[data-test=milestone-form]').exists()).toBe(false)
  })

  it('refuses a future date and an empty title before sending, and shows server field errors', async () => {
    addMilestone.mockReset()
    const w = mountApp(MilestonesPanel, { props: { buyerId: 7, canWrite: true } })
    await flushPromises()
    await w.get('[data-test=add-milestone]').trigger('click')
    await w.get('#ms-date').setValue(daysFromToday(1))
    await w.get('[data-test=milestone-form]').trigger('submit')
    expect(addMilestone).not.toHaveBeenCalled()
    expect(w.get('#ms-title-error').text()).toBe('必填')
    expect(w.get('#ms-date-error').text()).toBe('达成日期不能晚于今天')
    addMilestone.mockRejectedValueOnce(new ApiError(422, 'validation_failed', 'invalid', { achieved_on: 'cannot be in the future' }))
    await w.get('#ms-title').setValue('x')
    await w.get('#ms-date').setValue(today())
    await w.get('[data-test=milestone-form]').trigger('submit')
    await flushPromises()
    expect(w.get('#ms-date-error').text()).toBe('cannot be in the future')
  })

  it('offers no form to readers', async () => {
    const w = mountApp(MilestonesPanel, { props: { buyerId: 7, canWrite: false } })
    await flushPromises()
    expect(w.find('[data-test=add-milestone]').exists()).toBe(false)
  })
})
