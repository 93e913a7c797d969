// `npm start`: the desktop app when this machine has an Electron binary (build with electron-vite unless out/
// is newer than its sources, then run Electron on the project), otherwise the browser mode (`scripts/serve.mjs`)
// with the same arguments, run in this process.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BROWSER_FALLBACK_LINE, electronEnv, resolveElectronBinary } from './lib/electron-binary.mjs'
import { desktopBuildIsStale } from './lib/renderer-build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const require = createRequire(import.meta.url)
const electron = resolveElectronBinary(() => require('electron'))

// Electron is its own binary, so the desktop app is the one launch with a child: a SIGTERM sent to this process
// alone (a process manager) must still reach it. Ctrl+C reaches both from the terminal.
function runElectronToExit(args) {
  const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit', env: electronEnv(process.env) })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function buildDesktop() {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    console.error('ollmchat: the desktop build (electron-vite build) failed; see the messages above.')
    process.exit(build.status ?? 1)
  }
}

if (electron) {
  if (desktopBuildIsStale(root)) buildDesktop()
  runElectronToExit(args)
} else {
  console.log(BROWSER_FALLBACK_LINE)
  await import('./serve.mjs')
}
