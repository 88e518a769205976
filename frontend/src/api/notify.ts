// Webhooks (owner) and in-app notifications (everyone): types and calls.
import { http } from './endpoints'
import type { DeliveryOut, NotificationOut, Page, WebhookOut } from './types'

export type WebhookFormat = 'standard' | 'feishu' | 'wecom'
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead'

/** A webhook endpoint (generated schema, src/api/types.ts). */
export type Webhook = WebhookOut

export interface WebhookInput {
  url?: string
  events?: string[]
  description?: string
  active?: boolean
  format?: WebhookFormat
  bot_secret?: string
}

/** One delivery (generated schema). */
export type Delivery = DeliveryOut

/** An in-app notification (generated schema). */
export type AppNotification = NotificationOut

/** The event types an endpoint can subscribe to (the contract's list, without ping). */
export const EVENT_TYPES = [
  'buyer.created', 'buyer.updated', 'buyer.stage_changed', 'buyer.archived',
  'collaboration.created', 'collaboration.updated', 'collaboration.deleted', 'collaborations.imported',
  'goal.created', 'goal.updated', 'goal.achieved', 'goal.acknowledged', 'comment.created', 'milestone.reached',
  'plan.proposed', 'plan.agreed', 'commitment.settled', 'review.shared',
] as const

export const webhooksApi = {
  list: async () => (await http.get<Page<Webhook>>('/webhooks', { limit: 200 })).items,
  create: (b: WebhookInput) => http.post<Webhook>('/webhooks', b),
  patch: (id: number, b: WebhookInput) => http.patch<Webhook>(`/webhooks/${id}`, b),
  remove: (id: number) => http.del(`/webhooks/${id}`),
  rotate: (id: number) => http.post<{ secret: string; previous_valid_until: string }>(`/webhooks/${id}/rotate-secret`),
  test: (id: number) => http.post<{ queued: boolean }>(`/webhooks/${id}/test`),
  deliveries: async (id: number) => (await http.get<Page<Delivery>>(`/webhooks/${id}/deliveries`, { limit: 50 })).items,
  retry: (id: number, deliveryId: number) => http.post<Delivery>(`/webhooks/${id}/deliveries/${deliveryId}/retry`),
}

export const notificationsApi = {
  list: (unread: boolean) => http.get<Page<AppNotification>>('/notifications', unread ? { unread: true, limit: 100 } : { limit: 100 }),
  unreadCount: async () => (await http.get<{ count: number }>('/notifications/unread-count')).count,
  read: (ids: number[]) => http.post<{ marked: number }>('/notifications/read', { ids }),
  readAll: () => http.post<{ marked: number }>('/notifications/read', { all: true }),
}
