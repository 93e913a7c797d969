// `npm test`: unit and integration tests (Vitest), then the end-to-end tests (Playwright in Debian's Chromium
// against the browser mode and the Ollama simulator). Ends with one line: `N passed, N failed`, and leaves the
// same totals in reports/totals.json for CI's summary.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rendererBuildIsStale } from './lib/renderer-build.mjs'
import { summaryLine, testRunTotals, writeTotals } from './lib/test-reports.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reports = join(root, 'reports')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1

rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const unit = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`])
// CI has usually just built out/ (electron-vite build, same renderer config): rebuild only a stale renderer.
const stale = rendererBuildIsStale(root)
if (!stale) console.log('ollmchat: out/renderer is newer than its sources; the end-to-end tests use it as it is.')
const build = stale ? run(bin('vite'), ['build', '--logLevel', 'warn']) : 0
const e2e = build === 0
  ? run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') })
  : 1

const totals = testRunTotals(reports, { unit, build, e2e })
writeTotals(reports, totals)
console.log(summaryLine(totals))
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0)
