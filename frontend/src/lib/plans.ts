// Pure helpers of plans, promises and tiers for the staff app and the portal.
import type { Commitment, PartnershipDetail2, Side } from '../api/plans'
import { COMMITMENT_KINDS } from '../api/plans'
import { formatGoalValue } from './goals'
import { formatMoney, formatPct } from './money'

/** The kinds a side may promise; a kind of the other side is never offered. */
export function kindsFor(side: Side): string[] {
  return COMMITMENT_KINDS[side]
}

/** Adds n days to a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export type WeekItem =
  | { kind: 'agree'; planId: number; title: string }
  | { kind: 'promise'; commitment: Commitment; overdue: boolean }
  | { kind: 'goal'; goalId: number; title: string; amount: string }

/**
 * What a buyer should do this week, most pressing first: plans waiting for their agreement,
 * their own open promises that are overdue or due within 7 days, and the weekly pace of each active goal.
 */
export function thisWeek(d: PartnershipDetail2, today: string, locale: string): WeekItem[] {
  const out: WeekItem[] = []
  for (const p of d.plans) {
    if (p.status === 'proposed' && !p.buyer_agreed_at) out.push({ kind: 'agree', planId: p.id, title: p.title })
  }
  const weekEnd = addDays(today, 6)
  const mine = d.promises.items
    .filter((c) => c.side === 'buyer' && c.status === 'open' && c.due_on <= weekEnd)
    .sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.id - b.id))
  for (const c of mine) out.push({ kind: 'promise', commitment: c, overdue: c.overdue })
  for (const g of d.goals) {
    if (g.status === 'active' && g.pace && g.pace.needed_per_week > 0) {
      out.push({ kind: 'goal', goalId: g.id, title: g.title, amount: formatGoalValue(g.metric, g.pace.needed_per_week, locale) })
    }
  }
  return out
}

export interface GapLine {
  key: 'nextGap' | 'nextMore' | 'nextKept'
  params: Record<string, string | number>
}

/** The lines of "what is missing for the next tier", e.g. 还差 ¥3.3万 到金牌. */
export function tierGap(next: PartnershipDetail2['next_tier'], locale: string): GapLine[] {
  if (!next) return []
  const m = next.missing
  const out: GapLine[] = []
  if (m.gmv_cents_90d > 0) out.push({ key: 'nextGap', params: { gap: formatMoney(m.gmv_cents_90d, locale), name: next.name } })
  if (m.completed_90d > 0) out.push({ key: 'nextMore', params: { n: m.completed_90d } })
  if (m.promises_kept_pct > 0) out.push({ key: 'nextKept', params: { pct: formatPct(m.promises_kept_pct) } })
  return out
}
