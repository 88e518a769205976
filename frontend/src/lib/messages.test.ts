import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { i18n } from '../i18n'
import { errorMessage, fieldMessages, healthNote, milestoneTitle, rowMessage } from './messages'

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
})
