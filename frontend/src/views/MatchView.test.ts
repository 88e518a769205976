import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp } from '../test/mount'
import MatchView from './MatchView.vue'
import type { Buyer } from '../api/types'

const buyer = (id: number, name: string) => ({
  id, name, xhs_id: `b${id}`, city: '杭州', followers: 32000, stage: 'partner', status: 'active',
  health: { score: 80, label: 'thriving' },
}) as unknown as Buyer
const match = vi.fn()
vi.mock('../api/endpoints', () => ({ buyersApi: { match: (...a: unknown[]) => match(...a) } }))

describe('MatchView', () => {
  it('asks the server with the inputs and shows ranked cards linking to each buyer', async () => {
    match.mockResolvedValueOnce([
      { buyer: buyer(1, '小鹿'), score: 86, reasons: ['擅长品类 美妆/护肤', '兴趣圈层 露营'] },
      { buyer: buyer(2, '阿汤'), score: 42, reasons: ['合作健康度 稳定'] },
    ])
    const w = mountApp(MatchView, { global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } } })
    expect(w.get('[data-test=match-start]').text()).toContain('匹配买手')
    await w.get('#match-category').setValue(' 美妆 ')
    await w.get('#match-circle').setValue('露营')
    await w.get('#match-type').setValue('livestream')
    await w.get('[data-test=match-form]').trigger('submit')
    await flushPromises()
    expect(match).toHaveBeenCalledWith({ category: '美妆', circle: '露营', type: 'livestream' })
    const cards = w.findAll('[data-test=match]')
    expect(cards).toHaveLength(2)
    expect(cards[0].text()).toContain('小鹿')
    expect(cards[0].get('[data-test=match-score]').text()).toContain('86')
    expect(cards[0].text()).toContain('兴趣圈层 露营')
    expect(cards[1].get('a').attributes('href')).toBe('/buyers/2')
    expect(w.get('[data-test=match-count]').text()).toContain('找到 2 位买手')
  })

  it('says what to try when nothing matches', async () => {
    match.mockResolvedValueOnce([])
    const w = mountApp(MatchView)
    await w.get('#match-category').setValue('宠物')
    await w.get('[data-test=match-form]').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('没有匹配的买手')
    expect(w.text()).toContain('去掉兴趣圈层')
  })
})
