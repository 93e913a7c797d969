// Which better-sqlite3 binary `npm run package:dir` ships. electron-builder's npmRebuild cannot run here: it
// compiles against Electron's headers, which are downloaded from outside the npm registry. So packaging runs
// with npmRebuild off and ships the Electron-ABI build that `npm install` made into node_modules/.ollmchat
// (scripts/lib/electron-sqlite.mjs) when it exists and declares Electron's ABI; otherwise it ships the Node build
// and says why, and the inspection reports the package as not runnable under Electron.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { electronSqliteBindingPath } from '../../src-main/electron/electron-sqlite-location.mjs'
import { hasNodeAbiMarker } from './electron-sqlite.mjs'

/** @typedef {{ build: 'electron', binding: string } | { build: 'node', reason: string }} SqliteChoice */

/**
 * @param {string} root
 * @param {string} electronAbi
 * @returns {SqliteChoice}
 */
export function chooseSqliteBuild(root, electronAbi) {
  const binding = electronSqliteBindingPath(root)
  if (!existsSync(binding)) {
    return {
      build: 'node',
      reason:
        'no Electron-ABI build of better-sqlite3 exists on this machine (`npm install` makes one only where Electron and its headers can be downloaded)',
    }
  }
  if (!hasNodeAbiMarker(readFileSync(binding), electronAbi)) {
    return { build: 'node', reason: `the Electron build in ${binding} does not declare Electron's module ABI ${electronAbi}; run \`npm run postinstall\` again` }
  }
  return { build: 'electron', binding }
}

/**
 * Runs `task` with the file at `target` replaced by `replacement`, then puts the original back byte for byte,
 * also when `task` fails (the tests, `npm run serve` and `npm run demo` load the original).
 * @template T
 * @param {string} target
 * @param {string} replacement
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
export async function withFileReplaced(target, replacement, task) {
  const backupDir = mkdtempSync(join(tmpdir(), 'ollmchat-sqlite-'))
  const backup = join(backupDir, 'original')
  copyFileSync(target, backup)
  try {
    copyFileSync(replacement, target)
    return await task()
  } finally {
    copyFileSync(backup, target)
    rmSync(backupDir, { recursive: true, force: true })
  }
}
