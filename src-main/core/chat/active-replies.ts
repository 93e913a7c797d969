import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import type { ChatTurn, ConversationSummary } from '../../../src-shared/types'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'

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
 * The replies and summaries running now, keyed by request: the one place that knows whether a conversation is busy,
 * what each reply is doing, and how to stop it. The chat service decides what to run; this tracks it while it runs.
 */
export interface ActiveReplies {
  isRunning(requestId: string): boolean
  /** Throws `BUSY` while the conversation has a reply or summary running. */
  refuseWhileAnswering(conversationId: string): void
  /**
   * Runs `run` as `requestId` on `host` (its connection's), tracked until it settles. Call it synchronously after the
   * busy checks (no await in between), so they still hold; the entry exists before `run` starts, so the reply's first
   * events find it.
   */
  track<T>(
    requestId: string,
    on: { conversation: ConversationSummary; host: string },
    run: (signal: AbortSignal) => Promise<T>,
    kind?: ActiveReply['kind'],
  ): Promise<T>
  cancel(target: CancelTarget): boolean
  cancelAll(): Promise<void>
  running(): RunningReply[]
  busyModels(host: string): string[]
  count(): number
}

export function createActiveReplies(deps: { events: CoreEvents }): ActiveReplies {
  const active = new Map<string, ActiveReply>()
  const { events } = deps
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

  const track = async <T>(
    requestId: string,
    on: { conversation: ConversationSummary; host: string },
    run: (signal: AbortSignal) => Promise<T>,
    kind: ActiveReply['kind'] = 'reply',
  ): Promise<T> => {
    const { conversation, host } = on
    const controller = new AbortController()
    const entry: ActiveReply = {
      kind,
      conversationId: conversation.id,
      assistantMessageId: null,
      phase: null,
      progressText: null,
      model: conversation.model ?? '',
      host,
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
      if (kind === 'reply')
        events.emit('chat:ended', { requestId, conversationId: conversation.id, turn: turn as ChatTurn | null })
    }
  }

  return {
    isRunning: (requestId) => active.has(requestId),

    refuseWhileAnswering(conversationId) {
      for (const reply of active.values()) {
        if (reply.conversationId === conversationId) {
          throw new AppFailure('BUSY', 'This conversation is still answering. Stop the reply first.')
        }
      }
    },

    track,

    cancel(target) {
      const reply =
        'requestId' in target
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
          ? [
              {
                requestId,
                conversationId: reply.conversationId,
                assistantMessageId: reply.assistantMessageId,
                phase: reply.phase,
                progressText: reply.progressText,
              },
            ]
          : [],
      ),

    busyModels: (host) => [...active.values()].filter((reply) => reply.host === host).map((reply) => reply.model),

    count: () => active.size,
  }
}
