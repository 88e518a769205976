// Calendar arithmetic on YYYY-MM-DD dates for the schedule page (issue 15): weeks start on Monday.

/** The date n days after d. */
export function addDays(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, day + n))
  return t.toISOString().slice(0, 10)
}

/** Monday of d's week. */
export function weekStart(d: string): string {
  const [y, m, day] = d.split('-').map(Number)
  const dow = (new Date(Date.UTC(y, m - 1, day)).getUTCDay() + 6) % 7
  return addDays(d, -dow)
}

/** The first day of d's month. */
export function monthStart(d: string): string {
  return d.slice(0, 8) + '01'
}

/** The days from..to inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** The window a view shows around anchor: a Monday-to-Sunday week, or the month padded to whole weeks. */
export function viewRange(mode: 'week' | 'month', anchor: string): { from: string; to: string; first: string; last: string } {
  if (mode === 'week') {
    const from = weekStart(anchor)
    return { from, to: addDays(from, 6), first: from, last: addDays(from, 6) }
  }
  const first = monthStart(anchor)
  const last = addDays(monthStart(addDays(first, 32)), -1)
  const from = weekStart(first)
  return { from, to: addDays(weekStart(last), 6), first, last }
}

/** Moves the anchor one view forward (+1) or back (-1). */
export function shift(mode: 'week' | 'month', anchor: string, dir: 1 | -1): string {
  if (mode === 'week') return addDays(anchor, 7 * dir)
  const first = monthStart(anchor)
  return dir > 0 ? monthStart(addDays(first, 32)) : monthStart(addDays(first, -1))
}
