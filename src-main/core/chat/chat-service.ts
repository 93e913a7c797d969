import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { whileHolding } from '../held-connection'
import { DEFAULT_TITLE } from '../history/history-store'
import { createActiveReplies, type CancelTarget } from './active-replies'
import { titleFromMessage } from './conversation-text'
import { decodeImages, requireVision } from './message-images'
import { runReply, type ReplyConnection, type ReplyDeps } from './reply-runner'
import { setAsideReplyTo } from './set-aside-reply'
import { continueFromSummary } from './summary-flow'

/**
 * Sending, regenerating, editing and stopping replies; one reply at a time per conversation. A refused request
 * (unknown conversation, busy conversation, a `requestId` already running, a message that cannot be edited)
 * throws before anything is written.
 */
export interface ChatService {
  /** `images`: base64 files, checked by `decodeImages` and refused for a model without vision. */
  send(input: {
    requestId: string
    conversationId: string
    text: string
    images?: readonly string[]
  }): Promise<ChatTurn>
  regenerate(input: { requestId: string; conversationId: string }): Promise<ChatTurn>
  editAndResend(input: {
    requestId: string
    conversationId: string
    messageId: string
    text: string
  }): Promise<ChatTurn>
  /**
   * Shows another version of a message on the conversation's path (see `HistoryStore.showVersion`); refused while the
   * conversation is answering. `messages` is the new path from that version on (empty when nothing changed); every
   * window is told with `conversations:versionShown`.
   */
  showVersion(input: { conversationId: string; messageId: string; version: number }): {
    conversation: ConversationSummary
    messages: ChatMessage[]
    changed: boolean
  }
  /** Has the model summarise the conversation and starts a new one from it (`summary-flow.ts`); stopped by `cancel`. */
  continueFromSummary(input: { requestId: string; conversationId: string }): Promise<ConversationSummary>
  /** Stops a reply or summary, keeping its partial text; `false` when none was running (not an error). */
  cancel(target: CancelTarget): boolean
  /** The replies running now, whichever window started them (`chat:running`). */
  running(): RunningReply[]
  /** Stops every reply and waits until each has saved its partial text. */
  cancelAll(): Promise<void>
  /** The models answering on `host` right now (replies and summaries), as their conversations named them then. */
  busyModels(host: string): string[]
  /** How many replies and summaries are running. */
  activeCount(): number
}

export function createChatService(deps: ReplyDeps): ChatService {
  const { history } = deps
  const replies = createActiveReplies({ events: deps.events })

  /** A request runs on the active host's connection as it was when the request came: its checks, create, chat, save. */
  const onHeldConnection = <T>(work: (connection: ReplyConnection) => Promise<T>): Promise<T> =>
    whileHolding(deps.connection(), work)

  /** Every check that can refuse a request, so a refusal comes before any write. */
  const conversationOrFail = (requestId: string, conversationId: string): ConversationSummary => {
    if (replies.isRunning(requestId)) throw new AppFailure('BUSY', 'That request is already running.')
    const conversation = history.getConversation(conversationId)
    if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    if (conversation.model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
    replies.refuseWhileAnswering(conversationId)
    return conversation
  }

  /**
   * Refuses images for a model that cannot read them. It may ask Ollama (`/api/show`), so the caller checks the
   * conversation again after it: the wait let other requests in.
   */
  const requireVisionOf = async (connection: ReplyConnection, model: string): Promise<void> => {
    requireVision(model, await connection.replyContext.details(model))
  }

  return {
    send: ({ requestId, conversationId, text, images: uploads = [] }) =>
      onHeldConnection(async (connection) => {
        let conversation = conversationOrFail(requestId, conversationId)
        const images = decodeImages(uploads)
        if (images.length > 0 && conversation.model !== null) {
          const model = conversation.model
          await requireVisionOf(connection, model)
          conversation = conversationOrFail(requestId, conversationId)
          if (conversation.model !== model)
            throw new AppFailure('BUSY', 'The model changed while the images were being checked. Send them again.')
        }
        // No await from the last check to `track`: a second send in the same tick is refused as busy.
        // Every other message follows a user message, so an empty conversation is exactly one without any yet.
        const isFirst = conversation.messageCount === 0
        const userMessage = history.appendMessage(
          { conversationId, role: 'user', content: text, status: 'complete' },
          images,
        )
        const titled =
          isFirst && conversation.title === DEFAULT_TITLE
            ? (history.updateConversation(conversationId, { title: titleFromMessage(text) }) ?? conversation)
            : conversation
        return await replies.track(requestId, { conversation: titled, host: connection.client.host }, (signal) =>
          runReply(deps, { requestId, connection, conversation: titled, userMessage, signal }),
        )
      }),

    regenerate: ({ requestId, conversationId }) =>
      onHeldConnection(async (connection) => {
        const conversation = conversationOrFail(requestId, conversationId)
        const path = history.listMessages(conversationId)
        const lastUser = path.findLast((message) => message.role === 'user')
        if (!lastUser) throw new AppFailure('INVALID_INPUT', 'There is no reply to regenerate yet.')
        setAsideReplyTo(history, conversationId, path, lastUser)
        return await replies.track(requestId, { conversation, host: connection.client.host }, (signal) =>
          runReply(deps, { requestId, connection, conversation, userMessage: null, signal }),
        )
      }),

    editAndResend: ({ requestId, conversationId, messageId, text }) =>
      onHeldConnection(async (connection) => {
        const conversation = conversationOrFail(requestId, conversationId)
        const original = history.getMessage(messageId)
        if (!original || original.conversationId !== conversationId || original.role !== 'user') {
          throw new AppFailure('NOT_FOUND', 'That message can no longer be edited.')
        }
        // The edit is a new version beside the original, which keeps its text and the replies that followed it. It keeps
        // the original's images too; on a model without vision the reply leaves them out and says so, as for any turn.
        const edited = history.appendVersionOf(
          messageId,
          { conversationId, role: 'user', content: text, status: 'complete' },
          history.imagesOf(messageId),
        )
        return await replies.track(requestId, { conversation, host: connection.client.host }, (signal) =>
          runReply(deps, { requestId, connection, conversation, userMessage: edited, signal }),
        )
      }),

    showVersion({ conversationId, messageId, version }) {
      const conversation = history.getConversation(conversationId)
      if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
      replies.refuseWhileAnswering(conversationId)
      const path = history.showVersion(conversationId, messageId, version)
      const shown = { conversation: history.getConversation(conversationId) ?? conversation, messages: path ?? [] }
      if (path !== null)
        deps.events.emit('conversations:versionShown', { conversationId, replacedId: messageId, ...shown })
      return { ...shown, changed: path !== null }
    },

    continueFromSummary: ({ requestId, conversationId }) =>
      onHeldConnection(async (connection) => {
        const conversation = conversationOrFail(requestId, conversationId)
        return await replies.track(
          requestId,
          { conversation, host: connection.client.host },
          (signal) => continueFromSummary(deps, { requestId, conversation, connection, signal }),
          'summary',
        )
      }),

    cancel: (target) => replies.cancel(target),
    cancelAll: () => replies.cancelAll(),
    running: () => replies.running(),
    busyModels: (host) => replies.busyModels(host),
    activeCount: () => replies.count(),
  }
}
