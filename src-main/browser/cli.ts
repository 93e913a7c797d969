// `npm run serve` (and `npm start` without an Electron binary): ollmchat in a browser tab.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openAppLog } from '../core/app-log'
import { portOrExit, runUntilSignalled } from './cli-runner'
import { defaultDataDir } from './data-dir'
import { launchTimings } from './launch-timings'
import { runBrowserMode } from './run-browser-mode'

// Milliseconds since this process started (Node's performance clock starts with the process), once every module
// of the server has loaded: what start-up costs before the core does any work of its own.
const modulesLoadedAt = performance.now()
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: join(repoRoot, 'out', 'renderer') },
  },
})
const port = portOrExit(values.port, '--port')
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
const dataDir = values['data-dir'] ?? defaultDataDir()
const appLog = openAppLog(join(dataDir, 'logs'))
const { log } = appLog
process.once('exit', () => appLog.close())

await runUntilSignalled(
  () => runBrowserMode({ dataDir, rendererDir: values['renderer-dir'], version, log, port }),
  (mode) => {
    log.info('ready', { ...launchTimings(modulesLoadedAt, performance.now()) })
    console.log(`ollmchat (browser mode) is running. Open this address in your browser:\n\n  ${mode.server.url}\n`)
    console.log(`Data folder: ${dataDir}. Log: ${appLog.file}. Press Ctrl+C to stop.`)
  },
)
