// Reads the JSON reports Vitest and Playwright write and totals them; CI reads only our closing line. `npm test`
// writes its final totals to reports/totals.json so CI's line repeats them instead of counting again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Counts of tests; `failed` also counts steps that failed without a failed test.
 * @typedef {{ passed: number, failed: number, skipped: number }} Totals
 */

/** A JSON report's contents (the fields read here are those Vitest's and Playwright's reporters write), or null. */
const read = (/** @type {string} */ file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

/** The file `npm test` leaves its totals in, inside the reports folder. */
export const TOTALS_FILE = 'totals.json'

/**
 * Totals of every test that ran, from reports/vitest.json and reports/playwright.json.
 * @param {string} reportsDir
 * @returns {Totals}
 */
export function totalTests(reportsDir) {
  const vitest = read(join(reportsDir, 'vitest.json'))
  const playwright = read(join(reportsDir, 'playwright.json'))
  const totals = { passed: 0, failed: 0, skipped: 0 }
  if (vitest) {
    totals.passed += vitest.numPassedTests
    totals.failed += vitest.numFailedTests
    totals.skipped += vitest.numPendingTests + vitest.numTodoTests
  }
  if (playwright) {
    totals.passed += playwright.stats.expected + playwright.stats.flaky
    totals.failed += playwright.stats.unexpected
    totals.skipped += playwright.stats.skipped
  }
  return totals
}

/**
 * `npm test`'s totals from the reports and its steps' exit codes: a failed build counts as one failure, and a
 * test step that failed without reporting a failed test (a crash) counts as one.
 * @param {string} reportsDir
 * @param {{ unit: number, build: number, e2e: number }} exitCodes
 * @returns {Totals}
 */
export function testRunTotals(reportsDir, { unit, build, e2e }) {
  const totals = totalTests(reportsDir)
  if (build !== 0) totals.failed += 1
  if ((unit !== 0 || e2e !== 0) && totals.failed === 0) totals.failed += 1
  return totals
}

/**
 * Saves `npm test`'s totals for ci-summary.
 * @param {string} reportsDir
 * @param {Totals} totals
 */
export function writeTotals(reportsDir, totals) {
  writeFileSync(join(reportsDir, TOTALS_FILE), `${JSON.stringify(totals)}\n`)
}

/**
 * CI's totals: `npm test`'s own when it wrote them (so both lines agree), else the reports; a non-zero `testsRc`
 * with no failure counted still counts as one, and each of `failedSteps` (checks outside the tests) as one more.
 * @param {string} reportsDir
 * @param {{ testsRc: number, failedSteps: number }} options
 * @returns {Totals}
 */
export function ciTotals(reportsDir, { testsRc, failedSteps }) {
  /** @type {Totals} */
  const totals = read(join(reportsDir, TOTALS_FILE)) ?? totalTests(reportsDir)
  if (testsRc !== 0 && totals.failed === 0) totals.failed += 1
  totals.failed += failedSteps
  return totals
}

/** The closing line, e.g. `212 passed, 0 failed`. */
export const summaryLine = (/** @type {Pick<Totals, 'passed' | 'failed'>} */ { passed, failed }) =>
  `${passed} passed, ${failed} failed`
