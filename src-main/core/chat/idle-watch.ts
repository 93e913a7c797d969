import { AppFailure } from '../app-failure'

/** A watch on one reply: how long Ollama has sent nothing, and the end of the reply when that lasts too long. */
export interface IdleWatch {
  /** Aborted when Ollama has sent nothing for the whole allowed time. */
  readonly signal: AbortSignal
  /** The error the reply is saved with once `signal` is aborted; `null` until then. */
  readonly failure: AppFailure | null
  /** Ollama sent something: the idle time starts again. */
  touch(): void
  /** The reply ended: no more timers. */
  stop(): void
}

export interface IdleWatchOptions {
  /** How many minutes of silence end the reply (the `replyIdleMinutes` setting, read when the reply starts). */
  idleMinutes: number
  /** How long one of those minutes lasts: 60,000 ms for people, tests make it short. */
  minuteMs: number
  /** After each whole minute of silence (1, 2, …) short of the limit, so the window can say it is still waiting. */
  onStillWaiting(minutes: number): void
}

const minutesText = (minutes: number) => (minutes === 1 ? '1 minute' : `${minutes} minutes`)

/** The line the window shows while the reply waits, e.g. "Still waiting for Ollama (2 min)…". */
export const stillWaitingText = (minutes: number) => `Still waiting for Ollama (${minutes} min)…`

/**
 * Ends a reply Ollama has gone silent on. A model load can take minutes, so the limit is generous and the window is
 * told each minute that the reply is still waiting; but an Ollama that took the request and never answers (or stops
 * between two tokens) would otherwise hold the conversation until the app restarts.
 *
 * `touch` runs for every streamed line (the hot path), so it only notes the time: one timer, armed for the next whole
 * minute of silence, reads that time when it fires and re-arms for what is left when something came meanwhile.
 */
export function startIdleWatch(options: IdleWatchOptions): IdleWatch {
  const controller = new AbortController()
  const minuteMs = options.minuteMs
  let failure: AppFailure | null = null
  let lastActivity = performance.now()
  /** Whole minutes of the current silence already told (`onStillWaiting`); 0 again after every line. */
  let toldMinutes = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const arm = (delayMs: number) => {
    timer = setTimeout(check, Math.max(0, delayMs))
    timer.unref?.()
  }
  const check = () => {
    const silentMs = performance.now() - lastActivity
    const silentMinutes = Math.floor(silentMs / minuteMs)
    if (silentMinutes >= options.idleMinutes) {
      timer = undefined
      failure = new AppFailure(
        'OLLAMA_SILENT',
        `Ollama sent nothing for ${minutesText(options.idleMinutes)}, so the reply was stopped. ` +
          'The model may still be loading, or Ollama may be stuck: try again, or allow more time under "Stop a silent reply after" in Settings.',
      )
      controller.abort(failure)
      return
    }
    if (silentMinutes > toldMinutes) {
      toldMinutes = silentMinutes
      options.onStillWaiting(silentMinutes)
    }
    arm((silentMinutes + 1) * minuteMs - silentMs)
  }
  arm(minuteMs)

  return {
    signal: controller.signal,
    get failure() {
      return failure
    },
    touch() {
      lastActivity = performance.now()
      toldMinutes = 0
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
