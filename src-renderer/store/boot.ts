import type { AppStore } from './types'

/**
 * Loads everything the first screen needs, then reopens the last conversation (or a new-chat draft).
 * Never rejects: each load records its own failure in the store.
 */
export async function bootApp(store: AppStore): Promise<void> {
  const state = store.getState()
  await Promise.all([
    state.loadAppInfo(),
    state.refreshStatus(),
    state.loadSettings(),
    state.loadModels(),
    state.loadConversations(),
    state.restorePulls(),
    // Replies started before a reload or in another window: shown with their Stop button like this window's own.
    state.loadRunningReplies(),
  ])
  const { settings, conversations } = store.getState()
  const last = settings.lastConversationId
  if (last !== null && conversations.some((conversation) => conversation.id === last)) {
    store.getState().markBooted()
    await store.getState().openConversation(last)
  } else {
    store.getState().startNewChat()
    store.getState().markBooted()
  }
}
