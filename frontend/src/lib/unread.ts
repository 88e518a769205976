// The signed-in user's unread notification count, shared by the bell and the list.
import { ref } from 'vue'
import { notificationsApi } from '../api/notify'

export const unread = ref(0)

/** Reloads the count; a failure keeps the last one (the bell is not worth an error). */
export async function refreshUnread(): Promise<void> {
  try {
    unread.value = await notificationsApi.unreadCount()
  } catch {
    // keep the last count
  }
}
