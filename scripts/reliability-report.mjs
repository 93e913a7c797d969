// Turns the rows the tests recorded (reports/reliability/*.ndjson, written by
// src-main/test-support/reliability-rows.ts when each test ends) into docs/reliability.md: one table per topic, rows
// with the same topic and check summed, everything sorted so the same test run always gives the same file.
//
//   node scripts/reliability-report.mjs [--check] [--tests-failed] [--records <dir>] [--out <file>]
//
// With --check it exits 1 when a check failed or was skipped in this run (fix the test; the report must not be
// committed like that), when the file was not committed yet, or when it differs from the one that was there (`npm
// test` counts that as a failure, so the committed report cannot drift from what the tests really check).
// --tests-failed (given by `npm test` when a test step failed) says rows may be missing, as a test that fails before
// it starts (in a hook) or a crashed worker writes none.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * @import { ReliabilityRecord } from '../src-shared/reliability-record.ts'
 * @typedef {{ topic: string, rows: ReliabilityRecord[], cases: number, failed: number, skipped: number }} ReliabilityTable
 * @typedef {Pick<ReliabilityRecord, 'cases' | 'failed' | 'skipped'>} Counts
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Reads every row of every `.ndjson` file in `dir` (none when the folder is missing). A row that is not a record
 * stops the report with a sentence naming the file and line: a report built around a broken row would lie.
 * @param {string} dir
 * @returns {ReliabilityRecord[]}
 */
export function readRecords(dir) {
  if (!existsSync(dir)) return []
  /** @type {ReliabilityRecord[]} */
  const records = []
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.ndjson'))
    .sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n')
    lines.forEach((line, index) => {
      if (line.trim() === '') return
      const record = parseRecord(line)
      if (!record)
        throw new Error(`Line ${index + 1} of ${join(dir, name)} is not a reliability record: ${line.slice(0, 200)}`)
      records.push(record)
    })
  }
  return records
}

/**
 * @param {string} line
 * @returns {ReliabilityRecord | null}
 */
function parseRecord(line) {
  let value
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  const count = (/** @type {unknown} */ n) => Number.isInteger(n) && /** @type {number} */ (n) >= 0
  if (typeof value !== 'object' || value === null) return null
  const { topic, check, cases, failed, skipped } = value
  if (typeof topic !== 'string' || topic === '' || typeof check !== 'string' || check === '') return null
  if (!count(cases) || !count(failed) || !count(skipped) || failed + skipped > cases) return null
  return { topic, check, cases, failed, skipped }
}

/** Code-unit order, ignoring case first: the same on every machine, whatever its locale. */
const byText = (/** @type {string} */ a, /** @type {string} */ b) =>
  compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b)
const compare = (/** @type {string} */ a, /** @type {string} */ b) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * One table per topic, topics and checks in alphabetical order, rows with the same topic and check summed.
 * @param {ReliabilityRecord[]} records
 * @returns {ReliabilityTable[]}
 */
export function aggregate(records) {
  /** @type {Map<string, Map<string, ReliabilityRecord>>} */
  const topics = new Map()
  for (const { topic, check, cases, failed, skipped } of records) {
    const checks = topics.get(topic) ?? new Map()
    topics.set(topic, checks)
    const row = checks.get(check) ?? { topic, check, cases: 0, failed: 0, skipped: 0 }
    row.cases += cases
    row.failed += failed
    row.skipped += skipped
    checks.set(check, row)
  }
  return [...topics.keys()].sort(byText).map((topic) => {
    const checks = /** @type {Map<string, ReliabilityRecord>} */ (topics.get(topic))
    const rows = [...checks.keys()].sort(byText).map((check) => /** @type {ReliabilityRecord} */ (checks.get(check)))
    return { topic, rows, cases: sum(rows, 'cases'), failed: sum(rows, 'failed'), skipped: sum(rows, 'skipped') }
  })
}

/**
 * @param {Counts[]} rows
 * @param {keyof Counts} key
 */
const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0)

const number = (/** @type {number} */ n) => n.toLocaleString('en-US')
const cell = (/** @type {string} */ text) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ')
/** "passed", or in bold how many of the cases failed or were skipped: a row that did not pass must stand out. */
const result = (/** @type {Counts} */ { cases, failed, skipped }) => {
  if (failed === 0 && skipped === 0) return 'passed'
  const [first, rest] =
    failed > 0
      ? [`${number(failed)} of ${number(cases)} failed`, skipped > 0 ? `, ${number(skipped)} skipped` : '']
      : [`${number(skipped)} of ${number(cases)} skipped`, '']
  return `**${first}${rest}**`
}

/**
 * The whole of docs/reliability.md.
 * @param {ReliabilityRecord[]} records
 * @returns {string}
 */
export function renderReport(records) {
  const tables = aggregate(records)
  const checks = tables.reduce((total, table) => total + table.rows.length, 0)
  const cases = sum(tables, 'cases')
  const failed = sum(tables, 'failed')
  const skipped = sum(tables, 'skipped')
  const lines = [
    '# Reliability: what the tests check',
    '',
    '<!-- Generated by `npm test` (scripts/reliability-report.mjs); do not edit by hand. -->',
    '',
    'This file is generated by `npm test` and must not be edited by hand: each row below was written by the test',
    'that ran it, with its result, when it ended (`recordReliability` in `src-main/test-support/reliability-record.ts`',
    'and `e2e/fixtures/reliability.ts`), and `npm test` fails when this file differs from what the run produced, so',
    'commit the file it writes once every check in it passed.',
    '',
    `In all: ${number(checks)} checks, ${number(cases)} cases, ${failed === 0 ? 'none failed' : `**${number(failed)} failed**`}${skipped === 0 ? '' : `, **${number(skipped)} skipped**`}.`,
  ]
  for (const table of tables) {
    lines.push('', `## ${table.topic}`, '', '| Check | Cases | Result |', '| --- | ---: | --- |')
    for (const row of table.rows) lines.push(`| ${cell(row.check)} | ${number(row.cases)} | ${result(row)} |`)
    lines.push(`| **Total** | **${number(table.cases)}** | ${result(table)} |`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * Writes the report and says how it compares with the file that was there, and how many checks did not pass.
 * @param {{ recordsDir: string, outFile: string }} paths
 * @returns {RunSummary}
 */
export function writeReport({ recordsDir, outFile }) {
  const records = readRecords(recordsDir)
  const text = renderReport(records)
  const before = existsSync(outFile) ? readFileSync(outFile, 'utf8') : null
  mkdirSync(dirname(outFile), { recursive: true })
  writeFileSync(outFile, text)
  const rows = aggregate(records).flatMap((table) => table.rows)
  return {
    file: before === null ? 'missing' : before === text ? 'same' : 'changed',
    failedChecks: rows.filter((row) => row.failed > 0).length,
    skippedChecks: rows.filter((row) => row.skipped > 0).length,
  }
}

/**
 * @typedef {{ file: 'missing' | 'same' | 'changed', failedChecks: number, skippedChecks: number }} RunSummary
 * @typedef {{ exitCode: 0 | 1, message: string }} Verdict
 */

const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) =>
  `${number(n)} ${n === 1 ? one : many}`

/**
 * What `--check` says about a run, in the order a person must act on it: a check that failed or was skipped is fixed
 * in the test (committing the report would record the failure as the new truth); a run whose tests failed elsewhere
 * may have lost rows; only a clean run's different or missing report is for committing.
 * @param {RunSummary & { shown: string, testsFailed: boolean }} run
 * @returns {Verdict}
 */
export function checkVerdict({ file, failedChecks, skippedChecks, shown, testsFailed }) {
  if (failedChecks > 0 || skippedChecks > 0) {
    const counts = [
      ...(failedChecks > 0 ? [`${plural(failedChecks, 'check', 'checks')} failed`] : []),
      ...(skippedChecks > 0 ? [`${plural(skippedChecks, 'check was', 'checks were')} skipped`] : []),
    ].join(' and ')
    return {
      exitCode: 1,
      message: `ollmchat: ${counts} in this run (marked in ${shown}). Fix the tests and run npm test again; do not commit ${shown} like this.`,
    }
  }
  if (file === 'same') return { exitCode: 0, message: `ollmchat: ${shown} is up to date with what the tests checked.` }
  if (testsFailed) {
    return {
      exitCode: 1,
      message: `ollmchat: ${shown} ${file === 'missing' ? 'is not committed yet' : 'differs from what the tests checked'}, but tests failed in this run, so rows may be missing. Fix the failing tests and run npm test again; do not commit ${shown} now.`,
    }
  }
  if (file === 'missing')
    return { exitCode: 1, message: `ollmchat: ${shown} is not committed yet: commit the file npm test wrote.` }
  return {
    exitCode: 1,
    message: `ollmchat: the counts in ${shown} changed in this run, and every check passed. Look at the difference (git diff ${shown}) and commit the file.`,
  }
}

/** @param {string[]} args */
function main(args) {
  const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const value = args.includes(name) ? args[args.indexOf(name) + 1] : undefined
    return value ?? fallback
  }
  const recordsDir = option('--records', join(root, 'reports', 'reliability'))
  const outFile = option('--out', join(root, 'docs', 'reliability.md'))
  const summary = writeReport({ recordsDir, outFile })
  const shown = relative(process.cwd(), outFile) || outFile
  if (!args.includes('--check')) {
    console.log(`ollmchat: wrote ${shown}.`)
    return 0
  }
  const { exitCode, message } = checkVerdict({ ...summary, shown, testsFailed: args.includes('--tests-failed') })
  ;(exitCode === 0 ? console.log : console.error)(message)
  return exitCode
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2))
