// Products, the selection pool, reviews (复盘) and the calendar (排期): the types and calls of issue 15.
import { http } from './endpoints'
import type { CalendarItemOut, CollabStatus, CollabType, Kpis, Metrics, Page, ProductOut, SelectionOut } from './types'

export type ProductStatus = 'active' | 'retired'
export type Decision = 'picked' | 'declined' | 'trial' | 'interested'
export type Side = 'brand' | 'buyer'

/** A catalogue product (generated schema, src/api/types.ts). */
export type Product = ProductOut

export type ProductInput = Partial<Omit<Product, 'id' | 'created_at' | 'updated_at'>>

export interface Performance {
  buyer: { id: number; name: string }
  collaborations: number
  units: number
  gmv_cents: number
  net_gmv_cents: number
  roi: number | null
  last_on: string
}

/** One selection (generated schema, src/api/types.ts). */
export type Selection = SelectionOut

export interface NextAction {
  id?: number
  text: string
  side: Side
  due_on: string | null
  done: boolean
}

export interface Review {
  id: number
  collaboration_id: number
  buyer_id: number
  went_well: string
  to_improve: string
  internal_notes: string
  next_actions: NextAction[]
  shared: boolean
  created_at: string
  updated_at: string
}

export interface ReviewedCollaboration {
  id: number
  type: CollabType
  title: string
  status: CollabStatus
  start_on: string
  metrics: Metrics
  kpis: Kpis
}

export interface BuyerReview extends Review {
  collaboration: ReviewedCollaboration
}

export interface ReviewInput {
  went_well: string
  to_improve: string
  internal_notes: string
  next_actions: NextAction[]
  shared: boolean
}

/** One scheduled session (generated schema). */
export type CalendarItem = CalendarItemOut

export interface Item {
  product_id: number
  units: number
  gmv_cents: number
}

export interface PortalProduct {
  id: number
  name: string
  sku: string
  category: string
  circles: string[]
  image_url: string
  price_cents?: number
  pool_note: string
  decision: Decision | null
}

export interface PortalReview {
  id: number
  collaboration_id: number
  went_well: string
  to_improve: string
  next_actions: NextAction[]
  created_at: string
  collaboration: ReviewedCollaboration
}

export interface PortalAction {
  id: number
  review_id: number
  collaboration_id: number
  collaboration_title: string
  text: string
  due_on: string
}

/** The parts of a portal partnership page that issue 15 adds. */
export interface PortalParts {
  pool: PortalProduct[]
  upcoming: CalendarItem[]
  reviews: PortalReview[]
  open_actions: PortalAction[]
}

export interface DashboardPool {
  pool_unpicked: { id: number; name: string; sku: string; category: string; created_at: string }[]
  awaiting_answers: { selection_id: number; buyer: { id: number; name: string }; product: { id: number; name: string }; reason: string; decided_at: string }[]
}

export const productsApi = {
  list: (q: Record<string, string | number | boolean | undefined>) => http.get<Page<Product>>('/products', q),
  get: (id: number) => http.get<Product>(`/products/${id}`),
  create: (b: ProductInput) => http.post<Product>('/products', b),
  patch: (id: number, b: ProductInput) => http.patch<Product>(`/products/${id}`, b),
  performance: (id: number) => http.get<Performance[]>(`/products/${id}/performance`),
}

export const selectionsApi = {
  list: (buyerId: number) => http.get<Page<Selection>>(`/buyers/${buyerId}/selections`, { limit: 50 }),
  add: (buyerId: number, b: { product_id: number; decision: Decision; reason: string }) =>
    http.post<Selection>(`/buyers/${buyerId}/selections`, b),
  portalSelect: (b: { buyer_id: number; product_id: number; decision: 'interested' | 'declined'; reason: string }) =>
    http.post<Selection>('/portal/selections', b),
}

export const reviewsApi = {
  forBuyer: (buyerId: number) => http.get<BuyerReview[]>(`/buyers/${buyerId}/reviews`),
  ofCollaboration: (collabId: number) => http.get<Review>(`/collaborations/${collabId}/review`),
  create: (collabId: number, b: ReviewInput) => http.post<Review>(`/collaborations/${collabId}/review`, b),
  patch: (id: number, b: Partial<ReviewInput>) => http.patch<Review>(`/reviews/${id}`, b),
}

export const calendarApi = {
  list: (q: { from: string; to: string; buyer_id?: number; owner_id?: number }) => http.get<CalendarItem[]>('/calendar', q),
  newKey: () => http.post<{ key: string; path: string; created_at: string }>('/me/calendar-key'),
}
