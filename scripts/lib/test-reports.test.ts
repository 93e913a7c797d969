import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ciTotals, summaryLine, testRunTotals, totalTests, writeTotals } from './test-reports.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A reports folder with a Vitest report (and optionally a Playwright one) as the real tools write them. */
function reports(
  vitest: { passed: number; failed: number },
  playwright?: { expected: number; unexpected: number },
): string {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-reports-'))
  dirs.push(dir)
  writeFileSync(
    join(dir, 'vitest.json'),
    JSON.stringify({
      numPassedTests: vitest.passed,
      numFailedTests: vitest.failed,
      numPendingTests: 1,
      numTodoTests: 0,
    }),
  )
  if (playwright)
    writeFileSync(join(dir, 'playwright.json'), JSON.stringify({ stats: { ...playwright, flaky: 0, skipped: 0 } }))
  return dir
}

describe('test totals', () => {
  it('adds up both reports', () => {
    expect(totalTests(reports({ passed: 10, failed: 1 }, { expected: 5, unexpected: 2 }))).toEqual({
      passed: 15,
      failed: 3,
      skipped: 1,
    })
  })

  it('counts a failed build once, and a crashed step once when no test failed', () => {
    expect(testRunTotals(reports({ passed: 10, failed: 2 }), { unit: 1, build: 1, e2e: 1 }).failed).toBe(3)
    expect(testRunTotals(reports({ passed: 10, failed: 0 }), { unit: 0, build: 0, e2e: 1 }).failed).toBe(1)
    expect(
      testRunTotals(reports({ passed: 10, failed: 0 }, { expected: 4, unexpected: 0 }), { unit: 0, build: 0, e2e: 0 })
        .failed,
    ).toBe(0)
  })

  it('gives CI the same count as npm test: 2 failed tests and a failed build are 3 failures in both lines', () => {
    const dir = reports({ passed: 10, failed: 2 })
    const npmTest = testRunTotals(dir, { unit: 1, build: 1, e2e: 1 })
    writeTotals(dir, npmTest)
    const ci = ciTotals(dir, { testsRc: 1, failedSteps: 0 })
    expect(summaryLine(ci)).toBe(summaryLine(npmTest))
    expect(summaryLine(ci)).toBe('10 passed, 3 failed')
  })

  it('adds failed CI steps, and counts a crash of npm test before it wrote its totals', () => {
    const dir = reports({ passed: 10, failed: 0 })
    expect(ciTotals(dir, { testsRc: 1, failedSteps: 2 })).toEqual({ passed: 10, failed: 3, skipped: 1 })
    writeTotals(dir, { passed: 10, failed: 0, skipped: 1 })
    expect(ciTotals(dir, { testsRc: 0, failedSteps: 1 }).failed).toBe(1)
  })
})
