import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../../test/mount'
import PortalAccessPanel from './PortalAccessPanel.vue'
import type { OpenInvite, PortalAccess } from '../../api/types'

const linked: PortalAccess = { user_id: 9, name: '小鹿', email: 'deer@example.com', since: '2026-11-01T10:00:00Z', suspended: false }
const open: OpenInvite = { id: 4, role: 'buyer', email: '', buyer_id: 7, created_by: 1, expires_at: '2026-12-01T10:00:00Z', created_at: '2026-11-24T10:00:00Z' }
let access: PortalAccess[] = []
let invites: OpenInvite[] = []
const endPortalAccess = vi.fn(async () => { access = [] })
const revokeInvite = vi.fn(async () => { invites = [] })
vi.mock('../../api/endpoints', () => ({
  accessApi: {
    portalAccess: vi.fn(async () => access),
    buyerInvites: vi.fn(async () => invites),
    endPortalAccess: (...a: unknown[]) => endPortalAccess(...(a as [])),
    revokeInvite: (...a: unknown[]) => revokeInvite(...(a as [])),
  },
  buyersApi: { invite: vi.fn(async () => ({ id: 5, code: 'ABCD-EFGH', expires_at: '2026-12-01T10:00:00Z' })) },
}))

describe('PortalAccessPanel', () => {
  it('ends a linked buyer account only after the confirm', async () => {
    access = [{ ...linked, suspended: true }]
    invites = []
    const w = mountApp(PortalAccessPanel, { props: { buyerId: 7 } })
    await flushPromises()
    expect(w.get('[data-test=portal-access]').text()).toContain('小鹿')
    expect(w.get('[data-test=portal-access]').text()).toContain('已暂停')
    expect(w.find('[data-test=buyer-invite]').exists()).toBe(false) // one account per buyer
    await w.get('[data-test=end-access]').trigger('click')
    expect(endPortalAccess).not.toHaveBeenCalled()
    expect(w.get('[data-test=confirm-dialog]').text()).toContain('小鹿')
    await w.get('[data-test=confirm-dialog]').trigger('submit')
    await flushPromises()
    expect(endPortalAccess).toHaveBeenCalledWith(7)
    expect(w.find('[data-test=confirm-dialog]').exists()).toBe(false)
    expect(w.find('[data-test=no-access]').exists()).toBe(true)
    expect(w.find('[data-test=buyer-invite]').exists()).toBe(true)
  })

  it('revokes an open invite after the confirm; cancel keeps it', async () => {
    access = []
    invites = [open]
    const w = mountApp(PortalAccessPanel, { props: { buyerId: 7 } })
    await flushPromises()
    expect(w.findAll('[data-test=open-invites] li')).toHaveLength(1)
    await w.get('[data-test=revoke-invite]').trigger('click')
    await w.get('[data-test=confirm-dialog] button[type=button]').trigger('click')
    expect(revokeInvite).not.toHaveBeenCalled()
    expect(w.find('[data-test=confirm-dialog]').exists()).toBe(false)
    await w.get('[data-test=revoke-invite]').trigger('click')
    await w.get('[data-test=confirm-dialog]').trigger('submit')
    await flushPromises()
    expect(revokeInvite).toHaveBeenCalledWith(4)
    expect(w.find('[data-test=no-invites]').exists()).toBe(true)
  })
})
