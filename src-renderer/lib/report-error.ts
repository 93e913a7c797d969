import type { Bridge } from '../../src-shared/ipc/bridge'
import { safeCall } from '../store/safe-call'

/** At most this many reports per window session: a failure repeating every frame must not flood the log. */
const MAX_REPORTS = 20

/**
 * Sends a window failure to the app's log (`app:reportError`), also kept in DevTools' console. Fire and forget: a
 * report that cannot be sent is not itself reported.
 */
export function createErrorReporter(bridge: Bridge): (where: string, error: unknown) => void {
  let sent = 0
  return (where, error) => {
    console.error(`ollmchat: ${where}`, error)
    if (sent >= MAX_REPORTS) return
    sent += 1
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 4_000)
    const stack = error instanceof Error && error.stack !== undefined ? { stack: error.stack.slice(0, 16_000) } : {}
    void safeCall(bridge, 'app:reportError', { where: where.slice(0, 200), message, ...stack })
  }
}

let installed: ((where: string, error: unknown) => void) | null = null

/** Makes `report` the window's reporter for `reportError` (main.tsx, once the bridge exists). */
export function installErrorReporter(report: (where: string, error: unknown) => void): void {
  installed = report
}

/**
 * Reports a failure React caught in an error boundary: React does not raise those again, so the window's `error`
 * listener never sees them. Logged to the console only until a reporter is installed (tests, the first instant).
 */
export function reportError(where: string, error: unknown): void {
  if (installed === null) console.error(`ollmchat: ${where}`, error)
  else installed(where, error)
}

/** The error with React's component stack added to its stack, which says where in the window it happened. */
export function withComponentStack(error: Error, info: { componentStack?: string | null }): Error {
  const copy = new Error(error.message)
  copy.stack = `${error.stack ?? error.message}\n${info.componentStack ?? ''}`
  return copy
}
