// The root package's own postinstall logic. npm's allowScripts denies electron's install script (so installs
// pass on machines that cannot reach GitHub); this runs that same download itself and tolerates failure, then
// builds better-sqlite3 for Electron. Nothing here may make `npm install` fail.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildElectronSqlite } from './electron-sqlite.mjs'

/** @import { RunStep } from './run-step.mjs' */
/** @typedef {Record<string, string | undefined>} Env */
/**
 * What the postinstall did.
 * @typedef {{ electron: 'skipped' | 'absent' | 'unavailable' | 'installed', sqlite?: 'built' | 'reused' | 'failed' }} PostinstallOutcome
 */

/** The one line printed when Electron's download fails. */
export const UNAVAILABLE_LINE =
  'ollmchat: the Electron binary could not be downloaded here; the desktop app is unavailable on this machine. `npm start` will open the browser mode instead.'

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000

/** Electron's own rule: any non-empty ELECTRON_SKIP_BINARY_DOWNLOAD skips the download. */
export function shouldSkipElectronDownload(/** @type {Env} */ env) {
  return Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD)
}

/** The line printed when better-sqlite3 could not be built for Electron. */
export function sqliteFailedLine(/** @type {string} */ electronVersion) {
  return `ollmchat: better-sqlite3 could not be built for Electron ${electronVersion} here; the desktop app cannot open its chat history until \`npm run postinstall\` succeeds (browser mode is unaffected).`
}

const readText = (/** @type {string} */ path) => {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return undefined
  }
}

/** True when electron's package has a downloaded binary (what `require('electron')` needs). */
export function electronBinaryInstalled(/** @type {string} */ electronDir) {
  const relative = readText(join(electronDir, 'path.txt'))
  return relative !== undefined && relative !== '' && existsSync(join(electronDir, 'dist', relative))
}

/**
 * Runs the postinstall: skip quietly when asked to or when electron is not installed (e.g. `--omit=dev`);
 * otherwise download Electron (one line on failure), then build better-sqlite3 for it (one line on failure).
 * Step output goes to node_modules/.ollmchat/postinstall.log. Returns what happened; never throws.
 * @param {object} options
 * @param {string} options.root
 * @param {Env} options.env
 * @param {RunStep} options.run
 * @param {(line: string) => void} [options.print]
 * @param {number} [options.downloadTimeoutMs]
 * @returns {Promise<PostinstallOutcome>}
 */
export async function runPostinstall({ root, env, run, print = console.log, downloadTimeoutMs = DOWNLOAD_TIMEOUT_MS }) {
  if (shouldSkipElectronDownload(env)) return { electron: 'skipped' }
  const electronDir = join(root, 'node_modules', 'electron')
  /** @type {string | undefined} */
  const electronVersion = JSON.parse(readText(join(electronDir, 'package.json')) ?? 'null')?.version
  if (!electronVersion) return { electron: 'absent' }
  const logDir = join(root, 'node_modules', '.ollmchat')
  const record = (/** @type {string} */ title, /** @type {string} */ text) => {
    try {
      mkdirSync(logDir, { recursive: true })
      appendFileSync(join(logDir, 'postinstall.log'), `== ${new Date().toISOString()} ${title}\n${text}\n`)
    } catch {
      // The log is a convenience; failing to write it must not fail the install.
    }
  }

  const download = await run(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    timeoutMs: downloadTimeoutMs,
  })
  record(
    `electron ${electronVersion} download: exit ${download.code}${download.timedOut ? ' (timed out)' : ''}`,
    download.output,
  )
  if (!download.ok || !electronBinaryInstalled(electronDir)) {
    print(UNAVAILABLE_LINE)
    return { electron: 'unavailable' }
  }

  const sqlite = await buildElectronSqlite({
    root,
    electronVersion,
    abi: readText(join(electronDir, 'abi_version')),
    env,
    run,
  })
  record(`better-sqlite3 for electron ${electronVersion}: ${sqlite.ok ? sqlite.method : 'failed'}`, sqlite.output)
  if (!sqlite.ok) {
    print(sqliteFailedLine(electronVersion))
    return { electron: 'installed', sqlite: 'failed' }
  }
  if (!sqlite.reused)
    print(`ollmchat: Electron ${electronVersion} is installed and better-sqlite3 is built for it (${sqlite.method}).`)
  return { electron: 'installed', sqlite: sqlite.reused ? 'reused' : 'built' }
}
