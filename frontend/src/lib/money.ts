// Money and number formatting for China: amounts are integer cents (分) of CNY.
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

/** ¥ with 2 decimals, e.g. ¥1,234.56 — for tables and forms where the exact amount matters. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  return `${sign}¥${grouped(Math.abs(cents) / 100, 2)}`
}

/**
 * A readable amount: in zh-CN large amounts use 万 / 亿 (¥12.3万, ¥1.25亿); in English K / M.
 * Amounts under ¥10,000 keep 2 decimals.
 */
export function formatMoney(cents: number | null | undefined, locale: Locale | string): string {
  if (cents === null || cents === undefined) return '—'
  const yuan = Math.abs(cents) / 100
  const sign = cents < 0 ? '-' : ''
  if (yuan < 10_000) return formatCents(cents)
  if (locale === 'zh-CN') {
    if (yuan >= 100_000_000) return `${sign}¥${trimZeros((yuan / 100_000_000).toFixed(2))}亿`
    return `${sign}¥${trimZeros((yuan / 10_000).toFixed(yuan >= 1_000_000 ? 0 : 1))}万`
  }
  if (yuan >= 1_000_000) return `${sign}¥${trimZeros((yuan / 1_000_000).toFixed(2))}M`
  return `${sign}¥${trimZeros((yuan / 1_000).toFixed(1))}K`
}

/** Like formatMoney but whole yuan under ¥10,000 (¥5,000), for chart axes. */
export function formatMoneyShort(cents: number, locale: Locale | string): string {
  return Math.abs(cents) < 1_000_000 ? `${cents < 0 ? '-' : ''}¥${grouped(Math.round(Math.abs(cents) / 100), 0)}` : formatMoney(cents, locale)
}

/** A count, with 万 in zh-CN for large numbers (3.2万 followers). */
export function formatCount(n: number | null | undefined, locale: Locale | string): string {
  if (n === null || n === undefined) return '—'
  if (locale === 'zh-CN' && Math.abs(n) >= 10_000) return `${trimZeros((n / 10_000).toFixed(1))}万`
  return grouped(n, 0)
}

/** A percentage 0–100 with up to 2 decimals. */
export function formatPct(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—'
  return `${trimZeros(p.toFixed(2))}%`
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

/** A ratio such as ROI with 2 decimals (3.19), or — when there is none. */
export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : r.toFixed(2)
}
