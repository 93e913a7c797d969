// Whether this machine can run the desktop app: the electron package resolves to an executable that exists.
import { existsSync } from 'node:fs'

/**
 * The Electron executable, or undefined when there is none. `load` is `() => require('electron')`, which
 * returns the executable's path under Node and throws when the binary was never downloaded.
 * @param {() => unknown} load
 * @param {(path: string) => boolean} [exists]
 * @returns {string | undefined}
 */
export function resolveElectronBinary(load, exists = existsSync) {
  let path
  try {
    path = load()
  } catch {
    return undefined
  }
  return typeof path === 'string' && path !== '' && exists(path) ? path : undefined
}

/** The line `npm start` prints when it falls back to the browser mode. */
export const BROWSER_FALLBACK_LINE =
  'ollmchat: the desktop app is unavailable on this machine (no Electron binary); starting the browser mode instead.'

/** The line `npm run dev` prints when it falls back to the browser mode's dev server. */
export const DEV_BROWSER_FALLBACK_LINE =
  'ollmchat: Electron cannot run on this machine (its binary is not installed), so `npm run dev` cannot open the desktop app; ' +
  'starting the browser mode with Vite’s dev server (hot reload) instead.'

/** Electron's environment: without ELECTRON_RUN_AS_NODE, which would make it a plain Node and not open a window. */
export function electronEnv(/** @type {Record<string, string | undefined>} */ env) {
  const { ELECTRON_RUN_AS_NODE: _ignored, ...rest } = env
  return rest
}
