import type { ChatMessage } from '../../src-shared/types'

/** The details only a reply carries (who served it, its window, error, stats, context and notice), all empty. */
export const NO_REPLY_DETAILS = {
  servedBy: null,
  numCtx: null,
  error: null,
  stats: null,
  context: null,
  notice: null,
} satisfies Partial<ChatMessage>

/** A stored message as the history returns it, for unit tests; override what the test is about. */
export function storedMessage(overrides: Partial<ChatMessage> & Pick<ChatMessage, 'role' | 'content'>): ChatMessage {
  return {
    id: `${overrides.role}-${overrides.content.slice(0, 20)}`,
    conversationId: 'c',
    thinking: '',
    status: 'complete',
    model: overrides.role === 'assistant' ? 'llama3:latest' : null,
    ...NO_REPLY_DETAILS,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    parentId: null,
    versions: { index: 1, count: 1 },
    ...overrides,
  }
}
