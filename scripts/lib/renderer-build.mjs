// Builds the renderer (vite build → out/renderer) when the build is missing or older than its sources, so
// `npm run serve`, `npm start` and `npm run demo` always serve what is in the working tree.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SOURCE_DIRS = ['src-renderer', 'src-shared']
const CONFIG_FILES = ['vite.config.ts', 'package.json']

function newestMtime(path) {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when out/renderer/index.html is missing or older than any renderer source. */
export function rendererBuildIsStale(root) {
  const index = join(root, 'out', 'renderer', 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  const sources = [...SOURCE_DIRS, ...CONFIG_FILES].map((p) => join(root, p)).filter((p) => existsSync(p))
  return sources.some((p) => newestMtime(p) > built)
}

/** Runs `vite build` if needed; exits the process with a clear message when the build fails. */
export function ensureRendererBuilt(root) {
  if (!rendererBuildIsStale(root)) return
  console.log('ollmchat: building the window (vite build)…')
  const vite = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite')
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('ollmchat: the renderer build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}
