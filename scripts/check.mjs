// `npm run check`: what to run before handing work on, quicker than `npm test` (no build, no browser). Runs every
// step even when one fails, so one run lists everything to fix, and exits 1 when any failed.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (/** @type {string} */ name) =>
  join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

/** @type {{ name: string, command: string, args: string[] }[]} */
const STEPS = [
  { name: 'types', command: bin('tsc'), args: ['-b'] },
  { name: 'lint', command: bin('eslint'), args: ['.'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '.', '--log-level', 'warn'] },
  { name: 'unit tests', command: bin('vitest'), args: ['run'] },
]

/** @type {string[]} */
const failed = []
for (const step of STEPS) {
  console.log(`\n== ${step.name}`)
  const { status } = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' })
  if (status !== 0) failed.push(step.name)
}
console.log(failed.length === 0 ? '\ncheck: all steps passed' : `\ncheck: failed: ${failed.join(', ')}`)
process.exit(failed.length === 0 ? 0 : 1)
