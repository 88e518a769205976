import { describe, expect, it, vi } from 'vitest'
import { ApiError, buildQuery, createClient, type StoredTokens, type TokenStore } from './client'

function memoryStore(initial: StoredTokens | null): TokenStore & { value: StoredTokens | null } {
  return {
    value: initial,
    load() {
      return this.value
    },
    save(t) {
      this.value = t
    },
  }
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const session = (n: number) => ({
  access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900,
  user: { id: 1, email: 'a@b.c', name: 'A', role: 'owner', brand_id: 1, locale: 'zh-CN' },
})

describe('buildQuery', () => {
  it('skips empty values', () => {
    expect(buildQuery({ q: '拼豆', stage: '', cursor: undefined, limit: 30, total: true })).toBe('?q=%E6%8B%BC%E8%B1%86&limit=30&total=true')
    expect(buildQuery({})).toBe('')
  })
})

describe('createClient', () => {
  it('sends the bearer token and parses JSON', async () => {
    const fetch = vi.fn(async () => json(200, { id: 1 }))
    const c = createClient({ fetch, store: memoryStore({ access: 'A', refresh: 'R', expiresAt: Date.now() + 600_000 }) })
    expect(await c.get('/me')).toEqual({ id: 1 })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/me')
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer A')
  })

  it('turns the error body into an ApiError with fields and rows', async () => {
    const body = { error: { code: 'validation_failed', message: 'bad', fields: { gmv_cents: 'must be >= 0' }, rows: [{ row: 2, field: 'x', message: 'y' }] } }
    const c = createClient({ fetch: async () => json(422, body), store: memoryStore(null) })
    const e = (await c.post('/collaborations', {}).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.code).toBe('validation_failed')
    expect(e.fields).toEqual({ gmv_cents: 'must be >= 0' })
    expect(e.rows).toHaveLength(1)
    const missing: ApiError = await createClient({ fetch: async () => json(404, { error: { code: 'not_found', message: 'no' } }), store: memoryStore(null) })
      .get<never>('/dashboard')
      .catch((x: ApiError) => x)
    expect(missing.notFound).toBe(true)
  })

  it('refreshes an expired token once for concurrent requests (refresh tokens are single use)', async () => {
    const store = memoryStore({ access: 'old', refresh: 'refresh-0', expiresAt: Date.now() - 1 })
    let refreshes = 0
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url).endsWith('/auth/refresh')) {
        refreshes++
        expect(JSON.parse(String(init?.body))).toEqual({ refresh_token: 'refresh-0' })
        await new Promise((r) => setTimeout(r, 10))
        return json(200, session(1))
      }
      return json(200, { auth: (init?.headers as Record<string, string>).Authorization })
    })
    const c = createClient({ fetch, store })
    const results = await Promise.all([c.get('/a'), c.get('/b'), c.get('/c')])
    expect(refreshes).toBe(1)
    expect(results).toEqual([{ auth: 'Bearer access-1' }, { auth: 'Bearer access-1' }, { auth: 'Bearer access-1' }])
    expect(store.value?.refresh).toBe('refresh-1')
  })

  it('retries once after a 401 with a refreshed token', async () => {
    const store = memoryStore({ access: 'revoked', refresh: 'refresh-0', expiresAt: Date.now() + 600_000 })
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url).endsWith('/auth/refresh')) return json(200, session(2))
      const auth = (init?.headers as Record<string, string>).Authorization
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { error: { code: 'unauthorized', message: 'expired' } })
    })
    expect(await createClient({ fetch, store }).get('/me')).toEqual({ ok: true })
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('signs out when the refresh token is refused', async () => {
    const store = memoryStore({ access: 'x', refresh: 'spent', expiresAt: Date.now() - 1 })
    const onSignedOut = vi.fn()
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      String(url).endsWith('/auth/refresh') ? json(401, { error: { code: 'unauthorized', message: 'spent' } }) : json(401, {}),
    )
    const c = createClient({ fetch, store, onSignedOut })
    const e = await c.get('/me').catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(onSignedOut).toHaveBeenCalledOnce()
    expect(store.value).toBeNull()
  })

  it('sends no token on anonymous calls and handles 204', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }))
    const c = createClient({ fetch, store: memoryStore({ access: 'A', refresh: 'R', expiresAt: Date.now() + 600_000 }) })
    expect(await c.request('POST', '/auth/logout', { body: { refresh_token: 'R' }, anonymous: true })).toBeUndefined()
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined()
  })

  it('keeps the session from setSession until cleared', () => {
    const store = memoryStore(null)
    const c = createClient({ store, now: () => 1000, fetch: async () => json(200, {}) })
    c.setSession(session(3) as never)
    expect(store.value).toEqual({ access: 'access-3', refresh: 'refresh-3', expiresAt: 901_000 })
    expect(c.hasSession()).toBe(true)
    c.clearSession()
    expect(c.hasSession()).toBe(false)
  })
})
