import type { RunStep } from './run-step.mjs'

/** Where the Electron build lives under the app root (src-main/electron/native-sqlite.ts uses this module). */
export const ELECTRON_SQLITE_DIR: readonly string[]
/** Where the Electron build's binary ends up under `root`. */
export function electronSqliteBindingPath(root: string): string
/** The environment without npm's `nodedir`, so node-gyp uses Electron's headers. */
export function electronBuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>
/** Arguments for prebuild-install: download better-sqlite3's prebuilt binary for this Electron. */
export function prebuildInstallArgs(target: { electronVersion: string; arch: string; platform: string }): string[]
/** Arguments for node-gyp: compile against Electron's headers (from electronjs.org, cached in ~/.electron-gyp). */
export function nodeGypArgs(target: { electronVersion: string; arch: string }): string[]
/** True when the addon declares module ABI `abi` (`node_register_module_v<abi>`). */
export function hasNodeAbiMarker(buffer: Buffer, abi: string | number): boolean
export interface ElectronSqliteBuildInfo {
  electron: string
  abi?: string
  betterSqlite3: string
  method: 'prebuild' | 'node-gyp'
  builtAt: string
}
/** True when a previous build was made for this Electron and this better-sqlite3. */
export function isBuildCurrent(
  info: ElectronSqliteBuildInfo | undefined,
  versions: { electronVersion: string; sqliteVersion: string },
): boolean
export interface ElectronSqliteResult {
  ok: boolean
  method?: 'prebuild' | 'node-gyp'
  reused?: boolean
  /** What the build tools printed, for the log file. */
  output: string
}
/** Produces and verifies the Electron-ABI better-sqlite3; reuses a current build; never throws. */
export function buildElectronSqlite(options: {
  root: string
  electronVersion: string
  /** Electron's module ABI (its package's `abi_version`); when undefined the ABI is not verified. */
  abi: string | undefined
  env: Record<string, string | undefined>
  run: RunStep
  arch?: string
  platform?: string
}): Promise<ElectronSqliteResult>
