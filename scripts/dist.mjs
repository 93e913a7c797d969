// `npm run dist`: builds the app (electron-vite build) and packages it (electron-builder, with any extra
// arguments), then always restores the Node build of better-sqlite3 that electron-builder's npmRebuild replaced
// with an Electron one (scripts/lib/dist-flow.mjs says why).
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runDist } from './lib/dist-flow.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** @type {import('node:child_process').ChildProcess | undefined} */
let current

// Ctrl+C reaches the running step through the terminal; this process stays alive to restore better-sqlite3.
// A SIGTERM sent to this process alone is passed on to the step.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => current?.kill('SIGTERM'))

/** @type {import('./lib/dist-flow.mjs').RunCommand} */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32' && command.endsWith('.cmd'),
    })
    current = child
    child.on('error', (error) => {
      console.error(`ollmchat: could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      current = undefined
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

process.exitCode = await runDist({ root, builderArgs: process.argv.slice(2), env: process.env, run })
