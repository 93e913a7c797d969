/** Counts of tests; `failed` also counts steps that failed without a failed test. */
export interface Totals {
  passed: number
  failed: number
  skipped: number
}
/** The file `npm test` leaves its totals in, inside the reports folder. */
export const TOTALS_FILE: string
/** Totals of every test that ran, from reports/vitest.json and reports/playwright.json. */
export function totalTests(reportsDir: string): Totals
/** `npm test`'s totals: the reports plus one failure for a failed build and one for a crash without failed tests. */
export function testRunTotals(reportsDir: string, exitCodes: { unit: number; build: number; e2e: number }): Totals
/** Saves `npm test`'s totals for ci-summary. */
export function writeTotals(reportsDir: string, totals: Totals): void
/** CI's totals: `npm test`'s own when present, else the reports; plus the failed CI steps. */
export function ciTotals(reportsDir: string, options: { testsRc: number; failedSteps: number }): Totals
/** The closing line, e.g. `212 passed, 0 failed`. */
export function summaryLine(totals: Pick<Totals, 'passed' | 'failed'>): string
