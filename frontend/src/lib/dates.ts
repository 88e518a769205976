// Calendar dates (YYYY-MM-DD) and times for display.

/** Today's date in the user's time zone, YYYY-MM-DD. */
export function today(d: Date = new Date()): string {
  const m = String(d.getMonth() + 1).padStart(2, '0')
  const day = String(d.getDate()).padStart(2, '0')
  return `${d.getFullYear()}-${m}-${day}`
}

/** A date a number of days from today, YYYY-MM-DD. */
export function daysFromToday(n: number): string {
  const d = new Date()
  d.setDate(d.getDate() + n)
  return today(d)
}

/** An RFC 3339 time shown as local date and minutes. */
export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
}
