/**
 * Builds and opens the core once the app is ready. A core that cannot be built or a history that cannot be opened
 * is a failed start the user is told about; the core's background start-up work is best effort and never delays
 * or prevents the window.
 */
import { join } from 'node:path'
import type { Core, CoreDeps, KeyValueStore } from '../core/core-types'
import type { Logger } from '../core/log'
import { createFileSecretStore, type SecretCodec } from '../core/settings/secret-file'
import { describeError } from './describe-error'
import type { AppLike, DialogLike } from './electron-like'
import type { Updates } from './updater'

/** The opened core and the settings store it was built on; the window needs both. */
export interface OpenedCore {
  core: Core
  store: KeyValueStore
}

export interface OpenDesktopCoreDeps {
  app: AppLike
  createStore: () => KeyValueStore
  createCore: (deps: CoreDeps) => Core
  log: Logger
  dialog?: DialogLike | undefined
  /** Path of the Electron-ABI better-sqlite3 binary, when running unpackaged. */
  sqliteNativeBinding?: string | undefined
  /** How host header values are protected on disk (the OS keychain). */
  createSecretCodec?: (() => SecretCodec) | undefined
}

/** The opened core and its store, or `undefined` after a failed start has been reported and the app told to quit. */
export function openDesktopCore(deps: OpenDesktopCoreDeps, updates: Updates | undefined): OpenedCore | undefined {
  const { app, log } = deps
  try {
    const store = deps.createStore()
    const core = deps.createCore({
      dataDir: app.getPath('userData'),
      settings: store,
      mode: 'desktop',
      version: app.getVersion(),
      log,
      ...(deps.sqliteNativeBinding ? { sqliteNativeBinding: deps.sqliteNativeBinding } : {}),
      ...(deps.createSecretCodec
        ? {
            secrets: createFileSecretStore(
              join(app.getPath('userData'), 'secrets.json'),
              deps.createSecretCodec(),
              log,
            ),
          }
        : {}),
      ...(updates ? { updates } : {}),
    })
    // Building the core touches no file; opening it here makes a history that cannot be opened a failed start
    // (and a core that did not open is not one quitting must stop).
    core.open()
    return { core, store }
  } catch (error) {
    log.error('the app could not start', { error: describeError(error) })
    deps.dialog?.showErrorBox('ollmchat could not start', error instanceof Error ? error.message : String(error))
    app.quit()
    return undefined
  }
}

/** Calls `core.start()` without waiting for its work (start-up clean-up of temp models may wait on Ollama). */
export function startCoreInBackground(core: Core, log: Logger): void {
  try {
    core.start()
  } catch (error) {
    // Background start-up work is best effort; the window must open regardless.
    log.error('core.start failed', { error: describeError(error) })
  }
}
