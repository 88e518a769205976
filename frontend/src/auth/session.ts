// The signed-in user: sign in, register, accept invite, sign out, and the per-user language.
import { computed, reactive, readonly } from 'vue'
import { authApi, http } from '../api/endpoints'
import type { Locale, Session, User } from '../api/types'
import { applyLocale, storedLocale } from '../i18n'

const state = reactive<{ user: User | null; ready: boolean }>({ user: null, ready: false })

/** Read-only view of the session for components. */
export const session = readonly(state)

/** The signed-in user may write (owner or manager): the one place that says so. */
export const canWrite = computed(() => state.user?.role === 'owner' || state.user?.role === 'manager')

/** The signed-in user is the brand's owner (team, tokens, audit log). */
export const isOwner = computed(() => state.user?.role === 'owner')

/** The route a user lands on after signing in. */
export const homeFor = (u: User): string => (u.role === 'buyer' ? '/portal' : '/')

function start(s: Session): User {
  http.setSession(s)
  state.user = s.user
  applyLocale(s.user.locale)
  return s.user
}

/** Loads the user behind stored tokens, once, at start-up. */
export async function restore(): Promise<void> {
  if (state.ready) return
  try {
    if (http.hasSession()) {
      state.user = await authApi.me()
      applyLocale(state.user.locale)
    }
  } catch {
    http.clearSession()
    state.user = null
  } finally {
    state.ready = true
  }
}

export async function signIn(email: string, password: string): Promise<User> {
  return start(await authApi.login(email, password))
}

/** A new account keeps the language picked on the sign-up page. */
async function startNew(s: Session): Promise<User> {
  const chosen = storedLocale()
  start(s)
  if (chosen !== s.user.locale) await setLocale(chosen).catch(() => applyLocale(chosen))
  return state.user ?? s.user
}

export async function register(b: { brand_name: string; name: string; email: string; password: string }): Promise<User> {
  return startNew(await authApi.register(b))
}

export async function acceptInvite(b: { code: string; name: string; email: string; password: string }): Promise<User> {
  return startNew(await authApi.acceptInvite(b))
}

export async function signOut(): Promise<void> {
  const refresh = http.refreshToken()
  http.clearSession()
  state.user = null
  if (refresh) await authApi.logout(refresh).catch(() => undefined)
}

/** Forgets the user without calling the server (the refresh token was refused). */
export function dropSession(): void {
  http.clearSession()
  state.user = null
}

/** Switches the language now and remembers it on the user. */
export async function setLocale(locale: Locale): Promise<void> {
  applyLocale(locale)
  if (state.user) state.user = await authApi.patchMe({ locale })
}

/** Changes the signed-in user's name (and so what the top bar shows). */
export async function updateProfile(b: { name: string }): Promise<User> {
  const u = await authApi.patchMe(b)
  state.user = u
  return u
}

/** Changes the password; the server ends every other session of the user. */
export async function changePassword(current_password: string, password: string): Promise<void> {
  const u = await authApi.patchMe({ current_password, password })
  // the change revoked every refresh token of the user, this tab's too: sign in again with the new password
  start(await authApi.login(u.email, password))
}
