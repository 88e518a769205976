// The collaboration form's items and schedule (issue 15): form state and its conversion to the API's fields.
import { parseYuan } from './money'

export interface ItemRow {
  /** what the user typed or picked: "SKU · name" */
  text: string
  product_id: number | null
  units: string
  gmv: string
}

export interface ScheduleForm {
  items: ItemRow[]
  /** a datetime-local value in the user's time zone, or '' */
  starts_at: string
  duration: string
  allow_overlap: boolean
}

export function emptySchedule(): ScheduleForm {
  return { items: [], starts_at: '', duration: '', allow_overlap: false }
}

/** Problems the form can see before sending, keyed as the API names them. */
export function validateSchedule(f: ScheduleForm, gmvCents: number): Record<string, string> {
  const out: Record<string, string> = {}
  let sum = 0
  f.items.forEach((r, i) => {
    if (!r.product_id) out[`items[${i}].product_id`] = 'product'
    if (r.units !== '' && !/^\d+$/.test(r.units.trim())) out[`items[${i}].units`] = 'units'
    const g = parseYuan(r.gmv)
    if (g === null) out[`items[${i}].gmv_cents`] = 'gmv'
    else sum += g
  })
  if (sum > gmvCents) out.items = 'sum'
  const d = f.duration.trim()
  if (d !== '' && (!/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 1440)) out.duration_minutes = 'duration'
  return out
}

/** The API fields of the form: items, starts_at (UTC), duration_minutes and allow_overlap; empty parts are left out. */
export function scheduleInput(f: ScheduleForm): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (f.items.length) {
    out.items = f.items.map((r) => ({ product_id: r.product_id ?? 0, units: Number(r.units || 0), gmv_cents: parseYuan(r.gmv) ?? 0 }))
  }
  if (f.starts_at) out.starts_at = new Date(f.starts_at).toISOString()
  if (f.duration.trim()) out.duration_minutes = Number(f.duration.trim())
  if (f.allow_overlap) out.allow_overlap = true
  return out
}
