import { mkdirSync } from 'node:fs'
import { createCore } from '../core/app-core'
import type { Core, CoreTiming } from '../core/core-types'
import type { Logger } from '../core/log'
import { openFileSettingsStore } from '../core/settings/file-settings-store'
import type { SettingsRepair } from '../core/settings/settings-recovery'
import { startBrowserServer, type BrowserServer, type PageServer } from './browser-server'

export interface BrowserModeOptions {
  dataDir: string
  rendererDir: string
  version: string
  log: Logger
  port?: number
  token?: string
  env?: Record<string, string | undefined>
  simulatedOllama?: boolean
  timing?: Partial<CoreTiming>
  /** Serves the page instead of `rendererDir` (the development server). */
  servePage?: PageServer
}

export interface BrowserMode {
  core: Core
  server: BrowserServer
  /** Stops replies (saving their partial text), the server and the store. */
  close(): Promise<void>
}

/**
 * Starts the core and serves the renderer over HTTP: `npm run serve`, `npm run demo` and the e2e tests. When the
 * server cannot start (a taken port) the core is stopped again before the error is rethrown.
 */
export async function runBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  mkdirSync(options.dataDir, { recursive: true })
  const settingsRepairs: SettingsRepair[] = []
  const core = createCore({
    dataDir: options.dataDir,
    settings: openFileSettingsStore(options.dataDir, {
      log: options.log,
      onRepair: (repair) => settingsRepairs.push(repair),
    }),
    settingsRepairs,
    mode: 'browser',
    version: options.version,
    env: options.env ?? process.env,
    simulatedOllama: options.simulatedOllama ?? false,
    log: options.log,
    ...(options.timing ? { timing: options.timing } : {}),
  })
  // Before the server: a history that cannot be opened fails the start with nothing left listening.
  core.open()
  let server: BrowserServer
  try {
    server = await startBrowserServer({
      core,
      rendererDir: options.rendererDir,
      log: options.log,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.servePage ? { servePage: options.servePage } : {}),
    })
  } catch (error) {
    // A taken port (EADDRINUSE) must not leave the history database open behind the error.
    await core.stop()
    throw error
  }
  // Start-up clean-up and the Ollama watch begin only now, without delaying the server.
  core.start()
  return {
    core,
    server,
    close: async () => {
      await server.close()
      await core.stop()
    },
  }
}
