// Money and number formatting, one way for every screen: amounts are integer cents (分) of CNY.
//
// - readable money (lists, cards, charts): ¥ and whole yuan below ¥1万; from ¥1万 up 万 / 亿 in zh-CN
//   (¥1.9万, ¥1.25亿) and K / M / B in English (¥19K, ¥1.25M);
// - exact money with fen (¥8,064.50) only in forms, previews of what is typed, and exports;
// - percentages with one decimal (8.3%, 2.0%).
import type { Locale } from '../api/types'

/** Rounds half away from zero, as the server does for cents. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x))
}

function grouped(n: number, decimals: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

/** ¥ with 2 decimals, e.g. ¥1,234.56 — only for forms and exports, where the exact amount matters. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  return `${sign}¥${grouped(Math.abs(cents) / 100, 2)}`
}

/** The same as formatCents, named for what it is for: exact money in forms. */
export const formatMoneyExact = formatCents

interface Unit {
  /** amounts are divided by this */
  div: number
  /** the smallest amount (in yuan, after rounding to whole yuan) shown in this unit */
  from: number
  suffix: string
  decimals: number
}

// Largest first. English starts at ¥10K, as Chinese starts at ¥1万.
const UNITS: Record<'zh' | 'en', Unit[]> = {
  zh: [
    { div: 1e8, from: 1e8, suffix: '亿', decimals: 2 },
    { div: 1e4, from: 1e4, suffix: '万', decimals: 1 },
  ],
  en: [
    { div: 1e9, from: 1e9, suffix: 'B', decimals: 2 },
    { div: 1e6, from: 1e6, suffix: 'M', decimals: 2 },
    { div: 1e3, from: 1e4, suffix: 'K', decimals: 1 },
  ],
}

const scaled = (abs: number, u: Unit) => Number((abs / u.div).toFixed(u.decimals))

/** A readable amount of yuan (not cents), without the currency sign: "8,064", "1.9万", "19K". */
export function shortYuan(yuan: number, locale: Locale | string): string {
  const abs = Math.abs(yuan)
  const units = UNITS[locale === 'en' ? 'en' : 'zh']
  const i = units.findIndex((u) => Math.round(abs) >= u.from)
  let body = grouped(Math.round(abs), 0)
  if (i >= 0) {
    // 9,999.96万 rounds to 10,000万: that is 1亿, the unit above
    const k = i > 0 && scaled(abs, units[i]) * units[i].div >= units[i - 1].from ? i - 1 : i
    body = trimZeros(scaled(abs, units[k]).toFixed(units[k].decimals)) + units[k].suffix
  }
  return yuan < 0 && body !== '0' ? `-${body}` : body
}

/** A readable amount: ¥8,064 below ¥1万; ¥1.9万 / ¥1.25亿 in zh-CN and ¥19K / ¥1.25M in English above. */
export function formatMoney(cents: number | null | undefined, locale: Locale | string): string {
  if (cents === null || cents === undefined) return '—'
  const s = shortYuan(cents / 100, locale)
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`
}

/** Chart axes use the readable form too; kept as a name for the axis formatters. */
export const formatMoneyShort = (cents: number, locale: Locale | string): string => formatMoney(cents, locale)

/** A count, with 万 in zh-CN for large numbers (3.2万 followers). */
export function formatCount(n: number | null | undefined, locale: Locale | string): string {
  if (n === null || n === undefined) return '—'
  if (locale !== 'en' && Math.abs(n) >= 10_000) return `${trimZeros((n / 10_000).toFixed(1))}万`
  return grouped(n, 0)
}

/** A percentage 0–100 with one decimal (8.3%, 2.0%), or — when there is none. */
export function formatPct(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—'
  const r = roundHalfAway(p * 10) / 10
  return `${(Object.is(r, -0) ? 0 : r).toFixed(1)}%`
}

/**
 * Parses a yuan amount typed by a person ("1,234.5", "¥88") into cents without float error.
 * Returns null when it is not a non-negative amount with at most 2 decimals.
 */
export function parseYuan(input: string): number | null {
  const s = input.replace(/[¥,\s]/g, '')
  if (s === '') return 0
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** Cents as a yuan amount for a form field ("1234.5" → "1234.50"), exact. */
export function centsToYuanInput(cents: number): string {
  if (!cents) return ''
  const abs = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A ratio such as ROI with 2 decimals (3.19), or — when there is none. */
export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : r.toFixed(2)
}
