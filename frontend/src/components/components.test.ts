import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import KpiPreview from './KpiPreview.vue'
import StateView from './StateView.vue'
import GoalCard from './GoalCard.vue'
import ProgressBar from './ProgressBar.vue'
import FormField from './FormField.vue'
import StageDialog from './StageDialog.vue'
import { computeKpis } from '../lib/kpi'
import type { Buyer, Goal } from '../api/types'

vi.mock('../api/endpoints', () => ({
  buyersApi: { moveStage: vi.fn(async (id: number, stage: string) => ({ id, stage })) },
}))

describe('KpiPreview', () => {
  it('shows the computed KPIs in yuan', () => {
    const kpis = computeKpis({
      type: 'livestream',
      metrics: { views: 1000, viewers: 500, orders: 10, gmv_cents: 100_000, refund_cents: 0 },
      commission_pct: 10, slot_fee_cents: 0, sample_cost_cents: 0,
    })
    const w = mountApp(KpiPreview, { props: { kpis } })
    expect(w.get('[data-test=kpi-net]').text()).toBe('¥1,000.00')
    expect(w.get('[data-test=kpi-roi]').text()).toBe('10.00')
    expect(w.text()).toContain('2.0%')
  })
})

describe('StateView', () => {
  it('says the feature is coming when the endpoint is missing', () => {
    const w = mountApp(StateView, { props: { loading: false, error: null, missing: true } })
    expect(w.text()).toContain('即将上线')
  })

  it('offers a retry on error and shows the empty text', async () => {
    const w = mountApp(StateView, { props: { loading: false, error: 'boom' } })
    await w.get('button').trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
    const empty = mountApp(StateView, { props: { loading: false, error: null, empty: true, emptyText: '还没有买手' } })
    expect(empty.text()).toContain('还没有买手')
  })

  it('renders its content when loaded', () => {
    const w = mountApp(StateView, { props: { loading: false, error: null }, slots: { default: '<p>内容</p>' } })
    expect(w.text()).toBe('内容')
  })
})

describe('GoalCard', () => {
  const goal: Goal = {
    id: 1, buyer_id: 2, title: '季度成交', metric: 'gmv_cents', target: 5_000_000, period_start: '2026-10-01', period_end: '2026-12-31',
    progress: { current: 1_230_000, target: 5_000_000, pct: 24.6 }, status: 'active', shared_note: '一起冲刺',
    acknowledged_at: null, created_by: 1, created_at: '', updated_at: '',
  }

  it('shows progress with 万 amounts and the acknowledgement state', () => {
    const w = mountApp(GoalCard, { props: { goal } })
    expect(w.get('[data-test=goal-progress]').text()).toBe('¥1.2万 / ¥5万')
    expect(w.text()).toContain('24.6%')
    expect(w.text()).toContain('待买手确认')
    expect(w.get('[role=progressbar]').attributes('aria-valuenow')).toBe('25')
  })
})

describe('ProgressBar', () => {
  it('clamps to 0–100', () => {
    const w = mountApp(ProgressBar, { props: { pct: 140 } })
    expect(w.get('.progress-fill').attributes('style')).toContain('width: 100%')
  })
})

describe('FormField', () => {
  it('links the label and shows the error instead of the hint', () => {
    const w = mountApp(FormField, { props: { id: 'gmv', label: '成交额', error: '必填', hint: '提示' }, slots: { default: '<input id="gmv" />' } })
    expect(w.get('label').attributes('for')).toBe('gmv')
    expect(w.get('[role=alert]').text()).toBe('必填')
    expect(w.text()).not.toContain('提示')
  })
})

describe('StageDialog', () => {
  const buyer = { id: 9, name: '小鹿', stage: 'prospect' } as Buyer

  it('asks for a reason before moving', async () => {
    HTMLDialogElement.prototype.showModal ??= function () {}
    const w = mountApp(StageDialog, { props: { buyer, to: 'trial' }, attachTo: document.body })
    expect(w.text()).toContain('将 小鹿 从「潜在」调整为「试合作」')
    await w.get('form').trigger('submit')
    expect(w.text()).toContain('请写下原因')
    expect(w.emitted('moved')).toBeUndefined()
    await w.get('#stage-reason').setValue('试播不错')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.emitted('moved')?.[0]).toEqual([{ id: 9, stage: 'trial' }])
    w.unmount()
  })
})
