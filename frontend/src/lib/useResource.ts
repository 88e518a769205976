// Loads one thing for a screen and keeps its loading, error and "not available yet" (404) states.
// It loads again when its reactive inputs change, and a reply that an newer load overtook is dropped:
// the older request is aborted, and whatever it still answers is ignored.
import { getCurrentScope, onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { ApiError } from '../api/client'
import { errorText } from './errors'

export interface Resource<T> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** the endpoint (or record) answered 404 */
  missing: Ref<boolean>
  reload: () => Promise<void>
}

export interface ResourceOptions {
  /** load at once (default true) */
  immediate?: boolean
  /** load again whenever these change */
  watch?: WatchSource | WatchSource[]
}

/** True for the error an aborted fetch throws. */
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError'

export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, opts: boolean | ResourceOptions = true): Resource<T> {
  const o: ResourceOptions = typeof opts === 'boolean' ? { immediate: opts } : opts
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  const missing = ref(false)
  let current: AbortController | null = null
  let seq = 0

  async function reload() {
    current?.abort()
    const controller = new AbortController()
    current = controller
    const mine = ++seq
    loading.value = true
    error.value = null
    missing.value = false
    try {
      const value = await load(controller.signal)
      if (mine === seq) data.value = value
    } catch (e) {
      if (mine !== seq || isAbort(e)) return
      if (e instanceof ApiError && e.notFound) missing.value = true
      else error.value = errorText(e) || String(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  if (o.watch) watch(o.watch, () => void reload())
  if (getCurrentScope()) onScopeDispose(() => current?.abort())
  if (o.immediate ?? true) void reload()
  return { data, loading, error, missing, reload }
}
