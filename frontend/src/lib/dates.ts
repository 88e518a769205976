// Calendar dates (YYYY-MM-DD) and times, shown one way on every screen and in both languages:
// dates as 2026-11-24, times as 2026-11-24 10:05 (local time), months as 2026-11.

const pad = (n: number) => String(n).padStart(2, '0')

/** Today's date in the user's time zone, YYYY-MM-DD. */
export function today(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A date a number of days from today, YYYY-MM-DD. */
export function daysFromToday(n: number, from: Date = new Date()): string {
  const d = new Date(from)
  d.setDate(d.getDate() + n)
  return today(d)
}

/** A calendar date or an RFC 3339 time as the date the user sees (2026-11-24), or — when there is none. */
export function formatDate(v: string | null | undefined): string {
  if (!v) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? v : today(d)
}

/** An RFC 3339 time as local date and minutes (2026-11-24 10:05). The locale argument is kept for callers; the format is one. */
export function formatTime(iso: string | null | undefined, _locale?: string): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${today(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** True when s is a real calendar date written YYYY-MM-DD. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3])
}

/** The days between two dates (b − a). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)))
  return Math.round((t(b) - t(a)) / 86_400_000)
}
