// Prints CI's closing line. It repeats `npm test`'s totals (reports/totals.json) when there are any, else counts
// the test reports. `--failed-steps N` adds checks that failed outside the tests; `--tests-rc` is `npm test`'s
// exit code: a non-zero code with no failure counted (a crash before totals were written) still counts as one.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ciTotals, summaryLine } from './lib/test-reports.mjs'

const { values } = parseArgs({
  options: { 'failed-steps': { type: 'string', default: '0' }, 'tests-rc': { type: 'string', default: '0' } },
})
const reports = join(dirname(fileURLToPath(import.meta.url)), '..', 'reports')
const totals = ciTotals(reports, { testsRc: Number(values['tests-rc']), failedSteps: Number(values['failed-steps']) })
console.log(summaryLine(totals))
