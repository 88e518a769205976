// Starts the Huoban binary on a free port with a temporary database, and stops it.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

async function waitHealthy(base, ms) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not answer ${base}/healthz within ${ms} ms`)
}

/** Runs `bin seed --demo` then `bin serve`; returns {base, demo: {email, password} | null, stop()}. */
export async function startServer(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'huoban-e2e-'))
  const port = await freePort()
  const env = { ...process.env, HUOBAN_DATABASE: join(dir, 'e2e.db'), HUOBAN_ADDR: `127.0.0.1:${port}`,
    // the webhooks scenario delivers to a receiver on this machine
    HUOBAN_WEBHOOK_ALLOW_PRIVATE: 'true' }
  let demo = null
  try {
    const out = execFileSync(bin, ['seed', '--demo'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const m = /sign in as (\S+) \/ (\S+)/.exec(out)
    if (m) demo = { email: m[1], password: m[2] }
  } catch (e) {
    console.log(`note: demo seed failed (${e.message.split('\n')[0]}); demo screenshots will be skipped`)
  }
  const proc = spawn(bin, ['serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  proc.stderr.on('data', (d) => (log = (log + d).slice(-4000)))
  const base = `http://127.0.0.1:${port}`
  try {
    await waitHealthy(base, 15_000)
  } catch (e) {
    proc.kill('SIGKILL')
    throw new Error(`${e.message}\n${log}`)
  }
  return {
    base,
    demo,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM')
        await new Promise((r) => {
          const t = setTimeout(() => {
            proc.kill('SIGKILL')
            r()
          }, 3000)
          proc.once('exit', () => {
            clearTimeout(t)
            r()
          })
        })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
