// The collaboration form as typed (strings), its validation and its conversion to the API body.
import type { CollabStatus, CollabType, Collaboration, CollaborationInput } from '../api/types'
import type { KpiInput } from './kpi'
import { centsToYuanInput, parseYuan } from './money'
import { splitLabels } from './lists'

export const COUNT_FIELDS = ['views', 'viewers', 'clicks', 'orders', 'units', 'interactions'] as const
export const MONEY_FIELDS = ['slot_fee_cents', 'sample_cost_cents', 'gmv_cents', 'refund_cents'] as const

export type CollabForm = {
  buyer_id: string
  type: CollabType
  title: string
  products: string
  status: CollabStatus
  start_on: string
  end_on: string
  commission_pct: string
  brand_rating: string
  shared_feedback: string
  internal_notes: string
} & Record<(typeof COUNT_FIELDS)[number] | (typeof MONEY_FIELDS)[number], string>

export function emptyCollabForm(startOn: string): CollabForm {
  return {
    buyer_id: '', type: 'livestream', title: '', products: '', status: 'completed', start_on: startOn, end_on: '',
    commission_pct: '0', brand_rating: '', shared_feedback: '', internal_notes: '',
    views: '', viewers: '', clicks: '', orders: '', units: '', interactions: '',
    slot_fee_cents: '', sample_cost_cents: '', gmv_cents: '', refund_cents: '',
  }
}

const count = (s: string): number | null => (s.trim() === '' ? 0 : /^\d+$/.test(s.trim()) ? Number(s.trim()) : null)
const pct = (s: string): number | null => {
  const n = Number(s.trim())
  return s.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 && /^\d+(\.\d{1,2})?$/.test(s.trim()) ? n : null
}

/** Field name → message key under collab.err; empty when the form can be sent. */
export function validateCollab(f: CollabForm): Record<string, string> {
  const e: Record<string, string> = {}
  if (!f.buyer_id) e.buyer_id = 'required'
  if (!f.title.trim()) e.title = 'required'
  if (!f.start_on) e.start_on = 'required'
  if (f.end_on && f.start_on && f.end_on < f.start_on) e.end_on = 'endBeforeStart'
  if (pct(f.commission_pct) === null) e.commission_pct = 'pct'
  for (const k of COUNT_FIELDS) if (count(f[k]) === null) e[k] = 'number'
  for (const k of MONEY_FIELDS) if (parseYuan(f[k]) === null) e[k] = 'money'
  const gmv = parseYuan(f.gmv_cents)
  const refund = parseYuan(f.refund_cents)
  if (!e.refund_cents && gmv !== null && refund !== null && refund > gmv) e.refund_cents = 'refund'
  if (f.brand_rating && !/^[1-5]$/.test(f.brand_rating)) e.brand_rating = 'rating'
  return e
}

/** What the KPI preview needs, reading anything unparsable as 0. */
export function kpiInputOf(f: CollabForm): KpiInput {
  const m = (k: (typeof MONEY_FIELDS)[number]) => parseYuan(f[k]) ?? 0
  const c = (k: (typeof COUNT_FIELDS)[number]) => count(f[k]) ?? 0
  return {
    type: f.type,
    metrics: { views: c('views'), viewers: c('viewers'), orders: c('orders'), gmv_cents: m('gmv_cents'), refund_cents: m('refund_cents') },
    commission_pct: pct(f.commission_pct) ?? 0,
    slot_fee_cents: m('slot_fee_cents'),
    sample_cost_cents: m('sample_cost_cents'),
  }
}

/** The POST /collaborations body; call only when validateCollab found nothing. */
export function toCollabInput(f: CollabForm): CollaborationInput {
  const k = kpiInputOf(f)
  return {
    buyer_id: Number(f.buyer_id),
    type: f.type,
    title: f.title.trim(),
    products: splitLabels(f.products),
    status: f.status,
    start_on: f.start_on,
    end_on: f.end_on || null,
    slot_fee_cents: k.slot_fee_cents,
    commission_pct: k.commission_pct,
    sample_cost_cents: k.sample_cost_cents,
    metrics: {
      views: k.metrics.views, viewers: k.metrics.viewers, clicks: count(f.clicks) ?? 0, orders: k.metrics.orders,
      units: count(f.units) ?? 0, gmv_cents: k.metrics.gmv_cents, refund_cents: k.metrics.refund_cents,
      interactions: count(f.interactions) ?? 0,
    },
    brand_rating: f.brand_rating ? Number(f.brand_rating) : null,
    shared_feedback: f.shared_feedback,
    internal_notes: f.internal_notes,
  }
}

/** Server field paths ("metrics.gmv_cents") to the form's field names ("gmv_cents"). */
export function serverFieldsToForm(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) out[k.replace(/^metrics\./, '')] = v
  return out
}

/** A saved collaboration as the form shows it, for editing: money in yuan, exact to the fen. */
export function collabToForm(c: Collaboration): CollabForm {
  return {
    buyer_id: String(c.buyer_id), type: c.type, title: c.title, products: c.products.join('、'), status: c.status,
    start_on: c.start_on, end_on: c.end_on ?? '', commission_pct: String(c.commission_pct),
    brand_rating: c.brand_rating ? String(c.brand_rating) : '', shared_feedback: c.shared_feedback, internal_notes: c.internal_notes ?? '',
    views: String(c.metrics.views || ''), viewers: String(c.metrics.viewers || ''), clicks: String(c.metrics.clicks || ''),
    orders: String(c.metrics.orders || ''), units: String(c.metrics.units || ''), interactions: String(c.metrics.interactions || ''),
    slot_fee_cents: centsToYuanInput(c.slot_fee_cents), sample_cost_cents: centsToYuanInput(c.sample_cost_cents),
    gmv_cents: centsToYuanInput(c.metrics.gmv_cents), refund_cents: centsToYuanInput(c.metrics.refund_cents),
  }
}
