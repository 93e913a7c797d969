import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../browser/static-files'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const directives = (policy: string) => policy.split(';').map((part) => part.trim()).filter(Boolean)

/** The policy of the page's meta tag, which is what the desktop app runs under. */
function pagePolicy(): string {
  const html = readFileSync(join(repo, 'src-renderer', 'index.html'), 'utf8')
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
  if (!policy) throw new Error('index.html has no CSP meta tag')
  return policy
}

describe('the Content-Security-Policy', () => {
  it('allows no inline styles or scripts, nor eval, in the page', () => {
    expect(pagePolicy()).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/)
    expect(directives(pagePolicy())).toEqual(expect.arrayContaining(["style-src 'self'", "script-src 'self'", "object-src 'none'"]))
  })

  it('is the same in the page and in browser mode’s header (which adds only what a meta tag cannot carry)', () => {
    const header = directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors'))
    expect(header).toEqual(directives(pagePolicy()))
  })
})
