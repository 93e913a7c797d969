import { MAX_MESSAGE_PAGE } from '../../../src-shared/message-pages'
import { AppFailure } from '../app-failure'
import type { HistoryStore } from '../history/history-store'
import type { Handlers } from '../ipc/dispatch'

type ConversationChannels =
  | 'conversations:list'
  | 'conversations:create'
  | 'conversations:get'
  | 'conversations:update'
  | 'conversations:delete'
  | 'conversations:restore'
  | 'conversations:search'
  | 'conversations:image'

/** Unknown or deleted conversations are an expected failure, not a bug. */
function found<T>(value: T | null): T {
  if (value === null) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
  return value
}

/**
 * The `conversations:*` channels over the history store. A conversation created without a model gets the default the core
 * chooses (`defaultModel`, none when Ollama cannot be asked).
 */
export function conversationHandlers(
  history: HistoryStore,
  defaultModel: () => Promise<string | null>,
): Pick<Handlers, ConversationChannels> {
  return {
    'conversations:list': async () => ({ conversations: history.listConversations() }),
    'conversations:create': async ({ model, systemPrompt }) => {
      const chosen = model ?? (await defaultModel())
      return history.createConversation(
        systemPrompt === undefined ? { model: chosen } : { model: chosen, systemPrompt },
      )
    },
    'conversations:get': async ({ conversationId, limit, before }) => {
      const conversation = found(history.getConversation(conversationId))
      if (limit === undefined && before === undefined)
        return { conversation, messages: history.listMessages(conversationId) }
      const request =
        before === undefined ? { limit: limit ?? MAX_MESSAGE_PAGE } : { limit: limit ?? MAX_MESSAGE_PAGE, before }
      return { conversation, ...history.listNewestMessages(conversationId, request) }
    },
    'conversations:update': async ({ conversationId, ...patch }) =>
      found(history.updateConversation(conversationId, patch)),
    'conversations:delete': async ({ conversationId }) => ({ deleted: history.deleteConversation(conversationId) }),
    'conversations:restore': async ({ conversationId }) => found(history.restoreConversation(conversationId)),
    'conversations:search': async (request) => history.search(request),
    'conversations:image': async ({ messageId, position }) => {
      const image = history.readImage(messageId, position)
      if (image === null) throw new AppFailure('NOT_FOUND', 'That image is no longer in this conversation.')
      return { mime: image.mime, data: image.data.toString('base64') }
    },
  }
}
