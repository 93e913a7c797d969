import type { ContextReport } from '../../../../src-shared/types'
import type { HistoryStore } from '../../history/history-store'
import { GIF_1PX, PNG_1PX } from '../../../test-support/test-images'

export const CONTEXT_REPORT: ContextReport = {
  asked: 8192,
  source: 'custom',
  effective: 8192,
  promptTokens: 120,
  replyTokens: 40,
  truncated: false,
  droppedMessages: 0,
  messageCut: false,
  lengthLimited: false,
  systemPromptChars: 22,
}

/**
 * A history with everything an export must carry: a regenerated reply (two versions), an edited message (a branch
 * left off the path), images, thinking, stats, a context report, a notice, options and thinking choice, and a
 * second plain conversation. Returns the ids the tests look at.
 */
export function fillRichHistory(store: HistoryStore) {
  const trip = store.createConversation({
    model: 'llama3.2:latest',
    systemPrompt: 'You are a travel agent.\nBe brief.',
  })
  store.updateConversation(trip.id, {
    title: 'Trip to Lisbon',
    options: { temperature: 0.4, stop: ['###'] },
    think: 'high',
  })
  const question = store.appendMessage(
    { conversationId: trip.id, role: 'user', content: 'What should I see? Here are two photos.', status: 'complete' },
    [
      { mime: 'image/png', data: PNG_1PX },
      { mime: 'image/gif', data: GIF_1PX },
    ],
  )
  const first = store.appendMessage({
    conversationId: trip.id,
    role: 'assistant',
    content: 'Belém Tower.',
    thinking: 'They like towers.',
    status: 'complete',
    model: 'llama3.2:latest',
  })
  store.updateMessage(first.id, {
    stats: { promptTokens: 120, replyTokens: 40, totalMs: 900, tokensPerSecond: 44.4 },
    context: CONTEXT_REPORT,
  })
  store.branchFrom(trip.id, first.id)
  const second = store.appendMessage({
    conversationId: trip.id,
    role: 'assistant',
    content: 'The **Alfama** district.',
    status: 'complete',
    model: 'llama3.2:latest',
    servedBy: 'ollmchat-temp/llama3.2-8k',
    numCtx: 8192,
  })
  const notice = store.appendMessage({
    conversationId: trip.id,
    role: 'notice',
    content: 'ollmchat used the base model.',
    status: 'complete',
    notice: { kind: 'context-setting' },
  })
  const followUp = store.appendMessage({
    conversationId: trip.id,
    role: 'user',
    content: 'And food?',
    status: 'complete',
  })
  const failed = store.appendMessage({
    conversationId: trip.id,
    role: 'assistant',
    content: '',
    status: 'error',
    model: 'llama3.2:latest',
    error: { code: 'OLLAMA_UNREACHABLE', message: 'Ollama stopped answering.' },
  })
  // An edit of the follow-up: the old one and its failed reply stay as the first version.
  store.branchFrom(trip.id, followUp.id)
  const edited = store.appendMessage({
    conversationId: trip.id,
    role: 'user',
    content: 'And where to eat?',
    status: 'complete',
  })
  const answer = store.appendMessage({
    conversationId: trip.id,
    role: 'assistant',
    content: 'Try a pastelaria.',
    status: 'cancelled',
    model: 'llama3.2:latest',
  })

  const plain = store.createConversation({ model: 'qwen3:8b' })
  store.appendMessage({ conversationId: plain.id, role: 'user', content: 'Hello', status: 'complete' })
  store.appendMessage({
    conversationId: plain.id,
    role: 'assistant',
    content: 'Hi there!',
    status: 'complete',
    model: 'qwen3:8b',
  })
  return { trip: trip.id, plain: plain.id, question, first, second, notice, followUp, failed, edited, answer }
}
