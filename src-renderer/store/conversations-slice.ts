import type { AppError, Result } from '../../src-shared/ipc/result'
import type { ConversationOptions, ThinkSetting } from '../../src-shared/conversation-options'
import type { ConversationSummary } from '../../src-shared/types'
import { createConversationSettingsActions } from './conversation-settings-actions'
import { omitKey, upsertConversation } from './message-list'
import { safeCall } from './safe-call'
import type { AppState, LoadState, SliceCreator } from './types'

/** A new chat before its first message: it exists on the server only once something is sent. */
export interface Draft {
  /**
   * The model the person picked for this chat; `null` follows the core's default (`defaultModel`), which the
   * core then applies itself when the chat is created, so the rule for the default lives in one place.
   */
  model: string | null
  systemPrompt: string
}

/** The conversation list, which one is open, and the actions on conversations. */
export interface ConversationsSlice {
  conversations: ConversationSummary[]
  conversationsStatus: LoadState
  conversationsError: AppError | null
  /** `null` while the new-chat draft is shown. */
  activeConversationId: string | null
  draft: Draft
  loadConversations: () => Promise<void>
  openConversation: (conversationId: string, options?: { highlightMessageId?: string }) => Promise<void>
  startNewChat: () => void
  /** Turns the draft into a real conversation (on the first send). */
  createFromDraft: () => Promise<Result<ConversationSummary>>
  renameConversation: (conversationId: string, title: string) => Promise<AppError | null>
  /** Changes the open conversation's model (or the draft's). */
  setActiveModel: (model: string) => Promise<AppError | null>
  /** Changes the open conversation's system prompt (or the draft's). */
  setActiveSystemPrompt: (systemPrompt: string) => Promise<AppError | null>
  /** Changes the open conversation's model options and thinking choice (`options` replaces them all). */
  setActiveOptions: (patch: { options?: ConversationOptions; think?: ThinkSetting | null }) => Promise<AppError | null>
  deleteConversation: (conversationId: string) => Promise<AppError | null>
  restoreConversation: (conversationId: string) => Promise<AppError | null>
  upsertConversation: (summary: ConversationSummary) => void
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (bridge) => (set, get, store) => ({
  conversations: [],
  conversationsStatus: 'idle',
  conversationsError: null,
  activeConversationId: null,
  draft: { model: null, systemPrompt: '' },

  async loadConversations() {
    set({ conversationsStatus: 'loading' })
    const result = await safeCall(bridge, 'conversations:list', {})
    if (result.ok)
      set({ conversations: result.value.conversations, conversationsStatus: 'ready', conversationsError: null })
    else set({ conversationsStatus: 'error', conversationsError: result.error })
  },

  async openConversation(conversationId, options = {}) {
    set({ activeConversationId: conversationId, page: 'chat', highlightMessageId: options.highlightMessageId ?? null })
    if (get().settings.lastConversationId !== conversationId) {
      void get().updateSettings({ lastConversationId: conversationId })
    }
    if (get().messagesStatus[conversationId] !== 'ready') await get().loadMessages(conversationId)
  },

  startNewChat() {
    const draft: Draft = { model: null, systemPrompt: '' }
    set({ activeConversationId: null, page: 'chat', highlightMessageId: null, draft })
  },

  async createFromDraft() {
    // `model: null` when the draft still follows the default: the core picks it at this moment.
    const { draft } = get()
    const input =
      draft.systemPrompt.trim() === ''
        ? { model: draft.model }
        : { model: draft.model, systemPrompt: draft.systemPrompt }
    const result = await safeCall(bridge, 'conversations:create', input)
    if (!result.ok) return result
    const summary = result.value
    set((state) => ({
      conversations: upsertConversation(state.conversations, summary),
      activeConversationId: summary.id,
      messagesByConversation: { ...state.messagesByConversation, [summary.id]: [] },
      messagesStatus: { ...state.messagesStatus, [summary.id]: 'ready' },
    }))
    void get().updateSettings({ lastConversationId: summary.id })
    return result
  },

  async deleteConversation(conversationId) {
    const result = await safeCall(bridge, 'conversations:delete', { conversationId })
    if (!result.ok) return result.error
    const title = get().conversations.find((candidate) => candidate.id === conversationId)?.title ?? 'Conversation'
    set((state) => ({
      conversations: state.conversations.filter((candidate) => candidate.id !== conversationId),
      messagesByConversation: omitKey(state.messagesByConversation, conversationId),
      messagesStatus: omitKey(state.messagesStatus, conversationId),
    }))
    if (get().activeConversationId === conversationId) get().startNewChat()
    get().pushToast({
      text: `Deleted “${title}”.`,
      action: { kind: 'restore-conversation', conversationId, label: 'Undo' },
    })
    return null
  },

  async restoreConversation(conversationId) {
    const result = await safeCall(bridge, 'conversations:restore', { conversationId })
    if (!result.ok) return result.error
    get().upsertConversation(result.value)
    return null
  },

  upsertConversation(summary) {
    set((state) => ({ conversations: upsertConversation(state.conversations, summary) }))
  },

  ...createConversationSettingsActions(bridge)(set, get, store),
})

/** The open conversation's summary, or `undefined` on the new-chat draft. */
export const selectActiveConversation = (state: AppState): ConversationSummary | undefined =>
  state.activeConversationId === null
    ? undefined
    : state.conversations.find((candidate) => candidate.id === state.activeConversationId)

/** The model the open conversation (or the draft: the picked one, else the core's default) will use. */
export const selectActiveModelName = (state: AppState): string | null =>
  state.activeConversationId === null
    ? (state.draft.model ?? state.defaultModel)
    : (selectActiveConversation(state)?.model ?? null)
