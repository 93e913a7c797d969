import type { ChatMessage, NoticeInfo } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'

/** The notices one reply adds to its conversation, in order: saved, sent to every window, and kept for the turn. */
export interface ReplyNotices {
  readonly list: ChatMessage[]
  add: (text: string, info: NoticeInfo) => void
}

export function createReplyNotices(input: {
  history: HistoryStore
  events: CoreEvents
  requestId: string
  conversationId: string
}): ReplyNotices {
  const { history, events, requestId, conversationId } = input
  const list: ChatMessage[] = []
  return {
    list,
    add: (text, info) => {
      const notice = history.appendMessage({
        conversationId,
        role: 'notice',
        content: text,
        status: 'complete',
        notice: info,
      })
      list.push(notice)
      events.emit('chat:notice', { requestId, conversationId, message: notice })
    },
  }
}
