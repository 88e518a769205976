// Loads one thing for a screen and keeps its loading, error and "not available yet" (404) states.
import { ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '../api/client'

export interface Resource<T> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** the endpoint (or record) answered 404 */
  missing: Ref<boolean>
  reload: () => Promise<void>
}

export function useResource<T>(load: () => Promise<T>, immediate = true): Resource<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  const missing = ref(false)
  async function reload() {
    loading.value = true
    error.value = null
    missing.value = false
    try {
      data.value = await load()
    } catch (e) {
      if (e instanceof ApiError && e.notFound) missing.value = true
      else error.value = e instanceof Error ? e.message || String(e) : String(e)
    } finally {
      loading.value = false
    }
  }
  if (immediate) void reload()
  return { data, loading, error, missing, reload }
}
