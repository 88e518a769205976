// Partnership plans, the promises ledger, handover and partner tiers (issue 14): types and endpoints.
import { http } from './endpoints'
import type { Query } from './client'
import type { Activity, CommitmentOut, Page, PartnershipDetail, PlanOut, TierOut } from './types'

export type PlanStatus = 'draft' | 'proposed' | 'agreed' | 'closed' | 'withdrawn'
export type Side = 'brand' | 'buyer'
export type CommitmentStatus = 'open' | 'kept' | 'missed' | 'waived'

export const PLAN_STATUSES: PlanStatus[] = ['draft', 'proposed', 'agreed', 'closed', 'withdrawn']
/** The kinds each side may promise, as the server checks them. */
export const COMMITMENT_KINDS: Record<Side, string[]> = {
  brand: ['exclusive_price', 'priority_stock', 'samples', 'training', 'co_marketing', 'slot_budget', 'custom'],
  buyer: ['livestreams', 'notes', 'new_category', 'custom'],
}

/** One promise of a plan (generated schema, src/api/types.ts). */
export type Commitment = CommitmentOut

/** A plan (generated schema). */
export type Plan = PlanOut

export interface CommitmentInput {
  id?: number
  side: Side
  kind: string
  description: string
  due_on?: string
}

export interface PlanInput {
  buyer_id?: number
  title?: string
  period_start?: string
  period_end?: string
  goal_ids?: number[]
  commitments?: CommitmentInput[]
}

export interface SideCounts {
  kept: number
  missed: number
  waived: number
  /** includes overdue */
  open: number
  overdue: number
}

export interface LedgerItem extends Commitment {
  plan_title: string
  plan_status: PlanStatus
}

export interface Ledger {
  brand: SideCounts
  buyer: SideCounts
  items: LedgerItem[]
}

export interface PlanComment {
  id: number
  plan_id: number
  author: { id: number | null; name: string; role: string }
  body: string
  created_at: string
}

export interface TierCriteria {
  gmv_cents_90d: number
  completed_90d: number
  promises_kept_pct: number
}

/** A partner tier (generated schema, src/api/types.ts). */
export type Tier = TierOut

export interface TierRef {
  id: number
  name: string
  rank: number
}

export interface HandoverSnapshot {
  from_user_id: number | null
  from_name: string
  /** who made the handover */
  by_name: string
  to_user_id: number
  to_name: string
  note: string
  health: { score: number; label: string }
  open_commitments: (Pick<Commitment, 'id' | 'plan_id' | 'side' | 'kind' | 'description' | 'due_on' | 'overdue'> & { plan_title: string })[]
  follow_ups: { id: number; kind: string; summary: string; follow_up_on: string }[]
  goals: { id: number; title: string; metric: string; current: number; target: number; pct: number; period_end: string }[]
  collaborations: {
    id: number
    type: string
    title: string
    status: string
    start_on: string
    gmv_cents: number
    kpis: { net_gmv_cents: number; roi: number | null; conversion_pct: number | null }
  }[]
}

export type HandoverActivity = Omit<Activity, 'kind'> & { kind: string; snapshot?: HandoverSnapshot }

export interface Candidate {
  id: number
  name: string
  role: string
}

export interface GoalPace {
  needed_per_week: number
  projected_on: string | null
}

/** The portal's partnership page with the second round's parts. */
export interface PartnershipDetail2 extends Omit<PartnershipDetail, 'goals'> {
  goals: (PartnershipDetail['goals'][number] & { pace: GoalPace })[]
  tier: (TierRef & { benefits: string[] }) | null
  next_tier: { name: string; rank: number; benefits: string[]; missing: TierCriteria } | null
  earnings: { commission_cents_90d: number; commission_cents_total: number }
  plans: Plan[]
  promises: Ledger
}

const items = <T>(p: Page<T>) => p.items

export const plansApi = {
  list: (q: Query) => http.get<Page<Plan>>('/plans', q).then(items),
  get: (id: number) => http.get<Plan>(`/plans/${id}`),
  create: (b: PlanInput) => http.post<Plan>('/plans', b),
  patch: (id: number, b: PlanInput) => http.patch<Plan>(`/plans/${id}`, b),
  move: (id: number, move: 'propose' | 'agree' | 'close' | 'withdraw') => http.post<Plan>(`/plans/${id}/${move}`),
  comments: (id: number) => http.get<PlanComment[]>(`/plans/${id}/comments`),
  comment: (id: number, body: string) => http.post<PlanComment>(`/plans/${id}/comments`, { body }),
  settle: (id: number, b: { status: CommitmentStatus; settled_on?: string; note?: string }) => http.patch<Commitment>(`/commitments/${id}`, b),
  ledger: (buyerId: number) => http.get<Ledger>(`/buyers/${buyerId}/promises`),
  handover: (buyerId: number, b: { to_user_id: number; note: string }) => http.post<HandoverActivity>(`/buyers/${buyerId}/handover`, b),
  pendingHandover: (buyerId: number) => http.get<{ pending: HandoverActivity | null }>(`/buyers/${buyerId}/handover`),
  candidates: (buyerId: number) => http.get<Candidate[]>(`/buyers/${buyerId}/handover/candidates`),
  /** A handover is dismissed by marking its activity done. */
  dismiss: (activityId: number) => http.patch<Activity>(`/activities/${activityId}`, { done: true }),
}

export const tiersApi = {
  list: () => http.get<Tier[]>('/tiers'),
  create: (b: Omit<Tier, 'id'>) => http.post<Tier>('/tiers', b),
  patch: (id: number, b: Partial<Omit<Tier, 'id'>>) => http.patch<Tier>(`/tiers/${id}`, b),
  remove: (id: number) => http.del(`/tiers/${id}`),
}

export const portalPlansApi = {
  partnership: (buyerId: number) => http.get<PartnershipDetail2>(`/portal/partnerships/${buyerId}`),
  agree: (id: number) => http.post<Plan>(`/portal/plans/${id}/agree`),
  comments: (id: number) => http.get<PlanComment[]>(`/portal/plans/${id}/comments`),
  comment: (id: number, body: string) => http.post<PlanComment>(`/portal/plans/${id}/comments`, { body }),
  reportKept: (id: number, note?: string) => http.patch<Commitment>(`/portal/commitments/${id}`, note ? { status: 'kept', note } : { status: 'kept' }),
}
