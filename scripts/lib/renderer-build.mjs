// What a launch needs built before it can start: the window (out/renderer) for the browser mode, and main, preload
// and the window (out/) for the desktop app. A launch builds only what is missing, so a fresh clone starts with one
// command; it never judges whether an existing build is current (no walk over source times, nothing stored), so it
// serves what `npm run build:web` or `npm run build` last produced and says when that was.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The files whose presence shows that each build was made. */
const RENDERER_INDEX = ['out', 'renderer', 'index.html']
const RENDERER_OUTPUTS = [RENDERER_INDEX]
const DESKTOP_OUTPUTS = [RENDERER_INDEX, ['out', 'main', 'main.js'], ['out', 'preload', 'preload.cjs']]

/**
 * @param {string} root
 * @param {string[][]} outputs
 */
const anyMissing = (root, outputs) => outputs.some((parts) => !existsSync(join(root, ...parts)))

/**
 * True when out/renderer/index.html is missing.
 * @param {string} root
 */
export function rendererBuildIsMissing(root) {
  return anyMissing(root, RENDERER_OUTPUTS)
}

/**
 * True when any of out/main, out/preload and out/renderer is missing.
 * @param {string} root
 */
export function desktopBuildIsMissing(root) {
  return anyMissing(root, DESKTOP_OUTPUTS)
}

/**
 * The line a launch prints when it uses an existing build: which one, from when, and how to rebuild it.
 * @param {string} root
 * @param {string} command the npm script that rebuilds it
 */
export function existingBuildLine(root, command) {
  const builtAt = statSync(join(root, ...RENDERER_INDEX)).mtime
  const when = builtAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  return `ollmchat: using the build in out/ from ${when}; run \`${command}\` after changing the sources.`
}

/**
 * Runs `vite build` in this process when out/renderer is missing (Vite is loaded only then) and says whether it
 * did; otherwise prints which build is served. Exits the process with a clear message when the build fails.
 * @param {string} root
 * @returns {Promise<boolean>}
 */
export async function ensureRendererBuilt(root) {
  if (!rendererBuildIsMissing(root)) {
    console.log(existingBuildLine(root, 'npm run build:web'))
    return false
  }
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
