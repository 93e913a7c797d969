// `npm run dev`: the desktop app from electron-vite's dev server, with the renderer's hot reload, where this
// machine has an Electron binary; otherwise (or with `--browser`, which `npm run dev:web` passes) the browser mode
// with Vite's dev server in front of the real core (scripts/lib/dev-browser-server.ts). Flags for the browser
// mode: --port N, --data-dir DIR; OLLAMA_HOST and OLLMCHAT_DATA_DIR are read from the environment.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { portOrExit, runUntilSignalled } from '../src-main/browser/cli-runner'
import { defaultDataDir } from '../src-main/browser/data-dir'
import { DEV_BROWSER_FALLBACK_LINE, electronEnv, resolveElectronBinary } from './lib/electron-binary.mjs'
import { startDevBrowserServer } from './lib/dev-browser-server'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
  },
})

/** electron-vite dev serves the renderer with hot reload, rebuilds main and preload on change (--watch) and restarts Electron. */
function runDesktopDev() {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const child = spawn(process.execPath, [cli, 'dev', '--watch'], {
    cwd: root,
    stdio: 'inherit',
    env: electronEnv(process.env),
  })
  // A SIGTERM sent to this process alone must still reach the app; Ctrl+C reaches both through the terminal.
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  process.on('SIGINT', () => {})
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const electron = values.browser ? undefined : resolveElectronBinary(() => createRequire(import.meta.url)('electron'))
if (electron) {
  runDesktopDev()
} else {
  if (!values.browser) console.log(DEV_BROWSER_FALLBACK_LINE)
  const port = portOrExit(values.port, '--port')
  const dataDir = values['data-dir'] ?? defaultDataDir()
  await runUntilSignalled(
    () => startDevBrowserServer({ root, dataDir, port }),
    ({ mode }) => {
      console.log(
        `ollmchat (browser mode, development: the page reloads as you edit src-renderer). Open:\n\n  ${mode.server.url}\n`,
      )
      console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`)
    },
  )
}
