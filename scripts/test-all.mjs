// `npm test`: unit and integration tests (Vitest), then the end-to-end tests (Playwright in Debian's Chromium
// against the browser mode and the Ollama simulator). Ends with one line: `N passed, N failed`, and leaves the
// same totals in reports/totals.json for CI's summary. Also writes docs/reliability.md (scripts/reliability-report.mjs).
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { summaryLine, testRunTotals, writeTotals } from './lib/test-reports.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reports = join(root, 'reports')
const bin = (/** @type {string} */ name) =>
  join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
/** @type {(command: string, args: string[], env?: Record<string, string>) => number} */
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1

rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const unit = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reports, 'vitest.json')}`,
])
// Always built, so the end-to-end tests check the window in the working tree, whatever out/ holds.
const build = run(bin('vite'), ['build', '--logLevel', 'warn'])
const e2e =
  build === 0
    ? run(bin('playwright'), ['test', '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json'),
      })
    : 1

// docs/reliability.md from the rows the tests just recorded; a committed report that no longer matches them counts
// as one failure, like a failed build, so the report cannot drift from what the tests check. Told when a step failed,
// so it does not invite committing a report that lost the rows of tests that never got to write them.
const testsFailed = unit !== 0 || build !== 0 || e2e !== 0 ? ['--tests-failed'] : []
const reliabilityReport = run(process.execPath, [
  join(root, 'scripts', 'reliability-report.mjs'),
  '--check',
  ...testsFailed,
])

const totals = testRunTotals(reports, { unit, build, e2e })
if (reliabilityReport !== 0) totals.failed += 1
writeTotals(reports, totals)
console.log(summaryLine(totals))
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0)
