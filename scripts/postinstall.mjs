// The root package's postinstall (`npm install` / `npm ci`): downloads Electron and builds better-sqlite3 for it
// when possible, and otherwise says so in one line. It always exits 0: a machine without access to Electron's
// downloads still gets a working install (tests, browser mode).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runPostinstall } from './lib/electron-install.mjs'
import { runStep } from './lib/run-step.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
try {
  await runPostinstall({ root, env: process.env, run: runStep })
} catch (error) {
  console.log(
    `ollmchat: the desktop set-up step was skipped (${error instanceof Error ? error.message : String(error)}).`,
  )
}
process.exitCode = 0
