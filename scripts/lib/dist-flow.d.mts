/** Starts a command with inherited output; resolves with its exit code. */
export type RunCommand = (command: string, args: readonly string[]) => Promise<number>
/** The line printed before the Node build of better-sqlite3 is restored. */
export const RESTORE_LINE: string
/** The line printed when restoring failed, so the user knows how to repair the checkout. */
export const RESTORE_FAILED_LINE: string
/** How `npm` is started: through the npm that runs this script when there is one. */
export function npmCommand(
  env: Record<string, string | undefined>,
  platform?: NodeJS.Platform,
): { command: string; args: string[] }
/**
 * Runs `electron-vite build`, then `electron-builder`, then restores the Node build of better-sqlite3 whenever
 * electron-builder was started (also when it failed). Resolves with the first failure's exit code, else the restore's.
 */
export function runDist(options: {
  root: string
  builderArgs: readonly string[]
  env: Record<string, string | undefined>
  run: RunCommand
  print?: (line: string) => void
}): Promise<number>
