import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { i18n } from '../i18n'
import { errorMessage, fieldMessages, healthNote, milestoneNote, milestoneTitle, rowMessage } from './messages'

const setLocale = (l: 'zh-CN' | 'en') => (i18n.global.locale.value = l)
afterEach(() => setLocale('zh-CN'))

describe('server messages in the UI language', () => {
  it('says field problems by code with their parameters, money limits in yuan', () => {
    setLocale('zh-CN')
    const e = new ApiError(422, 'validation_failed', 'invalid', { gmv_cents: 'must be between 0 and 10000000000000', type: 'must be one of …', title: 'x' }, [], {
      gmv_cents: { code: 'between', params: { min: 0, max: 10_000_000_000_000 } },
      type: { code: 'one_of', params: { values: ['livestream', 'note'] } },
    })
    const f = fieldMessages(e)
    expect(f.gmv_cents).toBe('应在 ¥0.00 到 ¥100,000,000,000.00 之间')
    expect(f.type).toBe('只能是：直播带货、笔记带货')
    expect(f.title).toBe('x') // no code: the server's words
    expect(errorMessage(e)).toBe('请检查标红的内容')
    setLocale('en')
    expect(fieldMessages(e).type).toBe('must be one of: Livestream, Note')
    expect(errorMessage(e)).toBe('invalid')
  })

  it('says import rows, health notes and milestone titles by code, keeping text without one', () => {
    setLocale('zh-CN')
    expect(rowMessage({ row: 3, field: 'start_on', message: 'is not a date', code: 'invalid_date' })).toBe('日期应写作 年-月-日，例如 2026-11-24')
    expect(rowMessage({ row: 3, field: 'x', message: 'odd', code: 'no_such_code' })).toBe('odd')
    expect(healthNote({ name: 'recency', value: 0.2, weight: 35, note: 'last completed collaboration 233 days ago', note_code: 'days_since_last', note_params: { days: 233 } }))
      .toBe('距上次完成合作 233 天')
    expect(milestoneTitle({ code: 'first_collaboration', title: '首次合作完成', source: 'auto' })).toBe('首次合作完成')
    expect(milestoneTitle({ code: 'manual', title: 'Factory visit', source: 'manual' })).toBe('Factory visit')
    setLocale('en')
    expect(milestoneTitle({ code: 'first_collaboration', title: '首次合作完成', source: 'auto' })).toBe('First collaboration completed')
    expect(healthNote({ name: 'frequency', value: 1, weight: 25, note: '3 completed', note_code: 'completed_in_90d', note_params: { count: 3 } }))
      .toBe('3 completed collaborations in the last 90 days')
  })

  // The codes partnership/health.go and promises.go send (grep `note("`), with their parameters.
  const SERVER_NOTES: [string, Record<string, number>][] = [
    ['days_since_last', { days: 3 }], ['completed_in_90d', { count: 2 }], ['no_completed_yet', {}], ['no_results_yet', {}], ['one_result', {}],
    ['no_recent_gmv', {}], ['recent_vs_window', { recent: 3, pct: 80, window: 5 }], ['no_goals_yet', {}], ['goal_counts', { achieved: 1, missed: 2, active: 3 }],
    ['few_snapshots', {}], ['capacity_grew', {}], ['capacity_steady', {}], ['capacity_shrank', {}], ['no_promises_settled', {}],
    ['promises_summary', { brand_kept: 4, brand_settled: 5, buyer_kept: 1, buyer_settled: 2 }],
  ]
  it.each(['zh-CN', 'en'] as const)('says every health note code the server sends in %s, with every parameter', (l) => {
    setLocale(l)
    for (const [code, params] of SERVER_NOTES) {
      const s = healthNote({ name: 'recency', value: 0, weight: 1, note: 'SERVER-TEXT', note_code: code, note_params: params })
      expect(s, code).not.toBe('SERVER-TEXT')
      for (const v of Object.values(params)) expect(s, code).toContain(String(v))
      expect(s, code).not.toMatch(/[{}]/)
    }
    expect(i18n.global.te('healthFactor.promises_kept')).toBe(true)
  })

  it('says an automatic milestone whose collaboration is gone by its code', () => {
    setLocale('zh-CN')
    expect(milestoneNote({ note: 'the collaboration that reached it was deleted', note_code: 'source_gone' })).toContain('已删除')
    expect(milestoneNote({ note: '去工厂看了', note_code: '' })).toBe('去工厂看了')
  })

  it.each(['zh-CN', 'en'] as const)('says every field problem code of models/problem.go in %s', (l) => {
    setLocale(l)
    const src = readFileSync(resolve(__dirname, '../../../models/problem.go'), 'utf8')
    const codes = [...src.matchAll(/^\s*Code[A-Za-z]+\s*=\s*"([a-z_]+)"/gm)].map((m) => m[1])
    expect(codes.length).toBeGreaterThan(30)
    for (const c of codes) expect(i18n.global.te(`problem.${c}`), c).toBe(true)
  })
})
