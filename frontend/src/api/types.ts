// Types of the Huoban API v1, generated from the server's OpenAPI document (schema.d.ts, `npm run gen:types`;
// a Go test and a unit test fail when the document, the generated file and the server drift apart).
// Here the generated response schemas get their enums and their always-set dates narrowed, and the request
// bodies the app sends are derived from them. Money is integer cents, times RFC 3339, dates YYYY-MM-DD.
import type { components } from './schema'

type S = components['schemas']
/** T with the members of O replaced: O narrows what the document states loosely (enums, dates that are always set). */
type Narrow<T, O> = Omit<T, keyof O> & O

export type Role = 'owner' | 'manager' | 'analyst' | 'buyer'
export type Locale = 'zh-CN' | 'en'
export type Stage = 'prospect' | 'trial' | 'partner' | 'core' | 'paused'
export type BuyerStatus = 'active' | 'archived'
export type CollabType = 'livestream' | 'note' | 'shop_window' | 'seeding'
export type CollabStatus = 'planned' | 'in_progress' | 'completed' | 'cancelled'
export type ActivityKind = 'meeting' | 'call' | 'message' | 'sample_sent' | 'training' | 'note'
export type GoalMetric = 'gmv_cents' | 'orders' | 'livestreams' | 'notes' | 'collaborations' | 'custom'
export type GoalStatus = 'active' | 'achieved' | 'missed' | 'cancelled'
export type HealthLabel = 'thriving' | 'steady' | 'at_risk' | 'dormant' | 'new'

export const STAGES: Stage[] = ['prospect', 'trial', 'partner', 'core', 'paused']
export const COLLAB_TYPES: CollabType[] = ['livestream', 'note', 'shop_window', 'seeding']
export const COLLAB_STATUSES: CollabStatus[] = ['planned', 'in_progress', 'completed', 'cancelled']
export const ACTIVITY_KINDS: ActivityKind[] = ['meeting', 'call', 'message', 'sample_sent', 'training', 'note']
export const GOAL_METRICS: GoalMetric[] = ['gmv_cents', 'orders', 'livestreams', 'notes', 'collaborations', 'custom']

export type User = Narrow<S['UserResponse'], { role: Role; locale: Locale }>
export type Session = Narrow<S['SessionResponse'], { user: User }>

/** One page of a list: its items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[]
  next_cursor: string | null
  total?: number | null
}

export type Invite = Pick<S['InviteResponse'], 'code' | 'expires_at'> & { role?: Role }

export type Buyer = Narrow<
  S['BuyerResponse'],
  {
    stage: Stage
    status: BuyerStatus
    health: { score: number; label: HealthLabel | '' }
    /** the partner tier (伙伴等级), kept by the server; null when none */
    tier?: { id: number; name: string; rank: number } | null
  }
>

export type BuyerInput = Partial<
  Pick<
    Buyer,
    'name' | 'xhs_id' | 'avatar_url' | 'city' | 'followers' | 'interest_circles' | 'categories' | 'tags' | 'owner_id' | 'commission_pct' | 'contact' | 'notes' | 'stage' | 'status'
  >
>

/** One buyer ranked for a product by GET /buyers/match. */
export type BuyerMatch = Narrow<S['MatchResponse'], { buyer: Buyer }>

export type StageChange = Narrow<S['StageChangeResponse'], { from: Stage | null; to: Stage }>

export type Capability = Narrow<S['CapabilityResponse'], { recorded_on: string }>

export type Activity = Narrow<S['ActivityResponse'], { kind: ActivityKind }> & {
  /** the buyer's name, on dashboard and follow-up items once the server sends it */
  buyer_name?: string
}

export type Metrics = S['MetricsBody']
export type Kpis = S['KPIs']

export type Collaboration = Narrow<
  S['CollaborationResponse'],
  { type: CollabType; status: CollabStatus; start_on: string; brand_rating?: number | null; internal_notes?: string }
>

/** The POST /collaborations body; PATCH takes any part of it. */
export type CollaborationInput = Pick<
  Collaboration,
  'buyer_id' | 'type' | 'title' | 'products' | 'status' | 'start_on' | 'end_on' | 'slot_fee_cents' | 'commission_pct' | 'sample_cost_cents' | 'metrics' | 'shared_feedback'
> & { brand_rating: number | null; internal_notes: string }

export type Goal = Narrow<S['GoalResponse'], { metric: GoalMetric; status: GoalStatus; period_start: string; period_end: string }> & {
  buyer_name?: string
}

/** PATCH /goals/{id}: status only to cancel or reopen; current only for custom goals. */
export type GoalPatch = Partial<Pick<Goal, 'title' | 'target' | 'period_start' | 'period_end' | 'shared_note'>> & {
  status?: 'active' | 'cancelled'
  current?: number
}

export type GoalComment = Narrow<S['CommentResponse'], { author: { id: number; name: string; role: Role } }>

export type Milestone = Narrow<S['MilestoneResponse'], { achieved_on: string; source: 'auto' | 'manual' }>

export type MilestoneInput = Pick<Milestone, 'title' | 'achieved_on' | 'note'>

/** A health factor; note_code and note_params let the app say the note in the UI's language. */
export type HealthFactor = S['Factor'] & { note_code?: string; note_params?: Record<string, string | number> }

export type Health = Narrow<S['Health'], { label: HealthLabel; factors: HealthFactor[]; trend: { collaboration_id: number; start_on: string; gmv_cents: number }[] }>

export type Dashboard = Narrow<
  S['DashboardResponse'],
  {
    by_type: { type: CollabType; count: number; gmv_cents: number }[]
    by_stage: { stage: Stage; count: number }[]
    follow_ups_due: Activity[]
    goals_ending_soon: Goal[]
    from: string
    to: string
  }
>

export type ImportResult = S['ImportResult']

/** A problem the server found, with a code and parameters to say it in the UI's language. */
export interface Problem {
  code: string
  params?: Record<string, unknown>
}

/** One problem of an import, by row (row 1 is the header line) and field. */
export interface RowError {
  row: number
  field: string
  message: string
  code?: string
  params?: Record<string, unknown>
}

export type ApiToken = Narrow<S['TokenResponse'], { scope: 'read' | 'write'; token?: string }>

export type AuditEntry = Narrow<S['AuditResponse'], { changes: Record<string, unknown> | null }>

export type Partnership = Narrow<S['PartnershipResponse'], { stage: Stage }>

export type PortalCollaboration = Narrow<S['PortalCollaboration'], { type: CollabType; status: CollabStatus; start_on: string }>

export type PartnershipDetail = Narrow<
  S['PartnershipDetail'],
  { stage: Stage; goals: Goal[]; milestones: Milestone[]; collaborations: PortalCollaboration[]; capabilities: (S['PortalCapability'] & { recorded_on: string })[] }
>

export interface ErrorBody {
  error: {
    code: string
    message: string
    fields?: Record<string, string>
    details?: Record<string, Problem>
    rows?: RowError[]
  }
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

// Later features' answers (issues 13–15), narrowed from the generated schema as the rest of this file is;
// src/api/notify.ts, products15.ts and plans.ts name them for their screens.
/** A webhook endpoint; the secret only in the answer that creates it. */
export type WebhookOut = Narrow<S['WebhookResponse'], { format: 'standard' | 'feishu' | 'wecom' }> & { secret?: string }
/** One delivery of an event to an endpoint. */
export type DeliveryOut = Narrow<S['DeliveryResponse'], { status: 'pending' | 'delivered' | 'failed' | 'dead' }>
/** An in-app notification. */
export type NotificationOut = S['NotificationResponse']
/** A catalogue product. */
export type ProductOut = Narrow<S['ProductResponse'], { status: 'active' | 'retired' }>
/** A partner tier (伙伴等级). */
export type TierOut = S['TierResponse']
type PlanSide = 'brand' | 'buyer'
/** One promise of a plan. */
// models.Date is null when zero; a promise always has its due date (required on write)
export type CommitmentOut = Narrow<S['CommitmentResponse'], { side: PlanSide; status: 'open' | 'kept' | 'missed' | 'waived'; settled_by: PlanSide | null; due_on: string }>
/** A partnership plan with its promises. */
export type PlanOut = Narrow<S['PlanResponse'], { status: 'draft' | 'proposed' | 'agreed' | 'closed' | 'withdrawn'; commitments: CommitmentOut[] }>
/** One session on the livestream schedule. */
// a collaboration always has its start date (required on write)
export type CalendarItemOut = Narrow<S['CalendarItemResponse'], { type: CollabType; status: CollabStatus; start_on: string }>
/** One entry of a buyer's selection log. */
export type SelectionOut = Narrow<S['SelectionResponse'], { decision: 'picked' | 'declined' | 'trial' | 'interested'; by: PlanSide }>

