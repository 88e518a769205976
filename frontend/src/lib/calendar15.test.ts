import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, shift, viewRange, weekStart } from './calendar15'

describe('calendar arithmetic', () => {
  it('finds Monday and crosses months and years', () => {
    expect(weekStart('2026-11-29')).toBe('2026-11-23')
    expect(weekStart('2026-11-23')).toBe('2026-11-23')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01'])
  })
  it('pads a month to whole weeks within the 92-day window', () => {
    const r = viewRange('month', '2026-11-15')
    expect(r).toEqual({ from: '2026-10-26', to: '2026-12-06', first: '2026-11-01', last: '2026-11-30' })
    expect(daysBetween(r.from, r.to).length % 7).toBe(0)
    expect(viewRange('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29', first: '2026-11-23', last: '2026-11-29' })
  })
  it('moves by a week or a month', () => {
    expect(shift('week', '2026-11-25', 1)).toBe('2026-12-02')
    expect(shift('month', '2026-01-31', 1)).toBe('2026-02-01')
    expect(shift('month', '2026-03-15', -1)).toBe('2026-02-01')
  })
})
