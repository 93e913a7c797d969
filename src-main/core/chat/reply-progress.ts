import { shortModelName } from '../../../src-shared/format'
import type { ChatPhase } from '../../../src-shared/types'
import type { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import { startIdleWatch, stillWaitingText } from './idle-watch'

/** The phases a reply goes through (a summary has its own). */
type ReplyPhase = Exclude<ChatPhase, 'summarizing'>

/**
 * What windows are told a reply is doing (`chat:progress`), and the idle watch that ends it when Ollama falls
 * silent: one object because the watch's "still waiting" line depends on the phase, and a line from Ollama after a
 * stall moves the phase back to streaming.
 */
export interface ReplyProgress {
  /** Aborted when Ollama has sent nothing for the allowed time. */
  readonly idleSignal: AbortSignal
  /** The error the reply is saved with once `idleSignal` is aborted; `null` until then. */
  readonly idleFailure: AppFailure | null
  preparing: (text: string) => void
  /** The request is sent and no token has come yet. */
  waiting: () => void
  /** The first token came. */
  answering: () => void
  /** Every line Ollama sends, empty or not. */
  onChunk: () => void
  /** The reply ended: no more timers. */
  stop: () => void
}

export function startReplyProgress(input: {
  events: CoreEvents
  requestId: string
  conversationId: string
  model: string
  idleMinutes: number
  minuteMs: number
}): ReplyProgress {
  const { events, requestId, conversationId } = input
  const answeringText = `${shortModelName(input.model)} is answering…`
  let phase: ReplyPhase = 'waiting-for-model'
  const progress = (next: ReplyPhase, text: string) => {
    phase = next
    events.emit('chat:progress', { requestId, conversationId, phase, text })
  }
  // A reply that stalled after its first token and then goes on is answering again: said once, at its next line.
  let stalledMidReply = false
  // Silence counts from the start (preparing the model included) and after every line Ollama sends.
  const idle = startIdleWatch({
    idleMinutes: input.idleMinutes,
    minuteMs: input.minuteMs,
    onStillWaiting: (minutes) => {
      if (phase === 'streaming') stalledMidReply = true
      progress(phase === 'streaming' ? 'waiting-for-model' : phase, stillWaitingText(minutes))
    },
  })
  return {
    idleSignal: idle.signal,
    get idleFailure() {
      return idle.failure
    },
    preparing: (text) => progress('preparing-model', text),
    waiting: () => progress('waiting-for-model', `Waiting for ${shortModelName(input.model)}…`),
    answering: () => progress('streaming', answeringText),
    onChunk: () => {
      idle.touch()
      if (!stalledMidReply) return
      stalledMidReply = false
      progress('streaming', answeringText)
    },
    stop: () => idle.stop(),
  }
}
