import type { RunningReply } from '../../../src-shared/ipc/chat-channels'
import type { ChatTurn, ConversationSummary } from '../../../src-shared/types'
import type { CoreEvents } from '../events'

/** One reply or summary while it runs, keyed by its request in `ActiveReplies`. */
export interface ActiveReply {
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

/** Runs `run` as `requestId`, tracked in the map until it settles (see `ActiveReplies.track`). */
export type TrackReply = <T>(
  requestId: string,
  on: { conversation: ConversationSummary; host: string },
  run: (signal: AbortSignal) => Promise<T>,
  kind?: ActiveReply['kind'],
) => Promise<T>

/**
 * Keeps `active` true to what runs: an entry from the moment a run starts, what each reply is doing as its own events
 * say, and the entry gone once the run settles (for a reply, then `chat:ended`). Returns the function that starts a
 * tracked run.
 */
export function createReplyTracking(active: Map<string, ActiveReply>, events: CoreEvents): TrackReply {
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
  return track
}
