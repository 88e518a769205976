// The demo brand comes from `huoban seed --demo` with half a year of history (collaborations of every
// type, growing capability snapshots, goals met and missed, milestones, follow-ups), so the screenshots
// show what a fresh clone shows. This only picks the buyer whose detail page is worth a screenshot.

async function must(w, method, path, body) {
  const r = await w.api(method, path, body)
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** Returns the demo's strongest core partner (the most GMV in the last 90 days). */
export async function addDemoHistory(w) {
  const items = (await must(w, 'GET', '/buyers?stage=core&sort=-gmv_cents_90d&limit=1')).items
  if (!items.length) throw new Error('the demo seed made no core partner')
  return items[0]
}
