import type { AppError } from '../../../src-shared/ipc/result'
import type { OllamaStatus } from '../../../src-shared/types'
import { toAppError } from '../ipc/error-mapping'
import type { Logger } from '../log'
import { checkingStatus, reachableStatus, unreachableStatus, verdictChanged } from './status-values'

/** How often to look: quickly while Ollama is down (so the banner clears soon after it starts), rarely when up. */
export interface StatusTiming {
  whileDownMs: number
  whileUpMs: number
}

export interface OllamaStatusMonitor {
  current(): OllamaStatus
  /** Checks now; resolves with the new status (also pushed to listeners when it changed). */
  checkNow(): Promise<OllamaStatus>
  /**
   * A reply against `host` just failed: show the banner at once instead of waiting for the next check. Ignored
   * unless `host` is the one watched now (a reply that began before a host change says nothing about the new host).
   */
  reportFailure(error: AppError, host: string): void
  /** The host changed: forget the old verdict and check the new host. */
  setHost(host: string, probe: (signal: AbortSignal) => Promise<string>): void
  start(): void
  stop(): void
}

/**
 * Watches whether Ollama answers (`GET /api/version`) and pushes a status whenever the verdict changes, so the
 * window can show a banner with the host it tried and clear it by itself when Ollama comes up.
 */
export function createOllamaStatusMonitor(options: {
  host: string
  probe: (signal: AbortSignal) => Promise<string>
  timing: StatusTiming
  log: Logger
  onChange(status: OllamaStatus): void
  now?: () => Date
}): OllamaStatusMonitor {
  const now = options.now ?? (() => new Date())
  let probe = options.probe
  let status = checkingStatus(options.host, now())
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let inFlight: Promise<OllamaStatus> | undefined

  const publish = (next: OllamaStatus) => {
    const changed = verdictChanged(status, next)
    status = next
    if (changed) {
      options.log.info(`Ollama is ${next.state} at ${next.host}`, next.version ? { version: next.version } : {})
      options.onChange(next)
    }
  }

  const schedule = () => {
    if (!running) return
    if (timer !== undefined) clearTimeout(timer)
    const delay = status.state === 'reachable' ? options.timing.whileUpMs : options.timing.whileDownMs
    timer = setTimeout(() => void check(), delay)
    timer.unref?.()
  }

  const check = (): Promise<OllamaStatus> => {
    if (inFlight) return inFlight
    const host = status.host
    let run: Promise<OllamaStatus> | undefined = undefined
    run = (async () => {
      try {
        const version = await probe(AbortSignal.timeout(5_000))
        if (host === status.host) publish(reachableStatus(host, version, now()))
      } catch (error) {
        const appError = toAppError(error, options.log, 'Ollama status check')
        if (host === status.host) publish(unreachableStatus(host, appError, now()))
      } finally {
        if (inFlight === run) inFlight = undefined
        schedule()
      }
      return status
    })()
    inFlight = run
    return run
  }

  return {
    current: () => status,
    checkNow: check,
    reportFailure(error, host) {
      if (error.code !== 'OLLAMA_UNREACHABLE' || host !== status.host || status.state === 'unreachable') return
      publish(unreachableStatus(status.host, error, now()))
      schedule()
    },
    setHost(host, nextProbe) {
      probe = nextProbe
      inFlight = undefined
      publish(checkingStatus(host, now()))
      void check()
    },
    start() {
      running = true
      void check()
    },
    stop() {
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
