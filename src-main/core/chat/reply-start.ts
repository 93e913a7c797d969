import type { NumCtx } from '../../../src-shared/num-ctx'
import type { ChatMessage, ConversationSummary } from '../../../src-shared/types'
import type { CoreEvents } from '../events'
import type { HistoryStore } from '../history/history-store'

/**
 * Saves the reply as an empty streaming message and tells every window (`chat:started`) before anything reaches
 * Ollama, so every window can show, and stop, the reply from its first moment (preparing a model can take long).
 */
export function startAssistantMessage(input: {
  history: HistoryStore
  events: CoreEvents
  requestId: string
  conversation: ConversationSummary
  userMessage: ChatMessage | null
  model: string
  numCtx: NumCtx | null
}): ChatMessage {
  const { history, conversation } = input
  const conversationId = conversation.id
  const assistant = history.appendMessage({
    conversationId,
    role: 'assistant',
    content: '',
    status: 'streaming',
    model: input.model,
    numCtx: input.numCtx,
  })
  input.events.emit('chat:started', {
    requestId: input.requestId,
    conversationId,
    conversation: history.getConversation(conversationId) ?? conversation,
    userMessage: input.userMessage,
    assistantMessage: assistant,
  })
  return assistant
}
