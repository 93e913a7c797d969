import { CancelledError } from '../ollama/errors'

/** What a shared run can report back to everyone waiting on it. */
export interface FlightControl {
  /** Aborts once every caller has given up. */
  readonly signal: AbortSignal
  /** The expensive step is about to start: run every caller's `onStart` (and those of later joiners at once). */
  started(): void
}

class Flight<T> implements FlightControl {
  readonly controller = new AbortController()
  readonly listeners = new Set<() => void>()
  waiters = 0
  hasStarted = false
  readonly promise: Promise<T>

  constructor(run: (control: FlightControl) => Promise<T>) {
    this.promise = run(this)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  started(): void {
    this.hasStarted = true
    for (const listener of this.listeners) listener()
  }
}

/**
 * One run per key at a time: concurrent callers for the same key share it. Each caller can stop waiting with its
 * own signal (`CancelledError`); the run itself is aborted only when every caller has stopped waiting.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>()

  /** True while a run for `key` is in flight. */
  has(key: string): boolean {
    return this.flights.has(key)
  }

  /** True while a run for `key` other than `mine` is in flight: a caller started afresh after everyone left `mine`. */
  runsOtherThan(key: string, mine: FlightControl): boolean {
    const flight = this.flights.get(key)
    return flight !== undefined && flight !== mine
  }

  /** Joins the run for `key`, starting it with `run` when there is none (or only one every caller left). */
  async join(
    key: string,
    run: (control: FlightControl) => Promise<T>,
    opts: { signal?: AbortSignal | undefined; onStart?: (() => void) | undefined } = {},
  ): Promise<T> {
    let flight = this.flights.get(key)
    if (flight === undefined || flight.signal.aborted) {
      const fresh = new Flight(run)
      this.flights.set(key, fresh)
      fresh.promise
        .finally(() => {
          if (this.flights.get(key) === fresh) this.flights.delete(key)
        })
        .catch(() => undefined)
      flight = fresh
    }
    const active = flight
    const onStart = opts.onStart
    if (onStart !== undefined) {
      if (active.hasStarted) onStart()
      else active.listeners.add(onStart)
    }
    active.waiters++
    try {
      return await raceSignal(active.promise, opts.signal)
    } finally {
      active.waiters--
      if (onStart !== undefined) active.listeners.delete(onStart)
      if (active.waiters === 0 && opts.signal?.aborted === true) active.controller.abort()
    }
  }
}

/** Settles with `promise`, or rejects with `CancelledError` as soon as `signal` aborts. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(new CancelledError(signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
