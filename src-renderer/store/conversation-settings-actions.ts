import type { In } from '../../src-shared/ipc/contract'
import type { ConversationsSlice } from './conversations-slice'
import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

type ConversationSettingsActions = Pick<
  ConversationsSlice,
  'renameConversation' | 'setActiveModel' | 'setActiveSystemPrompt' | 'setActiveOptions'
>

/**
 * What a conversation is set to (its title, model, system prompt and options): stored through
 * `conversations:update`, or kept in the draft until the draft becomes a conversation.
 */
export const createConversationSettingsActions: SliceCreator<ConversationSettingsActions> = (bridge) => (set, get) => {
  async function update(patch: In<'conversations:update'>) {
    const result = await safeCall(bridge, 'conversations:update', patch)
    if (!result.ok) return result.error
    get().upsertConversation(result.value)
    return null
  }

  /** Sets a setting the draft shares with a conversation: on the open conversation, or on the draft when none is. */
  async function setOnActive(field: 'model' | 'systemPrompt', value: string) {
    const id = get().activeConversationId
    if (id === null) {
      set((state) => ({ draft: { ...state.draft, [field]: value } }))
      return null
    }
    return update({ conversationId: id, [field]: value })
  }

  return {
    renameConversation(conversationId, title) {
      return update({ conversationId, title })
    },

    setActiveModel(model) {
      return setOnActive('model', model)
    },

    setActiveSystemPrompt(systemPrompt) {
      return setOnActive('systemPrompt', systemPrompt)
    },

    async setActiveOptions(patch) {
      const id = get().activeConversationId
      if (id === null)
        return { code: 'INVALID_INPUT', message: 'Send a first message before setting options for this conversation.' }
      return update({ conversationId: id, ...patch })
    },
  }
}
