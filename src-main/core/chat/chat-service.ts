import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import type { ChatMessage, ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import { DEFAULT_TITLE } from '../history/history-store'
import { titleFromMessage } from './conversation-text'
import { decodeImages, requireVision } from './message-images'
import { runReply, type ReplyDeps } from './reply-runner'
import { continueFromSummary } from './summary-flow'

interface ActiveReply {
  /** A summary is not a reply: it adds no message, and windows learn of it only from the one that asked. */
  kind: 'reply' | 'summary'
  conversationId: string
  /** What every window may know of it, kept from the reply's own `chat:started` and `chat:progress`. */
  assistantMessageId: string | null
  phase: RunningReply['phase']
  progressText: string | null
  /** The model and host the reply runs on, as they were when it began (a later switch does not move it). */
  model: string
  host: string
  controller: AbortController
  finished: Promise<unknown>
}

/** What `cancel` stops: one request, or whatever the conversation is running (one at a time). */
export type CancelTarget = { requestId: string } | { conversationId: string }

/**
 * Sending, regenerating, editing and stopping replies; one reply at a time per conversation. A refused request
 * (unknown conversation, busy conversation, a `requestId` already running, a message that cannot be edited)
 * throws before anything is written.
 */
export interface ChatService {
  /** `images`: base64 files, checked by `decodeImages` and refused for a model without vision. */
  send(input: { requestId: string; conversationId: string; text: string; images?: readonly string[] }): Promise<ChatTurn>
  regenerate(input: { requestId: string; conversationId: string }): Promise<ChatTurn>
  editAndResend(input: { requestId: string; conversationId: string; messageId: string; text: string }): Promise<ChatTurn>
  /**
   * Shows another version of a message on the conversation's path (see `HistoryStore.showVersion`); refused while the
   * conversation is answering. `messages` is the new path from that version on (empty when nothing changed); every
   * window is told with `conversations:versionShown`.
   */
  showVersion(input: { conversationId: string; messageId: string; version: number }): { conversation: ConversationSummary; messages: ChatMessage[]; changed: boolean }
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
  const active = new Map<string, ActiveReply>()
  const { history, events } = deps
  // Every window must be able to show and stop a reply, so what it is doing is kept here as well as sent.
  events.on('chat:started', (event) => {
    const reply = active.get(event.requestId)
    if (reply) reply.assistantMessageId = event.assistantMessage.id
  })
  events.on('chat:progress', (event) => {
    const reply = active.get(event.requestId)
    if (!reply) return
    reply.phase = event.phase
    reply.progressText = event.text
  })

  const refuseWhileAnswering = (conversationId: string) => {
    for (const reply of active.values()) {
      if (reply.conversationId === conversationId) {
        throw new AppFailure('BUSY', 'This conversation is still answering. Stop the reply first.')
      }
    }
  }

  /** Every check that can refuse a request, so a refusal comes before any write. */
  const conversationOrFail = (requestId: string, conversationId: string): ConversationSummary => {
    if (active.has(requestId)) throw new AppFailure('BUSY', 'That request is already running.')
    const conversation = history.getConversation(conversationId)
    if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
    if (conversation.model === null) throw new AppFailure('INVALID_INPUT', 'Pick a model for this conversation first.')
    refuseWhileAnswering(conversationId)
    return conversation
  }

  // Called synchronously after `conversationOrFail` (no await in between), so its checks still hold here. The entry
  // exists before `run` starts, so the reply's first events (sent before its first await) find it.
  const track = async <T>(requestId: string, conversation: ConversationSummary, run: (signal: AbortSignal) => Promise<T>, kind: ActiveReply['kind'] = 'reply'): Promise<T> => {
    const controller = new AbortController()
    const entry: ActiveReply = {
      kind,
      conversationId: conversation.id,
      assistantMessageId: null,
      phase: null,
      progressText: null,
      model: conversation.model ?? '',
      host: deps.connection().client.host,
      controller,
      finished: Promise.resolve(),
    }
    active.set(requestId, entry)
    const finished = run(controller.signal)
    entry.finished = finished.catch(() => undefined)
    let turn: T | null = null
    try {
      turn = await finished
      return turn
    } finally {
      active.delete(requestId)
      // After the delete: a window that sends on this event is not refused as busy.
      if (kind === 'reply') events.emit('chat:ended', { requestId, conversationId: conversation.id, turn: turn as ChatTurn | null })
    }
  }

  /**
   * Before a new version of the reply after `lastUser`: the reply it replaces (and its notices) leaves the path and stays
   * as the previous version, except a failed or stopped reply with no text, which had nothing worth keeping.
   */
  const setAsideReplyTo = (conversationId: string, path: readonly ChatMessage[], lastUser: ChatMessage) => {
    const replaced = path[path.indexOf(lastUser) + 1]
    if (replaced === undefined) return
    const empty = replaced.role === 'assistant' && replaced.status !== 'complete' && replaced.content === '' && replaced.thinking === ''
    if (empty) history.discardFrom(conversationId, replaced.id)
    else history.branchFrom(conversationId, replaced.id)
  }

  /**
   * Refuses images for a model that cannot read them. It may ask Ollama (`/api/show`), so the caller checks the
   * conversation again after it: the wait let other requests in.
   */
  const requireVisionOf = async (model: string): Promise<void> => {
    requireVision(model, await deps.connection().replyContext.details(model))
  }

  return {
    async send({ requestId, conversationId, text, images: uploads = [] }) {
      let conversation = conversationOrFail(requestId, conversationId)
      const images = decodeImages(uploads)
      if (images.length > 0 && conversation.model !== null) {
        const model = conversation.model
        await requireVisionOf(model)
        conversation = conversationOrFail(requestId, conversationId)
        if (conversation.model !== model) throw new AppFailure('BUSY', 'The model changed while the images were being checked. Send them again.')
      }
      // No await from the last check to `track`: a second send in the same tick is refused as busy.
      // Every other message follows a user message, so an empty conversation is exactly one without any yet.
      const isFirst = conversation.messageCount === 0
      const userMessage = history.appendMessage({ conversationId, role: 'user', content: text, status: 'complete' }, images)
      const titled = isFirst && conversation.title === DEFAULT_TITLE
        ? (history.updateConversation(conversationId, { title: titleFromMessage(text) }) ?? conversation)
        : conversation
      return await track(requestId, titled, (signal) =>
        runReply(deps, { requestId, conversation: titled, userMessage, signal }))
    },

    async regenerate({ requestId, conversationId }) {
      const conversation = conversationOrFail(requestId, conversationId)
      const path = history.listMessages(conversationId)
      const lastUser = path.findLast((message) => message.role === 'user')
      if (!lastUser) throw new AppFailure('INVALID_INPUT', 'There is no reply to regenerate yet.')
      setAsideReplyTo(conversationId, path, lastUser)
      return await track(requestId, conversation, (signal) =>
        runReply(deps, { requestId, conversation, userMessage: null, signal }))
    },

    async editAndResend({ requestId, conversationId, messageId, text }) {
      const conversation = conversationOrFail(requestId, conversationId)
      const original = history.getMessage(messageId)
      if (!original || original.conversationId !== conversationId || original.role !== 'user') {
        throw new AppFailure('NOT_FOUND', 'That message can no longer be edited.')
      }
      // The edit is a new version beside the original, which keeps its text and the replies that followed it. It keeps
      // the original's images too; on a model without vision the reply leaves them out and says so, as for any turn.
      const edited = history.appendVersionOf(messageId, { conversationId, role: 'user', content: text, status: 'complete' }, history.imagesOf(messageId))
      return await track(requestId, conversation, (signal) =>
        runReply(deps, { requestId, conversation, userMessage: edited, signal }))
    },

    showVersion({ conversationId, messageId, version }) {
      const conversation = history.getConversation(conversationId)
      if (!conversation) throw new AppFailure('NOT_FOUND', 'That conversation no longer exists.')
      refuseWhileAnswering(conversationId)
      const path = history.showVersion(conversationId, messageId, version)
      const shown = { conversation: history.getConversation(conversationId) ?? conversation, messages: path ?? [] }
      if (path !== null) deps.events.emit('conversations:versionShown', { conversationId, replacedId: messageId, ...shown })
      return { ...shown, changed: path !== null }
    },

    async continueFromSummary({ requestId, conversationId }) {
      const conversation = conversationOrFail(requestId, conversationId)
      return await track(requestId, conversation, (signal) => continueFromSummary(deps, { requestId, conversation, signal }), 'summary')
    },

    cancel(target) {
      const reply = 'requestId' in target
        ? active.get(target.requestId)
        : [...active.values()].find((candidate) => candidate.conversationId === target.conversationId)
      if (!reply || reply.controller.signal.aborted) return false
      reply.controller.abort()
      return true
    },

    async cancelAll() {
      const replies = [...active.values()]
      for (const reply of replies) reply.controller.abort()
      await Promise.all(replies.map((reply) => reply.finished))
    },

    running: () =>
      [...active.entries()].flatMap(([requestId, reply]) =>
        reply.kind === 'reply' && reply.assistantMessageId !== null
          ? [{ requestId, conversationId: reply.conversationId, assistantMessageId: reply.assistantMessageId, phase: reply.phase, progressText: reply.progressText }]
          : []),

    busyModels: (host) => [...active.values()].filter((reply) => reply.host === host).map((reply) => reply.model),

    activeCount: () => active.size,
  }
}
