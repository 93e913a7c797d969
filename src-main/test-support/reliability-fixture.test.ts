// The Playwright fixture (e2e/fixtures/reliability.ts) writes each row with its test's result: Playwright runs
// e2e/reliability-selftest, whose tests pass, fail and skip on purpose, into a folder of its own.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const recordsDir = mkdtempSync(join(tmpdir(), 'ollmchat-reliability-fixture-'))
afterAll(() => rmSync(recordsDir, { recursive: true, force: true }))

it('writes a row for each test once it ended: passed, failed or skipped', { timeout: 60_000 }, () => {
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'playwright'),
    ['test', '--config', join(root, 'e2e', 'reliability-selftest', 'playwright.config.ts')],
    { cwd: root, encoding: 'utf8', env: { ...process.env, OLLMCHAT_RELIABILITY_RECORDS: recordsDir } },
  )
  expect(run.status, run.stdout + run.stderr).toBe(0)
  const rows = readFileSync(join(recordsDir, 'self-test.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
  expect(rows).toEqual([
    { topic: 'Self-test', check: 'passes', cases: 2, failed: 0, skipped: 0 },
    { topic: 'Self-test', check: 'fails', cases: 2, failed: 2, skipped: 0 },
    { topic: 'Self-test', check: 'skips', cases: 2, failed: 0, skipped: 2 },
  ])
})
