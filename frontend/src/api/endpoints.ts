// One typed function per API endpoint the app uses, over the shared client.
import { createClient, type Query } from './client'
import type {
  Activity, ApiToken, AuditEntry, Buyer, BuyerInput, BuyerMatch, CollabType, Capability, Collaboration, CollaborationInput, Dashboard, Goal,
  GoalComment, GoalPatch, Health, ImportResult, Invite, Locale, Milestone, MilestoneInput, OpenInvite, Page, Partnership,
  PartnershipDetail, PortalAccess, Role, Session, Stage, StageChange, User,
} from './types'

/** Fired on window when the refresh token is refused and the user must sign in again. */
export const SIGNED_OUT_EVENT = 'huoban:signed-out'

export const http = createClient({
  onSignedOut: () => window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT)),
})

/** GET a collection as a page: its items and the cursor of the next page (null when it is the last, or a plain array). */
const page = async <T>(path: string, q?: Query, signal?: AbortSignal): Promise<Page<T>> => pageOf(await http.get<Page<T> | T[]>(path, q, signal))

/** GET a collection that is never paged (a plain array, or one page that holds everything). */
const list = async <T>(path: string, q?: Query): Promise<T[]> => (await page<T>(path, q)).items

const anon = <T>(path: string, body: unknown) => http.request<T>('POST', path, { body, anonymous: true })

export const authApi = {
  login: (email: string, password: string) => anon<Session>('/auth/login', { email, password }),
  register: (b: { brand_name: string; name: string; email: string; password: string }) => anon<Session>('/auth/register', b),
  acceptInvite: (b: { code: string; name: string; email: string; password: string }) => anon<Session>('/auth/accept-invite', b),
  logout: (refresh_token: string) => anon<void>('/auth/logout', { refresh_token }),
  me: () => http.get<User>('/me'),
  patchMe: (b: { name?: string; locale?: Locale; password?: string; current_password?: string }) => http.patch<User>('/me', b),
}

export const teamApi = {
  list: () => list<User>('/team'),
  invite: (role: Role, email?: string) => http.post<Invite>('/team/invites', email ? { role, email } : { role }),
  changeRole: (id: number, role: Role) => http.patch<User>(`/team/${id}`, { role }),
  remove: (id: number) => http.del(`/team/${id}`),
}

export const buyersApi = {
  list: (q: Query, signal?: AbortSignal) => page<Buyer>('/buyers', q, signal),
  get: (id: number, signal?: AbortSignal) => http.get<Buyer>(`/buyers/${id}`, undefined, signal),
  create: (b: BuyerInput) => http.post<Buyer>('/buyers', b),
  patch: (id: number, b: BuyerInput) => http.patch<Buyer>(`/buyers/${id}`, b),
  /** Archives the buyer (owner); every collaboration is kept. */
  archive: (id: number) => http.del(`/buyers/${id}`),
  match: (q: { category?: string; circle?: string; type?: CollabType | ''; product_id?: number }) => list<BuyerMatch>('/buyers/match', q),
  moveStage: (id: number, stage: Stage, reason: string) => http.post<Buyer>(`/buyers/${id}/stage`, { stage, reason }),
  stageHistory: (id: number) => list<StageChange>(`/buyers/${id}/stage-history`),
  capabilities: (id: number, q: Query = {}) => page<Capability>(`/buyers/${id}/capabilities`, q),
  addCapability: (id: number, b: Pick<Capability, 'recorded_on' | 'assessment'> & { selection: Partial<Capability['selection']>; livestream: Partial<Capability['livestream']> }) =>
    http.post<Capability>(`/buyers/${id}/capabilities`, b),
  activities: (id: number, q: Query = {}) => page<Activity>(`/buyers/${id}/activities`, q),
  addActivity: (id: number, b: Pick<Activity, 'kind' | 'summary' | 'occurred_at' | 'follow_up_on'>) =>
    http.post<Activity>(`/buyers/${id}/activities`, b),
  milestones: (id: number) => list<Milestone>(`/buyers/${id}/milestones`),
  addMilestone: (id: number, b: MilestoneInput) => http.post<Milestone>(`/buyers/${id}/milestones`, b),
  health: (id: number) => http.get<Health>(`/buyers/${id}/health`),
  invite: (id: number) => http.post<Invite>(`/buyers/${id}/invite`),
  exportCsv: (q: Query) => http.download('/buyers/export.csv', q),
  exportXlsx: (q: Query) => http.download('/buyers/export.xlsx', q),
}

export const activitiesApi = {
  patch: (id: number, b: Partial<Pick<Activity, 'done' | 'follow_up_on' | 'summary'>>) => http.patch<Activity>(`/activities/${id}`, b),
  followUps: (q: Query = {}, signal?: AbortSignal) => page<Activity>('/follow-ups', q, signal),
}

export const collaborationsApi = {
  list: (q: Query, signal?: AbortSignal) => page<Collaboration>('/collaborations', q, signal),
  get: (id: number, signal?: AbortSignal) => http.get<Collaboration>(`/collaborations/${id}`, undefined, signal),
  create: (b: CollaborationInput) => http.post<Collaboration>('/collaborations', b),
  patch: (id: number, b: Partial<CollaborationInput>) => http.patch<Collaboration>(`/collaborations/${id}`, b),
  remove: (id: number) => http.del(`/collaborations/${id}`),
  /** Uploads a CSV or .xlsx file; mapping names the API field of each header the server does not know. */
  import: (file: Blob, o: { dryRun: boolean; xlsx: boolean; mapping?: Record<string, string> }, onProgress: (f: number) => void) =>
    http.upload<ImportResult>(
      '/collaborations/import',
      file,
      { dry_run: o.dryRun, mapping: o.mapping && Object.keys(o.mapping).length ? JSON.stringify(o.mapping) : undefined },
      onProgress,
      o.xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    ),
  template: (kind: 'xlsx' | 'csv') => http.download(`/collaborations/import-template.${kind}`),
  exportCsv: (q: Query) => http.download('/collaborations/export.csv', q),
  exportXlsx: (q: Query) => http.download('/collaborations/export.xlsx', q),
}

export const goalsApi = {
  list: (q: Query) => list<Goal>('/goals', q),
  page: (q: Query, signal?: AbortSignal) => page<Goal>('/goals', q, signal),
  create: (b: Pick<Goal, 'buyer_id' | 'title' | 'metric' | 'target' | 'period_start' | 'period_end' | 'shared_note'>) =>
    http.post<Goal>('/goals', b),
  patch: (id: number, b: GoalPatch) => http.patch<Goal>(`/goals/${id}`, b),
  comments: (id: number) => list<GoalComment>(`/goals/${id}/comments`),
  comment: (id: number, body: string) => http.post<GoalComment>(`/goals/${id}/comments`, { body }),
}

export const dashboardApi = {
  get: (days: number, signal?: AbortSignal) => http.get<Dashboard>('/dashboard', { days }, signal),
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

export const auditApi = {
  /** The audit log pages back by id: the next page is before the last entry shown. */
  list: (q: { entity?: string; entity_id?: number | string; before_id?: number; limit?: number }, signal?: AbortSignal) =>
    http.get<AuditEntry[]>('/audit', q, signal),
}

function pageOf<T>(list: Page<T> | T[]): Page<T> {
  return Array.isArray(list) ? { items: list, next_cursor: null } : { ...list, next_cursor: list.next_cursor ?? null }
}

/** Who can reach the portal, and the invites still open (revoking access). */
export const accessApi = {
  portalAccess: (buyerId: number) => http.get<PortalAccess[]>(`/buyers/${buyerId}/portal-access`),
  endPortalAccess: (buyerId: number) => http.del(`/buyers/${buyerId}/portal-access`),
  buyerInvites: (buyerId: number) => http.get<OpenInvite[]>(`/buyers/${buyerId}/invites`),
  teamInvites: () => http.get<OpenInvite[]>('/team/invites'),
  revokeInvite: (id: number) => http.del(`/invites/${id}`),
}
