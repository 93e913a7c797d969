// `npm test`: unit and integration tests (Vitest), then the end-to-end tests (Playwright in Debian's Chromium
// against the browser mode and the Ollama simulator). Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { summaryLine, totalTests } from './lib/test-reports.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reports = join(root, 'reports')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1

rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const unit = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`])
const build = run(bin('vite'), ['build', '--logLevel', 'warn'])
const e2e = build === 0
  ? run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') })
  : 1

const totals = totalTests(reports)
// A step that failed without reporting a test (a crash, a failed build) still counts as a failure.
if (build !== 0) totals.failed += 1
if ((unit !== 0 || e2e !== 0) && totals.failed === 0) totals.failed += 1
console.log(summaryLine(totals))
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0)
