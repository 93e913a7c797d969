/** The Electron entry: wires the real Electron objects into `startDesktopApp`; all logic lives there. */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, safeStorage, screen, shell } from 'electron'
import { createCore } from '../core'
import { openAppLog } from '../core/app-log'
import { startDesktopApp } from './desktop-app'
import { sqliteBindingForElectron } from './native-sqlite'
import { safeStorageCodec } from './secret-codec'
import { createSettingsStore } from './settings-store'

const here = fileURLToPath(new URL('.', import.meta.url))
// The platform's log folder (~/.config/ollmchat/logs, ~/Library/Logs/ollmchat, %APPDATA%\ollmchat\logs).
const appLog = openAppLog(app.getPath('logs'))
const { log } = appLog
app.once('will-quit', () => appLog.close())

startDesktopApp({
  app,
  BrowserWindow,
  ipcMain,
  shell,
  nativeTheme,
  dialog,
  displays: () => screen.getAllDisplays().map((display) => display.workArea),
  createStore: () => createSettingsStore({ dir: app.getPath('userData'), log }),
  createCore,
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
})
