import type { ConversationSummary } from '../../src-shared/types'

/** A heading of the conversation list and the conversations under it. */
export interface DateGroup {
  label: string
  conversations: ConversationSummary[]
}

const DAY = 86_400_000

/** Groups conversations (already newest first) into Today / Yesterday / Previous 7 days / Older, in order. */
export function groupByDate(conversations: readonly ConversationSummary[], now: Date = new Date()): DateGroup[] {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()
  const labelFor = (iso: string): string => {
    const time = Date.parse(iso)
    if (Number.isNaN(time) || time >= startOfToday) return 'Today'
    if (time >= startOfToday - DAY) return 'Yesterday'
    if (time >= startOfToday - 7 * DAY) return 'Previous 7 days'
    return 'Older'
  }
  const groups: DateGroup[] = []
  for (const conversation of conversations) {
    const label = labelFor(conversation.updatedAt)
    const last = groups.at(-1)
    if (last?.label === label) last.conversations.push(conversation)
    else groups.push({ label, conversations: [conversation] })
  }
  return groups
}
