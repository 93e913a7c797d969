import type { ChatMessage } from '../../src-shared/types'
import { upsertConversation } from './message-list'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** Moving between the versions of a regenerated reply or an edited message ("‹ 2/3 ›"). */
export interface VersionsSlice {
  /**
   * Shows version `version` of a message the conversation shows; the messages from it on become that version's
   * branch. Resolves with the id of the version now shown, or `null` when main refused (the conversation is answering,
   * the message is gone), which a toast says.
   */
  showVersion: (conversationId: string, messageId: string, version: number) => Promise<string | null>
}

/** The held list with everything from `messageId` on replaced by `branch`; `null` when the list no longer holds it. */
export function withBranch(held: readonly ChatMessage[], messageId: string, branch: readonly ChatMessage[]): ChatMessage[] | null {
  const index = held.findIndex((message) => message.id === messageId)
  return index < 0 ? null : [...held.slice(0, index), ...branch]
}

export const createVersionsSlice: SliceCreator<VersionsSlice> = (bridge) => (set, get) => ({
  async showVersion(conversationId, messageId, version) {
    const result = await safeCall(bridge, 'chats:showVersion', { conversationId, messageId, version })
    if (!result.ok) {
      get().pushToast({ text: `That version could not be shown. ${result.error.message}`, action: null })
      return null
    }
    const { conversation, messages, changed } = result.value
    const shown = messages[0]
    if (!changed || shown === undefined) return messageId
    const held = get().messagesByConversation[conversationId]
    const next = held === undefined ? null : withBranch(held, messageId, messages)
    if (next === null) {
      // The list changed meanwhile (another window, a reload): main's stored path is the truth.
      await get().loadMessages(conversationId)
      return shown.id
    }
    set((state) => ({
      messagesByConversation: { ...state.messagesByConversation, [conversationId]: next },
      conversations: upsertConversation(state.conversations, conversation),
    }))
    return shown.id
  },
})
