// Contract-shaped answers (API.md) for endpoints that still answer 404, so the screens built for them
// can be seen and screenshotted now. Used only by the "preview" scenario, only where the server says 404.

const day = (offset) => {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return d.toISOString().slice(0, 10)
}

const collab = (id, buyerId, type, title, startOffset, gmv, orders, views, viewers) => ({
  id, buyer_id: buyerId, type, title, products: ['精华'], status: 'completed', start_on: day(startOffset), end_on: day(startOffset),
  slot_fee_cents: 200_000, commission_pct: 20, sample_cost_cents: 30_000,
  metrics: { views, viewers, clicks: 0, orders, units: orders, gmv_cents: gmv, refund_cents: Math.round(gmv * 0.05), interactions: 0 },
  kpis: {
    net_gmv_cents: Math.round(gmv * 0.95), aov_cents: Math.round(gmv / orders),
    conversion_pct: Math.round((orders / (type === 'livestream' ? viewers : views)) * 10000) / 100,
    gpm_cents: Math.round((gmv * 1000) / views), commission_cents: Math.round(gmv * 0.19), total_cost_cents: 230_000 + Math.round(gmv * 0.19),
    roi: Math.round(((gmv * 0.95) / (230_000 + gmv * 0.19)) * 100) / 100,
  },
  shared_feedback: '讲解清楚，节奏很好', created_by: 1, created_at: '', updated_at: '',
})

const goal = (id, buyerId, title, metric, target, current, endOffset, ack) => ({
  id, buyer_id: buyerId, title, metric, target, period_start: day(-60), period_end: day(endOffset),
  progress: { current, target, pct: Math.round((current / target) * 10000) / 100 }, status: current >= target ? 'achieved' : 'active',
  shared_note: '每月复盘一次，一起调整选品', acknowledged_at: ack ? new Date().toISOString() : null, created_by: 1, created_at: '', updated_at: '',
})

export function fixtureFor(pathname, search) {
  const id = Number(/\/buyers\/(\d+)/.exec(pathname)?.[1] ?? new URLSearchParams(search).get('buyer_id') ?? 1)
  const collabs = [
    collab(14, id, 'livestream', '双十一护肤专场', -5, 12_800_000, 860, 90_000, 24_000),
    collab(13, id, 'note', '秋冬精华种草笔记', -24, 2_150_000, 190, 56_000, 0),
    collab(12, id, 'livestream', '国庆露营季直播', -48, 3_900_000, 310, 40_000, 9_800),
    collab(11, id, 'shop_window', '小清单上新', -80, 860_000, 75, 12_000, 0),
  ]
  const goals = [
    goal(21, id, '本季度成交 20 万', 'gmv_cents', 20_000_000, 16_850_000, 10, true),
    goal(22, id, '每月 4 场直播', 'livestreams', 12, 5, 40, false),
  ]
  const routes = [
    [/\/dashboard$/, () => ({
      gmv_cents: 19_710_000, gmv_cents_prev: 15_200_000, collaborations: 23, active_buyers: 14,
      by_type: [
        { type: 'livestream', count: 9, gmv_cents: 12_700_000 }, { type: 'note', count: 8, gmv_cents: 4_100_000 },
        { type: 'shop_window', count: 4, gmv_cents: 2_200_000 }, { type: 'seeding', count: 2, gmv_cents: 710_000 },
      ],
      by_stage: [
        { stage: 'prospect', count: 3 }, { stage: 'trial', count: 5 }, { stage: 'partner', count: 7 }, { stage: 'core', count: 4 }, { stage: 'paused', count: 1 },
      ],
      top_buyers: [
        { buyer_id: id, name: '极简生活Lily', gmv_cents: 6_800_000 }, { buyer_id: id, name: 'Vivi的护肤实验室', gmv_cents: 4_350_000 },
        { buyer_id: id, name: '林小拼', gmv_cents: 2_900_000 },
      ],
      at_risk: [{ buyer_id: id, name: '北漂露营人', score: 31 }, { buyer_id: id, name: '老周的茶', score: 38 }],
      follow_ups_due: [{ id: 1, buyer_id: id, kind: 'call', summary: '确认双十二直播排期', occurred_at: '', follow_up_on: day(0), done: false, by_user_id: 1 }],
      goals_ending_soon: goals.slice(0, 1),
      gmv_by_month: Array.from({ length: 6 }, (_, i) => {
        const d = new Date()
        d.setMonth(d.getMonth() - 5 + i)
        return { month: d.toISOString().slice(0, 7), gmv_cents: [6_200_000, 7_100_000, 5_900_000, 9_800_000, 15_200_000, 19_710_000][i] }
      }),
    })],
    [/\/buyers\/\d+\/health$/, () => ({
      score: 78, label: 'thriving',
      factors: [
        { name: '最近合作', value: 95, weight: 0.25, note: '5 天前' }, { name: '近 90 天频次', value: 80, weight: 0.2, note: '4 次' },
        { name: '成交趋势', value: 70, weight: 0.25, note: '整体上升' }, { name: '目标达成', value: 84, weight: 0.15, note: '' },
        { name: '能力成长', value: 60, weight: 0.15, note: '' },
      ],
      trend: [...collabs].reverse().map((c) => ({ collaboration_id: c.id, start_on: c.start_on, gmv_cents: c.metrics.gmv_cents })),
    })],
    [/\/buyers\/\d+\/capabilities$/, () => [0, 1, 2, 3].map((i) => ({
      id: 40 - i, buyer_id: id, recorded_on: day(-i * 30),
      selection: { skus_per_month: 18 - i * 3, categories_covered: 4, hit_rate_pct: 32 - i * 5, shop_window_items: 40 },
      livestream: { sessions_per_month: 6 - i, avg_minutes: 120, avg_viewers: 4200 - i * 800, peak_viewers: 9000, avg_gmv_cents: 2_000_000 },
      assessment: i === 0 ? '选品眼光稳定，直播节奏明显进步' : '', recorded_by: 1, created_at: '',
    }))],
    [/\/collaborations$/, () => ({ items: collabs, next_cursor: null })],
    [/\/goals$/, () => ({ items: goals, next_cursor: null })],
    [/\/buyers\/\d+\/milestones$/, () => [
      { id: 3, buyer_id: id, code: 'gmv_100k_session', title: '单场成交破 10 万', achieved_on: day(-5), source: 'auto', collaboration_id: 14, note: '' },
      { id: 2, buyer_id: id, code: 'first_livestream', title: '首次直播', achieved_on: day(-48), source: 'auto', collaboration_id: 12, note: '' },
      { id: 1, buyer_id: id, code: 'first_collaboration', title: '首次合作', achieved_on: day(-80), source: 'auto', collaboration_id: 11, note: '从小清单开始' },
    ]],
    [/\/buyers\/\d+\/activities$/, () => [
      { id: 3, buyer_id: id, kind: 'call', summary: '确认双十二直播排期', occurred_at: new Date().toISOString(), follow_up_on: day(0), done: false, by_user_id: 1 },
      { id: 2, buyer_id: id, kind: 'sample_sent', summary: '寄出冬季新品样品 6 件', occurred_at: new Date(Date.now() - 6 * 864e5).toISOString(), follow_up_on: null, done: false, by_user_id: 1 },
      { id: 1, buyer_id: id, kind: 'training', summary: '直播话术培训', occurred_at: new Date(Date.now() - 20 * 864e5).toISOString(), follow_up_on: day(-10), done: true, by_user_id: 1 },
    ]],
  ]
  for (const [re, make] of routes) if (re.test(pathname)) return make()
  return null
}
