import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../../test/mount'
import ProfilePanel from './ProfilePanel.vue'
import type { Buyer } from '../../api/types'

const buyer = {
  id: 9, name: '小鹿', xhs_id: 'xiaolu', city: '杭州', followers: 1, interest_circles: [], categories: [], tags: [], stage: 'trial',
  status: 'active', commission_pct: 10, contact: { wechat: '', phone: '', email: '' }, notes: '',
  stats: { collaborations: 2, gmv_cents_total: 0, gmv_cents_90d: 0, last_collaboration_on: null }, health: { score: 50, label: 'steady' },
} as unknown as Buyer
const archive = vi.fn(async () => undefined)
const get = vi.fn(async () => ({ ...buyer, status: 'archived' }))
const patch = vi.fn(async () => ({ ...buyer, status: 'active' }))
vi.mock('../../api/endpoints', () => ({ buyersApi: { archive: () => archive(), get: () => get(), patch: (...a: unknown[]) => patch(...(a as [])) } }))
const user = { role: 'owner' }
vi.mock('../../auth/session', () => ({ session: { get user() { return user } } }))

describe('ProfilePanel archive', () => {
  it('asks first, says collaborations are kept, then archives', async () => {
    HTMLDialogElement.prototype.showModal ??= function () {}
    const w = mountApp(ProfilePanel, { props: { buyer, canWrite: true }, attachTo: document.body })
    await w.get('[data-test=archive-buyer]').trigger('click')
    const dialog = w.get('[data-test=archive-dialog]')
    expect(dialog.text()).toContain('确定归档「小鹿」吗？')
    expect(dialog.text()).toContain('所有合作记录')
    expect(archive).not.toHaveBeenCalled()
    await dialog.trigger('submit')
    await flushPromises()
    expect(archive).toHaveBeenCalledOnce()
    expect(w.emitted('changed')?.[0]?.[0]).toMatchObject({ status: 'archived' })
    expect(w.find('[data-test=archive-dialog]').exists()).toBe(false)
    w.unmount()
  })

  it('cancelling the dialog archives nothing', async () => {
    archive.mockClear()
    const w = mountApp(ProfilePanel, { props: { buyer, canWrite: true }, attachTo: document.body })
    await w.get('[data-test=archive-buyer]').trigger('click')
    await w.get('[data-test=archive-dialog] button[type=button]').trigger('click')
    expect(w.find('[data-test=archive-dialog]').exists()).toBe(false)
    expect(archive).not.toHaveBeenCalled()
    w.unmount()
  })

  it('is for the owner only; an archived buyer can be restored', async () => {
    user.role = 'manager'
    const w = mountApp(ProfilePanel, { props: { buyer, canWrite: true } })
    expect(w.find('[data-test=archive-buyer]').exists()).toBe(false)
    const a = mountApp(ProfilePanel, { props: { buyer: { ...buyer, status: 'archived' }, canWrite: true } })
    expect(a.get('[data-test=archived]').text()).toBe('已归档')
    await a.get('[data-test=restore-buyer]').trigger('click')
    await flushPromises()
    expect(patch).toHaveBeenCalledWith(9, { status: 'active' })
    user.role = 'owner'
  })
})
