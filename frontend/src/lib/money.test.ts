import { describe, expect, it } from 'vitest'
import { centsToYuanInput, formatCents, formatCount, formatMoney, formatMoneyShort, formatPct, formatRatio, parseYuan, roundHalfAway } from './money'

describe('readable money, zh-CN', () => {
  const m = (c: number) => formatMoney(c, 'zh-CN')
  it('zero and fen show whole yuan', () => {
    expect(m(0)).toBe('¥0')
    expect(m(1)).toBe('¥0')
    expect(m(49)).toBe('¥0')
    expect(m(50)).toBe('¥1')
    expect(m(806_400)).toBe('¥8,064')
    expect(m(806_450)).toBe('¥8,065')
  })
  it('switches to 万 from ¥1万 up, including amounts that round to it', () => {
    expect(m(999_900)).toBe('¥9,999')
    expect(m(999_949)).toBe('¥9,999')
    expect(m(999_950)).toBe('¥1万')
    expect(m(1_000_000)).toBe('¥1万')
    expect(m(1_000_100)).toBe('¥1万')
    expect(m(1_900_000)).toBe('¥1.9万')
    expect(m(12_300_000)).toBe('¥12.3万')
    expect(m(350_000_000)).toBe('¥350万')
  })
  it('switches to 亿 from ¥1亿 up, including 9,999.96万', () => {
    expect(m(9_999_000_000)).toBe('¥9999万')
    expect(m(9_999_960_000)).toBe('¥1亿')
    expect(m(10_000_000_000)).toBe('¥1亿')
    expect(m(12_500_000_000)).toBe('¥1.25亿')
  })
  it('negative amounts keep the sign before ¥', () => {
    expect(m(-806_400)).toBe('-¥8,064')
    expect(m(-1_900_000)).toBe('-¥1.9万')
    expect(m(-12_500_000_000)).toBe('-¥1.25亿')
    expect(m(-40)).toBe('¥0')
  })
  it('nothing is a dash', () => {
    expect(formatMoney(null, 'zh-CN')).toBe('—')
    expect(formatMoney(undefined, 'zh-CN')).toBe('—')
  })
})

describe('readable money, English', () => {
  const m = (c: number) => formatMoney(c, 'en')
  it('zero, fen and amounts under ¥10K show whole yuan', () => {
    expect(m(0)).toBe('¥0')
    expect(m(5)).toBe('¥0')
    expect(m(999_900)).toBe('¥9,999')
  })
  it('K from ¥10K, M from ¥1M, B from ¥1B', () => {
    expect(m(999_950)).toBe('¥10K')
    expect(m(1_000_000)).toBe('¥10K')
    expect(m(12_300_000)).toBe('¥123K')
    expect(m(99_996_000)).toBe('¥1M')
    expect(m(250_000_000)).toBe('¥2.5M')
    expect(m(10_000_000_000)).toBe('¥100M')
    expect(m(125_000_000_000)).toBe('¥1.25B')
  })
  it('negative amounts', () => {
    expect(m(-12_300_000)).toBe('-¥123K')
    expect(m(-806_400)).toBe('-¥8,064')
  })
})

describe('exact money, counts, percentages', () => {
  it('formats exact cents with ¥ and 2 decimals, for forms and exports', () => {
    expect(formatCents(123456)).toBe('¥1,234.56')
    expect(formatCents(5)).toBe('¥0.05')
    expect(formatCents(0)).toBe('¥0.00')
    expect(formatCents(-100)).toBe('-¥1.00')
  })
  it('chart axes use the same readable form', () => {
    expect(formatMoneyShort(500_000, 'zh-CN')).toBe('¥5,000')
    expect(formatMoneyShort(2_500_000, 'zh-CN')).toBe('¥2.5万')
    expect(formatMoneyShort(2_500_000, 'en')).toBe('¥25K')
  })
  it('formats counts', () => {
    expect(formatCount(32_000, 'zh-CN')).toBe('3.2万')
    expect(formatCount(32_000, 'en')).toBe('32,000')
    expect(formatCount(0, 'zh-CN')).toBe('0')
  })
  it('percentages have one decimal', () => {
    expect(formatPct(8.333)).toBe('8.3%')
    expect(formatPct(2)).toBe('2.0%')
    expect(formatPct(0)).toBe('0.0%')
    expect(formatPct(12.25)).toBe('12.3%')
    expect(formatPct(-3.45)).toBe('-3.5%')
    expect(formatPct(-0.01)).toBe('0.0%')
    expect(formatPct(null)).toBe('—')
  })
  it('ratios have two decimals', () => {
    expect(formatRatio(3.1875)).toBe('3.19')
    expect(formatRatio(null)).toBe('—')
  })
})

describe('typed money', () => {
  it('parses typed yuan into exact cents', () => {
    expect(parseYuan('12,345.67')).toBe(1_234_567)
    expect(parseYuan('¥0.1')).toBe(10)
    expect(parseYuan('19.99')).toBe(1999)
    expect(parseYuan('')).toBe(0)
    expect(parseYuan('1.234')).toBeNull()
    expect(parseYuan('-3')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
  })
  it('shows cents in a form field exactly', () => {
    expect(centsToYuanInput(0)).toBe('')
    expect(centsToYuanInput(5)).toBe('0.05')
    expect(centsToYuanInput(1_234_567)).toBe('12345.67')
    expect(parseYuan(centsToYuanInput(1_234_567))).toBe(1_234_567)
  })
  it('rounds half away from zero', () => {
    expect(roundHalfAway(2.5)).toBe(3)
    expect(roundHalfAway(-2.5)).toBe(-3)
    expect(roundHalfAway(2.4)).toBe(2)
  })
})
