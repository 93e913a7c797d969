// Decides whether out/ is older than its sources, and builds the renderer (vite build → out/renderer) when it
// is, so `npm run serve`, `npm start` and `npm run demo` always serve what is in the working tree without
// rebuilding what is already current. This is make's rule, not a cache: nothing is stored, the check reads the
// modification times of about 250 files (under 20 ms here), and the alternatives are serving an old window
// without a word or a 2–4 s build at every start.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What `vite build` reads, relative to the project root. */
const RENDERER_INPUTS = ['src-renderer', 'src-shared', 'vite.config.ts', 'renderer.config.ts', 'package.json']
/** What `electron-vite build` reads: the renderer's inputs plus main, preload and the script module main bundles. */
const DESKTOP_INPUTS = [...RENDERER_INPUTS, 'src-main', 'electron.vite.config.ts', 'scripts/lib/electron-sqlite.mjs']
const RENDERER_OUTPUTS = [['out', 'renderer', 'index.html']]
const DESKTOP_OUTPUTS = [...RENDERER_OUTPUTS, ['out', 'main', 'main.js'], ['out', 'preload', 'preload.cjs']]

function newestMtime(path) {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when an output is missing or the oldest output is older than the newest input. */
function isStale(root, outputs, inputs) {
  const outputPaths = outputs.map((parts) => join(root, ...parts))
  if (!outputPaths.every((path) => existsSync(path))) return true
  const built = Math.min(...outputPaths.map((path) => statSync(path).mtimeMs))
  const sources = inputs.map((p) => join(root, p)).filter((p) => existsSync(p))
  return sources.some((p) => newestMtime(p) > built)
}

/** True when out/renderer/index.html is missing or older than any renderer source. */
export function rendererBuildIsStale(root) {
  return isStale(root, RENDERER_OUTPUTS, RENDERER_INPUTS)
}

/** True when any of out/main, out/preload and out/renderer is missing or older than any of its sources. */
export function desktopBuildIsStale(root) {
  return isStale(root, DESKTOP_OUTPUTS, DESKTOP_INPUTS)
}

/**
 * Runs `vite build` in this process if needed (Vite is loaded only then) and says whether it did; exits the process
 * with a clear message when the build fails.
 */
export async function ensureRendererBuilt(root) {
  if (!rendererBuildIsStale(root)) return false
  console.log('ollmchat: building the window (vite build)…')
  try {
    const { build } = await import('vite')
    // The config file sets the root (src-renderer); an inline `root` would override it and put index.html under
    // out/renderer/src-renderer/, where neither the server nor this check looks.
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' })
  } catch (error) {
    console.error(`ollmchat: the renderer build failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  return true
}
