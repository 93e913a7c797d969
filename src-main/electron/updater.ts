/**
 * Automatic updates with electron-updater, injected so the flow is tested without Electron: a check at start and
 * once a day, the download in the background, and "Restart to update" once it is downloaded. The shell starts it
 * only in a packaged app (never in development, and browser mode has no shell), so `enabled` is decided there.
 * Where updates come from is electron-builder's `publish` (GitHub releases by default), written into the package.
 */
import type { UpdatePort } from '../core/core-types'
import type { Logger } from '../core/log'

/** How often a running app looks for an update after the check at start. */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000

/** The logger electron-updater writes to. */
export interface UpdaterLogger {
  info(message?: unknown): void
  warn(message?: unknown): void
  error(message?: unknown): void
  debug?(message: string): void
}

/** The part of electron-updater's `autoUpdater` (an `AppUpdater`) the app uses. */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  logger: UpdaterLogger | null
  checkForUpdates(): Promise<unknown>
  quitAndInstall(): void
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeAllListeners(event: 'error'): unknown
}

/** A running updater: the core's port (which update waits, installing it) plus `stop` for quitting. */
export interface Updates extends UpdatePort {
  /**
   * Checks now and then daily. Settles once this first check, and the download it began, has finished; never
   * rejects (main does not wait for it; tests do).
   */
  start(): Promise<void>
  /** Ends the daily checks; `start` begins them again. */
  stop(): void
}

const text = (message: unknown): string => (message instanceof Error ? message.message : String(message))

/** electron-updater's own lines go to the app's log, where a person looking into a failed update finds them. */
function updaterLogger(log: Logger): UpdaterLogger {
  return {
    info: (message) => log.info(`updater: ${text(message)}`),
    warn: (message) => log.warn(`updater: ${text(message)}`),
    error: (message) => log.warn(`updater: ${text(message)}`),
  }
}

export interface UpdatesOptions {
  updater: UpdaterLike
  log: Logger
  /** Called once an update is downloaded: the window offers "Restart to update". */
  onReady: (version: string) => void
  intervalMs?: number
}

/**
 * Wires `updater`. A failed check or download (offline, no release yet, a feed that is not there, a download whose
 * sha512 does not match) is logged once and never shown: the next daily check tries again. An update downloaded but not restarted for installs at quit
 * (electron-updater's `autoInstallOnAppQuit`).
 */
export function createUpdates({
  updater,
  log,
  onReady,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
}: UpdatesOptions): Updates {
  let readyVersion: string | null = null
  let timer: ReturnType<typeof setInterval> | undefined
  updater.logger = updaterLogger(log)
  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  updater.on('update-downloaded', ({ version }) => {
    readyVersion = version
    log.info('an update was downloaded', { version })
    onReady(version)
  })
  // Every failure, of a check or of a download (a feed that is not there, a file whose sha512 is wrong), reaches
  // the `error` event, and that is where it is logged, once. electron-updater's own listener (AppUpdater's
  // constructor) would log it again through `logger.error`, so it gives way to this one.
  updater.removeAllListeners('error')
  updater.on('error', (error) => log.warn('the update check or download failed', { error: text(error) }))
  const settled = () => {}
  const check = (): Promise<void> =>
    updater
      .checkForUpdates()
      // The download's promise rejects with the same failure the event reported; unhandled it would be logged again.
      .then((result) =>
        (result as { downloadPromise?: Promise<unknown> | null } | null)?.downloadPromise?.then(settled, settled),
      )
      // A rejected check was reported by the event (electron-updater's `checkForUpdates` emits before it rethrows).
      .then(settled, settled)
  return {
    start() {
      if (timer !== undefined) return Promise.resolve()
      timer = setInterval(() => void check(), intervalMs)
      return check()
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
    readyVersion: () => readyVersion,
    restartToUpdate() {
      if (readyVersion === null) return false
      log.info('restarting to install an update', { version: readyVersion })
      updater.quitAndInstall()
      return true
    },
  }
}

/**
 * The app's updates: none unless packaged (a development run has no release to compare with) and given an updater.
 * An updater that cannot be made is logged; the app runs on without updates.
 */
export function updatesForApp(options: {
  isPackaged: boolean
  createUpdater: (() => UpdaterLike) | undefined
  log: Logger
  onReady: (version: string) => void
}): Updates | undefined {
  if (!options.isPackaged || !options.createUpdater) return undefined
  try {
    return createUpdates({ updater: options.createUpdater(), log: options.log, onReady: options.onReady })
  } catch (error) {
    options.log.warn('updates are off: the updater could not start', { error: text(error) })
    return undefined
  }
}
