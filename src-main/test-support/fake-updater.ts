/** A stand-in for electron-updater's `autoUpdater`: counts checks and installs, and lets a test fire its events. */
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

  checkForUpdates(): Promise<unknown> {
    this.checks += 1
    return this.nextCheck()
  }

  quitAndInstall(): void {
    this.installs += 1
  }
}
