import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src-shared/content-security-policy'
import { sessionCookieName } from '../../src-main/browser/session-auth'
import { silentLogger } from '../../src-main/core/log'
import { startDevBrowserServer } from './dev-browser-server'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'ollmchat-dev-web-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('the browser mode’s dev server (npm run dev:web)', () => {
  it('serves the page from Vite, with hot reload and the dev-only policy, and the core’s API on the same address', async () => {
    const token = 'dev-token-0123456789'
    const dev = await startDevBrowserServer({
      root,
      dataDir,
      port: 0,
      log: silentLogger,
      env: { OLLAMA_HOST: 'http://127.0.0.1:1' },
      token,
    })
    try {
      const { origin, port } = dev.mode.server
      expect((await fetch(`${origin}/`)).status, 'the page is behind the session like npm run serve').toBe(403)
      const cookie = `${sessionCookieName(port)}=${token}`
      const page = await (await fetch(`${origin}/`, { headers: { cookie } })).text()
      expect(page).toContain('/@vite/client')
      const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'")
      expect(policy).toBe(contentSecurityPolicy({ delivery: 'meta', development: true }))
      const client = await fetch(`${origin}/@vite/client`, { headers: { cookie } })
      expect(client.status).toBe(200)
      const rpc = await fetch(`${origin}/rpc/app:getInfo`, {
        method: 'POST',
        headers: { cookie, 'x-ollmchat': '1' },
        body: '{}',
      })
      expect(await rpc.json()).toMatchObject({ ok: true, value: { mode: 'browser' } })
    } finally {
      await dev.close()
    }
  })
})
