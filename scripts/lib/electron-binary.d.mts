/** The Electron executable, or undefined when `load` throws or yields no existing file. */
export function resolveElectronBinary(load: () => unknown, exists?: (path: string) => boolean): string | undefined
/** The line `npm start` prints when it falls back to the browser mode. */
export const BROWSER_FALLBACK_LINE: string
/** The environment for Electron, without ELECTRON_RUN_AS_NODE. */
export function electronEnv(env: Record<string, string | undefined>): Record<string, string | undefined>
