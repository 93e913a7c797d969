import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { FakeProtocol, fetchFileStandIn } from '../test-support/fake-electron-app'
import { APP_PAGE_URL, handleAppProtocol, resolveAppFile } from './app-protocol'

// A built app as it lies on disk: the renderer folder, with a secret and the app's own files beside it.
const base = mkdtempSync(join(tmpdir(), 'ollmchat-app-protocol-'))
const rendererDir = join(base, 'out', 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ollmchat</title>')
writeFileSync(join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)')
writeFileSync(join(rendererDir, 'assets', 'a b.css'), 'body{}')
writeFileSync(join(base, 'out', 'main.js'), 'secret main')
writeFileSync(join(base, 'package.json'), '{"secret":true}')
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveAppFile', () => {
  it('maps app://ollmchat/ paths to files of the renderer folder, / to index.html', () => {
    expect(resolveAppFile(rendererDir, APP_PAGE_URL)).toBe(join(rendererDir, 'index.html'))
    expect(resolveAppFile(rendererDir, 'app://ollmchat/')).toBe(join(rendererDir, 'index.html'))
    expect(resolveAppFile(rendererDir, 'app://ollmchat/assets/index-1.js?v=2#x')).toBe(
      join(rendererDir, 'assets', 'index-1.js'),
    )
    expect(resolveAppFile(rendererDir, 'app://ollmchat/assets/a%20b.css')).toBe(join(rendererDir, 'assets', 'a b.css'))
  })

  it.each([
    'app://ollmchat/..%2fmain.js',
    'app://ollmchat/assets/..%2F..%2Fmain.js',
    'app://ollmchat/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://ollmchat/..%5c..%5cpackage.json',
    'app://ollmchat/%2e%2e',
    'app://ollmchat/index.html%00.png',
    'app://ollmchat/%E0%A4%A',
    'app://evil/index.html',
    'app://ollmchat.evil/index.html',
    'file:///etc/passwd',
    'https://ollmchat/index.html',
    'not a url',
  ])('refuses %j', (url) => {
    const file = resolveAppFile(rendererDir, url)
    // Where a platform reads `%5c` as a plain character, the name stays inside the folder; it must never leave it.
    if (file !== undefined) expect(file.startsWith(join(rendererDir, ''))).toBe(true)
    if (!url.includes('%5c')) expect(file).toBeUndefined()
  })
})

describe('handleAppProtocol', () => {
  function serve() {
    const protocol = new FakeProtocol()
    const log = createMemoryLogger()
    handleAppProtocol({ protocol, rendererDir, fetchFile: fetchFileStandIn, log })
    return { protocol, log }
  }

  it('serves the page and its assets', async () => {
    const { protocol } = serve()
    const page = await protocol.fetch(APP_PAGE_URL)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>ollmchat</title>')
    expect(await (await protocol.fetch('app://ollmchat/assets/index-1.js')).text()).toBe('console.log(1)')
  })

  it('answers 404 for a missing file and for every path that climbs out of the folder, and logs the climbs', async () => {
    const { protocol, log } = serve()
    expect((await protocol.fetch('app://ollmchat/nope.js')).status).toBe(404)
    expect((await protocol.fetch('app://ollmchat/assets')).status).toBe(404)
    for (const url of [
      'app://ollmchat/..%2fmain.js',
      'app://ollmchat/..%2f..%2fpackage.json',
      'app://other/index.html',
    ]) {
      const response = await protocol.fetch(url)
      expect(response.status, url).toBe(404)
      expect(await response.text()).toBe('')
    }
    expect(log.lines.filter((line) => line.message === 'refused an app: request outside the app')).toHaveLength(3)
  })

  it('answers only GET and HEAD', async () => {
    const { protocol } = serve()
    expect((await protocol.fetch(APP_PAGE_URL, 'POST')).status).toBe(405)
    expect((await protocol.fetch(APP_PAGE_URL, 'HEAD')).status).toBe(200)
  })
})
