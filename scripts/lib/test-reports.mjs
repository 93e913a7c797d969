// Reads the JSON reports Vitest and Playwright write and totals them; CI reads only our closing line.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

/** Totals of every test that ran, from reports/vitest.json and reports/playwright.json. */
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

/** The closing line, e.g. `212 passed, 0 failed`. */
export const summaryLine = ({ passed, failed }) => `${passed} passed, ${failed} failed`
