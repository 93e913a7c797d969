import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import { createReplyTracking, type ActiveReply, type TrackReply } from './reply-tracking'

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
  track: TrackReply
  cancel(target: CancelTarget): boolean
  cancelAll(): Promise<void>
  running(): RunningReply[]
  busyModels(host: string): string[]
  count(): number
}

export function createActiveReplies(deps: { events: CoreEvents }): ActiveReplies {
  const active = new Map<string, ActiveReply>()
  const track = createReplyTracking(active, deps.events)

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
