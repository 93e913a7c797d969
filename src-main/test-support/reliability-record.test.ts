// recordReliability writes each row with the result of the test that declared it: a failing test's row says failed,
// a test that skips itself says skipped. The rows are caught here instead of written, so these deliberate failures
// never reach docs/reliability.md. The tests run in order; the last one reads what the others wrote.
import { describe, expect, it, vi } from 'vitest'
import type { ReliabilityRecord } from '../../src-shared/reliability-record'
import { recordReliability } from './reliability-record'
import type * as rows from './reliability-rows'
import { reliabilityRow, type TestOutcome } from './reliability-rows'

const written = vi.hoisted(() => [] as { check: string; outcome: string }[])
vi.mock('./reliability-rows', async (importOriginal) => ({
  ...(await importOriginal<typeof rows>()),
  writeReliabilityRow: (declared: { check: string }, outcome: string) =>
    void written.push({ check: declared.check, outcome }),
}))

const declare = (check: string) => recordReliability({ topic: 'Self-test', check, cases: 3 })

describe('recordReliability', () => {
  it('a passing test', () => {
    declare('passes')
    expect(1).toBe(1)
  })

  it.fails('a failing test', () => {
    declare('fails')
    expect(1).toBe(2)
  })

  it('a test that skips itself', (context) => {
    declare('skips')
    context.skip('skipped on purpose: this self-test checks that a skipped test writes its row as skipped')
  })

  it('wrote each row once its test ended, with its result', () => {
    expect(written).toEqual([
      { check: 'passes', outcome: 'passed' },
      { check: 'fails', outcome: 'failed' },
      { check: 'skips', outcome: 'skipped' },
    ])
  })

  it('counts every case of a failed test as failed and of a skipped one as skipped', () => {
    const row = (outcome: TestOutcome): Pick<ReliabilityRecord, 'cases' | 'failed' | 'skipped'> =>
      reliabilityRow({ topic: 'T', check: 'c', cases: 3 }, outcome)
    expect([row('passed'), row('failed'), row('skipped')]).toMatchObject([
      { cases: 3, failed: 0, skipped: 0 },
      { cases: 3, failed: 3, skipped: 0 },
      { cases: 3, failed: 0, skipped: 3 },
    ])
  })

  // While the file is collected no test runs, as in an afterAll: a row declared there would never get a result.
  let outsideATest: unknown = null
  try {
    declare('outside a test')
  } catch (error) {
    outsideATest = error
  }
  it('refuses to be called outside a running test, where no result would ever reach the row', () => {
    expect(outsideATest).toBeInstanceOf(Error)
    expect(written.map((row) => row.check)).not.toContain('outside a test')
  })
})
