// Types of the Huoban API v1 contract (../shared/API.md). Money is integer cents, times RFC 3339, dates YYYY-MM-DD.

export type Role = 'owner' | 'manager' | 'analyst' | 'buyer'
export type Locale = 'zh-CN' | 'en'
export type Stage = 'prospect' | 'trial' | 'partner' | 'core' | 'paused'
export type BuyerStatus = 'active' | 'archived'
export type CollabType = 'livestream' | 'note' | 'shop_window' | 'seeding'
export type CollabStatus = 'planned' | 'in_progress' | 'completed' | 'cancelled'
export type ActivityKind = 'meeting' | 'call' | 'message' | 'sample_sent' | 'training' | 'note'
export type GoalMetric = 'gmv_cents' | 'orders' | 'livestreams' | 'notes' | 'collaborations' | 'custom'
export type GoalStatus = 'active' | 'achieved' | 'missed' | 'cancelled'
export type HealthLabel = 'thriving' | 'steady' | 'at_risk' | 'dormant'

export const STAGES: Stage[] = ['prospect', 'trial', 'partner', 'core', 'paused']
export const COLLAB_TYPES: CollabType[] = ['livestream', 'note', 'shop_window', 'seeding']
export const COLLAB_STATUSES: CollabStatus[] = ['planned', 'in_progress', 'completed', 'cancelled']
export const ACTIVITY_KINDS: ActivityKind[] = ['meeting', 'call', 'message', 'sample_sent', 'training', 'note']
export const GOAL_METRICS: GoalMetric[] = ['gmv_cents', 'orders', 'livestreams', 'notes', 'collaborations', 'custom']

export interface User {
  id: number
  email: string
  name: string
  role: Role
  brand_id: number | null
  locale: Locale
}

export interface Session {
  access_token: string
  refresh_token: string
  expires_in: number
  user: User
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
  total?: number
}

export interface Invite {
  code: string
  role?: Role
  expires_at: string
}

export interface Buyer {
  id: number
  name: string
  xhs_id: string | null
  avatar_url: string
  city: string
  followers: number
  interest_circles: string[]
  categories: string[]
  tags: string[]
  stage: Stage
  status: BuyerStatus
  owner_id: number | null
  commission_pct: number
  contact: { wechat: string; phone: string; email: string }
  notes: string
  stats: {
    collaborations: number
    gmv_cents_total: number
    gmv_cents_90d: number
    last_collaboration_on: string | null
  }
  health: { score: number; label: HealthLabel | '' }
  /** the partner tier (伙伴等级), kept by the server; null when none */
  tier?: { id: number; name: string; rank: number } | null
  created_at: string
  updated_at: string
}

export type BuyerInput = Partial<
  Pick<
    Buyer,
    'name' | 'xhs_id' | 'avatar_url' | 'city' | 'followers' | 'interest_circles' | 'categories' | 'tags' | 'owner_id' | 'commission_pct' | 'contact' | 'notes' | 'stage' | 'status'
  >
>

/** One buyer ranked for a product by GET /buyers/match. */
export interface BuyerMatch {
  buyer: Buyer
  score: number
  reasons: string[]
}

export interface StageChange {
  from: Stage | null
  to: Stage
  reason: string
  by_user_id: number
  at: string
}

export interface Capability {
  id: number
  buyer_id: number
  recorded_on: string
  selection: { skus_per_month: number; categories_covered: number; hit_rate_pct: number; shop_window_items: number }
  livestream: { sessions_per_month: number; avg_minutes: number; avg_viewers: number; peak_viewers: number; avg_gmv_cents: number }
  assessment: string
  recorded_by: number
  created_at: string
}

export interface Activity {
  id: number
  buyer_id: number
  kind: ActivityKind
  summary: string
  occurred_at: string
  follow_up_on: string | null
  done: boolean
  by_user_id: number
}

export interface Metrics {
  views: number
  viewers: number
  clicks: number
  orders: number
  units: number
  gmv_cents: number
  refund_cents: number
  interactions: number
}

export interface Kpis {
  net_gmv_cents: number
  aov_cents: number | null
  conversion_pct: number | null
  gpm_cents: number | null
  commission_cents: number
  total_cost_cents: number
  roi: number | null
}

export interface Collaboration {
  id: number
  buyer_id: number
  type: CollabType
  title: string
  products: string[]
  status: CollabStatus
  start_on: string
  end_on: string | null
  slot_fee_cents: number
  commission_pct: number
  sample_cost_cents: number
  metrics: Metrics
  kpis: Kpis
  brand_rating?: number | null
  shared_feedback: string
  internal_notes?: string
  created_by: number
  created_at: string
  updated_at: string
}

export interface CollaborationInput {
  buyer_id: number
  type: CollabType
  title: string
  products: string[]
  status: CollabStatus
  start_on: string
  end_on: string | null
  slot_fee_cents: number
  commission_pct: number
  sample_cost_cents: number
  metrics: Metrics
  brand_rating: number | null
  shared_feedback: string
  internal_notes: string
}

export interface Goal {
  id: number
  buyer_id: number
  title: string
  metric: GoalMetric
  target: number
  period_start: string
  period_end: string
  progress: { current: number; target: number; pct: number }
  status: GoalStatus
  shared_note: string
  acknowledged_at: string | null
  created_by: number
  created_at: string
  updated_at: string
}

/** PATCH /goals/{id}: status only to cancel or reopen; current only for custom goals. */
export type GoalPatch = Partial<Pick<Goal, 'title' | 'target' | 'period_start' | 'period_end' | 'shared_note'>> & {
  status?: 'active' | 'cancelled'
  current?: number
}

export interface GoalComment {
  id: number
  goal_id: number
  author: { id: number; name: string; role: Role }
  body: string
  created_at: string
}

export interface Milestone {
  id: number
  buyer_id: number
  code: string
  title: string
  achieved_on: string
  source: 'auto' | 'manual'
  collaboration_id: number | null
  note: string
}

export type MilestoneInput = Pick<Milestone, 'title' | 'achieved_on' | 'note'>

export interface Health {
  score: number
  label: HealthLabel
  factors: { name: string; value: number; weight: number; note: string }[]
  trend: { collaboration_id: number; start_on: string; gmv_cents: number }[]
}

export interface Dashboard {
  gmv_cents: number
  gmv_cents_prev: number
  collaborations: number
  active_buyers: number
  by_type: { type: CollabType; count: number; gmv_cents: number }[]
  by_stage: { stage: Stage; count: number }[]
  top_buyers: { buyer_id: number; name: string; gmv_cents: number }[]
  at_risk: { buyer_id: number; name: string; score: number }[]
  follow_ups_due: Activity[]
  goals_ending_soon: Goal[]
  gmv_by_month: { month: string; gmv_cents: number }[]
}

export interface ImportResult {
  created: number
  dry_run: boolean
}

export interface RowError {
  row: number
  field: string
  message: string
}

export interface ApiToken {
  id: number
  name: string
  scope: 'read' | 'write'
  prefix: string
  last_used_at: string | null
  created_at: string
  token?: string
}

export interface Partnership {
  buyer_id: number
  brand: { id: number; name: string }
  stage: Stage
  since: string
}

export interface PartnershipDetail {
  brand: { id: number; name: string }
  stage: Stage
  goals: Goal[]
  milestones: Milestone[]
  collaborations: Collaboration[]
  capabilities: Capability[]
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; rows?: RowError[] }
}

/** A buyer user linked to a buyer record (GET /buyers/{id}/portal-access). */
export interface PortalAccess {
  user_id: number
  name: string
  email: string
  since: string
  suspended: boolean
}

/** An invite that can still be accepted (GET /buyers/{id}/invites, /team/invites); its code is not kept. */
export interface OpenInvite {
  id: number
  role: Role
  email: string
  buyer_id: number | null
  created_by: number
  expires_at: string
  created_at: string
}
