// Where better-sqlite3 built for Electron's ABI lives under the app root: `npm install` builds it there
// (scripts/postinstall.mjs through scripts/lib/electron-sqlite.mjs) and the unpackaged desktop app loads it from
// there (native-sqlite.ts). Plain JavaScript with JSDoc types, type-checked with checkJs, because the postinstall
// runs in plain Node before any TypeScript tooling and both sides must read this one definition.
import { join } from 'node:path'

/** The Electron build's folder under the app root, kept apart from the Node build the tests load. */
export const ELECTRON_SQLITE_DIR = ['node_modules', '.ollmchat', 'electron-sqlite']
const BINDING = ['better-sqlite3', 'build', 'Release', 'better_sqlite3.node']

/**
 * Where the Electron build's binary ends up under `root`.
 * @param {string} root
 * @returns {string}
 */
export function electronSqliteBindingPath(root) {
  return join(root, ...ELECTRON_SQLITE_DIR, ...BINDING)
}
