import { describe, expect, it } from 'vitest'
import { decodeText, isXlsx, parseCsv } from './csv'

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    const text = '\uFEFF标题,商品,备注\r\n"双十一专场,晚场","精华|面霜","他说""好""\n第二行"\r\n简单,a,b\n'
    expect(parseCsv(text)).toEqual([
      ['标题', '商品', '备注'],
      ['双十一专场,晚场', '精华|面霜', '他说"好"\n第二行'],
      ['简单', 'a', 'b'],
    ])
  })
  it('keeps empty fields, skips blank lines and stops at maxRows', () => {
    expect(parseCsv('a,,c\n\n1,2,\n3,4,5', 2)).toEqual([
      ['a', '', 'c'],
      ['1', '2', ''],
    ])
    expect(parseCsv('x,y')).toEqual([['x', 'y']])
  })
})

describe('decodeText', () => {
  it('reads UTF-8, and GBK when the bytes are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('成交额').buffer as ArrayBuffer)).toBe('成交额')
    const gbk = new Uint8Array([0xb3, 0xc9, 0xbd, 0xbb, 0xb6, 0xee]) // 成交额 in GBK
    expect(decodeText(gbk.buffer)).toBe('成交额')
  })
  it('tells an Excel file by name or type', () => {
    expect(isXlsx({ name: '合作.xlsx', type: '' })).toBe(true)
    expect(isXlsx({ name: 'a.csv', type: 'text/csv' })).toBe(false)
  })
})
