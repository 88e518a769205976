// A screen's filters kept in the address (?stage=trial&sort=name), so a view can be shared and survives a reload.
// Values equal to their default stay out of the address; back and forward restore earlier filters.
import { inject, reactive, watch } from 'vue'
import { routeLocationKey, routerKey, type LocationQuery } from 'vue-router'

export function useUrlFilters<T extends Record<string, string>>(defaults: T): T {
  const route = inject(routeLocationKey, null)
  const router = inject(routerKey, null)
  const filters = reactive({ ...defaults }) as T

  function fromQuery(q: LocationQuery) {
    for (const k of Object.keys(defaults) as (keyof T & string)[]) {
      const v = q[k]
      const s = (typeof v === 'string' ? v : defaults[k]) as T[typeof k]
      if (filters[k] !== s) filters[k] = s
    }
  }

  if (route) fromQuery(route.query)
  watch(filters, () => {
    if (!router || !route) return
    const q: LocationQuery = { ...route.query }
    for (const k of Object.keys(defaults)) {
      if (filters[k] === defaults[k] || filters[k] === '') delete q[k]
      else q[k] = filters[k]
    }
    const same = Object.keys(defaults).every((k) => (route.query[k] ?? '') === (q[k] ?? ''))
    if (!same) void router.replace({ query: q })
  })
  if (route) watch(() => route.query, fromQuery)
  return filters
}
