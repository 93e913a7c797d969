// One test per result the fixture must tell apart; none opens a page, so no browser starts. The rows they write are
// read back by src-main/test-support/reliability-fixture.test.ts.
import { expect, test } from '../fixtures/reliability'

const declare = (check: string) => ({ topic: 'Self-test', check, cases: 2 })

test('passes', ({ recordReliability }) => {
  recordReliability(declare('passes'))
  expect(1).toBe(1)
})

test('fails', ({ recordReliability }) => {
  // Expected to fail, so the run still passes; testInfo.status is 'failed' all the same.
  test.fail()
  recordReliability(declare('fails'))
  expect(1).toBe(2)
})

test('skips itself', ({ recordReliability }) => {
  recordReliability(declare('skips'))
  test.skip(true, 'skipped on purpose: this self-test checks that a skipped test writes its row as skipped')
})
