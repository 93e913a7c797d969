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
 * Electron is its own executable and Node 20 cannot replace this process with it (no exec), so the desktop app is
 * the one launch with a child. It runs in its own process group, so Ctrl+C (which the terminal sends to the whole
 * foreground group, and npm relays once more) reaches it exactly once, from here: Electron quits gracefully on the
 * first SIGINT and dies at once on a second, before the partial reply is saved. On Windows there are no signals to
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
  let forwarded = false
  const forwardOnce = (/** @type {NodeJS.Signals} */ signal) => {
    if (forwarded) return
    forwarded = true
    child.kill(signal)
  }
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, forwardOnce)
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
