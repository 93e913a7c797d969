/** The Electron entry: wires the real Electron objects into `startDesktopApp`; all logic lives there. */
import { arch, release } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  protocol,
  safeStorage,
  screen,
  shell,
} from 'electron'
// electron-updater is CommonJS and defines `autoUpdater` as a getter, which an ES import cannot name directly.
import electronUpdater from 'electron-updater'
import { createCore } from '../core'
import { openAppLog } from '../core/app-log'
import { startDesktopApp } from './desktop-app'
import { sqliteBindingForElectron } from './native-sqlite'
import { safeStorageCodec } from './secret-codec'
import type { SettingsRepair } from '../core/settings/settings-recovery'
import { createSettingsStore } from './settings-store'

const here = fileURLToPath(new URL('.', import.meta.url))
/** The settings store reports its repairs here; the core shows each in the window once. */
const settingsRepairs: SettingsRepair[] = []
// The platform's log folder (~/.config/ollmchat/logs, ~/Library/Logs/ollmchat, %APPDATA%\ollmchat\logs).
const appLog = openAppLog(app.getPath('logs'))
const { log } = appLog
app.once('will-quit', () => appLog.close())

startDesktopApp({
  app,
  BrowserWindow,
  ipcMain,
  shell,
  protocol,
  fetchFile: (fileUrl) => net.fetch(fileUrl),
  nativeTheme,
  dialog,
  displays: () => screen.getAllDisplays().map((display) => display.workArea),
  createStore: () =>
    createSettingsStore({ dir: app.getPath('userData'), log, onRepair: (repair) => settingsRepairs.push(repair) }),
  createCore: (deps) =>
    createCore({
      ...deps,
      settingsRepairs,
      // `openPath` answers an error text instead of rejecting: a folder that cannot be opened is logged.
      openFolder: async (folder) => {
        const failure = await shell.openPath(folder)
        if (failure !== '') log.warn('could not open a folder', { folder, failure })
      },
    }),
  log,
  paths: {
    preload: join(here, '../preload/preload.cjs'),
    rendererHtml: join(here, '../renderer/index.html'),
    // Only a development run may point the window at a server; a packaged app always loads its own files.
    rendererDevUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
  },
  platform: process.platform,
  processEvents: process,
  sqliteNativeBinding: sqliteBindingForElectron({ isPackaged: app.isPackaged, appRoot: app.getAppPath(), log }),
  createSecretCodec: () => safeStorageCodec(safeStorage, log),
  setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  runtime: { electronVersion: process.versions.electron, os: `${process.platform} ${release()} (${arch()})` },
  // Read only when packaged: the getter builds the platform's updater.
  createUpdater: () => electronUpdater.autoUpdater,
})
