import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session } from '../api/types'

const login = vi.fn()
const register = vi.fn()
const patchMe = vi.fn()
const logout = vi.fn(async () => undefined)
vi.mock('../api/endpoints', async () => {
  const { createClient } = await import('../api/client')
  return {
    http: createClient({ fetch: async () => new Response(null, { status: 500 }) }),
    authApi: { login, register, patchMe, logout, me: vi.fn() },
  }
})

const session = (role: 'owner' | 'buyer', locale: 'zh-CN' | 'en' = 'zh-CN'): Session => ({
  access_token: 'a', token_type: 'Bearer', refresh_token: 'r', expires_in: 900,
  user: { id: 1, email: 'x@y.z', name: 'X', role, brand_id: role === 'buyer' ? null : 1, locale },
})

describe('session', () => {
  beforeEach(() => localStorage.clear())

  it('sends buyers to the portal and staff to the workspace', async () => {
    const { homeFor } = await import('./session')
    expect(homeFor(session('buyer').user)).toBe('/portal')
    expect(homeFor(session('owner').user)).toBe('/')
  })

  it('stores tokens and applies the user language on sign in, forgets them on sign out', async () => {
    const { signIn, signOut, session: s } = await import('./session')
    const { i18n } = await import('../i18n')
    login.mockResolvedValueOnce(session('owner', 'en'))
    await signIn('x@y.z', 'pw')
    expect(s.user?.role).toBe('owner')
    expect(i18n.global.locale.value).toBe('en')
    expect(JSON.parse(localStorage.getItem('huoban.tokens') ?? '{}').refresh).toBe('r')
    await signOut()
    expect(logout).toHaveBeenCalledWith('r')
    expect(localStorage.getItem('huoban.tokens')).toBeNull()
    expect(s.user).toBeNull()
  })

  it('keeps the language picked on the sign-up page for the new account', async () => {
    const { register: doRegister } = await import('./session')
    const { applyLocale } = await import('../i18n')
    applyLocale('en')
    register.mockResolvedValueOnce(session('owner', 'zh-CN'))
    patchMe.mockResolvedValueOnce({ ...session('owner', 'en').user })
    const u = await doRegister({ brand_name: 'B', name: 'N', email: 'x@y.z', password: 'password1' })
    expect(patchMe).toHaveBeenCalledWith({ locale: 'en' })
    expect(u.locale).toBe('en')
  })
})
