import { ok } from '../../src-shared/ipc/result'
import { DEFAULT_SETTINGS, type ChatMessage, type ConversationSummary, type ModelInfo } from '../../src-shared/types'
import { createFakeBridge } from './fake-bridge'
import { makeConversation, makeModel } from './fixtures'
import { renderApp, type AppHarness } from './render-app'

export interface OpenChatOptions {
  messages?: ChatMessage[]
  models?: ModelInfo[]
  /** The open conversation (id `c1` with llama3 unless given); `others` join it in the list. */
  conversation?: ConversationSummary
  others?: ConversationSummary[]
}

/** The whole app reopened at one conversation (through the settings, as at a real start). */
export async function renderOpenChat(options: OpenChatOptions = {}): Promise<AppHarness> {
  const conversation = options.conversation ?? makeConversation({ id: 'c1', title: 'Trip', model: 'llama3:latest' })
  const all = [conversation, ...(options.others ?? [])]
  const models = options.models ?? [makeModel({ name: 'llama3:latest' })]
  const fake = createFakeBridge()
  fake.handle('models:list', () => ok({ models, defaultModel: models[0]?.name ?? null }))
  fake.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, lastConversationId: conversation.id }))
  fake.handle('conversations:list', () => ok({ conversations: all }))
  fake.handle('conversations:get', ({ conversationId }) =>
    ok({
      conversation: all.find((candidate) => candidate.id === conversationId) ?? conversation,
      messages: conversationId === conversation.id ? (options.messages ?? []) : [],
    }),
  )
  return renderApp(fake)
}
