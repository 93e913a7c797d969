// Inspects the package `npm run package:dir` made (dist/linux-unpacked): reads app.asar's header with
// @electron/asar, better-sqlite3's binary from app.asar.unpacked and the fuses from the executable with
// @electron/fuses, then applies the rules of scripts/lib/package-rules.mjs and prints the sizes. Exits 1 when a
// rule fails. Run by .ci/run.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  archiveEntries,
  decodeFuseWire,
  inspectPackage,
  nodeModuleAbi,
  packageSizes,
  SQLITE_BINDING,
} from './lib/package-rules.mjs'

const require = createRequire(import.meta.url)
/** @type {typeof import('@electron/asar')} */
const asar = require('@electron/asar')
/** @type {typeof import('@electron/fuses')} */
const electronFuses = require('@electron/fuses')

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const appOutDir = join(root, 'dist', 'linux-unpacked')
const archive = join(appOutDir, 'resources', 'app.asar')
const recordPath = join(root, 'dist', 'package-dir.json')
if (!existsSync(archive) || !existsSync(recordPath)) {
  console.error(
    'No package to inspect: run `npm run package:dir` first (dist/linux-unpacked/resources/app.asar is missing).',
  )
  process.exit(1)
}
const record = JSON.parse(readFileSync(recordPath, 'utf8'))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))

// The header keeps the size of what electron-builder packed; the afterPack hook (scripts/after-pack-sqlite.mjs)
// may have put another better-sqlite3 build in app.asar.unpacked since, so unpacked files are measured on disk.
const entries = archiveEntries(asar.getRawHeader(archive).header, (path) => {
  const unpackedFile = join(`${archive}.unpacked`, path)
  return existsSync(unpackedFile) ? statSync(unpackedFile).size : undefined
})

// A name is development-only when every package-lock entry of that name is marked dev.
/** @type {Map<string, boolean>} */
const devOnly = new Map()
for (const [key, entry] of Object.entries(lock.packages ?? {})) {
  const name = /** @type {{ name?: string, dev?: boolean }} */ (entry).name ?? key.split('node_modules/').pop()
  if (!name) continue
  devOnly.set(name, (devOnly.get(name) ?? true) && /** @type {{ dev?: boolean }} */ (entry).dev === true)
}
const binding = join(`${archive}.unpacked`, SQLITE_BINDING)
const executable = join(appOutDir, pkg.name)

const verdict = inspectPackage({
  entries,
  main: pkg.main,
  devOnlyPackages: new Set([...devOnly].filter(([, dev]) => dev).map(([name]) => name)),
  lockedPackages: new Set(devOnly.keys()),
  sqliteAbi: existsSync(binding) ? nodeModuleAbi(readFileSync(binding)) : undefined,
  sqliteBuild: record.betterSqlite3,
  electronAbi: record.electronAbi,
  nodeAbi: process.versions.modules,
  fuses: existsSync(executable)
    ? decodeFuseWire(
        await electronFuses.getCurrentFuseWire(executable).catch(() => ({})),
        /** @type {any} */ (electronFuses.FuseV1Options),
      )
    : undefined,
})

const mb = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const sizes = packageSizes(entries)
console.log(
  `Package dist/linux-unpacked (stand-in Electron ${record.electronVersion}): ${entries.length} files, ${mb(sizes.packed)} in app.asar, ${mb(sizes.unpacked)} unpacked.`,
)
console.log(`Largest: ${sizes.largest.map((entry) => `${entry.path} ${mb(entry.size)}`).join('; ')}`)
for (const note of verdict.notes) console.log(`Note: ${note}`)
if (verdict.problems.length > 0) {
  console.error(
    `The package breaks ${verdict.problems.length} rule(s):\n${verdict.problems.map((problem) => `- ${problem}`).join('\n')}`,
  )
  process.exit(1)
}
console.log(
  `Package OK${verdict.notes.length > 0 ? ' (see the note above)' : ''}: app code, runtime dependencies only, better-sqlite3 unpacked, fuses set, no tests, simulator or source maps.`,
)
