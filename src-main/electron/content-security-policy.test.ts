import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveConfig, type HtmlTagDescriptor, type IndexHtmlTransformContext, type ResolvedConfig } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  DEVELOPMENT_ONLY_SOURCES,
} from '../../src-shared/content-security-policy'
import { SECURITY_HEADERS } from '../browser/static-files'
import { createMemoryLogger } from '../core/log'
import { FakeProtocol, fetchFileStandIn } from '../test-support/fake-electron-app'
import { APP_PAGE_URL, handleAppProtocol } from './app-protocol'

// Every place that states the page's policy, read back and compared with src-shared/content-security-policy.ts.
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const directives = (policy: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
const SHIPPED_META = contentSecurityPolicy({ delivery: 'meta' })

/**
 * The meta tag the renderer's Vite config (vite.config.ts, as electron-vite's renderer uses it too) writes into
 * index.html in a build (`build`) or on the dev server (`serve`).
 */
async function metaPolicyFor(command: ResolvedConfig['command']): Promise<string> {
  const config = await resolveConfig({ configFile: join(repo, 'vite.config.ts'), logLevel: 'silent' }, command)
  const plugin = config.plugins.find((candidate) => candidate.name === 'ollmchat:content-security-policy')
  const transform = plugin?.transformIndexHtml as {
    handler: (html: string, ctx: Partial<IndexHtmlTransformContext>) => HtmlTagDescriptor[]
  }
  const [tag, ...others] = transform.handler(readFileSync(join(repo, 'src-renderer', 'index.html'), 'utf8'), {})
  expect(others).toEqual([])
  expect(tag?.attrs?.['http-equiv']).toBe('Content-Security-Policy')
  return String(tag?.attrs?.['content'])
}

const rendererDir = mkdtempSync(join(tmpdir(), 'ollmchat-csp-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ollmchat</title>')
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }))

describe('the Content-Security-Policy', () => {
  it('allows no inline styles or scripts, nor eval, in what ships', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|ws:/)
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual(
      expect.arrayContaining(["style-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]),
    )
  })

  it('is written nowhere by hand: index.html has no policy of its own, Vite writes it in', () => {
    expect(readFileSync(join(repo, 'src-renderer', 'index.html'), 'utf8')).not.toMatch(
      /default-src|content="[^"]*'self'/,
    )
  })

  it('is the same in a build’s meta tag, browser mode’s header and the desktop app’s app: header', async () => {
    expect(await metaPolicyFor('build')).toBe(SHIPPED_META)
    expect(SECURITY_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    const protocol = new FakeProtocol()
    handleAppProtocol({ protocol, rendererDir, fetchFile: fetchFileStandIn, log: createMemoryLogger() })
    expect((await protocol.fetch(APP_PAGE_URL)).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    // The header adds only what a meta tag cannot carry.
    expect(directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors'))).toEqual(
      directives(SHIPPED_META),
    )
  })

  it('is relaxed on the dev server only, and a build carries none of the relaxation', async () => {
    const development = await metaPolicyFor('serve')
    const build = await metaPolicyFor('build')
    expect(development).toContain("style-src 'self' 'unsafe-inline'")
    expect(development).toMatch(/connect-src 'self' ws:/)
    for (const source of DEVELOPMENT_ONLY_SOURCES) {
      expect(development).toContain(source)
      expect(build).not.toContain(source)
      expect(CONTENT_SECURITY_POLICY).not.toContain(source)
    }
  })
})
