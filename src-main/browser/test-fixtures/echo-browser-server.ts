import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Channel } from '../../../src-shared/ipc/contract'
import { ok } from '../../../src-shared/ipc/result'
import type { Core } from '../../core/core-types'
import { createCoreEvents } from '../../core/events'
import { silentLogger } from '../../core/log'
import { startBrowserServer, type BrowserServer } from '../browser-server'
import { sessionCookieName } from '../session-auth'

/** Set-up shared by the browser-server tests: a server over an echoing core, and a raw HTTP client to call it. */

export const TOKEN = 'test-token-0123456789'

export type EchoCore = Core & { calls: { channel: Channel; input: unknown }[] }

/** A stand-in core that echoes what it was asked, so the tests see exactly what crossed the transport. */
export function echoCore(): EchoCore {
  const calls: { channel: Channel; input: unknown }[] = []
  return {
    calls,
    events: createCoreEvents(),
    dispatch: async (channel, input) => {
      calls.push({ channel, input })
      return ok({ echoed: input }) as never
    },
    open: () => {},
    start: () => {},
    stop: async () => {},
  }
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP so the tests control Host, Origin and Cookie headers exactly (fetch forbids setting some). */
export function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

export interface EchoServer {
  server: BrowserServer
  core: EchoCore
  rendererDir: string
  /** The session cookie; its name carries the port, which is known only once the server listens. */
  cookie: { cookie: string }
  /** What the renderer's transport sends with every RPC call. */
  rpcHeaders: Record<string, string>
}

/**
 * A browser-mode server over a fresh echoing core and a renderer folder holding only `index.html`, with a file
 * beside that folder for the traversal test to reach for.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'ollmchat-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ollmchat</title>')
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret')
  const core = echoCore()
  const server = await startBrowserServer({ core, rendererDir, token: TOKEN, log: silentLogger })
  const cookie = { cookie: `${sessionCookieName(server.port)}=${TOKEN}` }
  const rpcHeaders = { ...cookie, 'x-ollmchat': '1', 'content-type': 'application/json' }
  return { server, core, rendererDir, cookie, rpcHeaders }
}
