/** True when out/renderer/index.html is missing or older than any renderer source. */
export function rendererBuildIsStale(root: string): boolean
/** Runs `vite build` if needed; exits the process with a clear message when the build fails. */
export function ensureRendererBuilt(root: string): void
