import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compareFindings, explainedFindings, parseFindings } from './electronegativity-findings.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

// The shape electronegativity 1.10.3 writes: a header with spaces after commas, quoted fields, and samples of
// source code whose quotes are not escaped.
const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","default-src 'self'; style-src 'self'","One or more CSP directives detected seems to be vulnerable",https://example.invalid/a
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/main.js","8576:1","shell.openExternal(safe).catch((error) => {","Review the use of openExternal",https://example.invalid/b
PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/main.js","9:3","preload: join(here, "a,b"),","Review the use of preload scripts",https://example.invalid/c
`

describe('electronegativity findings', () => {
  it('reads the check and file of each finding, whatever quotes its sample holds', () => {
    expect(parseFindings(REPORT)).toEqual([
      { check: 'CSP_GLOBAL_CHECK', severity: 'LOW', confidence: 'FIRM', file: 'renderer/index.html', location: '5:0' },
      {
        check: 'OPEN_EXTERNAL_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'TENTATIVE',
        file: 'main/main.js',
        location: '8576:1',
      },
      { check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/main.js', location: '9:3' },
    ])
    expect(() => parseFindings('not,a,report\n')).toThrow(/not an electronegativity CSV report/)
  })

  it('reports findings without an explanation and explanations without a finding', () => {
    const explained = explainedFindings(
      [
        '| Check | File | Why |',
        '| --- | --- | --- |',
        "| `CSP_GLOBAL_CHECK` | `renderer/index.html` | 'self' serves only our files |",
        '| `AUXCLICK_JS_CHECK` | `main/main.js` | new windows are denied |',
        '| `runAsNode` | off | a fuse table row, not a finding |',
      ].join('\n'),
    )
    expect(explained.map((entry) => entry.check)).toEqual(['CSP_GLOBAL_CHECK', 'AUXCLICK_JS_CHECK'])
    const { unexplained, stale } = compareFindings(parseFindings(REPORT), explained)
    expect(unexplained.map((finding) => finding.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK', 'PRELOAD_JS_CHECK'])
    expect(stale.map((entry) => entry.check)).toEqual(['AUXCLICK_JS_CHECK'])
  })

  it('finds a reason for every finding docs/security.md explains', () => {
    const explained = explainedFindings(readFileSync(join(repo, 'docs', 'security.md'), 'utf8'))
    expect(explained.map((entry) => entry.check)).toEqual([
      'CSP_GLOBAL_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'AUXCLICK_JS_CHECK',
      'PRELOAD_JS_CHECK',
    ])
    for (const entry of explained) expect(entry.reason.length, entry.check).toBeGreaterThan(40)
  })
})
