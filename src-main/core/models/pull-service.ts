import type { PullOutcome, PullProgress } from '../../../src-shared/types'
import { shortModelName } from '../../../src-shared/format'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import { silentLogger, type Logger } from '../log'
import { toAppError } from '../ipc/error-mapping'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaStreamError, StreamInterruptedError } from '../ollama/errors'
import { parseModelName, sameModel } from '../ollama/model-name'

/** Progress lines of one pull go to the windows at most this often (Ollama sends one per layer every ~60 ms). */
const PROGRESS_INTERVAL_MS = 100

/** Pulling models by name, several at once, with progress for every window and cancel. */
export interface PullService {
  pull(input: { requestId: string; model: string }, client: OllamaClient): Promise<PullOutcome>
  cancel(requestId: string): boolean
  /**
   * The pulls running now, for a window opened or reloaded mid-pull: per pull, the latest line of each layer seen
   * (in the order they started), then the pull's latest line. Ollama's lines are about one layer at a time, so the
   * latest line alone would lose the bytes of the layers before it.
   */
  active(): PullProgress[]
  /** Stops every pull (at shutdown). */
  cancelAll(): void
}

interface RunningPull {
  model: string
  /** The Ollama the pull runs on: the same model may be pulled on another host meanwhile. */
  host: string
  controller: AbortController
  /** The latest line of each layer, by digest, in the order the layers started. */
  layers: Map<string, PullProgress>
  latest: PullProgress
}

/** Ollama's texts for the failures a person can act on (`server/images.go` `PullModel`, `server/download.go`). */
function pullFailure(model: string, error: unknown): unknown {
  const name = shortModelName(model)
  if (error instanceof StreamInterruptedError) {
    // Ollama went away mid-pull (stopped, crashed, the link dropped): it keeps the layers it has.
    return new AppFailure(
      'STREAM_INTERRUPTED',
      `The connection to Ollama broke off before the pull of ${name} finished. Pulling it again resumes where it stopped.`,
      error.detail,
    )
  }
  if (!(error instanceof OllamaStreamError)) return error
  const text = error.ollamaMessage.toLowerCase()
  if (text.includes('file does not exist')) {
    return new AppFailure(
      'MODEL_NOT_FOUND',
      `The Ollama library has no model "${name}". Check the name and its tag (e.g. llama3.2:3b).`,
      error.ollamaMessage,
    )
  }
  if (text.includes('no space left on device')) {
    return new AppFailure(
      'OLLAMA_ERROR',
      `There is not enough free disk space for ${name} on the computer Ollama runs on.`,
      error.ollamaMessage,
    )
  }
  if (/dial tcp|no such host|lookup |i\/o timeout|connection refused|network is unreachable|tls handshake/.test(text)) {
    return new AppFailure(
      'OLLAMA_ERROR',
      `Ollama could not reach the model library (registry.ollama.ai) to pull ${name}. Is the computer Ollama runs on online?`,
      error.ollamaMessage,
    )
  }
  return new AppFailure('OLLAMA_ERROR', `Ollama could not pull ${name}: ${error.ollamaMessage}`, error.ollamaMessage)
}

/**
 * Rate-limits one pull's progress to a line per `PROGRESS_INTERVAL_MS` for each status. The first line of a status
 * always goes out, and a line held back goes out before it: Ollama sends no closing line for a layer, so its last
 * line is the nearest to its total there is, and dropping it would leave the windows' bar short of that layer.
 */
function progressGate(emit: (progress: PullProgress) => void) {
  let held: PullProgress | null = null
  let lastSent = 0
  let lastStatus: string | null = null
  const sendNow = (progress: PullProgress) => {
    held = null
    lastSent = Date.now()
    lastStatus = progress.status
    emit(progress)
  }
  const flush = () => {
    if (held !== null) sendNow(held)
  }
  return {
    line(progress: PullProgress) {
      const sameStatus = progress.status === lastStatus
      // No timer: Ollama sends a line every 60 ms while a layer downloads, so a held line never waits long.
      if (sameStatus && Date.now() - lastSent < PROGRESS_INTERVAL_MS) {
        held = progress
        return
      }
      // A held line of this status is superseded by this one; one of the status before must go out first.
      if (!sameStatus) flush()
      sendNow(progress)
    },
    flush,
  }
}

/** What a window needs to draw a pull it did not watch: the latest line of every layer, then the pull's latest line. */
const linesToRedraw = (pull: RunningPull): PullProgress[] => [
  ...[...pull.layers.values()].filter((line) => line !== pull.latest),
  pull.latest,
]

/**
 * Runs pulls: a name is checked before anything is sent (an invalid one is refused in words), one pull per model
 * and host at a time, progress as `models:pullProgress` (coalesced by `progressGate`), and failures in words, each
 * logged once. A cancelled pull resolves with `cancelled: true`: Ollama keeps the layers it has, so the next pull
 * of the model resumes. A pull whose stream ends without Ollama's `success` fails. `onPulled` runs after a
 * successful pull (the lists follow).
 */
export function createPullService(deps: { events: CoreEvents; log: Logger; onPulled(): void }): PullService {
  const running = new Map<string, RunningPull>()

  return {
    async pull({ requestId, model }, client) {
      const name = model.trim()
      if (parseModelName(name) === null) {
        throw new AppFailure(
          'INVALID_INPUT',
          `"${name}" is not a model name Ollama accepts (e.g. llama3.2:3b or hf.co/user/repo:Q4_K_M).`,
        )
      }
      if (running.has(requestId)) throw new AppFailure('BUSY', 'That pull is already running.')
      const { host } = client
      for (const pull of running.values()) {
        if (pull.host === host && sameModel(pull.model, name))
          throw new AppFailure('BUSY', `${shortModelName(pull.model)} is already being pulled.`)
      }
      const controller = new AbortController()
      const latest: PullProgress = {
        requestId,
        model: name,
        host,
        status: 'starting',
        completed: null,
        total: null,
        digest: null,
      }
      const entry: RunningPull = { model: name, host, controller, layers: new Map(), latest }
      running.set(requestId, entry)
      const gate = progressGate((progress) => deps.events.emit('models:pullProgress', progress))
      const receive = (progress: PullProgress) => {
        entry.latest = progress
        if (progress.digest !== null) entry.layers.set(progress.digest, progress)
        gate.line(progress)
      }
      try {
        await client.pull(name, {
          signal: controller.signal,
          onLine: (line) => receive({ requestId, model: name, host, ...line }),
        })
        deps.log.info('pulled a model', { model: name, host })
        deps.events.emit('models:pullEnded', { requestId, model: name, host, outcome: 'complete', error: null })
        deps.onPulled()
        return { model: name, cancelled: false }
      } catch (error) {
        gate.flush()
        if (error instanceof CancelledError) {
          receive({ ...entry.latest, status: 'cancelled' })
          deps.events.emit('models:pullEnded', { requestId, model: name, host, outcome: 'cancelled', error: null })
          return { model: name, cancelled: true }
        }
        const failure = pullFailure(name, error)
        // Logged once: an expected failure here; a bug (INTERNAL) by the IPC dispatcher, with its stack, when it
        // maps the failure thrown below, so the event's copy is mapped without logging.
        const appError = toAppError(failure, silentLogger, 'models:pull')
        if (appError.code !== 'INTERNAL')
          deps.log.warn('a pull failed', {
            model: name,
            host,
            code: appError.code,
            detail: appError.detail ?? appError.message,
          })
        deps.events.emit('models:pullEnded', { requestId, model: name, host, outcome: 'failed', error: appError })
        throw failure
      } finally {
        running.delete(requestId)
      }
    },
    cancel(requestId) {
      const pull = running.get(requestId)
      if (pull === undefined || pull.controller.signal.aborted) return false
      pull.controller.abort()
      return true
    },
    active: () => [...running.values()].flatMap(linesToRedraw),
    cancelAll() {
      for (const pull of running.values()) pull.controller.abort()
    },
  }
}
