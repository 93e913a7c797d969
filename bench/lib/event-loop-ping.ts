import { performance } from 'node:perf_hooks'

/** A running ping; `stop` ends it and returns every delay it saw, in milliseconds. */
export interface Ping {
  stop(): number[]
}

const PING_INTERVAL_MS = 1

/**
 * Stands for any other call the process should answer meanwhile (an IPC handler, an HTTP request): a timer due
 * every millisecond, recording how late it ran. While the event loop is free the delay is a fraction of a
 * millisecond; while synchronous work holds it, the ping due during that work waits until the work ends.
 */
export function startPing(): Ping {
  const delays: number[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    const due = performance.now() + PING_INTERVAL_MS
    timer = setTimeout(() => {
      delays.push(Math.max(0, performance.now() - due))
      schedule()
    }, PING_INTERVAL_MS)
  }
  schedule()
  return {
    stop() {
      clearTimeout(timer)
      return delays
    },
  }
}

/** Lets timers and I/O run before the next step, as between two IPC calls. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
