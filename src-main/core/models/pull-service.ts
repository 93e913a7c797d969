import type { PullOutcome, PullProgress } from '../../../src-shared/types'
import { shortModelName } from '../../../src-shared/format'
import { AppFailure } from '../app-failure'
import type { CoreEvents } from '../events'
import type { Logger } from '../log'
import { toAppError } from '../ipc/error-mapping'
import type { OllamaClient } from '../ollama/client'
import { CancelledError, OllamaStreamError, OllamaUnreachableError } from '../ollama/errors'
import { parseModelName, sameModel } from '../ollama/model-name'

/** Progress lines of one pull go to the windows at most this often (Ollama sends one per layer every ~60 ms). */
const PROGRESS_INTERVAL_MS = 100

/** Pulling models by name, several at once, with progress for every window and cancel. */
export interface PullService {
  pull(input: { requestId: string; model: string }, client: OllamaClient): Promise<PullOutcome>
  cancel(requestId: string): boolean
  /** The pulls running now, each with its latest progress line. */
  active(): PullProgress[]
  /** Stops every pull (at shutdown). */
  cancelAll(): void
}

interface RunningPull {
  model: string
  controller: AbortController
  latest: PullProgress
}

/** Ollama's texts for the failures a person can act on (`server/images.go` `PullModel`, `server/download.go`). */
function pullFailure(model: string, error: unknown): unknown {
  if (!(error instanceof OllamaStreamError)) return error
  const text = error.ollamaMessage.toLowerCase()
  const name = shortModelName(model)
  if (text.includes('file does not exist')) {
    return new AppFailure('MODEL_NOT_FOUND', `The Ollama library has no model "${name}". Check the name and its tag (e.g. llama3.2:3b).`, error.ollamaMessage)
  }
  if (text.includes('no space left on device')) {
    return new AppFailure('OLLAMA_ERROR', `There is not enough free disk space for ${name} on the computer Ollama runs on.`, error.ollamaMessage)
  }
  if (/dial tcp|no such host|lookup |i\/o timeout|connection refused|network is unreachable|tls handshake/.test(text)) {
    return new AppFailure('OLLAMA_ERROR', `Ollama could not reach the model library (registry.ollama.ai) to pull ${name}. Is the computer Ollama runs on online?`, error.ollamaMessage)
  }
  return new AppFailure('OLLAMA_ERROR', `Ollama could not pull ${name}: ${error.ollamaMessage}`, error.ollamaMessage)
}

/**
 * Runs pulls: a name is checked before anything is sent (an invalid one is refused in words), one pull per model at a
 * time, progress as `models:pullProgress` (coalesced to `PROGRESS_INTERVAL_MS`; the first line, every new status and
 * the last always go out), and failures in words. A cancelled pull resolves with `cancelled: true`: Ollama keeps the
 * layers it has, so the next pull of the model resumes. `onPulled` runs after a successful pull (the lists follow).
 */
export function createPullService(deps: { events: CoreEvents; log: Logger; onPulled(): void }): PullService {
  const running = new Map<string, RunningPull>()

  return {
    async pull({ requestId, model }, client) {
      const name = model.trim()
      if (parseModelName(name) === null) {
        throw new AppFailure('INVALID_INPUT', `"${name}" is not a model name Ollama accepts (e.g. llama3.2:3b or hf.co/user/repo:Q4_K_M).`)
      }
      if (running.has(requestId)) throw new AppFailure('BUSY', 'That pull is already running.')
      for (const pull of running.values()) {
        if (sameModel(pull.model, name)) throw new AppFailure('BUSY', `${shortModelName(pull.model)} is already being pulled.`)
      }
      const controller = new AbortController()
      const entry: RunningPull = { model: name, controller, latest: { requestId, model: name, status: 'starting', completed: null, total: null, digest: null } }
      running.set(requestId, entry)
      let lastSent = 0
      let lastStatus = ''
      const send = (progress: PullProgress, force: boolean) => {
        entry.latest = progress
        const now = Date.now()
        if (!force && progress.status === lastStatus && now - lastSent < PROGRESS_INTERVAL_MS) return
        lastSent = now
        lastStatus = progress.status
        deps.events.emit('models:pullProgress', progress)
      }
      try {
        await client.pull(name, {
          signal: controller.signal,
          onLine: (line) => send({ requestId, model: name, ...line }, line.status === 'success'),
        })
        deps.log.info('pulled a model', { model: name })
        deps.events.emit('models:pullEnded', { requestId, model: name, outcome: 'complete', error: null })
        deps.onPulled()
        return { model: name, cancelled: false }
      } catch (error) {
        if (error instanceof CancelledError) {
          send({ ...entry.latest, status: 'cancelled' }, true)
          deps.events.emit('models:pullEnded', { requestId, model: name, outcome: 'cancelled', error: null })
          return { model: name, cancelled: true }
        }
        if (!(error instanceof OllamaUnreachableError)) deps.log.warn('a pull failed', { model: name, error: error instanceof Error ? error.message : String(error) })
        const failure = pullFailure(name, error)
        deps.events.emit('models:pullEnded', { requestId, model: name, outcome: 'failed', error: toAppError(failure, deps.log, 'models:pull') })
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
    active: () => [...running.values()].map((pull) => pull.latest),
    cancelAll() {
      for (const pull of running.values()) pull.controller.abort()
    },
  }
}
