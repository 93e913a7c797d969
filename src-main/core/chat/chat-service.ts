import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { whileHolding } from '../held-connection'
import { createActiveReplies, type CancelTarget } from './active-replies'
import { appendUserMessage } from './append-user-message'
import { decodeImages } from './message-images'
import { runReply, type ReplyConnection, type ReplyDeps } from './reply-runner'
import { createRequestChecks } from './request-checks'
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
  const checks = createRequestChecks({ history, replies })

  /** A request runs on the active host's connection as it was when the request came: its checks, create, chat, save. */
  const onHeldConnection = <T>(work: (connection: ReplyConnection) => Promise<T>): Promise<T> =>
    whileHolding(deps.connection(), work)

  /** The last step of every request that answers: the reply runs, tracked, on the request's connection's host. */
  const trackReply = (
    requestId: string,
    connection: ReplyConnection,
    conversation: ConversationSummary,
    userMessage: ChatMessage | null,
  ): Promise<ChatTurn> =>
    replies.track(requestId, { conversation, host: connection.client.host }, (signal) =>
      runReply(deps, { requestId, connection, conversation, userMessage, signal }),
    )

  return {
    send: ({ requestId, conversationId, text, images: uploads = [] }) =>
      onHeldConnection(async (connection) => {
        let checked = checks.conversationOrFail(requestId, conversationId)
        const images = decodeImages(uploads)
        if (images.length > 0) checked = await checks.recheckedForImages(connection, requestId, checked)
        // No await from the last check to `track`: a second send in the same tick is refused as busy.
        const { userMessage, conversation } = appendUserMessage({ history, conversation: checked, text, images })
        return await trackReply(requestId, connection, conversation, userMessage)
      }),

    regenerate: ({ requestId, conversationId }) =>
      onHeldConnection(async (connection) => {
        const conversation = checks.conversationOrFail(requestId, conversationId)
        const path = history.listMessages(conversationId)
        const lastUser = path.findLast((message) => message.role === 'user')
        if (!lastUser) throw new AppFailure('INVALID_INPUT', 'There is no reply to regenerate yet.')
        setAsideReplyTo(history, conversationId, path, lastUser)
        return await trackReply(requestId, connection, conversation, null)
      }),

    editAndResend: ({ requestId, conversationId, messageId, text }) =>
      onHeldConnection(async (connection) => {
        const conversation = checks.conversationOrFail(requestId, conversationId)
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
        return await trackReply(requestId, connection, conversation, edited)
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
        const conversation = checks.conversationOrFail(requestId, conversationId)
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
