// Which better-sqlite3 binary `npm run package:dir` ships, and putting it there. electron-builder's npmRebuild
// cannot run here: it compiles against Electron's headers, which are downloaded from outside the npm registry.
// So packaging runs with npmRebuild off and ships the Electron-ABI build that `npm install` made into
// node_modules/.ollmchat (scripts/lib/electron-sqlite.mjs) when it exists, declares Electron's ABI and was made
// for the package's platform; otherwise it ships the Node build and says why, and the inspection reports the
// package as not runnable under Electron. The chosen binary is written into the package after electron-builder
// has laid it out (the afterPack hook, scripts/after-pack-sqlite.mjs), never into node_modules: the tests,
// `npm run serve` and `npm run demo` load node_modules' Node build, and an interrupted packaging run must not be
// able to leave another one there.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { electronSqliteBindingPath } from '../../src-main/electron/electron-sqlite-location.mjs'
import { hasNodeAbiMarker } from './electron-sqlite.mjs'
import { SQLITE_BINDING } from './package-rules.mjs'

/** @typedef {{ build: 'electron', binding: string } | { build: 'node', reason: string }} SqliteChoice */
/** @typedef {{ platform: string, arch: string }} PackageTarget */

/** Where the hook records its choice, in electron-builder's output folder, for scripts/package-dir.mjs. */
export const SQLITE_CHOICE_FILE = 'package-sqlite.json'

/**
 * The Electron version and module ABI of the Electron package installed under `root`.
 * @param {string} root
 * @returns {{ electronVersion: string, electronAbi: string }}
 */
export function installedElectron(root) {
  const electronDir = join(root, 'node_modules', 'electron')
  return {
    electronVersion: JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version,
    electronAbi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
  }
}

/**
 * @param {string} root
 * @param {string} electronAbi
 * @param {PackageTarget} [target] the package's platform and arch; the Electron build is made for this machine's
 * @returns {SqliteChoice}
 */
export function chooseSqliteBuild(root, electronAbi, target = { platform: process.platform, arch: process.arch }) {
  const binding = electronSqliteBindingPath(root)
  if (!existsSync(binding)) {
    return {
      build: 'node',
      reason:
        'no Electron-ABI build of better-sqlite3 exists on this machine (`npm install` makes one only where Electron and its headers can be downloaded)',
    }
  }
  if (target.platform !== process.platform || target.arch !== process.arch) {
    return {
      build: 'node',
      reason: `the Electron build in ${binding} is for ${process.platform}-${process.arch}, but the package is for ${target.platform}-${target.arch}`,
    }
  }
  if (!hasNodeAbiMarker(readFileSync(binding), electronAbi)) {
    return {
      build: 'node',
      reason: `the Electron build in ${binding} does not declare Electron's module ABI ${electronAbi}; run \`npm run postinstall\` again`,
    }
  }
  return { build: 'electron', binding }
}

/**
 * Puts the chosen better-sqlite3 binary into a laid-out package (`appOutDir`, before the fuses are flipped) and
 * records the choice in `outDir`. The Node build is already there: electron-builder copied node_modules' one.
 * Throws when the package has no unpacked better-sqlite3 binary to replace.
 * @param {object} options
 * @param {string} options.projectDir the app root whose node_modules electron-builder packaged
 * @param {string} options.resourcesDir the package's resources folder (the one holding app.asar)
 * @param {string} options.outDir electron-builder's output folder
 * @param {PackageTarget} options.target
 * @returns {SqliteChoice}
 */
export function placeSqliteBuild({ projectDir, resourcesDir, outDir, target }) {
  const packaged = join(resourcesDir, 'app.asar.unpacked', SQLITE_BINDING)
  if (!existsSync(packaged)) {
    throw new Error(
      `The package has no unpacked better-sqlite3 binary at ${packaged}; check asarUnpack in electron-builder.yml.`,
    )
  }
  const choice = chooseSqliteBuild(projectDir, installedElectron(projectDir).electronAbi, target)
  if (choice.build === 'electron') copyFileSync(choice.binding, packaged)
  writeFileSync(join(outDir, SQLITE_CHOICE_FILE), `${JSON.stringify(choice, null, 2)}\n`)
  return choice
}
