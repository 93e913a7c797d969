import { CancelledError } from '../ollama/errors'
import { AcquireCounter } from './temp-model-usage'

/**
 * What keeps one host's temporary models safe from the app's own deletes, whichever manager acts. A host can have
 * more than one manager at once (the active connection, one a host switch or new headers retired while its reply
 * still runs, the start-up clean-up of a host that is not active), so the holds and the deleting passes are per host,
 * not per manager.
 */
export class HostTempModelGuard {
  /** Replies using a temporary model, and creates running. */
  readonly holds = new AcquireCounter()
  /** The last deleting pass queued; `null` when none runs. Never rejects. */
  private lastPass: Promise<void> | null = null

  /**
   * Runs `work`, which deletes temporary models, after every deleting pass queued before it on this host, and makes
   * `waitForPasses` wait until it is done: a model is never handed to a chat while a pass may be deleting it. `work`
   * must still skip what `holds` names at the moment it deletes.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = (this.lastPass ?? Promise.resolve()).then(work)
    // Settles either way, so nobody waiting on it sees the failure; `run` carries it to the caller.
    const queued: Promise<void> = run.then(
      () => this.passEnded(queued),
      () => this.passEnded(queued),
    )
    this.lastPass = queued
    return run
  }

  /** Resolves once no deleting pass runs; a chat's `signal` stops the wait (`CancelledError`). */
  async waitForPasses(signal?: AbortSignal): Promise<void> {
    while (this.lastPass !== null) {
      const pass = this.lastPass
      if (signal === undefined) {
        await pass
        continue
      }
      if (signal.aborted) throw new CancelledError(signal.reason)
      let onAbort = () => {}
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError(signal.reason))
        signal.addEventListener('abort', onAbort, { once: true })
      })
      try {
        await Promise.race([pass, aborted])
      } finally {
        signal.removeEventListener('abort', onAbort)
      }
    }
  }

  private passEnded(pass: Promise<void>): void {
    if (this.lastPass === pass) this.lastPass = null
  }
}

/** The guard of every host, shared by every manager of the app. */
export class TempModelGuards {
  private readonly byHost = new Map<string, HostTempModelGuard>()

  forHost(host: string): HostTempModelGuard {
    let guard = this.byHost.get(host)
    if (guard === undefined) {
      guard = new HostTempModelGuard()
      this.byHost.set(host, guard)
    }
    return guard
  }
}
