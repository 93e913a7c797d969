import type { RunningReply } from '../../src-shared/ipc/chat-channels'
import type { EventMap } from '../../src-shared/ipc/contract'
import { elsewhereTurn, withTurn } from './chat-events'
import { omitKey } from './message-list'
import type { AppState } from './types'

type Patch = Partial<AppState>

/**
 * `chat:running` at start: the replies the core is running that this window does not know yet (started before a
 * reload, or in another window). What this window already follows keeps its state.
 */
export function withRunning(state: AppState, replies: readonly RunningReply[]): Patch {
  const unknown = replies.filter((reply) => state.inflight[reply.requestId] === undefined)
  if (unknown.length === 0) return {}
  const inflight = { ...state.inflight }
  for (const reply of unknown) {
    inflight[reply.requestId] = {
      ...elsewhereTurn(reply.requestId, reply.conversationId),
      assistantMessageId: reply.assistantMessageId,
      phase: reply.phase,
      progressText: reply.phase === 'streaming' ? null : reply.progressText,
    }
  }
  return { inflight }
}

/**
 * `chat:running` asked again after the event stream came back: a reply started elsewhere that the core no longer
 * runs ended in the gap, so it goes (`ended` names their conversations, whose saved replies must be read); replies
 * that started in the gap are added (`withRunning`). Only what this window knew when it asked (`askedAbout`) can
 * have ended: a reply learnt of since then is newer than the answer. Replies this window started end through their
 * own requests.
 */
export function withReconciled(
  state: AppState,
  replies: readonly RunningReply[],
  askedAbout: ReadonlySet<string>,
): { patch: Patch; ended: string[] } {
  const running = new Set(replies.map((reply) => reply.requestId))
  const gone = Object.values(state.inflight).filter(
    (turn) => !turn.own && askedAbout.has(turn.requestId) && !running.has(turn.requestId),
  )
  const inflight = { ...state.inflight }
  for (const turn of gone) delete inflight[turn.requestId]
  const kept = { ...state, inflight }
  return {
    patch: { inflight, ...withRunning(kept, replies) },
    ended: [...new Set(gone.map((turn) => turn.conversationId))],
  }
}

/**
 * `chat:ended`: a reply another window started is over, so its in-flight state goes and the saved reply replaces the
 * streamed copy. A reply this window started ends through its own request (`runTurn`), which this leaves alone.
 */
export function withEnded(state: AppState, event: EventMap['chat:ended'], now: number): Patch {
  const turn = state.inflight[event.requestId]
  if (turn?.own === true) return {}
  const saved = event.turn === null ? {} : withTurn(state, event.turn, now)
  return turn === undefined ? saved : { ...saved, inflight: omitKey(state.inflight, event.requestId) }
}
