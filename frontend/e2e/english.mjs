// The no-English check: walks screens in zh-CN and lists Latin words shown outside an allow-list (ROI, GMV, …)
// and outside the brand's own data (buyer names, Xiaohongshu ids, emails, titles people typed), which is taken
// from the API and cut out of the page text first.

/** Latin words the Chinese UI may show: metric names, file kinds, the language switch, a brand name. */
const ALLOW = new Set(['ROI', 'GMV', 'GPM', 'KPI', 'CSV', 'Excel', 'API', 'SKU', 'English', 'xlsx',
  // webhooks are named so in Chinese products too; Standard Webhooks is the name of a spec; a URL starts https://
  'Webhooks', 'Webhook', 'webhook', 'HTTPS', 'https', 'JSON', 'Standard'])

const list = (body) => (Array.isArray(body) ? body : body?.items ?? [])

/** Every string of the brand's own data that a screen may show. */
async function userData(w) {
  const out = []
  const add = (...v) => {
    for (const x of v.flat()) if (typeof x === 'string' && x.trim()) out.push(x.trim())
  }
  const get = async (p) => (await w.api('GET', p)).body
  const me = await get('/me')
  add(me.name, me.email)
  for (const b of list(await get('/buyers?limit=200&status=all'))) {
    add(b.name, b.xhs_id ?? '', `@${b.xhs_id ?? ''}`, b.city, b.tags, b.tags.map((t) => `#${t}`), b.interest_circles, b.categories, b.notes)
    add(Object.values(b.contact ?? {}))
  }
  for (const c of list(await get('/collaborations?limit=200'))) add(c.title, c.products, c.shared_feedback, c.internal_notes ?? '')
  for (const g of list(await get('/goals?limit=200'))) add(g.title, g.shared_note)
  for (const u of list(await get('/team'))) add(u.name, u.email)
  for (const t of list(await get('/tokens'))) add(t.name, t.prefix)
  // the later features' own data: products, tiers, plans, webhook endpoints, notification bodies (what people wrote)
  const maybe = async (p) => { const r = await w.api('GET', p); return r.status === 200 ? list(r.body) : [] }
  const products = [...(await maybe('/products?limit=200')), ...(await maybe('/products?limit=200&status=retired'))]
  for (const p of products) add(p.name, p.sku, p.category, p.pool_note ?? '', p.image_url ?? '', p.circles ?? [])
  for (const t of await maybe('/tiers')) add(t.name, t.benefits ?? [])
  for (const p of await maybe('/plans?limit=200')) add(p.title, (p.commitments ?? []).map((c) => c.text ?? c.title ?? ''))
  for (const e of await maybe('/webhooks')) add(e.url, e.description ?? '')
  for (const n of await maybe('/notifications?limit=200')) add(n.body)
  return [...new Set(out)].sort((a, b) => b.length - a.length)
}

/** Latin words on the page now, after cutting out the given strings. */
async function wordsOnPage(page, cut) {
  const text = await page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder], [aria-label], [title]')].map((e) =>
      ['placeholder', 'aria-label', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
    )
    return `${document.body.innerText}\n${attrs.join('\n')}`
  })
  let t = text
  for (const s of cut) t = t.split(s).join(' ')
  return [...new Set((t.match(/[A-Za-z][A-Za-z'’-]+/g) ?? []).filter((x) => !ALLOW.has(x)))]
}

/** Walks the paths (and a buyer and a collaboration of the brand) and returns "path: word, word" lines. */
export async function englishIn(w, paths) {
  const { page } = w
  const cut = await userData(w)
  const buyer = list((await w.api('GET', '/buyers?limit=1&sort=-gmv_cents_90d')).body)[0]
  const collab = list((await w.api('GET', '/collaborations?limit=1')).body)[0]
  const all = [...paths]
  if (buyer) all.push(`/buyers/${buyer.id}`, `/buyers/${buyer.id}/edit`)
  if (collab) all.push(`/collaborations/${collab.id}`, `/collaborations/${collab.id}/edit`)
  // The server sends a code with every health note: a note without one would be English the app cannot say.
  if (buyer) {
    const h = (await w.api('GET', `/buyers/${buyer.id}/health`)).body
    const bare = (h.factors ?? []).filter((f) => f.note && !f.note_code).map((f) => f.name)
    if (bare.length) throw new Error(`health notes without note_code: ${bare.join(', ')}`)
  }
  const found = []
  for (const p of all) {
    await w.goto(p)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(200)
    const words = await wordsOnPage(page, cut)
    if (words.length) found.push(`${p}: ${words.join(', ')}`)
  }
  return found
}
