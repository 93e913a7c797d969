import type { AppError } from '../../src-shared/ipc/result'
import { omitKey } from './message-list'
import type { MessagesSlice } from './messages-slice'
import { prependOlder } from './message-pages'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/**
 * Older messages are fetched this many at a time (about a megabyte of JSON): each answer costs main and the
 * page a few tens of milliseconds, rather than one long stall for a whole long conversation.
 */
export const OLDER_PAGE = 1_000

type OlderMessagesActions = Pick<MessagesSlice, 'loadOlderMessages'>

/**
 * Fetching a conversation's older messages, page after page back from the oldest the store holds, once its newest
 * are there (`loadMessages` starts it).
 */
export const createOlderMessagesActions: SliceCreator<OlderMessagesActions> = (bridge) => (set, get) => {
  // One walk back through a conversation's older messages at a time.
  const fetchingOlder = new Set<string>()

  const failOlder = (conversationId: string, error: AppError) =>
    set((state) => ({
      olderMessages: { ...state.olderMessages, [conversationId]: 'failed' },
      messagesError: { ...state.messagesError, [conversationId]: error },
    }))

  async function fetchOlder(conversationId: string): Promise<void> {
    for (;;) {
      const first = get().messagesByConversation[conversationId]?.[0]
      // Nothing to page back from: the conversation was closed for good (deleted) or holds no message at all.
      if (first === undefined) {
        set((state) => ({ olderMessages: omitKey(state.olderMessages, conversationId) }))
        return
      }
      const result = await safeCall(bridge, 'conversations:get', {
        conversationId,
        limit: OLDER_PAGE,
        before: first.id,
      })
      const held = get().messagesByConversation[conversationId]
      if (held === undefined) continue
      if (!result.ok) {
        // A first message that went away meanwhile explains the failure: page back from the new one instead.
        if (held[0]?.id !== first.id) continue
        failOlder(conversationId, result.error)
        return
      }
      const list = prependOlder(held, first.id, result.value.messages)
      if (list === null) continue
      const complete = result.value.hasOlder !== true
      set((state) => ({
        messagesByConversation: { ...state.messagesByConversation, [conversationId]: list },
        olderMessages: complete ? omitKey(state.olderMessages, conversationId) : state.olderMessages,
      }))
      if (complete) return
    }
  }

  return {
    async loadOlderMessages(conversationId) {
      if (fetchingOlder.has(conversationId) || get().olderMessages[conversationId] === undefined) return
      fetchingOlder.add(conversationId)
      set((state) => ({
        olderMessages: { ...state.olderMessages, [conversationId]: 'loading' },
        messagesError: { ...state.messagesError, [conversationId]: null },
      }))
      try {
        await fetchOlder(conversationId)
      } finally {
        fetchingOlder.delete(conversationId)
      }
    },
  }
}
