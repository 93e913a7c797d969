import type { ChatMessage } from '../../../src-shared/types'
import { shortModelName } from '../../../src-shared/format'
import type { ListLandmarks } from './list-landmarks'

/** One child of the message list, in order: a message, or the "no longer sees the messages above" divider. */
export type MessageRow =
  { kind: 'message'; key: string; message: ChatMessage } | { kind: 'divider'; key: string; label: string }

const DIVIDER_KEY = 'seen-divider'

/** The list's children: every message, with the divider before the first message the model still sees. */
export function messageRows(messages: readonly ChatMessage[], landmarks: ListLandmarks): MessageRow[] {
  const rows: MessageRow[] = []
  const { firstSeenId, latest } = landmarks
  for (const message of messages) {
    if (message.id === firstSeenId && latest) {
      const label = `${shortModelName(latest.reply.model ?? 'The model')} no longer sees the messages above`
      rows.push({ kind: 'divider', key: DIVIDER_KEY, label })
    }
    rows.push({ kind: 'message', key: message.id, message })
  }
  return rows
}
