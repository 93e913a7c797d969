/** True when out/renderer/index.html is missing or older than any renderer source. */
export function rendererBuildIsStale(root: string): boolean
/** True when any of out/main, out/preload and out/renderer is missing or older than any of its sources. */
export function desktopBuildIsStale(root: string): boolean
/** Runs `vite build` in this process if needed and says whether it did; exits the process when the build fails. */
export function ensureRendererBuilt(root: string): Promise<boolean>
