// The HTTP client of the API: bearer tokens kept in a TokenStore, silent refresh before expiry
// and after a 401, one refresh at a time (a refresh token is single use), JSON errors as ApiError.
import type { ErrorBody, Problem, RowError, Session } from './types'

/** An API answer outside 2xx, carrying the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly rows: RowError[] = [],
    /** per field, the problem's code and parameters, to say it in the UI's language */
    readonly details: Record<string, Problem> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** True when the endpoint or record does not exist (yet). */
  get notFound(): boolean {
    return this.status === 404
  }
}

export interface StoredTokens {
  access: string
  refresh: string
  /** epoch milliseconds when the access token expires */
  expiresAt: number
}

export interface TokenStore {
  load(): StoredTokens | null
  save(tokens: StoredTokens | null): void
}

const STORAGE_KEY = 'huoban.tokens'

/** Keeps tokens in localStorage, shared by every tab. */
export const localTokenStore: TokenStore = {
  load() {
    try {
      const raw = localStorage.getItem(STORAGE_KEY)
      return raw ? (JSON.parse(raw) as StoredTokens) : null
    } catch {
      return null
    }
  },
  save(tokens) {
    if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens))
    else localStorage.removeItem(STORAGE_KEY)
  },
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  body?: unknown
  query?: Query
  /** send no Authorization header (sign in, register, accept invite) */
  anonymous?: boolean
  /** aborts the request (a screen whose inputs changed drops the stale reply) */
  signal?: AbortSignal
}

export interface ClientOptions {
  base?: string
  store?: TokenStore
  fetch?: typeof fetch
  now?: () => number
  /** called once the session is gone (refresh refused) */
  onSignedOut?: () => void
}

/** Refresh this long before the access token expires, so a request never races the clock. */
const EXPIRY_SKEW_MS = 30_000

export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null
  try {
    body = (await res.json()) as ErrorBody
  } catch {
    body = null
  }
  return errorOf(res.status, body, res.statusText)
}

/** The ApiError of a status and a parsed error body. */
export function errorOf(status: number, body: ErrorBody | null | undefined, fallback = ''): ApiError {
  const e = body?.error
  return new ApiError(status, e?.code ?? `http_${status}`, e?.message ?? fallback, e?.fields ?? {}, e?.rows ?? [], e?.details ?? {})
}

export function createClient(opts: ClientOptions = {}) {
  const base = opts.base ?? '/api/v1'
  const store = opts.store ?? localTokenStore
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const now = opts.now ?? Date.now
  let refreshing: Promise<string | null> | null = null

  function setSession(s: Session): void {
    store.save({ access: s.access_token, refresh: s.refresh_token, expiresAt: now() + s.expires_in * 1000 })
  }

  function clearSession(): void {
    store.save(null)
  }

  async function exchange(stale: string): Promise<string | null> {
    const t = store.load()
    if (!t) return null
    // Another tab (or an earlier caller) may have refreshed already: use its token.
    if (t.access !== stale && t.expiresAt - EXPIRY_SKEW_MS > now()) return t.access
    const res = await doFetch(`${base}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: t.refresh }),
    })
    if (!res.ok) {
      if (res.status === 401) {
        clearSession()
        opts.onSignedOut?.()
        return null
      }
      throw await toError(res)
    }
    const s = (await res.json()) as Session
    setSession(s)
    return s.access_token
  }

  /** Exchanges the refresh token once, however many callers ask at the same time. */
  function refresh(stale: string): Promise<string | null> {
    if (!refreshing) {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
      const run = (): Promise<string | null> => exchange(stale)
      // The Web Lock serializes refreshes across tabs too; the awaited result is the new access token.
      const viaLock = async (): Promise<string | null> => (locks ? await locks.request('huoban-refresh', run) : run())
      refreshing = viaLock().finally(() => {
        refreshing = null
      })
    }
    return refreshing
  }

  async function accessToken(): Promise<string | null> {
    const t = store.load()
    if (!t) return null
    if (t.expiresAt - EXPIRY_SKEW_MS > now()) return t.access
    return refresh(t.access)
  }

  async function withAuth(send: (token: string | null) => Promise<Response>, anonymous = false): Promise<Response> {
    const token = anonymous ? null : await accessToken()
    const res = await send(token)
    if (res.status !== 401 || !token) return res
    const fresh = await refresh(token)
    return fresh ? send(fresh) : res
  }

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const url = base + path + buildQuery(o.query)
    const res = await withAuth((token) => {
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (token) headers.Authorization = `Bearer ${token}`
      if (o.body !== undefined) headers['Content-Type'] = 'application/json'
      return doFetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: o.signal })
    }, o.anonymous)
    if (!res.ok) throw await toError(res)
    if (res.status === 204) return undefined as T
    return (await res.json()) as T
  }

  /** Downloads a file (e.g. a CSV export) with the auth header, as a Blob. */
  async function download(path: string, query?: Query): Promise<Blob> {
    const res = await withAuth((token) =>
      doFetch(base + path + buildQuery(query), { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
    )
    if (!res.ok) throw await toError(res)
    return res.blob()
  }

  /** Uploads a file (CSV or .xlsx, by its type) with XMLHttpRequest so upload progress (0–1) can be shown. */
  async function upload<T>(path: string, body: Blob, query: Query, onProgress: (fraction: number) => void, contentType = 'text/csv'): Promise<T> {
    const send = (token: string | null) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const xhr = new XMLHttpRequest()
        xhr.open('POST', base + path + buildQuery(query))
        xhr.setRequestHeader('Content-Type', contentType)
        xhr.setRequestHeader('Accept', 'application/json')
        if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) onProgress(e.loaded / e.total)
        }
        xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText })
        xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'))
        xhr.send(body)
      })
    let token = await accessToken()
    let res = await send(token)
    if (res.status === 401 && token) {
      token = await refresh(token)
      if (token) res = await send(token)
    }
    onProgress(1)
    let parsed: unknown
    try {
      parsed = res.text ? JSON.parse(res.text) : undefined
    } catch {
      parsed = undefined
    }
    if (res.status >= 200 && res.status < 300) return parsed as T
    throw errorOf(res.status, parsed as ErrorBody | undefined)
  }

  return {
    request,
    get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
    post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
    del: (path: string, query?: Query) => request<void>('DELETE', path, { query }),
    download,
    upload,
    setSession,
    clearSession,
    hasSession: () => store.load() !== null,
    refreshToken: () => store.load()?.refresh ?? null,
  }
}

export type Client = ReturnType<typeof createClient>
