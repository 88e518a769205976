// What scenarios share: the page, the server, assertions, API calls as the signed-in user, screenshots, skips.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Screenshots go to test-results/ (ignored) unless HUOBAN_SCREENSHOTS names another folder:
// `make screenshots` writes the ones committed under docs/screenshots.
export const SHOTS = process.env.HUOBAN_SCREENSHOTS || join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots')
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

/** Thrown to skip a scenario whose endpoint does not exist on this server yet. */
export class Skip extends Error {}

export function expect(cond, message) {
  if (!cond) throw new Error(`expectation failed: ${message}`)
}

export function createWorld(page, base) {
  mkdirSync(SHOTS, { recursive: true })
  const w = {
    page,
    base,
    state: {},
    shots: [],
    shotsDir: SHOTS,
    url: (path) => base + path,
    async goto(path) {
      await page.goto(base + path)
    },
    async accessToken() {
      const raw = await page.evaluate(() => localStorage.getItem('huoban.tokens'))
      return raw ? JSON.parse(raw).access : null
    },
    /** Calls the API as the user signed in in the page. */
    async api(method, path, body) {
      const token = await w.accessToken()
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      const isJson = (res.headers.get('content-type') ?? '').includes('json')
      return { status: res.status, body: isJson && text ? JSON.parse(text) : text }
    },
    /** Skips the scenario (with a logged note) when the endpoint answers 404. */
    async requireEndpoint(method, path, body) {
      const r = await w.api(method, path, body)
      if (r.status === 404) throw new Skip(`${method} ${path} answers 404 on this server`)
      return r
    },
    async shot(name, viewport = DESKTOP) {
      await page.setViewportSize(viewport)
      await page.waitForTimeout(350) // let charts and layout settle after a resize
      const file = join(SHOTS, `${name}.png`)
      await page.screenshot({ path: file, fullPage: false })
      w.shots.push(`${name}.png`)
      if (viewport.width === PHONE.width) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow <= 0, `${name}: no horizontal overflow at 390 px (overflow ${overflow}px)`)
      }
      await page.setViewportSize(DESKTOP)
    },
    async signOut() {
      await page.setViewportSize(DESKTOP)
      await page.click('[data-test=sign-out]')
      await page.waitForURL('**/signin')
    },
    async signIn(email, password) {
      await w.submitAuth('/auth/login', '/signin', async () => {
        await w.goto('/signin')
        await page.fill('#email', email)
        await page.fill('#password', password)
        await page.press('#password', 'Enter')
      })
    },
    /** 429s the harness waited out (the server allows 20 sign-ins a minute per address; the suite signs in more) */
    rateLimited: 0,
    /** Submits a sign-in-like form; on 429 waits the Retry-After the server sent and submits again. */
    async submitAuth(apiPath, pagePath, submit) {
      for (let i = 0; ; i++) {
        const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1${apiPath}`) && r.request().method() === 'POST', { timeout: 15000 })
        await submit()
        const r = await answer
        if (r.status() === 429 && i < 3) {
          w.rateLimited++
          const wait = Number(r.headers()['retry-after'] ?? '20') || 20
          console.log(`      note: ${apiPath} answered 429; waiting ${wait} s as the server asks`)
          await page.waitForTimeout((wait + 1) * 1000)
          continue
        }
        await page.waitForURL((u) => !u.pathname.startsWith(pagePath))
        return
      }
    },
    async acceptInvite(code, name, email, password) {
      await w.submitAuth('/auth/accept-invite', '/accept-invite', async () => {
        await w.goto(`/accept-invite?code=${encodeURIComponent(code)}`)
        await page.fill('#name', name)
        await page.fill('#email', email)
        await page.fill('#password', password)
        await page.click('button[type=submit]')
      })
    },
  }
  return w
}
