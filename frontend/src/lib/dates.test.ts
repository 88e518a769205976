import { describe, expect, it } from 'vitest'
import { daysBetween, daysFromToday, formatDate, formatTime, isDate, today } from './dates'

describe('dates', () => {
  it('shows dates and times one way', () => {
    expect(formatDate('2026-11-24')).toBe('2026-11-24')
    expect(formatDate(null)).toBe('—')
    const local = new Date(2026, 10, 24, 9, 5)
    expect(formatDate(local.toISOString())).toBe('2026-11-24')
    expect(formatTime(local.toISOString())).toBe('2026-11-24 09:05')
    expect(formatTime(undefined)).toBe('—')
  })
  it('checks and counts calendar dates', () => {
    expect(isDate('2026-02-28')).toBe(true)
    expect(isDate('2026-02-30')).toBe(false)
    expect(isDate('2026/02/01')).toBe(false)
    expect(daysBetween('2026-11-01', '2026-11-24')).toBe(23)
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05')
    expect(daysFromToday(-5, new Date(2026, 0, 3))).toBe('2025-12-29')
  })
})
