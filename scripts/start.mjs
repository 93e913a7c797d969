// `npm start`: the desktop app when this machine has an Electron binary (built first with electron-vite when out/
// lacks a part of it, then Electron run on the project), otherwise the browser mode (`scripts/serve.mjs`) with the
// same arguments, run in this process.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BROWSER_FALLBACK_LINE, electronEnv, resolveElectronBinary } from './lib/electron-binary.mjs'
import { desktopBuildIsMissing, existingBuildLine } from './lib/renderer-build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const electron = resolveElectronBinary(() => require('electron'))

/**
 * How close together two signals are one keypress: the terminal's SIGINT and npm's relayed copy arrive within a few
 * milliseconds; a person pressing Ctrl+C again (to force a hung quit) takes far longer.
 */
const SAME_KEYPRESS_MS = 100

/**
 * Electron is its own executable and Node 20 cannot replace this process with it (no exec), so the desktop app is
 * the one launch with a child. It runs in its own process group, so one Ctrl+C (which the terminal sends to the whole
 * foreground group, and npm relays once more) reaches it once, from here: Electron quits gracefully on the first
 * SIGINT and dies at once on a second, before the partial reply is saved. A second press, a later SIGTERM, or the
 * terminal closing (SIGHUP, which a detached child would not get) are passed on. On Windows there are no signals to
 * double and a detached child would get its own console, so it stays attached there.
 * @param {string} binary
 * @param {string[]} args
 */
function runElectronToExit(binary, args) {
  const child = spawn(binary, [root, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: electronEnv(process.env),
    detached: process.platform !== 'win32',
  })
  let lastForwardedAt = -Infinity
  const forward = (/** @type {NodeJS.Signals} */ signal) => {
    const now = performance.now()
    if (now - lastForwardedAt < SAME_KEYPRESS_MS) return
    lastForwardedAt = now
    child.kill(signal)
  }
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, forward)
  child.on('error', (error) => {
    console.error(`ollmchat: Electron could not be started (${binary}): ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function buildDesktop() {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (build.status !== 0) {
    console.error('ollmchat: the desktop build (electron-vite build) failed; see the messages above.')
    process.exit(build.status ?? 1)
  }
}

if (electron) {
  if (desktopBuildIsMissing(root)) buildDesktop()
  else console.log(existingBuildLine(root, 'npm run build'))
  runElectronToExit(electron, process.argv.slice(2))
} else {
  console.log(BROWSER_FALLBACK_LINE)
  await import('./serve.mjs')
}
