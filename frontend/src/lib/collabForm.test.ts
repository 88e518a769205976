import { describe, expect, it } from 'vitest'
import { emptyCollabForm, serverFieldsToForm, toCollabInput, validateCollab } from './collabForm'

const filled = () => ({
  ...emptyCollabForm('2026-11-01'),
  buyer_id: '7', title: ' 双十一专场 ', products: '精华, 面霜、精华', gmv_cents: '1,000.5', refund_cents: '0.5',
  orders: '10', views: '1000', commission_pct: '12.5', brand_rating: '4',
})

describe('collaboration form', () => {
  it('needs a buyer, a title and a start date', () => {
    const e = validateCollab({ ...emptyCollabForm(''), title: ' ' })
    expect(e).toMatchObject({ buyer_id: 'required', title: 'required', start_on: 'required' })
  })

  it('checks numbers, money, percentages, dates and refunds', () => {
    const e = validateCollab({
      ...filled(), orders: '1.5', gmv_cents: '1.234', commission_pct: '101', end_on: '2026-10-01', brand_rating: '9',
    })
    expect(e).toEqual({ orders: 'number', gmv_cents: 'money', commission_pct: 'pct', end_on: 'endBeforeStart', brand_rating: 'rating' })
    expect(validateCollab({ ...filled(), refund_cents: '2000' })).toEqual({ refund_cents: 'refund' })
    expect(validateCollab(filled())).toEqual({})
  })

  it('builds the API body in cents', () => {
    const b = toCollabInput(filled())
    expect(b).toMatchObject({
      buyer_id: 7, title: '双十一专场', products: ['精华', '面霜'], commission_pct: 12.5, end_on: null, brand_rating: 4,
      metrics: { gmv_cents: 100_050, refund_cents: 50, orders: 10, views: 1000, viewers: 0, clicks: 0, units: 0, interactions: 0 },
    })
  })

  it('maps server field paths onto the form', () => {
    expect(serverFieldsToForm({ 'metrics.gmv_cents': 'must be >= 0', title: 'required' })).toEqual({ gmv_cents: 'must be >= 0', title: 'required' })
  })
})
