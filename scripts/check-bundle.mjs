// `node scripts/check-bundle.mjs [--json] [out/renderer]`: what the window's first page loads, read from the build's
// Vite manifest (build.manifest in renderer.config.ts): the entry chunk and every chunk it imports statically,
// gzip-compressed as a server would send them. Also the total JS and the fonts by format. Fails (exit 1) when
// the first page's JS is over the budget, or when a font other than woff2 was emitted.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** The first page's JS, gzip, in kB (1,000 bytes, as Vite's build report counts). */
export const FIRST_LOAD_BUDGET_KB = 150

/**
 * @typedef {object} BundleSizes
 * @property {string[]} firstLoadFiles
 * @property {number} firstLoadJsBytes
 * @property {number} firstLoadJsGzipBytes
 * @property {number} totalJsBytes
 * @property {number} totalJsGzipBytes
 * @property {number} jsFiles
 * @property {Record<string, { files: number, bytes: number }>} fonts
 */
/** One chunk of Vite's build manifest (the fields read here). @typedef {{ file: string, isEntry?: boolean, imports?: string[] }} ManifestChunk */

const gzipBytes = (/** @type {string} */ path) => gzipSync(readFileSync(path), { level: 9 }).length

/**
 * Sizes of the build in `dir`: first-load JS (raw and gzip), all JS, and font files by format.
 * @param {string} dir
 * @returns {BundleSizes}
 */
export function bundleSizes(dir) {
  /** @type {Record<string, ManifestChunk>} */
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'))
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`)
  /** @type {Set<string>} */
  const firstLoad = new Set()
  const visit = (/** @type {string} */ key) => {
    const chunk = manifest[key]
    if (chunk === undefined || firstLoad.has(chunk.file)) return
    firstLoad.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit(entries[0]?.[0] ?? '')
  const assets = readdirSync(join(dir, 'assets')).map((name) => join(dir, 'assets', name))
  const js = assets.filter((path) => extname(path) === '.js')
  /** @type {BundleSizes['fonts']} */
  const fonts = {}
  for (const path of assets.filter((p) => /\.(woff2?|ttf|otf|eot)$/.test(p))) {
    const format = extname(path).slice(1)
    const font = (fonts[format] ??= { files: 0, bytes: 0 })
    font.files += 1
    font.bytes += statSync(path).size
  }
  const sum = (/** @type {string[]} */ paths, /** @type {(path: string) => number} */ size) =>
    paths.reduce((total, path) => total + size(path), 0)
  const firstLoadPaths = [...firstLoad].map((file) => join(dir, file))
  return {
    firstLoadFiles: [...firstLoad],
    firstLoadJsBytes: sum(firstLoadPaths, (path) => statSync(path).size),
    firstLoadJsGzipBytes: sum(firstLoadPaths, gzipBytes),
    totalJsBytes: sum(js, (path) => statSync(path).size),
    totalJsGzipBytes: sum(js, gzipBytes),
    jsFiles: js.length,
    fonts,
  }
}

function main() {
  const args = process.argv.slice(2)
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const dir = args.find((arg) => !arg.startsWith('--')) ?? join(root, 'out', 'renderer')
  const sizes = bundleSizes(dir)
  const kb = (/** @type {number} */ bytes) => (bytes / 1000).toFixed(1)
  const overBudget = sizes.firstLoadJsGzipBytes > FIRST_LOAD_BUDGET_KB * 1000
  const otherFonts = Object.keys(sizes.fonts).filter((format) => format !== 'woff2')
  if (args.includes('--json')) console.log(JSON.stringify(sizes))
  else {
    console.log(
      `first page JS: ${kb(sizes.firstLoadJsGzipBytes)} kB gzip (${kb(sizes.firstLoadJsBytes)} kB) in ${sizes.firstLoadFiles.join(', ')}; budget ${FIRST_LOAD_BUDGET_KB} kB gzip`,
    )
    console.log(
      `all JS: ${kb(sizes.totalJsGzipBytes)} kB gzip (${kb(sizes.totalJsBytes)} kB) in ${sizes.jsFiles} files`,
    )
    console.log(
      `fonts: ${
        Object.entries(sizes.fonts)
          .map(([format, f]) => `${f.files} ${format} (${kb(f.bytes)} kB)`)
          .join(', ') || 'none'
      }`,
    )
  }
  if (overBudget)
    console.error(
      `ollmchat: the first page loads ${kb(sizes.firstLoadJsGzipBytes)} kB of JS (gzip), over the ${FIRST_LOAD_BUDGET_KB} kB budget.`,
    )
  if (otherFonts.length > 0) console.error(`ollmchat: fonts other than woff2 were emitted: ${otherFonts.join(', ')}.`)
  process.exitCode = overBudget || otherFonts.length > 0 ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
