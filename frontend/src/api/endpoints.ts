// One typed function per API endpoint the app uses, over the shared client.
import { createClient, type Query } from './client'
import type {
  Activity, ApiToken, Buyer, BuyerInput, BuyerMatch, CollabType, Capability, Collaboration, CollaborationInput, Dashboard, Goal,
  GoalComment, GoalPatch, Health, ImportResult, Invite, Locale, Milestone, MilestoneInput, OpenInvite, Page, Partnership,
  PartnershipDetail, PortalAccess, Role, Session, Stage, StageChange, User,
} from './types'

/** Fired on window when the refresh token is refused and the user must sign in again. */
export const SIGNED_OUT_EVENT = 'huoban:signed-out'

export const http = createClient({
  onSignedOut: () => window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT)),
})

/** GET a collection that may be a page ({items}) or a plain array; the screens want the items. */
const list = async <T>(path: string, q?: Query): Promise<T[]> => itemsOf(await http.get<Page<T> | T[]>(path, q))

const anon = <T>(path: string, body: unknown) => http.request<T>('POST', path, { body, anonymous: true })

export const authApi = {
  login: (email: string, password: string) => anon<Session>('/auth/login', { email, password }),
  register: (b: { brand_name: string; name: string; email: string; password: string }) => anon<Session>('/auth/register', b),
  acceptInvite: (b: { code: string; name: string; email: string; password: string }) => anon<Session>('/auth/accept-invite', b),
  logout: (refresh_token: string) => anon<void>('/auth/logout', { refresh_token }),
  me: () => http.get<User>('/me'),
  patchMe: (b: { name?: string; locale?: Locale }) => http.patch<User>('/me', b),
}

export const teamApi = {
  list: () => list<User>('/team'),
  invite: (role: Role, email?: string) => http.post<Invite>('/team/invites', email ? { role, email } : { role }),
  changeRole: (id: number, role: Role) => http.patch<User>(`/team/${id}`, { role }),
  remove: (id: number) => http.del(`/team/${id}`),
}

export const buyersApi = {
  list: (q: Query) => http.get<Page<Buyer>>('/buyers', q),
  get: (id: number) => http.get<Buyer>(`/buyers/${id}`),
  create: (b: BuyerInput) => http.post<Buyer>('/buyers', b),
  patch: (id: number, b: BuyerInput) => http.patch<Buyer>(`/buyers/${id}`, b),
  /** Archives the buyer (owner); every collaboration is kept. */
  archive: (id: number) => http.del(`/buyers/${id}`),
  match: (q: { category?: string; circle?: string; type?: CollabType | ''; product_id?: number }) => list<BuyerMatch>('/buyers/match', q),
  moveStage: (id: number, stage: Stage, reason: string) => http.post<Buyer>(`/buyers/${id}/stage`, { stage, reason }),
  stageHistory: (id: number) => list<StageChange>(`/buyers/${id}/stage-history`),
  capabilities: (id: number) => list<Capability>(`/buyers/${id}/capabilities`),
  addCapability: (id: number, b: Pick<Capability, 'recorded_on' | 'assessment'> & { selection: Partial<Capability['selection']>; livestream: Partial<Capability['livestream']> }) =>
    http.post<Capability>(`/buyers/${id}/capabilities`, b),
  activities: (id: number) => list<Activity>(`/buyers/${id}/activities`),
  addActivity: (id: number, b: Pick<Activity, 'kind' | 'summary' | 'occurred_at' | 'follow_up_on'>) =>
    http.post<Activity>(`/buyers/${id}/activities`, b),
  milestones: (id: number) => list<Milestone>(`/buyers/${id}/milestones`),
  addMilestone: (id: number, b: MilestoneInput) => http.post<Milestone>(`/buyers/${id}/milestones`, b),
  health: (id: number) => http.get<Health>(`/buyers/${id}/health`),
  invite: (id: number) => http.post<Invite>(`/buyers/${id}/invite`),
  exportCsv: (q: Query) => http.download('/buyers/export.csv', q),
}

export const activitiesApi = {
  patch: (id: number, b: Partial<Pick<Activity, 'done' | 'follow_up_on' | 'summary'>>) => http.patch<Activity>(`/activities/${id}`, b),
  followUps: (due_before?: string) => list<Activity>('/follow-ups', { due_before }),
}

export const collaborationsApi = {
  list: (q: Query) => http.get<Page<Collaboration>>('/collaborations', q),
  create: (b: CollaborationInput) => http.post<Collaboration>('/collaborations', b),
  import: (csv: Blob, dryRun: boolean, onProgress: (f: number) => void) =>
    http.upload<ImportResult>('/collaborations/import', csv, { dry_run: dryRun }, onProgress),
}

export const goalsApi = {
  list: (q: Query) => list<Goal>('/goals', q),
  create: (b: Pick<Goal, 'buyer_id' | 'title' | 'metric' | 'target' | 'period_start' | 'period_end' | 'shared_note'>) =>
    http.post<Goal>('/goals', b),
  patch: (id: number, b: GoalPatch) => http.patch<Goal>(`/goals/${id}`, b),
  comments: (id: number) => list<GoalComment>(`/goals/${id}/comments`),
  comment: (id: number, body: string) => http.post<GoalComment>(`/goals/${id}/comments`, { body }),
}

export const dashboardApi = {
  get: (days: number) => http.get<Dashboard>('/dashboard', { days }),
}

export const tokensApi = {
  list: () => list<ApiToken>('/tokens'),
  create: (name: string, scope: 'read' | 'write') => http.post<ApiToken>('/tokens', { name, scope }),
  remove: (id: number) => http.del(`/tokens/${id}`),
}

export const portalApi = {
  partnerships: () => list<Partnership>('/portal/partnerships'),
  partnership: (buyerId: number) => http.get<PartnershipDetail>(`/portal/partnerships/${buyerId}`),
  link: (code: string) => http.post<Partnership>('/portal/partnerships', { code }),
  acknowledge: (goalId: number) => http.post<Goal>(`/portal/goals/${goalId}/acknowledge`),
  comments: (goalId: number) => list<GoalComment>(`/portal/goals/${goalId}/comments`),
  comment: (goalId: number, body: string) => http.post<GoalComment>(`/portal/goals/${goalId}/comments`, { body }),
}

function itemsOf<T>(list: Page<T> | T[]): T[] {
  return Array.isArray(list) ? list : list.items
}

/** Who can reach the portal, and the invites still open (revoking access). */
export const accessApi = {
  portalAccess: (buyerId: number) => http.get<PortalAccess[]>(`/buyers/${buyerId}/portal-access`),
  endPortalAccess: (buyerId: number) => http.del(`/buyers/${buyerId}/portal-access`),
  buyerInvites: (buyerId: number) => http.get<OpenInvite[]>(`/buyers/${buyerId}/invites`),
  teamInvites: () => http.get<OpenInvite[]>('/team/invites'),
  revokeInvite: (id: number) => http.del(`/invites/${id}`),
}
