/**
 * better-sqlite3 in node_modules is compiled for Node's ABI (the tests need that build), and Electron cannot load
 * it. `scripts/postinstall.mjs` builds a second copy for Electron into its own folder; this module finds it.
 */
import { existsSync } from 'node:fs'
import type { Logger } from '../core/log'
// One definition of the location, shared with the postinstall script that builds it there.
import { electronSqliteBindingPath } from './electron-sqlite-location.mjs'

export { electronSqliteBindingPath }

/** Inputs of `sqliteBindingForElectron`. */
export interface SqliteBindingOptions {
  /** `app.isPackaged`: a packaged app's better-sqlite3 was already rebuilt for Electron by electron-builder. */
  isPackaged: boolean
  /** `app.getAppPath()`: the project root when running unpackaged. */
  appRoot: string
  log?: Logger
  exists?: (path: string) => boolean
}

/**
 * The `nativeBinding` to give better-sqlite3 in Electron: `undefined` when packaged (the bundled module is
 * already built for Electron) and when the Electron build is missing (a warning says how to produce it; the
 * default binding will then fail to load with an ABI error, which the core reports).
 */
export function sqliteBindingForElectron(options: SqliteBindingOptions): string | undefined {
  if (options.isPackaged) return undefined
  const binding = electronSqliteBindingPath(options.appRoot)
  if ((options.exists ?? existsSync)(binding)) return binding
  options.log?.warn(
    'no better-sqlite3 build for Electron was found; run `npm run postinstall` on a machine with internet access',
    { expected: binding },
  )
  return undefined
}
