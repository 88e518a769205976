// The end-to-end scenarios, run in order against one server; later ones use what earlier ones made.
import { DESKTOP, PHONE, Skip, expect } from './world.mjs'
import { addDemoHistory } from './demo-data.mjs'
import { everydayScenarios } from './everyday.mjs'

const OWNER = { brand: '山茶花测试品牌', name: '林经理', email: 'owner@e2e.test', password: 'correct-horse-1' }
const BUYER_NAME = '小鹿买手'
const today = () => new Date().toISOString().slice(0, 10)

export const scenarios = [
  ['register a brand', async (w) => {
    const { page } = w
    await w.goto('/register')
    await page.fill('#brand_name', OWNER.brand)
    await page.fill('#name', OWNER.name)
    await page.fill('#email', OWNER.email)
    await page.fill('#password', OWNER.password)
    await page.press('#password', 'Enter')
    await page.waitForURL(w.url('/'))
    await page.getByRole('heading', { name: '概览' }).waitFor()
  }],

  ['sign out and sign in', async (w) => {
    await w.signOut()
    await w.page.fill('#email', OWNER.email)
    await w.page.fill('#password', 'wrong-password')
    await w.page.press('#password', 'Enter')
    await w.page.getByText('邮箱或密码不正确').waitFor()
    await w.signIn(OWNER.email, OWNER.password)
    expect(new URL(w.page.url()).pathname === '/', 'staff land on the workspace')
  }],

  ['add a buyer, see it in the list and detail', async (w) => {
    const { page } = w
    await w.goto('/buyers')
    await page.getByText('还没有买手').waitFor()
    await page.getByRole('link', { name: '添加买手' }).first().click()
    await page.waitForURL('**/buyers/new')
    await page.click('button[type=submit]')
    await page.locator('#name-error').waitFor() // validated before sending
    await page.fill('#name', BUYER_NAME)
    await page.fill('#xhs_id', 'xiaolu01')
    await page.fill('#city', '杭州')
    await page.fill('#followers', '32000')
    await page.fill('#circles', '拼豆、露营')
    await page.fill('#categories', '美妆/护肤')
    await page.fill('#commission_pct', '20')
    await page.click('button[type=submit]')
    await page.waitForURL(/\/buyers\/\d+$/)
    w.state.buyerId = Number(new URL(page.url()).pathname.split('/').pop())
    expect((await page.textContent('[data-test=buyer-name]')) === BUYER_NAME, 'detail shows the name')
    await page.getByText('3.2万').first().waitFor()
    await page.click('[data-test=edit-buyer]')
    await page.waitForURL(/\/edit$/)
    await page.waitForFunction(() => document.querySelector('#xhs_id')?.value === 'xiaolu01') // filled from the buyer
    await page.fill('#city', '苏州')
    await page.press('#city', 'Enter')
    await page.waitForURL(/\/buyers\/\d+$/)
    await page.getByText('苏州').first().waitFor()
    await w.goto('/buyers')
    await page.fill('input[type=search]', 'xiaolu')
    await page.locator('[data-test=buyer-list]').getByText(BUYER_NAME).waitFor()
    if ((await w.api('GET', '/buyers/export.csv')).status === 404) {
      console.log('      note: GET /buyers/export.csv answers 404; the CSV download check is skipped')
      return
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export]')])
    const csv = await (await download.createReadStream()).toArray()
    expect(Buffer.concat(csv).toString('utf8').includes(BUYER_NAME), 'the exported CSV lists the buyer')
  }],

  ['move the buyer on the stage board', async (w) => {
    const { page } = w
    await w.goto('/board')
    const card = page.locator(`[data-stage=prospect] [data-buyer="${BUYER_NAME}"]`)
    await card.waitFor()
    await card.dragTo(page.locator('[data-stage=trial]'))
    await page.locator('[data-test=stage-dialog]').waitFor()
    await page.click('[data-test=stage-dialog] button[type=submit]')
    await page.getByText('请写下原因').waitFor() // a reason is required
    await page.fill('#stage-reason', '首场直播表现好')
    await page.press('#stage-reason', 'Enter')
    await page.locator(`[data-stage=trial] [data-buyer="${BUYER_NAME}"]`).waitFor()
    await w.goto(`/buyers/${w.state.buyerId}`)
    await page.locator('[data-test=stage-history]').getByText('首场直播表现好').waitFor()
  }],

  ['switch to English and back', async (w) => {
    const { page } = w
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('link', { name: 'Buyers', exact: true }).waitFor()
    await page.reload()
    await page.getByRole('link', { name: 'Buyers', exact: true }).waitFor() // remembered on the user
    const me = await w.api('GET', '/me')
    expect(me.body.locale === 'en', 'PATCH /me saved the locale')
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('link', { name: '买手', exact: true }).waitFor()
  }],

  ['make and revoke an API token; invite an analyst and accept it', async (w) => {
    const { page } = w
    await w.goto('/settings/team')
    await page.selectOption('#inv-role', 'analyst')
    await page.click('[data-test=invite-form] button[type=submit]')
    const code = (await page.locator('[data-test=code]').textContent()).trim()
    await w.shot('team-desktop')
    await w.goto('/settings/tokens')
    await page.fill('#tok-name', 'BI 报表')
    await page.press('#tok-name', 'Enter')
    const token = (await page.locator('[data-test=code]').textContent()).trim()
    expect(token.startsWith('hb_'), 'the new API token is shown once')
    const viaToken = await fetch(w.url('/api/v1/buyers'), { headers: { Authorization: `Bearer ${token}` } })
    expect(viaToken.status === 200, `the token reads the API (${viaToken.status})`)
    await page.getByRole('button', { name: '撤销' }).click()
    await page.getByText('还没有令牌').waitFor()
    await w.signOut()
    await w.acceptInvite(code, '周分析', 'analyst@e2e.test', 'analyst-pass-1')
    expect(new URL(page.url()).pathname === '/', 'analyst lands on the workspace')
    await page.getByText('周分析').first().waitFor()
    expect((await page.getByRole('link', { name: '记录合作' }).count()) === 0, 'analysts cannot log collaborations')
    await w.goto('/collaborations/new')
    await page.waitForURL(w.url('/')) // nor open the form directly
    await w.goto('/buyers')
    await page.getByText(BUYER_NAME).waitFor()
    await w.signOut()
    await w.signIn(OWNER.email, OWNER.password)
  }],

  ["a manager's day: log a collaboration, see milestone and goal progress, import a CSV", async (w) => {
    const { page } = w
    await w.requireEndpoint('GET', '/collaborations')
    const goal = await w.requireEndpoint('POST', '/goals', {
      buyer_id: w.state.buyerId, title: '本季度成交 5 万', metric: 'gmv_cents', target: 5_000_000,
      period_start: today().slice(0, 8) + '01', period_end: `${new Date().getFullYear() + 1}-12-31`, shared_note: '一起冲刺',
    })
    expect(goal.status === 201, `goal created (${goal.status})`)
    w.state.goalId = goal.body.id
    await w.goto(`/collaborations/new?buyer_id=${w.state.buyerId}`)
    await page.fill('#title', '双十一护肤专场')
    await page.fill('#gmv_cents', '12,345.67')
    await page.fill('#refund_cents', '99999')
    await page.getByText('退款不能大于成交额').waitFor() // validated as you type
    await page.fill('#refund_cents', '345.67')
    await page.fill('#orders', '100')
    await page.fill('#views', '20000')
    await page.fill('#viewers', '5000')
    await page.fill('#slot_fee_cents', '1000')
    await page.locator('[data-test=kpi-net]', { hasText: '¥12,000.00' }).waitFor()
    await w.shot('collaboration-form-desktop')
    await page.click('[data-test=collab-form] button[type=submit]')
    await page.waitForURL(`**/buyers/${w.state.buyerId}`)
    await page.locator('[data-test=collaborations]').getByText('双十一护肤专场').waitFor()
    await page.locator('[data-test=milestones] li').first().waitFor()
    const progress = await page.locator('[data-test=goal-progress]').first().textContent()
    expect(!progress.trim().startsWith('¥0.00'), `goal progress moved (${progress.trim()})`)
    await w.shot('buyer-detail-with-collaboration-desktop')
    await page.getByRole('button', { name: '记录能力' }).click()
    await page.fill('#cap-skus_per_month', '12')
    await page.fill('#cap-hit_rate_pct', '101')
    await page.click('[data-test=capability-form] button[type=submit]')
    await page.locator('#cap-hit_rate_pct-error').waitFor()
    await page.fill('#cap-hit_rate_pct', '25.5')
    await page.fill('#cap-gmv', '8000')
    await page.click('[data-test=capability-form] button[type=submit]')
    await page.locator('[data-test=capability-form]').waitFor({ state: 'detached' })
    await page.locator('[data-test=one-snapshot]').waitFor() // one snapshot draws no chart

    await w.goto('/import')
    const good = `buyer_xhs_id,type,title,status,start_on,gmv_cents,orders,views\nxiaolu01,note,笔记种草,completed,${today()},500000,20,8000\n`
    await page.setInputFiles('[data-test=csv-file]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
    await page.click('[data-test=dry-run]')
    await page.locator('[data-test=import-result]').waitFor()
    const bad = `buyer_xhs_id,type,title,status,start_on,gmv_cents\nnobody,note,x,completed,${today()},-5\n`
    await page.setInputFiles('[data-test=csv-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.click('[data-test=dry-run]')
    await page.locator('[data-test=row-errors]').waitFor()
    await w.shot('import-errors-desktop')
    await page.setInputFiles('[data-test=csv-file]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
    await page.click('[data-test=import]')
    await page.locator('[data-test=import-result]').getByText('1').waitFor()
  }],

  ['edit goals, add a manual milestone, match buyers, finish a follow-up, archive a buyer', async (w) => {
    const { page } = w
    await w.requireEndpoint('GET', '/buyers/match')
    if (!w.state.goalId) throw new Skip('the goal of the manager\'s day was not made')
    const id = w.state.goalId
    const nextYear = `${new Date().getFullYear() + 1}-12-31`
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

    // a manual milestone on the buyer detail: not in the future, then shown with the 手动 marker
    await w.goto(`/buyers/${w.state.buyerId}`)
    await page.click('[data-test=add-milestone]')
    await page.fill('#ms-title', '第一次到工厂选品')
    await page.fill('#ms-date', tomorrow)
    await page.click('[data-test=milestone-form] button[type=submit]')
    await page.locator('#ms-date-error').getByText('达成日期不能晚于今天').waitFor()
    await page.fill('#ms-date', today())
    await page.fill('#ms-note', '带回 3 个新品')
    await page.press('#ms-note', 'Enter')
    await page.locator('[data-test=milestones] li', { hasText: '第一次到工厂选品' }).locator('[data-test=manual-marker]', { hasText: '手动' }).waitFor()

    // the goal from the buyer detail: the server's 422 beside the field, a good edit, cancel and reopen
    const card = page.locator(`[data-goal-id="${id}"]`)
    await card.locator('[data-test=goal-edit]').click()
    await page.fill(`#goal-${id}-title`, '长'.repeat(201))
    await card.locator('[data-test=goal-edit-form] button[type=submit]').click()
    await page.locator(`#goal-${id}-title-error`).waitFor()
    await page.fill(`#goal-${id}-title`, '本季度成交 8 万')
    await page.fill(`#goal-${id}-target`, '80000')
    await page.press(`#goal-${id}-target`, 'Enter')
    await card.getByText('本季度成交 8 万').waitFor()
    await card.locator('[data-test=goal-progress]', { hasText: '¥8万' }).waitFor()
    await card.locator('[data-test=goal-cancel]').click()
    await card.locator('.badge', { hasText: '已取消' }).waitFor()
    await card.locator('[data-test=goal-reopen]').click()
    await card.locator('[data-test=goal-cancel]').waitFor()
    const g = await w.api('GET', `/goals/${id}`)
    expect(g.body.target === 8_000_000 && g.body.status !== 'cancelled', `goal saved and reopened (${g.body.target}, ${g.body.status})`)

    // a custom goal's progress, set on the goals page
    const custom = await w.api('POST', '/goals', {
      buyer_id: w.state.buyerId, title: '上新 20 款', metric: 'custom', target: 20, period_start: today(), period_end: nextYear, shared_note: '',
    })
    expect(custom.status === 201, `custom goal created (${custom.status})`)
    const cid = custom.body.id
    await w.goto('/goals')
    const cc = page.locator(`[data-goal-id="${cid}"]`)
    await page.fill(`#goal-${cid}-current`, '8')
    await page.press(`#goal-${cid}-current`, 'Enter')
    await cc.locator('[data-test=goal-progress]', { hasText: '8 / 20' }).waitFor()
    expect((await page.locator(`[data-goal-id="${id}"] [data-test=goal-current-form]`).count()) === 0, 'only custom goals take a progress')
    await w.shot('goals-edit-desktop')
    await w.shot('goals-phone', PHONE)

    // a due follow-up, marked done on the dashboard
    const act = await w.api('POST', `/buyers/${w.state.buyerId}/activities`, {
      kind: 'call', summary: '回访样品反馈', occurred_at: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'), follow_up_on: today(),
    })
    expect(act.status === 201, `activity created (${act.status})`)
    await w.goto('/')
    const fu = page.locator('[data-test=follow-ups] li', { hasText: '回访样品反馈' })
    await fu.locator('[data-test=follow-up-done]').click()
    await fu.waitFor({ state: 'detached' })
    const acts = await w.api('GET', `/buyers/${w.state.buyerId}/activities`)
    const rows = Array.isArray(acts.body) ? acts.body : acts.body.items
    expect(rows.find((a) => a.id === act.body.id)?.done === true, 'the follow-up is done on the server')

    // 选品匹配 from the nav: ranked cards, an empty state that says what to try, a link to the buyer
    await page.getByRole('link', { name: '选品匹配' }).click()
    await page.waitForURL('**/match')
    await page.fill('#match-category', '美妆')
    await page.press('#match-category', 'Enter')
    const m = page.locator('[data-test=match]', { hasText: BUYER_NAME })
    await m.locator('[data-test=match-score]').waitFor()
    await page.fill('#match-category', '不存在的品类')
    await page.fill('#match-circle', '不存在的圈层')
    await page.press('#match-circle', 'Enter')
    await page.getByText('没有匹配的买手').waitFor()
    await page.fill('#match-category', '美妆/护肤/精华')
    await page.fill('#match-circle', '')
    await page.selectOption('#match-type', 'note')
    await page.press('#match-category', 'Enter')
    await m.getByRole('link').click()
    await page.waitForURL(`**/buyers/${w.state.buyerId}`)

    // archive (owner): the dialog says collaborations are kept; Escape closes it; the list filters by status
    const extra = await w.api('POST', '/buyers', { name: '待归档买手', xhs_id: 'archive01' })
    expect(extra.status === 201, `second buyer created (${extra.status})`)
    await w.goto(`/buyers/${extra.body.id}`)
    await page.click('[data-test=archive-buyer]')
    await page.locator('[data-test=archive-dialog]').getByText('所有合作记录').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-test=archive-dialog]').waitFor({ state: 'detached' })
    await page.click('[data-test=archive-buyer]')
    await w.shot('archive-dialog-desktop')
    await page.click('[data-test=archive-dialog] button[type=submit]')
    await page.locator('[data-test=archived-note]').waitFor()
    await w.goto('/buyers')
    const list = page.locator('[data-test=buyer-list]')
    await list.getByText(BUYER_NAME).waitFor()
    expect((await list.getByText('待归档买手').count()) === 0, 'archived buyers leave the default list')
    await page.selectOption('[data-test=status-filter]', 'archived')
    await list.getByText('待归档买手').waitFor()
    expect((await list.getByText(BUYER_NAME).count()) === 0, 'the archived list shows only archived buyers')
    await page.selectOption('[data-test=status-filter]', 'all')
    await list.getByText(BUYER_NAME).waitFor()
  }],

  ["a buyer's day: accept the invite, see the shared goal, acknowledge, comment", async (w) => {
    const { page } = w
    const inv = await w.requireEndpoint('POST', `/buyers/${w.state.buyerId}/invite`)
    expect(inv.status === 201, `buyer invite made (${inv.status})`)
    if (!w.state.goalId) {
      const goal = await w.requireEndpoint('POST', '/goals', {
        buyer_id: w.state.buyerId, title: '本季度 10 场直播', metric: 'livestreams', target: 10,
        period_start: today(), period_end: `${new Date().getFullYear() + 1}-12-31`, shared_note: '',
      })
      w.state.goalId = goal.body.id
    }
    await w.signOut()
    await w.acceptInvite(inv.body.code, '小鹿', 'buyer@e2e.test', 'buyer-pass-1')
    await page.waitForURL('**/portal')
    await page.locator('[data-test=partnerships] a').first().click()
    await page.locator('[data-test=goal]').first().waitFor()
    await page.click('[data-test=acknowledge]')
    await page.getByText('买手已确认').first().waitFor()
    await page.fill(`#comment-${w.state.goalId}`, '收到，我们一起努力！')
    await page.press(`#comment-${w.state.goalId}`, 'Enter')
    await page.locator('[data-test=comments]').getByText('收到，我们一起努力！').waitFor()
    await w.shot('portal-phone', PHONE)
    await w.signOut()
  }],

  ['screenshots of a demo brand with half a year of history (desktop and phone, no overflow at 390 px)', async (w) => {
    const { page } = w
    if (!w.demo) throw new Error('the demo seed did not print its sign-in')
    await w.goto('/buyers')
    if (await page.locator('[data-test=sign-out]').count()) await w.signOut()
    await w.goto('/signin')
    await w.shot('signin-phone', PHONE)
    await w.signIn(w.demo.email, w.demo.password)
    const star = await addDemoHistory(w)
    await w.goto('/')
    await page.locator('.stats-row').waitFor()
    await page.waitForLoadState('networkidle')
    await w.shot('dashboard-desktop')
    await w.shot('dashboard-phone', PHONE)
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await page.waitForTimeout(300)
    await w.shot('dashboard-en-desktop')
    await page.click('[data-test=locale-toggle]')
    await page.getByRole('heading', { name: '概览' }).waitFor()
    await w.goto('/buyers')
    await page.locator('[data-test=buyer-list] li').first().waitFor()
    await w.shot('buyers-desktop')
    await w.shot('buyers-phone', PHONE)
    await w.goto('/board')
    await page.locator('[data-test=board] article').first().waitFor()
    await w.shot('board-desktop')
    await w.shot('board-phone', PHONE)
    await w.goto(`/buyers/${star.id}`)
    await page.locator('[data-test=milestones]').waitFor()
    await page.waitForLoadState('networkidle')
    await w.shot('buyer-detail-desktop')
    await page.setViewportSize({ width: 1280, height: 2100 })
    await page.waitForTimeout(400)
    await page.screenshot({ path: `${w.shotsDir}/buyer-detail-full-desktop.png` })
    w.shots.push('buyer-detail-full-desktop.png')
    await w.shot('buyer-detail-phone', PHONE)
    await w.goto('/goals')
    await page.locator('[data-test=goal]').first().waitFor()
    await w.shot('goals-desktop')
    await w.goto('/match')
    await page.click('[data-test=match-form] button[type=submit]')
    await page.locator('[data-test=match]').first().waitFor()
    await w.shot('match-desktop')
    await w.shot('match-phone', PHONE)
    await w.goto('/collaborations/new')
    await page.waitForLoadState('networkidle')
    await w.shot('collaboration-form-phone', PHONE)
    await page.setViewportSize(DESKTOP)
  }],
  // Issue 16: the screens people miss, Chinese throughout (e2e/everyday.mjs).
  ...everydayScenarios,
]
