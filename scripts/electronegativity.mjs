// Runs @doyensec/electronegativity over the built app (out/, after `npx electron-vite build`) and fails on any
// finding docs/security.md does not explain, or on an explanation no finding needs any more. It works offline:
// the Electron version is given (not looked up), and its failed look-up of Electron's releases is only a notice.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compareFindings, explainedFindings, parseFindings } from './lib/electronegativity-findings.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (!existsSync(join(root, 'out', 'main', 'main.js'))) {
  console.error('electronegativity: out/ is missing; run `npx electron-vite build` first.')
  process.exit(1)
}
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const scratch = mkdtempSync(join(tmpdir(), 'ollmchat-electronegativity-'))
const report = join(scratch, 'findings.csv')
try {
  const bin = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
  )
  const run = spawnSync(bin, ['-i', join(root, 'out'), '-e', electronVersion, '-r', '-v', 'false', '-o', report], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  })
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`electronegativity did not finish (exit ${run.status}):\n${run.stderr}${run.stdout}`)
    process.exit(1)
  }
  const findings = parseFindings(readFileSync(report, 'utf8'))
  const explained = explainedFindings(readFileSync(join(root, 'docs', 'security.md'), 'utf8'))
  const { unexplained, stale } = compareFindings(findings, explained)
  for (const finding of findings) {
    const mark = unexplained.includes(finding) ? 'UNEXPLAINED' : 'explained'
    console.log(
      `${mark.padEnd(11)} ${finding.check} ${finding.severity}/${finding.confidence} ${finding.file}:${finding.location}`,
    )
  }
  for (const entry of stale)
    console.log(`STALE       ${entry.check} ${entry.file}: docs/security.md explains a finding that no longer occurs`)
  if (unexplained.length > 0 || stale.length > 0) {
    console.error(
      `electronegativity: ${unexplained.length} unexplained finding(s), ${stale.length} stale explanation(s); see docs/security.md`,
    )
    process.exit(1)
  }
  console.log(`electronegativity: ${findings.length} finding(s), all explained in docs/security.md`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
