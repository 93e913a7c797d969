import type { EventMap } from '../../src-shared/ipc/contract'
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
  /**
   * `conversations:versionShown`, from this window's move or another's: the held list takes the new branch. Applying the same
   * move twice changes nothing; a list that does not hold the replaced message is read again.
   */
  applyVersionShown: (event: EventMap['conversations:versionShown']) => Promise<void>
}

/** The held list with everything from `messageId` on replaced by `branch`; `null` when the list no longer holds it. */
export function withBranch(
  held: readonly ChatMessage[],
  messageId: string,
  branch: readonly ChatMessage[],
): ChatMessage[] | null {
  const index = held.findIndex((message) => message.id === messageId)
  return index < 0 ? null : [...held.slice(0, index), ...branch]
}

export const createVersionsSlice: SliceCreator<VersionsSlice> = (bridge) => (set, get) => ({
  async showVersion(conversationId, messageId, version) {
    const result = await safeCall(bridge, 'conversations:showVersion', { conversationId, messageId, version })
    if (!result.ok) {
      get().pushToast({ text: `That version could not be shown. ${result.error.message}`, action: null })
      return null
    }
    const { conversation, messages, changed } = result.value
    const shown = messages[0]
    if (!changed || shown === undefined) return messageId
    await get().applyVersionShown({ conversationId, replacedId: messageId, conversation, messages })
    return shown.id
  },

  async applyVersionShown({ conversationId, replacedId, conversation, messages }) {
    set((state) => ({
      conversations: state.conversations.some((candidate) => candidate.id === conversationId)
        ? upsertConversation(state.conversations, conversation)
        : state.conversations,
    }))
    const held = get().messagesByConversation[conversationId]
    const first = messages[0]
    if (held === undefined || first === undefined || held.some((message) => message.id === first.id)) return
    const next = withBranch(held, replacedId, messages)
    // The list changed meanwhile (a reload, a later page): main's stored path is the truth.
    if (next === null) return get().loadMessages(conversationId)
    set((state) => ({ messagesByConversation: { ...state.messagesByConversation, [conversationId]: next } }))
  },
})
