import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import { ApiError } from '../api/client'
import CollaborationNewView from './CollaborationNewView.vue'

const push = vi.fn()
vi.mock('vue-router', () => ({ useRoute: () => ({ query: { buyer_id: '1' } }), useRouter: () => ({ push }) }))

const create = vi.fn()
vi.mock('../api/endpoints', () => ({
  buyersApi: { list: vi.fn(async () => ({ items: [{ id: 1, name: '小鹿', commission_pct: 15 }], next_cursor: null })) },
  collaborationsApi: { create: (...a: unknown[]) => create(...a) },
}))

async function mountForm() {
  const w = mountApp(CollaborationNewView)
  await flushPromises()
  return w
}

describe('CollaborationNewView', () => {
  it('starts from the buyer commission and previews KPIs as you type', async () => {
    const w = await mountForm()
    expect((w.get('#commission_pct').element as HTMLInputElement).value).toBe('15')
    await w.get('#gmv_cents').setValue('10000')
    await w.get('#refund_cents').setValue('20000')
    expect(w.text()).toContain('退款不能大于成交额')
    await w.get('#refund_cents').setValue('0')
    expect(w.get('[data-test=kpi-net]').text()).toBe('¥10,000.00')
  })

  it('does not send an invalid form', async () => {
    const w = await mountForm()
    await w.get('form').trigger('submit')
    expect(create).not.toHaveBeenCalled()
    expect(w.get('[data-test=form-error]').text()).toContain('请先修正')
    expect(w.get('#title-error').text()).toBe('必填')
  })

  it("shows the server's field messages beside the fields", async () => {
    create.mockRejectedValueOnce(new ApiError(422, 'validation_failed', 'invalid', { 'metrics.gmv_cents': 'must be >= 0', title: 'too long' }))
    const w = await mountForm()
    await w.get('#title').setValue('双十一专场')
    await w.get('#gmv_cents').setValue('100')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(create).toHaveBeenCalledOnce()
    expect(create.mock.calls[0][0]).toMatchObject({ buyer_id: 1, title: '双十一专场', commission_pct: 15, metrics: { gmv_cents: 10_000 } })
    expect(w.get('#gmv_cents-error').text()).toBe('must be >= 0')
    expect(w.get('#title-error').text()).toBe('too long')
    expect(push).not.toHaveBeenCalled()
  })

  it('goes to the buyer after saving', async () => {
    create.mockResolvedValueOnce({ id: 5, buyer_id: 1 })
    const w = await mountForm()
    await w.get('#title').setValue('专场')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(push).toHaveBeenCalledWith('/buyers/1')
  })
})
