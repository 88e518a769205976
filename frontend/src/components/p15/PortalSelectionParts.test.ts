import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../../test/mount'
import PortalSelectionParts from './PortalSelectionParts.vue'
import type { PortalParts } from '../../api/products15'

const portalSelect = vi.fn(async (b: unknown) => b)
vi.mock('../../api/products15', () => ({ selectionsApi: { portalSelect: (b: unknown) => portalSelect(b) } }))

const parts: PortalParts = {
  pool: [
    { id: 5, name: '冬季露营灯', sku: 'LAMP-1', category: '户外', circles: ['露营'], image_url: '', price_cents: 12900, pool_note: '专享价 99', decision: null },
    { id: 6, name: '轻量帐篷', sku: 'TENT-1', category: '户外', circles: [], image_url: '', pool_note: '', decision: 'declined' },
  ],
  upcoming: [{ collaboration_id: 9, buyer: { id: 7, name: '阿蓝' }, type: 'livestream', title: '返场直播', starts_at: '2026-11-30T12:00:00Z',
    start_on: '2026-11-30', end_on: null, duration_minutes: 90, status: 'planned', products: [] }],
  reviews: [],
  open_actions: [{ id: 1, review_id: 2, collaboration_id: 3, collaboration_title: '冬季专场', text: '提前发预告', due_on: '2026-12-02' }],
}

describe('PortalSelectionParts', () => {
  it('shows the pool with prices only beside a note, and sends the buyer\'s interest with the reason', async () => {
    const w = mountApp(PortalSelectionParts, { props: { buyerId: 7, parts } })
    const [lamp, tent] = w.findAll('[data-test=pool-product]')
    expect(lamp.text()).toContain('¥129')
    expect(tent.text()).not.toContain('¥')
    expect(tent.text()).toContain('不选')
    expect(w.get('[data-test=portal-upcoming]').text()).toContain('90 分钟')
    expect(w.get('[data-test=portal-actions]').text()).toContain('截止 2026-12-02')
    expect(w.text()).toContain('暂无分享的复盘')
    await lamp.get('[data-test=pool-reason]').setValue('粉丝常问')
    await lamp.get('[data-test=pool-interested]').trigger('click')
    await flushPromises()
    expect(portalSelect).toHaveBeenCalledWith({ buyer_id: 7, product_id: 5, decision: 'interested', reason: '粉丝常问' })
    expect(w.findAll('[data-test=pool-product]')[0].get('[data-test=pool-decision]').text()).toContain('有意向')
  })
})
