import type { ChatMessage } from '../../../src-shared/types'
import { firstSeenMessageId, latestContext, type LatestContext } from '../../lib/latest-context'

/** The messages the message list marks out. */
export interface ListLandmarks {
  /** The conversation's last reply: the one that offers Regenerate. */
  lastReplyId: string | undefined
  /** The latest truncation notice: the one that offers its fixes. */
  latestTruncationNoticeId: string | undefined
  /** The latest reply with a context report, which names the model in the divider. */
  latest: LatestContext | null
  /** The first message the model still sees, where the "no longer sees the messages above" divider goes. */
  firstSeenId: string | null
}

/**
 * Finds the landmarks of a conversation. Each is a walk over the whole list, so the list calls this with the
 * messages' outline (`useActiveMessagesOutline`), which stays the same while a reply streams. While only the newest
 * messages are loaded (`complete` false) the divider waits: where it goes is counted from the first message.
 */
export function listLandmarks(messages: readonly ChatMessage[], complete: boolean): ListLandmarks {
  const latest = latestContext(messages)
  return {
    lastReplyId: messages.findLast((message) => message.role === 'assistant')?.id,
    latestTruncationNoticeId: messages.findLast((message) => message.notice?.kind === 'context-truncated')?.id,
    latest,
    firstSeenId: complete ? firstSeenMessageId(messages, latest) : null,
  }
}
