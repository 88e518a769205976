// npm run test:e2e — runs the scenarios against the real binary (HUOBAN_BIN, default ../huoban) in Debian's Chromium.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer } from './server.mjs'
import { launchBrowser } from './browser.mjs'
import { Skip, createWorld } from './world.mjs'
import { scenarios } from './scenarios.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const bin = resolve(here, '..', process.env.HUOBAN_BIN || '../huoban')
const only = process.env.E2E_ONLY // run scenarios whose name contains this (debugging)

const started = Date.now()
const server = await startServer(bin)
const browser = await launchBrowser()
const page = browser.context.pages()[0] ?? (await browser.context.newPage())
page.setDefaultTimeout(8000)
const consoleErrors = []
page.on('console', (m) => {
  if (m.type() === 'error' && !/status of 404|status of 401|status of 422|status of 409/.test(m.text())) consoleErrors.push(m.text())
})
page.on('pageerror', (e) => consoleErrors.push(String(e)))

const world = createWorld(page, server.base)
world.demo = server.demo
let passed = 0
let failed = 0
let skipped = 0
for (const [name, run] of scenarios) {
  if (only && !name.includes(only)) continue
  const t0 = Date.now()
  try {
    await run(world)
    passed++
    console.log(`ok    ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    if (e instanceof Skip) {
      skipped++
      console.log(`skip  ${name}: ${e.message}`)
      continue
    }
    failed++
    console.log(`FAIL  ${name}: ${e.message}`)
    await page.screenshot({ path: resolve(here, '..', 'test-results', `fail-${failed}.png`) }).catch(() => undefined)
  }
}
// the 429s the harness waited out (world.submitAuth) are the server's limit working, not errors
for (let n = world.rateLimited; n > 0; n--) {
  const i = consoleErrors.findIndex((e) => /status of 429/.test(e))
  if (i >= 0) consoleErrors.splice(i, 1)
}
if (consoleErrors.length) {
  failed++
  console.log(`FAIL  browser console errors:\n  ${consoleErrors.join('\n  ')}`)
}
await browser.close()
await server.stop()
console.log(`\n${failed ? 'FAILED' : 'ok'}: ${passed} passed, ${failed} failed, ${skipped} skipped; screenshots: ${world.shots.join(', ') || 'none'}; ${((Date.now() - started) / 1000).toFixed(1)} s`)
process.exit(failed ? 1 : 0)
