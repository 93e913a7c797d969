import { performance } from 'node:perf_hooks'

/** A stopwatch started now: wall-clock milliseconds and process CPU milliseconds (user + system, all threads). */
export interface Stopwatch {
  wallMs(): number
  cpuMs(): number
}

/**
 * Starts a stopwatch. CPU time is the whole process's, so it includes the Ollama simulator when it runs in the
 * same process; both variants of a comparison carry that same share.
 */
export function startStopwatch(): Stopwatch {
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  return {
    wallMs: () => performance.now() - wallStart,
    cpuMs: () => {
      const used = process.cpuUsage(cpuStart)
      return (used.user + used.system) / 1000
    },
  }
}
