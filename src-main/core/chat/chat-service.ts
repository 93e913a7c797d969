import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { titleFromMessage } from './conversation-text'
import { runReply, type ReplyDeps } from './reply-runner'

interface ActiveReply {
  conversationId: string
  controller: AbortController
  finished: Promise<unknown>
}

/** Sending, regenerating, editing and stopping replies; one reply at a time per conversation. */
export interface ChatService {
  send(input: { requestId: string; conversationId: string; text: string }): Promise<ChatTurn>
  regenerate(input: { requestId: string; conversationId: string }): Promise<ChatTurn>
  editAndResend(input: { requestId: string; conversationId: string; messageId: string; text: string }): Promise<ChatTurn>
  /** Stops a reply, keeping its partial text; `false` when it had already finished (not an error). */
  cancel(requestId: string): boolean
  /** Stops every reply and waits until each has saved its partial text. */
  cancelAll(): Promise<void>
}

export function createChatService(deps: ReplyDeps): ChatService {
  const active = new Map<string, ActiveReply>()
  const { history } = deps

  const conversationOrFail = (conversationId: string): ConversationSummary => {
    const conversation = history.getConversation(conversationId)
    if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    if (conversation.model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
    for (const reply of active.values()) {
      if (reply.conversationId === conversationId) {
        throw new AppFailure('BUSY', 'This conversation is still answering. Stop the reply first.')
      }
    }
    return conversation
  }

  const track = async (requestId: string, conversationId: string, run: (signal: AbortSignal) => Promise<ChatTurn>) => {
    if (active.has(requestId)) throw new AppFailure('BUSY', 'That request is already running.')
    const controller = new AbortController()
    const finished = run(controller.signal)
    active.set(requestId, { conversationId, controller, finished: finished.catch(() => undefined) })
    try {
      return await finished
    } finally {
      active.delete(requestId)
    }
  }

  /** Drops every message after `message` (the reply being replaced and any notices with it). */
  const dropAfter = (conversationId: string, message: ChatMessage) => {
    const messages = history.listMessages(conversationId)
    const next = messages[messages.findIndex((candidate) => candidate.id === message.id) + 1]
    if (next) history.deleteMessagesFrom(conversationId, next.id, { inclusive: true })
  }

  return {
    async send({ requestId, conversationId, text }) {
      const conversation = conversationOrFail(conversationId)
      const isFirst = history.listMessages(conversationId).every((message) => message.role !== 'user')
      const userMessage = history.appendMessage({ conversationId, role: 'user', content: text, status: 'complete' })
      const titled = isFirst && conversation.title === 'New chat'
        ? (history.updateConversation(conversationId, { title: titleFromMessage(text) }) ?? conversation)
        : conversation
      return await track(requestId, conversationId, (signal) =>
        runReply(deps, { requestId, conversation: titled, userMessage, signal }))
    },

    async regenerate({ requestId, conversationId }) {
      const conversation = conversationOrFail(conversationId)
      const lastUser = history.listMessages(conversationId).findLast((message) => message.role === 'user')
      if (!lastUser) throw new AppFailure('INVALID_INPUT', 'There is no reply to regenerate yet.')
      dropAfter(conversationId, lastUser)
      return await track(requestId, conversationId, (signal) =>
        runReply(deps, { requestId, conversation, userMessage: null, signal }))
    },

    async editAndResend({ requestId, conversationId, messageId, text }) {
      const conversation = conversationOrFail(conversationId)
      const original = history.getMessage(messageId)
      if (!original || original.conversationId !== conversationId || original.role !== 'user') {
        throw new AppFailure('NOT_FOUND', 'That message can no longer be edited.')
      }
      const edited = history.updateMessage(messageId, { content: text })
      if (!edited) throw new AppFailure('NOT_FOUND', 'That message can no longer be edited.')
      dropAfter(conversationId, edited)
      return await track(requestId, conversationId, (signal) =>
        runReply(deps, { requestId, conversation, userMessage: edited, signal }))
    },

    cancel(requestId) {
      const reply = active.get(requestId)
      if (!reply || reply.controller.signal.aborted) return false
      reply.controller.abort()
      return true
    },

    async cancelAll() {
      const replies = [...active.values()]
      for (const reply of replies) reply.controller.abort()
      await Promise.all(replies.map((reply) => reply.finished))
    },
  }
}
