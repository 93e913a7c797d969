import type { AppState } from './types'

/**
 * The chat fills with the "Ollama is not reachable" screen (instead of the banner) when there is nothing
 * else to show: a new chat, no models known, Ollama down.
 */
export const selectShowOfflineScreen = (state: AppState): boolean =>
  state.page === 'chat' &&
  state.activeConversationId === null &&
  state.models.length === 0 &&
  state.ollama?.state === 'unreachable'
