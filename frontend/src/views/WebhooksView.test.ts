import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import WebhooksView from './WebhooksView.vue'

const api = {
  list: vi.fn(),
  create: vi.fn(),
  deliveries: vi.fn(),
  retry: vi.fn(),
  test: vi.fn(),
}
vi.mock('../api/notify', async (orig) => ({
  ...(await orig<typeof import('../api/notify')>()),
  webhooksApi: new Proxy({}, { get: (_, k: string) => (...a: unknown[]) => (api as Record<string, (...a: unknown[]) => unknown>)[k](...a) }),
}))

const hook = { id: 7, url: 'https://bi.example.com/in', events: ['collaboration.created'], description: 'BI', active: true,
  format: 'standard', bot_secret_set: false, created_at: '2026-11-23T10:00:00Z' }

describe('WebhooksView', () => {
  it('adds an endpoint for the chosen events, shows its secret once and its delivery log with a retry on a dead one', async () => {
    api.list.mockResolvedValueOnce([]).mockResolvedValue([hook])
    api.create.mockResolvedValueOnce({ ...hook, secret: 'whsec_c2VjcmV0' })
    api.deliveries.mockResolvedValue([
      { id: 2, event_id: 'evt_b', event_type: 'collaboration.created', status: 'dead', attempts: 8, last_status: 500, last_error: 'HTTP 500',
        last_response: 'down', next_attempt_at: null, delivered_at: null, created_at: '2026-11-23T10:00:00Z' },
      { id: 1, event_id: 'evt_a', event_type: 'ping', status: 'delivered', attempts: 1, last_status: 204, last_error: '',
        last_response: '', next_attempt_at: null, delivered_at: '2026-11-23T10:00:01Z', created_at: '2026-11-23T10:00:00Z' },
    ])
    api.retry.mockResolvedValue({})
    const w = mountApp(WebhooksView)
    await flushPromises()
    expect(w.text()).toContain('还没有接收地址')
    await w.get('#wh-url').setValue(' https://bi.example.com/in ')
    await w.get('#wh-desc').setValue('BI')
    await w.get('[data-test=all-events]').setValue(false)
    await w.get('[data-test=event-choices] input[value="collaboration.created"]').setValue(true)
    await w.get('[data-test=webhook-form]').trigger('submit')
    await flushPromises()
    expect(api.create).toHaveBeenCalledWith({ url: 'https://bi.example.com/in', format: 'standard', events: ['collaboration.created'], description: 'BI' })
    expect(w.get('[data-test=webhook-secret]').text()).toContain('whsec_c2VjcmV0')
    expect(w.get('[data-test=webhook-secret]').text()).toContain('只显示这一次')
    const rows = w.findAll('[data-test=delivery-log] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('已放弃')
    expect(rows[0].text()).toContain('HTTP 500')
    expect(rows[1].text()).toContain('已送达')
    expect(rows[1].find('[data-test=retry]').exists()).toBe(false)
    await rows[0].get('[data-test=retry]').trigger('click')
    await flushPromises()
    expect(api.retry).toHaveBeenCalledWith(7, 2)
    w.unmount()
  })
})
