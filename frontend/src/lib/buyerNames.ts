// Buyer names for screens whose records carry only a buyer_id (collaborations, follow-ups, goals on the dashboard):
// names the app has seen are remembered; others are fetched once each (GET /buyers/{id}) and shown when they arrive.
import { reactive } from 'vue'
import { buyersApi } from '../api/endpoints'
import { i18n } from '../i18n'

const names = reactive(new Map<number, string>())
const asked = new Set<number>()

/** Remembers names the app already has (a buyers page, a dashboard item with buyer_name). */
export function rememberBuyers(list: { id?: number; buyer_id?: number; name?: string; buyer_name?: string }[]): void {
  for (const b of list) {
    const id = b.buyer_id ?? b.id
    const name = b.buyer_name ?? b.name
    if (id && name) names.set(id, name)
  }
}

/** Fetches the names of buyers not seen yet; failures leave the id shown. */
export function askBuyerNames(ids: Iterable<number>): void {
  for (const id of new Set(ids)) {
    if (!id || names.has(id) || asked.has(id)) continue
    asked.add(id)
    buyersApi.get(id).then((b) => names.set(id, b.name)).catch(() => undefined)
  }
}

/** The buyer's name, or "买手 #12" until it is known. */
export function buyerName(id: number, known?: string | null): string {
  return known || names.get(id) || i18n.global.t('ui.buyerN', { id })
}
