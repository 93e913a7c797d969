// Project rules for electron-builder.yml that its schema cannot express, each a reason a package would be
// broken: native modules not rebuilt for Electron, the entry file not shipped, .node files inside the asar,
// an icon electron-builder cannot turn into every platform's format, or a fuse left at Electron's unsafe default.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fuseProblems } from './fuse-rules.mjs'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const MIN_ICON_SIZE = 512

/**
 * Width and height of a PNG file's first frame, or undefined when `buffer` is not a PNG.
 * @param {Buffer} buffer
 * @returns {{ width: number, height: number } | undefined}
 */
export function pngSize(buffer) {
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined
  if (buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) }
}

/** @returns {unknown[]} */
const asList = (/** @type {unknown} */ value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value])

/**
 * The app-root patterns of `files`, whether written as strings or (as getConfig normalises them) `{ filter }`.
 * @param {unknown} files
 * @returns {unknown[]}
 */
function filePatterns(files) {
  return asList(files).flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    if (entry && typeof entry === 'object') {
      const { from, filter } = /** @type {{ from?: unknown, filter?: unknown }} */ (entry)
      if (from === undefined || from === '.') return asList(filter)
    }
    return []
  })
}

/**
 * The problems with `config` (electron-builder's resolved configuration) for the project in `root`.
 * @param {Record<string, any>} config
 * @param {string} root
 * @returns {string[]}
 */
export function checkProjectRules(config, root) {
  /** @type {string[]} */
  const problems = []
  if (!config.appId) problems.push('appId is missing')
  if (config.npmRebuild === false) {
    problems.push('npmRebuild: false ships Node-ABI native modules that Electron cannot load; remove it')
  }
  if (config.asar === false) problems.push('asar: false; the app is meant to ship as an asar archive')
  const files = filePatterns(config.files)
  for (const required of ['out/**', 'package.json']) {
    if (!files.includes(required)) problems.push(`files must include ${required}`)
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  if (typeof pkg.main !== 'string' || !pkg.main.startsWith('out/')) {
    problems.push(`package.json "main" (${String(pkg.main)}) is not under out/, so it would not be packaged`)
  }
  if (!asList(config.asarUnpack).includes('**/*.node')) problems.push('asarUnpack must include **/*.node')
  problems.push(...fuseProblems(config))
  for (const platform of ['linux', 'mac', 'win']) {
    const icon = config[platform]?.icon
    if (!icon) {
      problems.push(`${platform}.icon is missing`)
      continue
    }
    const path = join(root, icon)
    const size = existsSync(path) ? pngSize(readFileSync(path)) : undefined
    if (!size) problems.push(`${platform}.icon (${icon}) is not a PNG file`)
    else if (size.width < MIN_ICON_SIZE || size.height < MIN_ICON_SIZE || size.width !== size.height) {
      problems.push(`${platform}.icon (${icon}) is ${size.width}×${size.height}; it must be square and at least ${MIN_ICON_SIZE}`)
    }
  }
  return problems
}
