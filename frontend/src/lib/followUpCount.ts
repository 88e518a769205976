// How many follow-ups are due today or earlier, for the nav. Counted from GET /follow-ups pages (at most 4 of 200),
// so a brand with more shows "800+". Refreshed on navigation and after a follow-up is marked done.
import { ref } from 'vue'
import { activitiesApi } from '../api/endpoints'
import { today } from './dates'

const PAGE = 200
const MAX_PAGES = 4

/** The count (null until known) and whether there are more than it says. */
export const followUpCount = ref<number | null>(null)
export const followUpMore = ref(false)

let running: Promise<void> | null = null

export function refreshFollowUpCount(): Promise<void> {
  if (running) return running
  running = (async () => {
    try {
      let n = 0
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await activitiesApi.followUps({ due_before: today(), limit: PAGE, cursor })
        n += page.items.length
        cursor = page.next_cursor
        pages++
      } while (cursor && pages < MAX_PAGES)
      followUpCount.value = n
      followUpMore.value = !!cursor
    } catch {
      followUpCount.value = null
    } finally {
      running = null
    }
  })()
  return running
}
