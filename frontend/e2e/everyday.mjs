// Scenarios of issue 16 (everyday use), run after the demo screenshots, signed in as the demo brand's owner:
// the collaboration page and list, the follow-up inbox, the audit log, the profile, the import with a column
// mapping, the date picker in both languages, and the walk through every screen that finds no English in zh-CN.
import { DESKTOP, PHONE, expect } from './world.mjs'
import { englishIn } from './english.mjs'

const day = (offset) => {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return d.toISOString().slice(0, 10)
}

async function must(w, method, path, body) {
  const r = await w.api(method, path, body)
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** Signs in as the demo owner unless already signed in as someone. */
async function asDemoOwner(w) {
  if (!w.demo) throw new Error('the demo seed did not print its sign-in')
  await w.goto('/')
  await w.page.waitForLoadState('networkidle')
  // earlier scenarios may end signed out or as someone else (the plan scenario's brand): ask the server who this is
  const me = await w.api('GET', '/me')
  if (me.status === 200 && me.body.email === w.demo.email) return
  if (me.status === 200 && (await w.page.locator('[data-test=sign-out]').count())) await w.signOut()
  await w.signIn(w.demo.email, w.demo.password)
  await w.page.waitForLoadState('networkidle')
}

const items = (body) => (Array.isArray(body) ? body : body.items)

export const everydayScenarios = [
  ['collaborations list: filters live in the address and survive a reload; export; cards on a phone', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    await page.getByRole('link', { name: '合作记录', exact: true }).click()
    await page.waitForURL('**/collaborations')
    await page.locator('[data-test=collab-list] tbody tr').first().waitFor()
    await page.selectOption('[data-test=filter-type]', 'livestream')
    await page.waitForURL(/type=livestream/)
    await page.selectOption('[data-test=filter-sort]', '-gmv_cents')
    await page.waitForURL(/sort=-gmv_cents/)
    await page.reload()
    await page.locator('[data-test=collab-list] tbody tr').first().waitFor()
    expect((await page.inputValue('[data-test=filter-type]')) === 'livestream', 'the type filter came back from the address')
    const types = await page.locator('[data-test=collab-list] tbody tr .chip').allTextContents()
    expect(types.length > 0 && types.every((x) => x.trim() === '直播带货'), `only livestreams are listed (${types.join(',')})`)
    const gmv = await page.locator('[data-test=collab-list] tbody tr td:nth-child(5)').allTextContents()
    expect(gmv.every((x) => /^-?¥[\d,.]+(万|亿)?$/.test(x.trim())), `readable money in the list (${gmv.join(' ')})`)
    await w.shot('collaborations-desktop')
    await w.shot('collaborations-phone', PHONE)
    await page.setViewportSize(PHONE)
    await page.locator('[data-test=collab-cards] li').first().waitFor()
    expect((await page.locator('[data-test=collab-list]').isVisible()) === false, 'a phone shows cards, not the table')
    await page.setViewportSize(DESKTOP)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-csv]')])
    const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8')
    expect(csv.includes('livestream') || csv.includes('直播'), 'the export holds the filtered collaborations')
    const xlsx = await w.api('GET', '/collaborations/export.xlsx?type=livestream')
    if (xlsx.status === 404) console.log('      note: GET /collaborations/export.xlsx answers 404 on this server; the Excel download is not checked')
    else {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-xlsx]')])
      expect(dl.suggestedFilename().endsWith('.xlsx'), 'the Excel export downloads an .xlsx')
    }
  }],

  ['a collaboration page: view, mark a planned one completed, edit it, pick a date in the calendar, delete with confirmation', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    const buyer = items(await must(w, 'GET', '/buyers?limit=5&sort=name'))[0]
    const c = await must(w, 'POST', '/collaborations', {
      buyer_id: buyer.id, type: 'livestream', title: '周五晚场直播', products: ['山茶花精华'], status: 'planned',
      start_on: day(-1), end_on: day(-1), slot_fee_cents: 300_000, commission_pct: 20, sample_cost_cents: 0,
      metrics: { views: 30_000, viewers: 9_000, clicks: 1_200, orders: 260, units: 300, gmv_cents: 4_150_000, refund_cents: 50_000, interactions: 800 },
      shared_feedback: '', internal_notes: '首场晚场',
    })
    await w.goto(`/collaborations/${c.id}`)
    await page.locator('[data-test=collab-status]', { hasText: '计划中' }).waitFor()
    await page.locator('[data-test=collab-buyer]', { hasText: buyer.name }).waitFor()
    await page.locator('[data-test=collab-kpis]', { hasText: '¥4.1万' }).waitFor() // net GMV 41,000 yuan, readable
    await w.shot('collaboration-desktop')
    await w.shot('collaboration-phone', PHONE)
    await page.click('[data-test=mark-completed]')
    await page.locator('[data-test=collab-status]', { hasText: '已完成' }).waitFor()
    expect((await must(w, 'GET', `/collaborations/${c.id}`)).status === 'completed', 'the server has it completed')

    await page.click('[data-test=edit-collab]')
    await page.waitForURL(`**/collaborations/${c.id}/edit`)
    await page.waitForFunction(() => document.querySelector('#title')?.value === '周五晚场直播')
    expect((await page.inputValue('#gmv_cents')) === '41500.00', 'money is shown exactly, in yuan, in the form')
    // the calendar follows the UI language: Chinese weekdays and month title
    await page.click('[data-test=end_on-calendar-toggle]')
    const cal = page.locator('#end_on-calendar')
    await cal.waitFor()
    expect((await cal.locator('th').first().textContent()).trim() === '一', 'weeks start on 一 in Chinese')
    expect(/\d{4} 年 \d{1,2} 月/.test(await cal.locator('.calendar-head strong').textContent()), 'the month is titled in Chinese')
    await w.shot('date-picker-desktop')
    await page.keyboard.press('ArrowRight') // a day later, by keyboard
    await page.keyboard.press('Enter')
    expect((await page.inputValue('#end_on')) === day(0), `the calendar picked the day after the start (${await page.inputValue('#end_on')})`)
    await page.fill('#title', '周五晚场直播（复盘后）')
    await page.click('[data-test=collab-form] button[type=submit]')
    await page.waitForURL(`**/collaborations/${c.id}`)
    await page.locator('[data-test=collab-title]', { hasText: '周五晚场直播（复盘后）' }).waitFor()

    await page.click('[data-test=delete-collab]')
    await page.locator('[data-test=delete-dialog]').getByText('周五晚场直播（复盘后）').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-test=delete-dialog]').waitFor({ state: 'detached' })
    expect((await w.api('GET', `/collaborations/${c.id}`)).status === 200, 'Escape deletes nothing')
    await page.click('[data-test=delete-collab]')
    await w.shot('collaboration-delete-desktop')
    await page.click('[data-test=delete-dialog] button[type=submit]')
    await page.waitForURL(`**/buyers/${buyer.id}`)
    expect((await w.api('GET', `/collaborations/${c.id}`)).status === 404, 'the collaboration is gone')
  }],

  ['the date picker follows the UI language in English too', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('link', { name: 'Collaborations', exact: true }).waitFor()
    await w.goto('/collaborations')
    await page.click('[data-test=filter-from-calendar-toggle]')
    const cal = page.locator('#filter-from-calendar')
    await cal.waitFor()
    expect((await cal.locator('th').first().textContent()).trim() === 'Mo', 'weeks start on Mo in English')
    expect((await page.getAttribute('#filter-from', 'placeholder')) === 'YYYY-MM-DD', 'the date field says how to type a date')
    await w.shot('date-picker-en-desktop')
    await cal.locator('button.now').click()
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}/)
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('link', { name: '合作记录', exact: true }).waitFor()
  }],

  ['the board on a phone: the ⋯ menu of a card moves it to another stage', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    await page.setViewportSize(PHONE)
    await w.goto('/board')
    const card = page.locator('[data-stage=prospect] article').first()
    await card.waitFor()
    const name = await card.getAttribute('data-buyer')
    await card.locator('[data-test=card-menu]').click()
    await card.getByRole('menuitem', { name: '移到「试合作」' }).waitFor()
    await w.shot('board-menu-phone', PHONE)
    await page.setViewportSize(PHONE)
    await card.locator('[data-test=card-menu]').click()
    await card.locator('[data-test=card-menu]').click()
    await card.getByRole('menuitem', { name: '移到「试合作」' }).click()
    await page.fill('#stage-reason', '手机上调整')
    await page.press('#stage-reason', 'Enter')
    await page.locator(`[data-stage=trial] [data-buyer="${name}"]`).waitFor()
    await page.setViewportSize(DESKTOP)
  }],

  ['the follow-up inbox: the count in the nav, buyer names, done from the list', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    const buyer = items(await must(w, 'GET', '/buyers?limit=5&sort=name'))[1]
    await must(w, 'POST', `/buyers/${buyer.id}/activities`, {
      kind: 'message', summary: '确认样品签收', occurred_at: new Date(Date.now() - 5 * 864e5).toISOString().replace(/\.\d+Z$/, 'Z'), follow_up_on: day(-2),
    })
    await w.goto('/?days=365') // the period comes from the address; a year draws the monthly chart
    await page.locator('[data-test=follow-up-buyer]').first().waitFor()
    expect((await page.inputValue('.page-head select')) === '365', 'the dashboard period came from the address')
    await page.locator('[data-test=gmv-by-month]').waitFor()
    await w.shot('dashboard-year-desktop')
    const names = await page.locator('[data-test=follow-up-buyer]').allTextContents()
    expect(names.every((n) => n.trim() && !n.includes('#')), `dashboard follow-ups name their buyers (${names.join(',')})`)
    const count = Number((await page.locator('[data-test=follow-up-count]').textContent()).replace('+', ''))
    expect(count >= 1, `the nav counts due follow-ups (${count})`)
    await page.getByRole('link', { name: /^待跟进/ }).first().click()
    await page.waitForURL('**/follow-ups')
    const item = page.locator('[data-test=follow-up-inbox] li', { hasText: '确认样品签收' })
    await item.locator('[data-test=inbox-buyer]', { hasText: buyer.name }).waitFor()
    await item.getByText('逾期 2 天').waitFor()
    await w.shot('follow-ups-desktop')
    await w.shot('follow-ups-phone', PHONE)
    await item.locator('[data-test=inbox-done]').click()
    await item.waitFor({ state: 'detached' })
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-test=follow-up-count]')
      return (el ? Number(el.textContent.replace('+', '')) : 0) === n - 1
    }, count)
  }],

  ['the audit log (owner) and the profile: name, language, password', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    await page.getByRole('link', { name: '操作日志' }).click()
    await page.waitForURL('**/settings/audit')
    await page.locator('[data-test=audit-list] li').first().waitFor()
    await page.selectOption('[data-test=audit-entity]', 'collaboration')
    await page.waitForURL(/entity=collaboration/)
    await page.locator('[data-test=audit-list] li', { hasText: '合作' }).first().waitFor()
    await w.shot('audit-desktop')
    await w.shot('audit-phone', PHONE)

    const me = await must(w, 'GET', '/me')
    await page.click('[data-test=profile-link]')
    await page.waitForURL('**/profile')
    await page.fill('#profile-name', '陈经理（演示）')
    await page.click('[data-test=profile-form] button[type=submit]')
    await page.locator('[data-test=profile-saved]').waitFor()
    await page.locator('[data-test=profile-link]', { hasText: '陈经理（演示）' }).waitFor()
    await page.fill('#current_password', 'not-the-password')
    await page.fill('#password', 'new-demo-pass-1')
    await page.fill('#password-again', 'new-demo-pass-2')
    await page.click('[data-test=password-form] button[type=submit]')
    await page.locator('#password-again-error').getByText('两次输入的新密码不一致').waitFor()
    await page.fill('#password-again', 'new-demo-pass-1')
    await page.click('[data-test=password-form] button[type=submit]')
    await page.locator('#current_password-error').getByText('当前密码不正确').waitFor()
    await w.shot('profile-desktop')
    await w.shot('profile-phone', PHONE)
    await page.fill('#current_password', w.demo.password)
    await page.click('[data-test=password-form] button[type=submit]')
    await page.locator('[data-test=password-saved]').waitFor()
    w.demo.password = 'new-demo-pass-1'
    await w.signOut()
    await w.signIn(w.demo.email, w.demo.password)
    await must(w, 'PATCH', '/me', { name: me.name })
  }],

  ['import: a quoted CSV previews right, unknown headers get a mapping step, row errors are listed', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    const buyer = items(await must(w, 'GET', '/buyers?limit=5&sort=name'))[0]
    await w.goto('/import')
    const csv = `达人号,type,title,status,start_on,gmv_cents\n${buyer.xhs_id},note,"秋冬护肤,第二期",completed,${day(-3)},500000\n`
    await page.setInputFiles('[data-test=csv-file]', { name: '合作.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    const cells = await page.locator('[data-test=preview] tr').nth(1).locator('td').allTextContents()
    expect(cells.includes('秋冬护肤,第二期'), `the quoted title with a comma is one cell (${cells.join(' | ')})`)
    await page.click('[data-test=dry-run]')
    const mapping = page.locator('[data-test=mapping]')
    await mapping.waitFor()
    await page.selectOption('[data-test=mapping] select[data-header="达人号"]', 'buyer_xhs_id')
    await w.shot('import-mapping-desktop')
    await page.click('[data-test=apply-mapping]')
    await page.locator('[data-test=import-result], [data-test=row-errors]').first().waitFor()
    if (await page.locator('[data-test=import-result]').count()) await page.locator('[data-test=import-result]').getByText('1').waitFor()
    else console.log('      note: this server does not take ?mapping= yet; the mapped dry run still reports the header')
    const bad = `buyer_xhs_id,type,title,status,start_on,gmv_cents\n${buyer.xhs_id},note,坏行,completed,${day(3)}x,-5\n`
    await page.setInputFiles('[data-test=csv-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.click('[data-test=dry-run]')
    await page.locator('[data-test=row-errors] tbody tr').first().waitFor()
    await w.shot('import-errors-desktop')
    await w.shot('import-phone', PHONE)
  }],

  ['no English in the zh-CN UI: every screen, outside an allow-list and the brand\'s own data', async (w) => {
    const { page } = w
    await asDemoOwner(w)
    const found = await englishIn(w, [
      '/', '/buyers', '/board', '/collaborations', '/follow-ups', '/match', '/goals', '/import', '/collaborations/new',
      '/settings/team', '/settings/tokens', '/settings/audit', '/profile',
      // the screens main brought: products, the schedule, plans, tiers, webhooks, notifications
      '/products', '/calendar', '/plans', '/settings/tiers', '/settings/webhooks', '/notifications',
    ])
    expect(!found.length, `English words in the zh-CN UI:\n        ${found.join('\n        ')}`)
  }],
]
