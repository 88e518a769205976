// Routes, and the guard that sends buyers to the portal, staff to the workspace and strangers to sign in.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { homeFor, restore, session } from './auth/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    buyer?: boolean
    owner?: boolean
    /** needs a role that may write (owner or manager) */
    write?: boolean
    /** open to buyers as well as staff */
    staffOrBuyer?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/signin', component: () => import('./views/SignInView.vue'), meta: { public: true } },
  { path: '/register', component: () => import('./views/RegisterView.vue'), meta: { public: true } },
  { path: '/accept-invite', component: () => import('./views/AcceptInviteView.vue'), meta: { public: true } },
  { path: '/', component: () => import('./views/DashboardView.vue') },
  { path: '/buyers', component: () => import('./views/BuyersView.vue') },
  { path: '/buyers/new', component: () => import('./views/BuyerFormView.vue'), meta: { write: true } },
  {
    path: '/buyers/:id(\\d+)/edit',
    component: () => import('./views/BuyerFormView.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { write: true },
  },
  { path: '/buyers/:id(\\d+)', component: () => import('./views/BuyerDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
  { path: '/board', component: () => import('./views/BoardView.vue') },
  { path: '/collaborations/new', component: () => import('./views/CollaborationNewView.vue'), meta: { write: true } },
  { path: '/import', component: () => import('./views/ImportView.vue'), meta: { write: true } },
  { path: '/match', component: () => import('./views/MatchView.vue') },
  { path: '/goals', component: () => import('./views/GoalsView.vue') },
  { path: '/products', component: () => import('./views/ProductsView.vue') },
  { path: '/calendar', component: () => import('./views/CalendarView.vue') },
  { path: '/settings/team', component: () => import('./views/TeamView.vue'), meta: { owner: true } },
  { path: '/settings/tokens', component: () => import('./views/TokensView.vue'), meta: { owner: true } },
  // Issue 16: the screens people need to reach.
  { path: '/collaborations', component: () => import('./views/CollaborationsView.vue') },
  {
    path: '/collaborations/:id(\\d+)',
    component: () => import('./views/CollaborationView.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
  },
  {
    path: '/collaborations/:id(\\d+)/edit',
    component: () => import('./views/CollaborationNewView.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { write: true },
  },
  { path: '/follow-ups', component: () => import('./views/FollowUpsView.vue') },
  { path: '/settings/audit', component: () => import('./views/AuditView.vue'), meta: { owner: true } },
  { path: '/profile', component: () => import('./views/ProfileView.vue'), meta: { staffOrBuyer: true } },
  { path: '/portal', component: () => import('./views/PortalView.vue'), meta: { buyer: true } },
  {
    path: '/portal/:buyerId(\\d+)',
    component: () => import('./views/PortalPartnershipView.vue'),
    props: (r) => ({ buyerId: Number(r.params.buyerId) }),
    meta: { buyer: true },
  },
  { path: '/settings/webhooks', component: () => import('./views/WebhooksView.vue'), meta: { owner: true } },
  { path: '/notifications', component: () => import('./views/NotificationsView.vue') },
  { path: '/portal/notifications', component: () => import('./views/NotificationsView.vue'), meta: { buyer: true } },
  // Partnership plans and partner tiers (issue 14).
  { path: '/plans', component: () => import('./views/PlansView.vue') },
  { path: '/settings/tiers', component: () => import('./views/TiersView.vue'), meta: { owner: true } },
  { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { public: true } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  await restore()
  const user = session.user
  if (to.meta.public) {
    if (user && to.path !== '/accept-invite' && to.matched[0]?.path !== '/:rest(.*)*') return homeFor(user)
    return true
  }
  if (!user) return { path: '/signin', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  if (user.role === 'buyer' && !to.meta.buyer && !to.meta.staffOrBuyer) return '/portal'
  if (user.role !== 'buyer' && to.meta.buyer) return '/'
  if (to.meta.owner && user.role !== 'owner') return '/'
  if (to.meta.write && user.role === 'analyst') return '/'
  return true
})
