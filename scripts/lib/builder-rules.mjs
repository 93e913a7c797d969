// Project rules for electron-builder.yml that its schema cannot express, each a reason a package would be
// broken: native modules not rebuilt for Electron, the entry file not shipped, .node files inside the asar,
// a platform icon missing a size or in the wrong format (scripts/lib/icon-set.mjs), or a fuse left at
// Electron's unsafe default.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fuseProblems } from './fuse-rules.mjs'
import { iconSetProblems } from './icon-set.mjs'

export { pngSize } from './icon-formats.mjs'

/** @returns {unknown[]} */
const asList = (/** @type {unknown} */ value) =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]

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
  problems.push(...iconSetProblems(root, { linux: config.linux?.icon, mac: config.mac?.icon, win: config.win?.icon }))
  return problems
}
