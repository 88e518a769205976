// Says what the server reports (field problems, import row errors, health notes, milestone titles) in the UI's
// language from the code and parameters the server sends beside its English text. A code this app does not know,
// or an answer without one (an older server), falls back to the server's English text.
import { ApiError } from '../api/client'
import type { HealthFactor, Milestone, Problem, RowError } from '../api/types'
import { i18n } from '../i18n'
import { formatCents } from './money'

const g = i18n.global

/** Parameters as the messages show them: lists joined, money limits of *_cents fields in yuan. */
function showParams(field: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) out[k] = v.map((x) => showValue(String(x))).join(g.locale.value === 'en' ? ', ' : '、')
    else if (typeof v === 'number' && field.endsWith('_cents')) out[k] = formatCents(v)
    else out[k] = v
  }
  return out
}

/** An enum value in the UI's language when it is one the app names (livestream → 直播带货). */
function showValue(v: string): string {
  for (const group of ['collabType', 'collabStatus', 'stage', 'goalMetric', 'activityKind']) {
    if (g.te(`${group}.${v}`)) return g.t(`${group}.${v}`)
  }
  return v
}

/** One problem with a field, in the UI's language; english when the code is unknown or absent. */
export function problemText(field: string, p: Problem | { code?: string; params?: Record<string, unknown> } | undefined, english: string): string {
  if (p?.code && g.te(`problem.${p.code}`)) return g.t(`problem.${p.code}`, showParams(field, p.params))
  return english
}

/** The per-field messages of an API error, in the UI's language. */
export function fieldMessages(e: ApiError): Record<string, string> {
  const out: Record<string, string> = {}
  const names = new Set([...Object.keys(e.fields), ...Object.keys(e.details)])
  for (const f of names) out[f] = problemText(f, e.details[f], e.fields[f] ?? '')
  return out
}

/** The one-line message of an API error: said by its code in Chinese, the server's own words in English. */
export function errorMessage(e: ApiError): string {
  if (g.locale.value !== 'en' && g.te(`apiError.${e.code}`)) return g.t(`apiError.${e.code}`)
  return e.message || (g.te(`apiError.${e.code}`) ? g.t(`apiError.${e.code}`) : e.code)
}

/** An import row error's message in the UI's language. */
export function rowMessage(r: RowError): string {
  return problemText(r.field, r, r.message)
}

/** A column of an import as people read it (gmv_cents → 成交额); unknown names as they are. */
export function columnName(field: string): string {
  return g.te(`importer.columns.${field}`) ? g.t(`importer.columns.${field}`) : field
}

/** A health factor's note in the UI's language. */
export function healthNote(f: HealthFactor): string {
  if (f.note_code && g.te(`healthNote.${f.note_code}`)) return g.t(`healthNote.${f.note_code}`, f.note_params ?? {})
  return f.note
}

/** A milestone's title: automatic ones by their code in the UI's language, manual ones as written. */
export function milestoneTitle(m: Pick<Milestone, 'code' | 'title' | 'source'> & { title_params?: Record<string, unknown> }): string {
  if (m.source !== 'manual' && m.code && g.te(`milestoneCode.${m.code}`)) return g.t(`milestoneCode.${m.code}`, m.title_params ?? {})
  return m.title
}

/** A milestone's note: the server's code (source_gone) in the UI's language, a person's note as written. */
export function milestoneNote(m: Pick<Milestone, 'note'> & { note_code?: string }): string {
  if (m.note_code && g.te(`milestones.noteCode.${m.note_code}`)) return g.t(`milestones.noteCode.${m.note_code}`)
  return m.note
}
