import { describe, expect, it } from 'vitest'
import { emptySchedule, scheduleInput, validateSchedule } from './collabItems15'

describe('collaboration items and schedule', () => {
  it('turns rows into API items in cents and leaves empty parts out', () => {
    const f = emptySchedule()
    expect(scheduleInput(f)).toEqual({})
    f.items.push({ text: 'L-1 · 灯', product_id: 7, units: '12', gmv: '1,548.5' })
    f.duration = '90'
    expect(scheduleInput(f)).toEqual({ items: [{ product_id: 7, units: 12, gmv_cents: 154850 }], duration_minutes: 90 })
  })
  it('catches an unknown product, a sum above the GMV and a bad duration', () => {
    const f = emptySchedule()
    f.items.push({ text: '不存在', product_id: null, units: '1', gmv: '10' }, { text: 'x', product_id: 2, units: 'a', gmv: '95' })
    f.duration = '1441'
    expect(validateSchedule(f, 10000)).toEqual({ 'items[0].product_id': 'product', 'items[1].units': 'units', items: 'sum',
      duration_minutes: 'duration' })
    f.items = [{ text: 'x', product_id: 2, units: '1', gmv: '100' }]
    f.duration = '60'
    expect(validateSchedule(f, 10000)).toEqual({})
  })
})
