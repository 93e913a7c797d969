// Prints CI's closing line from the test reports. `--failed-steps N` adds checks that failed outside the tests;
// `--tests-rc` is `npm test`'s exit code: a non-zero code with no failed test (a crash) still counts as one.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { summaryLine, totalTests } from './lib/test-reports.mjs'

const { values } = parseArgs({
  options: { 'failed-steps': { type: 'string', default: '0' }, 'tests-rc': { type: 'string', default: '0' } },
})
const totals = totalTests(join(dirname(fileURLToPath(import.meta.url)), '..', 'reports'))
if (values['tests-rc'] !== '0' && totals.failed === 0) totals.failed += 1
totals.failed += Number(values['failed-steps'])
console.log(summaryLine(totals))
