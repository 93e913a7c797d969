/**
 * What `npm run serve` (cli.ts) and `npm run demo` (scripts/demo.ts) share: checking a port flag, starting, and
 * stopping on Ctrl+C, so the two commands cannot drift apart.
 */

/** The parts of the process a command-line entry point uses; the real `process` and console by default. */
export interface CliProcess {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
  /** Ends the process (the real one never returns; stand-ins do, so callers return right after). */
  exit(code: number): void
  log(line: string): void
  error(line: string): void
}

/** Something started that must be stopped before the process ends. */
export interface Stoppable {
  close(): Promise<void>
}

const realProcess: CliProcess = {
  on: (signal, listener) => process.on(signal, listener),
  exit: (code) => process.exit(code),
  log: (line) => console.log(line),
  error: (line) => console.error(line),
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A port number from a flag: digits only, 0 to 65535 (0 picks a free port); `undefined` otherwise. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined
  const port = Number(value)
  return port <= 65535 ? port : undefined
}

/** The port in `value`; otherwise prints what is wrong with `flag` and exits with code 2. */
export function portOrExit(value: string | undefined, flag: string, proc: CliProcess = realProcess): number {
  const port = parsePort(value)
  if (port !== undefined) return port
  proc.error(`ollmchat: ${flag} must be a number from 0 to 65535 (got ${value}).`)
  proc.exit(2)
  return Number.NaN
}

/**
 * Runs `start()`, then `announce(handle)`, until SIGINT or SIGTERM. Guarantees: the first signal closes the handle
 * and exits 0 (1 if closing fails), also when it arrives while still starting; a failed start prints one line and
 * exits 1. Signals after the first change nothing: closing is bounded (the core gives calls still in flight
 * `shutdownGraceMs`, then closes the store), so no second keypress is needed to get out, and one Ctrl+C can arrive
 * twice (under `npm run` with bash as the script shell, npm relays the terminal's SIGINT to node, which got it too).
 */
export async function runUntilSignalled<T extends Stoppable>(
  start: () => Promise<T>,
  announce: (handle: T) => void,
  proc: CliProcess = realProcess,
): Promise<void> {
  let handle: T | undefined
  let signalled = false
  const stop = () => {
    if (!handle) return
    const closing = handle
    proc.log('ollmchat: stopping…')
    closing.close().then(
      () => proc.exit(0),
      (error: unknown) => {
        proc.error(`ollmchat: stopping failed: ${describeError(error)}`)
        proc.exit(1)
      },
    )
  }
  const onSignal = () => {
    if (signalled) return
    signalled = true
    stop()
  }
  proc.on('SIGINT', onSignal)
  proc.on('SIGTERM', onSignal)

  try {
    handle = await start()
  } catch (error) {
    proc.error(`ollmchat: could not start: ${describeError(error)}`)
    proc.exit(1)
    return
  }
  if (signalled) stop()
  else announce(handle)
}
