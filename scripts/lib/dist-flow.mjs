// The steps of `npm run dist`. electron-builder's npmRebuild (which must stay on: the packaged app needs an
// Electron-ABI better-sqlite3) rebuilds node_modules/better-sqlite3 in place, so afterwards this checkout's
// tests, `npm run serve` and `npm run demo` could no longer load it under Node. The Node build is therefore
// restored after electron-builder has run, whether packaging succeeded or not.
import { join } from 'node:path'

/**
 * Starts a command with inherited output; resolves with its exit code.
 * @typedef {(command: string, args: readonly string[]) => Promise<number>} RunCommand
 */

/** The line printed before the Node build of better-sqlite3 is restored. */
export const RESTORE_LINE =
  'ollmchat: restoring the Node build of better-sqlite3 (electron-builder rebuilt it for Electron in place) with `npm rebuild better-sqlite3`…'

/** The line printed when restoring failed, so the user knows how to repair the checkout. */
export const RESTORE_FAILED_LINE =
  'ollmchat: `npm rebuild better-sqlite3` failed; run it yourself before `npm test`, `npm run serve` or `npm run demo`.'

/**
 * How `npm` is started: through the npm that runs this script when there is one, so the same version is used.
 * @param {Record<string, string | undefined>} env
 * @param {NodeJS.Platform} [platform]
 * @returns {{ command: string, args: string[] }}
 */
export function npmCommand(env, platform = process.platform) {
  if (env.npm_execpath) return { command: process.execPath, args: [env.npm_execpath] }
  return { command: platform === 'win32' ? 'npm.cmd' : 'npm', args: [] }
}

/**
 * Runs `electron-vite build`, then `electron-builder` with `builderArgs`, then restores the Node build of
 * better-sqlite3 whenever electron-builder was started (also when it failed or was interrupted). `run` starts a
 * command with inherited output and resolves with its exit code. Resolves with the exit code
 * for the whole command: the first failure, else the restore's.
 * @param {object} options
 * @param {string} options.root
 * @param {readonly string[]} options.builderArgs
 * @param {Record<string, string | undefined>} options.env
 * @param {RunCommand} options.run
 * @param {(line: string) => void} [options.print]
 * @returns {Promise<number>}
 */
export async function runDist({ root, builderArgs, env, run, print = console.log }) {
  const build = await run(process.execPath, [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
  ])
  if (build !== 0) return build
  // A runner that rejects despite its contract still leads to the restore.
  const packaged = await run(process.execPath, [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    ...builderArgs,
  ]).catch(() => 1)
  print(RESTORE_LINE)
  const npm = npmCommand(env)
  const restored = await run(npm.command, [...npm.args, 'rebuild', 'better-sqlite3']).catch(() => 1)
  if (restored !== 0) print(RESTORE_FAILED_LINE)
  return packaged !== 0 ? packaged : restored
}
