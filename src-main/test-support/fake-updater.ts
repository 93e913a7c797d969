/**
 * A stand-in for electron-updater's `autoUpdater`: counts checks and installs, and lets a test fire its events. Like
 * electron-updater's AppUpdater it logs every `error` event through its `logger` from the start, and a failed check
 * emits `error` before its promise rejects.
 */
import type { UpdaterLike, UpdaterLogger } from '../electron/updater'
import { FakeEmitter } from './fake-electron'

export class FakeUpdater extends FakeEmitter implements UpdaterLike {
  autoDownload = false
  autoInstallOnAppQuit = false
  logger: UpdaterLogger | null = null
  checks = 0
  installs = 0
  /** What the next check does; by default it finds nothing. */
  nextCheck: () => Promise<unknown> = () => Promise.resolve(null)

  constructor() {
    super()
    this.on('error', (error: Error) => this.logger?.error(`Error: ${error.stack ?? error.message}`))
  }

  checkForUpdates(): Promise<unknown> {
    this.checks += 1
    return this.nextCheck().catch((error: unknown) => {
      this.emit('error', error)
      throw error
    })
  }

  quitAndInstall(): void {
    this.installs += 1
  }
}
