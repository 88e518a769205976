import { describe, expect, it } from 'vitest'
import { formatCents, formatCount, formatMoney, formatMoneyShort, formatPct, formatRatio, parseYuan, roundHalfAway } from './money'

describe('money', () => {
  it('formats cents with ¥ and 2 decimals', () => {
    expect(formatCents(123456)).toBe('¥1,234.56')
    expect(formatCents(5)).toBe('¥0.05')
    expect(formatCents(-100)).toBe('-¥1.00')
  })

  it('uses 万 and 亿 for large amounts in zh-CN', () => {
    expect(formatMoney(12_300_000, 'zh-CN')).toBe('¥12.3万')
    expect(formatMoney(1_000_000, 'zh-CN')).toBe('¥1万')
    expect(formatMoney(350_000_000, 'zh-CN')).toBe('¥350万')
    expect(formatMoney(12_500_000_000, 'zh-CN')).toBe('¥1.25亿')
    expect(formatMoney(999_999, 'zh-CN')).toBe('¥9,999.99')
  })

  it('uses K and M in English', () => {
    expect(formatMoney(12_300_000, 'en')).toBe('¥123K')
    expect(formatMoney(250_000_000, 'en')).toBe('¥2.5M')
    expect(formatMoney(null, 'en')).toBe('—')
  })

  it('formats counts and percentages', () => {
    expect(formatCount(32_000, 'zh-CN')).toBe('3.2万')
    expect(formatCount(32_000, 'en')).toBe('32,000')
    expect(formatPct(12.5)).toBe('12.5%')
    expect(formatPct(null)).toBe('—')
    expect(formatRatio(3.1875)).toBe('3.19')
    expect(formatRatio(null)).toBe('—')
    expect(formatMoneyShort(500_000, 'zh-CN')).toBe('¥5,000')
    expect(formatMoneyShort(2_500_000, 'zh-CN')).toBe('¥2.5万')
  })

  it('parses typed yuan into exact cents', () => {
    expect(parseYuan('12,345.67')).toBe(1_234_567)
    expect(parseYuan('¥0.1')).toBe(10)
    expect(parseYuan('19.99')).toBe(1999)
    expect(parseYuan('')).toBe(0)
    expect(parseYuan('1.234')).toBeNull()
    expect(parseYuan('-3')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
  })

  it('rounds half away from zero', () => {
    expect(roundHalfAway(2.5)).toBe(3)
    expect(roundHalfAway(-2.5)).toBe(-3)
    expect(roundHalfAway(2.4)).toBe(2)
  })
})
