import type { ChatMessage } from '../../../src-shared/types'
import type { HistoryStore } from '../history/history-store'

/**
 * Before a new version of the reply after `lastUser`: the reply it replaces (and its notices) leaves the path and stays
 * as the previous version, except a failed or stopped reply with no text, which had nothing worth keeping.
 */
export function setAsideReplyTo(
  history: HistoryStore,
  conversationId: string,
  path: readonly ChatMessage[],
  lastUser: ChatMessage,
): void {
  const replaced = path[path.indexOf(lastUser) + 1]
  if (replaced === undefined) return
  const empty =
    replaced.role === 'assistant' &&
    replaced.status !== 'complete' &&
    replaced.content === '' &&
    replaced.thinking === ''
  if (empty) history.discardFrom(conversationId, replaced.id)
  else history.branchFrom(conversationId, replaced.id)
}
