// Gives the seeded demo brand (buyers only) half a year of history through the API, so screenshots show
// real server numbers: collaborations, capability snapshots, goals and activities.

const day = (offset) => {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return d.toISOString().slice(0, 10)
}

const TYPES = ['livestream', 'note', 'livestream', 'shop_window', 'seeding']
const TITLES = ['冬季护肤专场', '新品种草笔记', '周末露营直播', '小清单上新', '寄样试用']

async function must(w, method, path, body) {
  const r = await w.api(method, path, body)
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** Adds the history; returns the buyer whose detail page is worth a screenshot. */
export async function addDemoHistory(w) {
  const buyers = (await must(w, 'GET', '/buyers?limit=50&sort=name')).items
  const picked = buyers.slice(0, 7)
  for (const [i, b] of picked.entries()) {
    for (let k = 0; k < 5 - (i % 3); k++) {
      const type = TYPES[(i + k) % TYPES.length]
      const gmv = Math.round((i + 2) * 420_000 * (1 + (4 - k) * 0.35))
      const orders = Math.max(1, Math.round(gmv / 16_000))
      await must(w, 'POST', '/collaborations', {
        buyer_id: b.id, type, title: TITLES[(i + k) % TITLES.length], products: ['山茶花精华'], status: 'completed',
        start_on: day(-(k * 32 + i * 4 + 2)), end_on: day(-(k * 32 + i * 4 + 2)),
        slot_fee_cents: type === 'livestream' ? 200_000 : 0, commission_pct: b.commission_pct, sample_cost_cents: 20_000,
        metrics: { views: orders * 90, viewers: orders * 30, clicks: orders * 6, orders, units: orders, gmv_cents: gmv, refund_cents: Math.round(gmv * 0.04), interactions: orders * 12 },
        shared_feedback: k === 0 ? '讲解清楚，节奏很好，下次可以多留时间答疑' : '',
      })
    }
  }
  const star = picked[0]
  for (const [k, offset] of [-120, -80, -40, -3].entries()) {
    await must(w, 'POST', `/buyers/${star.id}/capabilities`, {
      recorded_on: day(offset),
      selection: { skus_per_month: 8 + k * 4, categories_covered: 2 + k, hit_rate_pct: 12 + k * 7, shop_window_items: 20 + k * 10 },
      livestream: { sessions_per_month: 2 + k, avg_minutes: 90 + k * 10, avg_viewers: 1200 + k * 900, peak_viewers: 3000 + k * 2000, avg_gmv_cents: 900_000 + k * 600_000 },
      assessment: k === 3 ? '选品眼光稳定，直播节奏明显进步' : '',
    })
  }
  await must(w, 'POST', '/goals', {
    buyer_id: star.id, title: '本季度成交 20 万', metric: 'gmv_cents', target: 20_000_000,
    period_start: day(-75), period_end: day(10), shared_note: '每月复盘一次，一起调整选品',
  })
  await must(w, 'POST', '/goals', {
    buyer_id: star.id, title: '每月 4 场直播', metric: 'livestreams', target: 12, period_start: day(-60), period_end: day(30), shared_note: '',
  })
  await must(w, 'POST', '/goals', {
    buyer_id: picked[1].id, title: '笔记带货 10 篇', metric: 'notes', target: 10, period_start: day(-90), period_end: day(5), shared_note: '',
  })
  const now = Date.now()
  const at = (daysAgo) => new Date(now - daysAgo * 864e5).toISOString().replace(/\.\d+Z$/, 'Z')
  await must(w, 'POST', `/buyers/${star.id}/activities`, { kind: 'training', summary: '直播话术培训', occurred_at: at(20), follow_up_on: day(-10), done: true })
  await must(w, 'POST', `/buyers/${star.id}/activities`, { kind: 'sample_sent', summary: '寄出冬季新品样品 6 件', occurred_at: at(6) })
  await must(w, 'POST', `/buyers/${star.id}/activities`, { kind: 'call', summary: '确认双十二直播排期', occurred_at: at(0), follow_up_on: day(0) })
  return star
}
