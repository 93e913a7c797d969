import type { RunStep } from './run-step.mjs'

/** The one line printed when Electron's download fails. */
export const UNAVAILABLE_LINE: string
/** Electron's own rule: any non-empty ELECTRON_SKIP_BINARY_DOWNLOAD skips the download. */
export function shouldSkipElectronDownload(env: Record<string, string | undefined>): boolean
/** The one line printed when better-sqlite3 could not be built for Electron. */
export function sqliteFailedLine(electronVersion: string): string
/** True when electron's package has a downloaded binary (what `require('electron')` needs). */
export function electronBinaryInstalled(electronDir: string): boolean
export interface PostinstallOutcome {
  electron: 'skipped' | 'absent' | 'unavailable' | 'installed'
  sqlite?: 'built' | 'reused' | 'failed'
}
/** Runs the postinstall steps; prints at most one line per problem; never throws. */
export function runPostinstall(options: {
  root: string
  env: Record<string, string | undefined>
  run: RunStep
  print?: (line: string) => void
  downloadTimeoutMs?: number
}): Promise<PostinstallOutcome>
