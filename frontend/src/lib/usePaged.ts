// A list a screen shows page by page: the first page, then "加载更多" appends the next one by its cursor.
// Built on useResource, so it reloads when its inputs change and drops stale replies.
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { Page } from '../api/types'
import { errorText } from './errors'
import { useResource, type Resource, type ResourceOptions } from './useResource'

export interface Paged<T> extends Omit<Resource<Page<T>>, 'data'> {
  /** every item loaded so far */
  items: ComputedRef<T[]>
  /** there is a next page */
  hasMore: ComputedRef<boolean>
  loadingMore: Ref<boolean>
  moreError: Ref<string | null>
  loadMore: () => Promise<void>
  /** changes the items in place (an item marked done, one added) */
  update: (f: (items: T[]) => T[]) => void
  total: ComputedRef<number | null>
}

export function usePaged<T>(load: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>, opts: ResourceOptions = {}): Paged<T> {
  const res = useResource((signal) => load(null, signal), opts)
  const loadingMore = ref(false)
  const moreError = ref<string | null>(null)

  async function loadMore() {
    const page = res.data.value
    if (!page?.next_cursor || loadingMore.value) return
    loadingMore.value = true
    moreError.value = null
    const first = page
    try {
      const next = await load(page.next_cursor, new AbortController().signal)
      // a reload while this page was loading replaced the list: this page belongs to the old one
      if (res.data.value !== first) return
      res.data.value = { ...next, items: [...first.items, ...next.items], total: first.total ?? next.total }
    } catch (e) {
      moreError.value = errorText(e)
    } finally {
      loadingMore.value = false
    }
  }

  return {
    loading: res.loading,
    error: res.error,
    missing: res.missing,
    reload: res.reload,
    items: computed(() => res.data.value?.items ?? []),
    hasMore: computed(() => !!res.data.value?.next_cursor),
    total: computed(() => res.data.value?.total ?? null),
    loadingMore,
    moreError,
    loadMore,
    update(f) {
      const p = res.data.value
      if (p) res.data.value = { ...p, items: f(p.items) }
    },
  }
}
