import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useResource } from './useResource'
import { usePaged } from './usePaged'

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('useResource', () => {
  it('loads again when its inputs change and drops the reply a newer load overtook', async () => {
    const q = ref('a')
    const pending: { q: string; resolve: (v: string) => void; signal: AbortSignal }[] = []
    const r = useResource(
      (signal) => new Promise<string>((resolve) => pending.push({ q: q.value, resolve, signal })),
      { watch: q },
    )
    q.value = 'b'
    await nextTick()
    expect(pending.map((p) => p.q)).toEqual(['a', 'b'])
    expect(pending[0].signal.aborted).toBe(true)
    pending[1].resolve('B')
    await flush()
    pending[0].resolve('A') // the stale reply arrives last
    await flush()
    expect(r.data.value).toBe('B')
    expect(r.loading.value).toBe(false)
  })
})

describe('usePaged', () => {
  it('appends the next page by its cursor', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      first: { items: [1, 2], next_cursor: 'c2' },
      c2: { items: [3], next_cursor: null },
    }
    const p = usePaged<number>(async (cursor) => pages[cursor ?? 'first'])
    await flush()
    expect(p.items.value).toEqual([1, 2])
    expect(p.hasMore.value).toBe(true)
    await p.loadMore()
    expect(p.items.value).toEqual([1, 2, 3])
    expect(p.hasMore.value).toBe(false)
  })
})
