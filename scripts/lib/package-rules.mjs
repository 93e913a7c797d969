// What a built package must and must not contain, as one pure function over facts read from it
// (scripts/inspect-package.mjs gathers them from dist/linux-unpacked): the app code, only runtime dependencies,
// better-sqlite3 unpacked and built for the ABI the package runs on, the fuses flipped, and nothing that only
// tests or development need. Each rule is a reason the package would be broken, unsafe or bloated.
import { REQUIRED_FUSES } from './fuse-rules.mjs'

/** @typedef {{ path: string, size: number, unpacked: boolean }} PackageEntry */
/**
 * @typedef {object} PackageFacts
 * @property {PackageEntry[]} entries every file of app.asar (paths without a leading slash), unpacked ones included
 * @property {string} main package.json "main"
 * @property {ReadonlySet<string>} devOnlyPackages names package-lock.json marks `dev: true` everywhere they occur
 * @property {ReadonlySet<string>} lockedPackages every package name package-lock.json knows
 * @property {string | undefined} sqliteAbi the module ABI better-sqlite3's .node declares, when it was found
 * @property {{ build: 'electron' | 'node', reason?: string }} sqliteBuild which build packaging shipped and, for the Node one, why
 * @property {string} electronAbi Electron's module ABI (node_modules/electron/abi_version)
 * @property {string} nodeAbi this Node's module ABI (process.versions.modules)
 * @property {Record<string, boolean | undefined> | undefined} fuses the executable's fuses by electronFuses name
 */
/** @typedef {{ problems: string[], notes: string[] }} PackageVerdict */

export const SQLITE_BINDING = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'

/** Paths that only tests or development use; never shipped. */
const NOT_SHIPPED = [
  { pattern: /\.map$/, what: 'a source map' },
  { pattern: /\.(test|spec)\.[^/]*$|\.test-d\.ts$/, what: 'a test file' },
  { pattern: /(^|\/)(test-support|e2e|__tests__|tests?)\//, what: 'a test folder' },
  { pattern: /ollama-sim|fake-ollama|(^|\/)out\/serve\//, what: 'the Ollama simulator or the browser-mode server' },
]

/**
 * Every file an asar header lists (links left out), with its path, size and whether it is unpacked. An unpacked
 * file's size is `unpackedSize(path)` when that gives one: the file on disk may have been replaced after packing.
 * @param {any} header @electron/asar `getRawHeader(archive).header`
 * @param {(path: string) => number | undefined} unpackedSize
 * @returns {PackageEntry[]}
 */
export function archiveEntries(header, unpackedSize) {
  /** @type {PackageEntry[]} */
  const entries = []
  /** @param {any} node @param {string} prefix */
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name
      const unpacked = child.unpacked === true
      if (child.files) walk(child, path)
      else if (!child.link)
        entries.push({ path, size: (unpacked ? unpackedSize(path) : undefined) ?? Number(child.size ?? 0), unpacked })
    }
  }
  walk(header, '')
  return entries
}

/**
 * The module ABI a native addon was compiled for: the number in its `node_register_module_v<abi>` symbol.
 * @param {Buffer} binary
 * @returns {string | undefined}
 */
export function nodeModuleAbi(binary) {
  return /node_register_module_v(\d+)\0/.exec(binary.toString('latin1'))?.[1]
}

/**
 * The package a node_modules path belongs to (the innermost one), or undefined outside node_modules.
 * @param {string} path
 * @returns {string | undefined}
 */
export function packageOf(path) {
  const match = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/[^]*$/.exec(path)
  return match?.[1]
}

/**
 * Decodes a fuse wire (@electron/fuses `getCurrentFuseWire`: index → state byte) into electronFuses names,
 * using @electron/fuses' FuseV1Options (name ↔ index) and FuseState bytes ('1' on, '0' off).
 * @param {Record<string, unknown>} wire
 * @param {Record<string, string | number>} fuseV1Options
 * @returns {Record<string, boolean | undefined>}
 */
export function decodeFuseWire(wire, fuseV1Options) {
  /** @type {Record<string, boolean | undefined>} */
  const fuses = {}
  for (const name of Object.keys(REQUIRED_FUSES)) {
    const index = fuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)]
    const state = typeof index === 'number' ? wire[index] : undefined
    fuses[name] = state === 0x31 ? true : state === 0x30 ? false : undefined
  }
  return fuses
}

/**
 * The problems with a package, and notes on what could only be partly checked.
 * @param {PackageFacts} facts
 * @returns {PackageVerdict}
 */
export function inspectPackage(facts) {
  /** @type {string[]} */
  const problems = []
  /** @type {string[]} */
  const notes = []
  const paths = new Set(facts.entries.map((entry) => entry.path))

  // The app code: the main entry, the preload script and the renderer page.
  if (!paths.has(facts.main))
    problems.push(`The main process entry ${facts.main} (package.json "main") is not in the package.`)
  if (!facts.entries.some((entry) => entry.path.startsWith('out/preload/')))
    problems.push('The preload script (out/preload/) is not in the package.')
  if (!paths.has('out/renderer/index.html'))
    problems.push('The renderer (out/renderer/index.html) is not in the package.')

  // Only runtime dependencies: the renderer is bundled, so react, vite and the like must not come along.
  const packages = new Set(facts.entries.map((entry) => packageOf(entry.path)).filter((name) => name !== undefined))
  for (const name of [...packages].sort()) {
    if (facts.devOnlyPackages.has(name))
      problems.push(`${name} is a development-only dependency, yet it is in the package.`)
    else if (!facts.lockedPackages.has(name)) problems.push(`${name} is in the package but not in package-lock.json.`)
  }

  for (const entry of facts.entries) {
    const rule = NOT_SHIPPED.find(({ pattern }) => pattern.test(entry.path))
    if (rule) problems.push(`${entry.path} is ${rule.what}; it must not be shipped.`)
    if (entry.path.endsWith('.node') && !entry.unpacked)
      problems.push(`${entry.path} is inside app.asar; native modules must be unpacked to load.`)
  }

  // better-sqlite3: unpacked, and compiled for the ABI of the runtime that will load it.
  const binding = facts.entries.find((entry) => entry.path === SQLITE_BINDING)
  if (!binding) problems.push(`better-sqlite3's binary (${SQLITE_BINDING}) is not in the package.`)
  else if (facts.sqliteAbi === undefined)
    problems.push(`better-sqlite3's binary declares no module ABI; it is not a Node addon.`)
  else if (facts.sqliteBuild.build === 'electron') {
    if (facts.sqliteAbi !== facts.electronAbi) {
      problems.push(
        `better-sqlite3 is built for module ABI ${facts.sqliteAbi}, but Electron needs ${facts.electronAbi}; the app could not open its history.`,
      )
    }
  } else if (facts.sqliteAbi !== facts.nodeAbi) {
    problems.push(
      `better-sqlite3 was meant to be the Node build (ABI ${facts.nodeAbi}) but declares ABI ${facts.sqliteAbi}.`,
    )
  } else {
    notes.push(
      `better-sqlite3 is the Node build (ABI ${facts.nodeAbi}), not Electron's (ABI ${facts.electronAbi}): ${facts.sqliteBuild.reason ?? 'no reason was recorded'}. ` +
        'Electron-ABI packaging is checked only where that build exists.',
    )
  }

  // The fuses, read back from the executable after electron-builder flipped them.
  if (!facts.fuses) problems.push('The executable has no fuse wire to read; the fuses could not be checked.')
  else {
    for (const [name, wanted] of Object.entries(REQUIRED_FUSES)) {
      const actual = facts.fuses[name]
      if (actual !== wanted)
        problems.push(
          `The fuse ${name} is ${actual === undefined ? 'not set' : actual ? 'on' : 'off'} in the executable; it must be ${wanted ? 'on' : 'off'}.`,
        )
    }
  }
  return { problems, notes }
}

/**
 * Sizes for the report: the archive's packed and unpacked totals and its largest files.
 * @param {PackageEntry[]} entries
 * @param {number} [count]
 * @returns {{ packed: number, unpacked: number, largest: PackageEntry[] }}
 */
export function packageSizes(entries, count = 10) {
  let packed = 0
  let unpacked = 0
  for (const entry of entries) {
    if (entry.unpacked) unpacked += entry.size
    else packed += entry.size
  }
  return { packed, unpacked, largest: [...entries].sort((a, b) => b.size - a.size).slice(0, count) }
}
