// Browser mode runs main's TypeScript as one esbuild bundle built at every start (about 50 ms warm), not through
// tsx's loader (about 200 ms to register, then every source transpiled on import). Always built, so nothing can
// run stale code and no freshness check or cache is kept. Dependencies stay external: node loads them from
// node_modules as usual (native SQLite included).
import { join } from 'node:path'
import { build } from 'esbuild'

/**
 * The bundle's entries. The search worker sits beside the server bundle because `defaultWorkerEntry`
 * (src-main/core/history/search-thread.ts) looks for `./search-worker.js` next to the code that imports it, which
 * in a bundle is the bundle itself. out/serve is as deep as src-main/browser, so cli.ts's repo root (`../..` from
 * its own file: package.json, out/renderer) is the same from source and from the bundle.
 * @param {string} root
 * @returns {Record<string, string>}
 */
export const serverEntries = (root) => ({
  cli: join(root, 'src-main', 'browser', 'cli.ts'),
  'search-worker': join(root, 'src-main', 'core', 'history', 'search-worker.ts'),
})

/**
 * Bundles `entries` ({ outName: sourcePath }) into `outdir` and returns the path of `<outdir>/cli.js`. On a build
 * error esbuild has printed each error with its file and line on stderr; this says what failed and exits 1.
 * @param {string} root
 * @param {{ entries?: Record<string, string>, outdir?: string }} [options]
 * @returns {Promise<string>}
 */
export async function bundleServerOrExit(
  root,
  { entries = serverEntries(root), outdir = join(root, 'out', 'serve') } = {},
) {
  try {
    await build({
      entryPoints: entries,
      outdir,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      absWorkingDir: root,
    })
  } catch {
    console.error('ollmchat: could not build the browser-mode server (esbuild); the errors are above.')
    process.exit(1)
  }
  return join(outdir, 'cli.js')
}
